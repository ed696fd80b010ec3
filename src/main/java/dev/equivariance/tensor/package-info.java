/**
 * The backend SPI: the dozen tensor operations the audit needs ({@code Tensor}, {@code TensorBackend}), the model
 * views ({@code AuditedModel}, {@code LayeredModel}, {@code DifferentiableModel}), model adapters and device policy.
 * Backends implement it; the engine uses nothing else of them.
 */
package dev.equivariance.tensor;
