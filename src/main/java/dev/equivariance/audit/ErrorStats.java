package dev.equivariance.audit;

/** Mean and maximum of the absolute and relative errors over the (input, element) pairs of an audit. */
public record ErrorStats(int count, double meanAbsolute, double maxAbsolute, double meanRelative,
                         double maxRelative) {

    /** Accumulates pair errors. */
    static final class Accumulator {
        private int count;
        private double sumAbs;
        private double maxAbs;
        private double sumRel;
        private double maxRel;

        void add(double abs, double rel) {
            count++;
            sumAbs += abs;
            sumRel += rel;
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Double.isNaN(rel) || Double.isNaN(maxRel) ? Double.NaN : Math.max(maxRel, rel);
        }

        ErrorStats result() {
            return count == 0 ? new ErrorStats(0, 0, 0, 0, 0)
                    : new ErrorStats(count, sumAbs / count, maxAbs, sumRel / count, maxRel);
        }
    }
}
