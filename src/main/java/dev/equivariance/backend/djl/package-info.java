/**
 * The DJL backend: tensors on DJL NDArrays (PyTorch engine), adapters for DJL blocks and models, TorchScript
 * modules (layers through an exported {@code intermediates} method) and ONNX models (end to end), gradients.
 */
package dev.equivariance.backend.djl;
