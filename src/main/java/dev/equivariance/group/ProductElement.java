package dev.equivariance.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** An element (g1, g2, ...) of a direct product of groups; prints as {@code (Rotation(...), Permutation[...])}. */
public final class ProductElement implements GroupElement {

    private final List<GroupElement> factors;

    private ProductElement(List<GroupElement> factors) {
        this.factors = List.copyOf(factors);
    }

    public static ProductElement of(List<? extends GroupElement> factors) {
        if (factors.size() < 2) {
            throw new IllegalArgumentException("A product element needs at least two factors");
        }
        return new ProductElement(new ArrayList<>(factors));
    }

    public List<GroupElement> factors() {
        return factors;
    }

    public GroupElement factor(int index) {
        return factors.get(index);
    }

    /**
     * The one factor of the given type; an action that needs, say, a {@link Permutation} finds it here.
     *
     * @throws IllegalStateException if several factors have that type (name the factor explicitly then)
     */
    @Override
    public <T> Optional<T> part(Class<T> type) {
        Optional<T> found = Optional.empty();
        for (GroupElement f : factors) {
            Optional<T> p = f.part(type);
            if (p.isPresent()) {
                if (found.isPresent()) {
                    throw new IllegalStateException("Several factors of " + this + " are " + type.getSimpleName()
                            + "s; name the factor the action uses (factor=i)");
                }
                found = p;
            }
        }
        return found;
    }

    @Override
    public ProductElement compose(GroupElement other) {
        if (!(other instanceof ProductElement o) || o.factors.size() != factors.size()) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        List<GroupElement> c = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            c.add(factors.get(i).compose(o.factors.get(i)));
        }
        return new ProductElement(c);
    }

    @Override
    public ProductElement inverse() {
        return new ProductElement(factors.stream().map(GroupElement::inverse).toList());
    }

    @Override
    public boolean isIdentity() {
        return factors.stream().allMatch(GroupElement::isIdentity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProductElement p && p.factors.equals(factors);
    }

    @Override
    public int hashCode() {
        return factors.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        factors.forEach(f -> j.add(f.toString()));
        return j.toString();
    }
}
