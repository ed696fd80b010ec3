/**
 * The ND4J backend: tensors on INDArrays, adapters for SameDiff graphs (ops as layers), gradients.
 */
package dev.equivariance.backend.nd4j;
