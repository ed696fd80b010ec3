package dev.equivariance.search;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an audit's seed comes from: the system property {@code equivariance.seed} (a number to replay, or
 * {@code random} to explore), else the seed the test declares, else a stable hash of the test's name so that a
 * build is reproducible by default.
 */
public final class Seeds {

    /** The system property that replays (or randomises) every audit's seed. */
    public static final String PROPERTY = "equivariance.seed";

    private Seeds() {
    }

    /**
     * Resolves the seed.
     *
     * @param declared the seed the test declares, or null
     * @param key a stable name for the audit (class and method), used when nothing is declared
     */
    public static long resolve(Long declared, String key) {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return parse(prop.trim(), "-D" + PROPERTY);
        }
        if (declared != null) {
            return declared;
        }
        return stableHash(key);
    }

    /** Parses a seed: a decimal or 0x-hex long, or {@code random}. */
    public static long parse(String text, String where) {
        if (text.equalsIgnoreCase("random")) {
            return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        }
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": the seed must be a number or 'random', got '" + text + "'", e);
        }
    }

    /** A stable 63-bit FNV-1a hash of a name. */
    public static long stableHash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h & Long.MAX_VALUE;
    }

    /** The random stream an audit or property with this seed draws its group elements from. */
    public static java.util.SplittableRandom elementRandom(long seed) {
        return new java.util.SplittableRandom(seed).split();
    }

    /** The random stream an audit or property with this seed draws its inputs from, independent of the elements'. */
    public static java.util.SplittableRandom inputRandom(long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        rng.split();
        return rng.split();
    }
}
