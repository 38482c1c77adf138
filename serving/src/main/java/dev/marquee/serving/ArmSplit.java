package dev.marquee.serving;

import com.typesafe.config.Config;
import dev.marquee.store.StoreWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns each user to an A/B arm by a salted hash of its id: the user's point in [0, 1) falls into
 * one arm's share (arms in name order, then the main lists with the rest). The same user lands in
 * the same arm on every request, on every replica and across versions while the salt and shares
 * stay; a new salt re-draws the split for a new experiment. A user assigned to an arm the open
 * version does not carry gets the main lists ({@value StoreWriter#MAIN_ARM}).
 */
public final class ArmSplit {

    /** Everyone on the main lists. */
    public static final ArmSplit NONE = new ArmSplit(Map.of(), "");

    private final String[] arms;
    private final double[] upTo;
    private final long salt;
    private final Map<String, Double> shares;

    /**
     * @param shares arm name to its share of users; each in (0, 1], their sum at most 1
     * @param salt any text; users are re-drawn when it changes
     */
    public ArmSplit(Map<String, Double> shares, String salt) {
        Map<String, Double> sorted = new TreeMap<>(shares);
        arms = sorted.keySet().toArray(String[]::new);
        upTo = new double[arms.length];
        double sum = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : sorted.entrySet()) {
            double share = e.getValue();
            if (!(share > 0 && share <= 1) || e.getKey().equals(StoreWriter.MAIN_ARM) || e.getKey().isBlank()) {
                throw new IllegalArgumentException("marquee.serving.ab.shares: arm \"" + e.getKey()
                        + "\" needs a share in (0, 1] and a name other than " + StoreWriter.MAIN_ARM + ", got " + share);
            }
            sum += share;
            upTo[i++] = sum;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("marquee.serving.ab.shares add up to " + sum + ", more than 1");
        }
        this.salt = fmix(Arrays.hashCode(salt.getBytes(StandardCharsets.UTF_8)) * 0x9E3779B97F4A7C15L);
        this.shares = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** From {@code marquee.serving.ab}: {@code shares} as "arm=share,arm=share" and {@code salt}. */
    public static ArmSplit load(Config root) {
        Config c = root.getConfig("marquee.serving.ab");
        return parse(c.getString("shares"), c.getString("salt"));
    }

    /** Parses "candidate=0.1,control=0.05" (empty: no arms). */
    public static ArmSplit parse(String shares, String salt) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : shares.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                if (eq < 0 || m.put(part.substring(0, eq).trim(), Double.parseDouble(part.substring(eq + 1).trim())) != null) {
                    throw new NumberFormatException("repeated arm or no '='");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("marquee.serving.ab.shares must read arm=share,arm=share; got \""
                        + shares + "\" (" + e.getMessage() + ")", e);
            }
        }
        return m.isEmpty() ? NONE : new ArmSplit(m, salt);
    }

    /** The arm that answers {@code userId}, among the arms the open version carries. */
    public String arm(long userId, Set<String> available) {
        if (arms.length == 0 || available.isEmpty()) {
            return StoreWriter.MAIN_ARM;
        }
        double u = point(userId);
        for (int i = 0; i < arms.length; i++) {
            if (u < upTo[i]) {
                return available.contains(arms[i]) ? arms[i] : StoreWriter.MAIN_ARM;
            }
        }
        return StoreWriter.MAIN_ARM;
    }

    /** The user's point in [0, 1): a 64-bit mix of the id and the salt. */
    double point(long userId) {
        return (fmix(userId ^ salt) >>> 11) * 0x1.0p-53;
    }

    /** The configured shares, in name order. */
    public Map<String, Double> shares() {
        return shares;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    @Override
    public String toString() {
        return shares.isEmpty() ? "none" : shares.toString();
    }
}
