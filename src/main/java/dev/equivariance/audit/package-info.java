/**
 * The audit engine and its value types: the spec ({@code AuditSpec}, {@code Audit}), evaluation with the batch-axis
 * rule, the end-to-end, layer-wise and gradient analyses, the counterexample search, diagnosis of failure modes
 * ({@code Issue}, {@code IssueKind}), the self-check and the finished {@code AuditReport}. Never imports DJL or ND4J.
 */
package dev.equivariance.audit;
