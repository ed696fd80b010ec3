/**
 * Renders an {@code AuditReport}: text (the audit report template), JSON (with its schema) and HTML with plots, and
 * the report files of a run. Depends on the audit's value types only.
 */
package dev.equivariance.report;
