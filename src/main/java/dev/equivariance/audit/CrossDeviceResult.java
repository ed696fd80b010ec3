package dev.equivariance.audit;

/**
 * The same audit run on a second device (CPU against GPU), to catch results that depend on the device: TF32 matrix
 * products, nondeterministic or approximate GPU kernels.
 *
 * @param compared whether the second run happened (false on a machine without a GPU)
 * @param note why it was skipped, or what was compared
 * @param device the audit's own device
 * @param otherDevice the device compared with (empty when skipped)
 * @param maxRelative the audit's largest relative equivariance error on its own device
 * @param otherMaxRelative the same on the other device (NaN when skipped)
 * @param otherVerdict the verdict on the other device (null when skipped)
 * @param outputRelativeGap relative difference of the outputs f(x) between the two devices, Frobenius over all outputs
 * @param outputAbsoluteGap largest absolute difference of the outputs between the two devices
 */
public record CrossDeviceResult(boolean compared, String note, String device, String otherDevice, double maxRelative,
                                double otherMaxRelative, Verdict otherVerdict, double outputRelativeGap,
                                double outputAbsoluteGap) {

    /** A check that did not run, and why. */
    static CrossDeviceResult skipped(String device, String note) {
        return new CrossDeviceResult(false, note, device, "", Double.NaN, Double.NaN, null, Double.NaN, Double.NaN);
    }

    /** How far apart the largest relative errors of the two devices are (NaN when skipped). */
    public double errorDifference() {
        return Math.abs(maxRelative - otherMaxRelative);
    }
}
