/**
 * The AssertJ face: fluent assertions over audits and reports.
 */
package dev.equivariance.assertj;
