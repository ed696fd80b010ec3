package dev.equivariance.group;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/** The direct product G1 x G2 x ... (e.g. SO(3) x S(10): rotate and permute points together). */
public final class ProductGroup implements Group<ProductElement>, LieGroup<ProductElement> {

    private final List<Group<?>> factors;

    public ProductGroup(List<? extends Group<?>> factors) {
        if (factors.size() < 2) {
            throw new IllegalArgumentException("A product group needs at least two factors");
        }
        this.factors = List.copyOf(factors);
    }

    public List<Group<?>> factors() {
        return factors;
    }

    @Override
    public String name() {
        StringJoiner j = new StringJoiner(" x ");
        factors.forEach(f -> j.add(f.name()));
        return j.toString();
    }

    @Override
    public ProductElement identity() {
        return ProductElement.of(factors.stream().map(g -> (GroupElement) g.identity()).toList());
    }

    private ProductElement with(int index, GroupElement e) {
        List<GroupElement> parts = new ArrayList<>(identity().factors());
        parts.set(index, e);
        return ProductElement.of(parts);
    }

    @Override
    public List<ProductElement> generators() {
        List<ProductElement> gens = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            for (GroupElement g : factors.get(i).generators()) {
                gens.add(with(i, g));
            }
        }
        return gens;
    }

    /**
     * The generators of the factors that have them (the others held at their identity), each named after its factor
     * ({@code SO(3): rotation about x}); none when every factor is finite.
     */
    @Override
    public List<String> generatorNames() {
        List<String> names = new ArrayList<>();
        for (Group<?> f : factors) {
            if (f instanceof LieGroup<?> lie) {
                for (String n : lie.generatorNames()) {
                    names.add(f.name() + ": " + n);
                }
            }
        }
        return names;
    }

    @Override
    public ProductElement exp(int generator, double t) {
        int i = generator;
        for (int k = 0; k < factors.size(); k++) {
            if (factors.get(k) instanceof LieGroup<?> lie) {
                if (i < lie.generatorNames().size()) {
                    return with(k, lie.exp(i, t));
                }
                i -= lie.generatorNames().size();
            }
        }
        throw new IndexOutOfBoundsException("No generator " + generator + " in " + name());
    }

    @Override
    public ProductElement random(RandomGenerator rng) {
        return ProductElement.of(factors.stream().map(g -> (GroupElement) g.random(rng)).toList());
    }

    /** The identity, each factor's edge cases with the other factors at the identity, then the generators combined. */
    @Override
    public List<ProductElement> edgeCases() {
        Set<ProductElement> cases = new LinkedHashSet<>();
        cases.add(identity());
        for (int i = 0; i < factors.size(); i++) {
            for (GroupElement e : factors.get(i).edgeCases()) {
                cases.add(with(i, e));
            }
        }
        List<GroupElement> firstGens = new ArrayList<>();
        for (Group<?> f : factors) {
            firstGens.add(f.generators().isEmpty() ? f.identity() : f.generators().get(0));
        }
        cases.add(ProductElement.of(firstGens));
        return List.copyOf(cases);
    }

    @Override
    public Class<ProductElement> elementType() {
        return ProductElement.class;
    }

    /** Sets one factor to the identity, or shrinks one factor at a time. */
    @Override
    public List<ProductElement> simplerThan(ProductElement element) {
        Set<ProductElement> out = new LinkedHashSet<>();
        for (int i = 0; i < factors.size(); i++) {
            if (!element.factor(i).isIdentity()) {
                List<GroupElement> parts = new ArrayList<>(element.factors());
                parts.set(i, factors.get(i).identity());
                out.add(ProductElement.of(parts));
            }
        }
        for (int i = 0; i < factors.size(); i++) {
            for (GroupElement s : shrinkFactor(factors.get(i), element.factor(i))) {
                List<GroupElement> parts = new ArrayList<>(element.factors());
                parts.set(i, s);
                out.add(ProductElement.of(parts));
            }
        }
        double c = complexity(element);
        List<ProductElement> list = new ArrayList<>(out);
        list.removeIf(e -> e.isIdentity() || complexity(e) >= c - 1e-12);
        return list;
    }

    @Override
    public double complexity(ProductElement element) {
        double c = 0;
        for (int i = 0; i < factors.size(); i++) {
            c += factorComplexity(factors.get(i), element.factor(i));
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static <E extends GroupElement> List<E> shrinkFactor(Group<E> group, GroupElement e) {
        return group.simplerThan((E) e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends GroupElement> double factorComplexity(Group<E> group, GroupElement e) {
        return group.complexity((E) e);
    }

    @Override
    public String toString() {
        return name();
    }
}
