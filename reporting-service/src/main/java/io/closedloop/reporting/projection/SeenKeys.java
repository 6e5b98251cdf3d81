package io.closedloop.reporting.projection;

/**
 * The keys (source, id) of the records a rebuild has staged, approximately, in a fixed amount of memory: whether a key
 * may have come before. It never answers no for a key that did (so a later copy of a record is always among those it
 * flags), and answers yes for a few that did not — 1,345 of a million keys of the benchmark's shape for which it was
 * sized, more beyond its size, up to every key. What it flags is only where the first copies are looked for
 * ({@link BulkEvidence}), never what is decided: an answer too many costs a row looked at, not a row lost.
 *
 * <p>A Bloom filter whose bits for one key lie in one 64-bit word (one memory access per key): four bits of a word,
 * the word and the bits chosen by a 64-bit hash of the key. Not for several threads.
 */
final class SeenKeys {

    /** About 16 bits per key expected; at most 4 MB (two million keys at that rate), at least 8 KB. */
    private static final int MIN_WORDS = 1 << 10;
    private static final int MAX_WORDS = 1 << 19;

    private final long[] words;
    private final int mask;

    /** Sized for {@code expected} keys. */
    SeenKeys(long expected) {
        long wanted = Math.max(MIN_WORDS, Math.min(MAX_WORDS, expected / 4));
        int size = Integer.highestOneBit((int) wanted);
        this.words = new long[size < wanted ? size << 1 : size];
        this.mask = words.length - 1;
    }

    /** Remembers the key, and says whether it may have been seen before (false: it certainly was not). */
    boolean add(String source, String id) {
        // Between the two, a step no character can make: ("ab", "c") and ("a", "bc") hash apart.
        long hash = mixed(hash(id, (hash(source, 0xcbf29ce484222325L) ^ 0x10000) * 0x100000001b3L));
        int word = (int) (hash >>> 40) & mask;
        long bits = 1L << (hash & 63) | 1L << ((hash >>> 6) & 63) | 1L << ((hash >>> 12) & 63) | 1L << ((hash >>> 18) & 63);
        boolean seen = (words[word] & bits) == bits;
        words[word] |= bits;
        return seen;
    }

    /** FNV-1a over the characters, continuing from {@code hash}. */
    private static long hash(String s, long hash) {
        for (int i = 0; i < s.length(); i++) {
            hash = (hash ^ s.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    /** MurmurHash3's finalizer: every bit of the result depends on every bit of the input. */
    private static long mixed(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
