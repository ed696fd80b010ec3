package dev.equivariance.search;

import dev.equivariance.group.GroupElement;

/** A group element drawn for an audit, and whether it was an edge case (tested before random ones). */
public record SampledElement(GroupElement element, boolean edgeCase) {
}
