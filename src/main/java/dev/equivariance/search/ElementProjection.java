package dev.equivariance.search;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.ProductElement;
import dev.equivariance.group.ProductGroup;
import dev.equivariance.group.SymmetricGroup;
import dev.equivariance.group.Translation;
import dev.equivariance.group.TranslationGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Carries an element over to the group of a smaller input while shrinking: a permutation of n points to S(k) when
 * it only moves the first k points, a translation to smaller cyclic groups modulo their sizes.
 */
public final class ElementProjection {

    private ElementProjection() {
    }

    /** The element in {@code target}, or empty when it has no counterpart there. */
    public static Optional<GroupElement> project(GroupElement element, Group<?> target) {
        if (target instanceof SymmetricGroup s && element instanceof Permutation p) {
            int k = s.degree();
            int[] idx = p.indices();
            if (k == idx.length) {
                return Optional.of(p);
            }
            if (k > idx.length) {
                int[] grown = Arrays.copyOf(idx, k);
                for (int i = idx.length; i < k; i++) {
                    grown[i] = i;
                }
                return Optional.of(Permutation.of(grown));
            }
            for (int i = 0; i < idx.length; i++) {
                if (i < k ? idx[i] >= k : idx[i] != i) {
                    return Optional.empty();
                }
            }
            return Optional.of(Permutation.of(Arrays.copyOf(idx, k)));
        }
        if (target instanceof TranslationGroup t && element instanceof Translation tr) {
            int[] moduli = t.moduli();
            if (moduli.length != tr.moduli().length) {
                return Optional.empty();
            }
            int[] shifts = new int[moduli.length];
            for (int i = 0; i < shifts.length; i++) {
                shifts[i] = tr.signedShift(i);
            }
            return Optional.of(Translation.of(shifts, moduli));
        }
        if (target instanceof ProductGroup pg && element instanceof ProductElement pe) {
            if (pg.factors().size() != pe.factors().size()) {
                return Optional.empty();
            }
            List<GroupElement> parts = new ArrayList<>();
            for (int i = 0; i < pe.factors().size(); i++) {
                Optional<GroupElement> f = project(pe.factor(i), pg.factors().get(i));
                if (f.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(f.get());
            }
            return Optional.of(ProductElement.of(parts));
        }
        return target.elementType().isInstance(element) ? Optional.of(element) : Optional.empty();
    }
}
