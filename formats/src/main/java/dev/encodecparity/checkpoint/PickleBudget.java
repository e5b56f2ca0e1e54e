package dev.encodecparity.checkpoint;

/**
 * How much work the pickles of one file may make the reader do, derived from the file's size on disk, so that no
 * file, deflated or not, can cost time or memory out of proportion to its bytes.
 *
 * <p>The unit is one step: an opcode read, a value pushed on the stack, a memo entry stored, an item put into a
 * container, an item copied or hashed. Each step allocates at most a few dozen bytes of heap (a dict is the largest,
 * about 100), so the heap a pickle builds is bounded by the same number.
 *
 * <p>The limit is {@link #FLOOR} plus one step per {@link #BYTES_PER_STEP} bytes of the file. Why that is safe for a
 * real state dict: a tensor takes about 43 steps (its name, the rebuild call and its arguments, the persistent id and
 * the memo entries), and at least 110 bytes of the file even when it holds no data (its part of the pickle in a
 * legacy file, or the two headers of its storage's zip entry), so even a state dict of empty tensors stays under one
 * step per 2.5 bytes, and the floor alone covers 3,000 tensors. The EnCodec checkpoints need far less: the tiny
 * models 5,049 to 8,506 steps, the full-size presets 5,070 to 10,705 (PickleBudgetTest; docs/reliability.md,
 * "Resource bounds").
 */
final class PickleBudget {
    /** Steps any file may take, however small: 131,072, about 13 MB of heap at worst. */
    static final long FLOOR = 1 << 17;
    static final int BYTES_PER_STEP = 2;

    private final long fileSize;
    private final long limit;
    private long used;

    private PickleBudget(long fileSize) {
        this.fileSize = fileSize;
        this.limit = FLOOR + fileSize / BYTES_PER_STEP;
    }

    /** The budget of all the pickles in a file of {@code sizeOnDisk} bytes. */
    static PickleBudget forFile(long sizeOnDisk) {
        return new PickleBudget(sizeOnDisk);
    }

    /** Spends {@code steps}; refuses the file once it has spent more than its limit. */
    void spend(long steps, ByteReader where) {
        used += steps;
        if (used > limit) {
            throw where.error("malformed pickle: it makes more than " + limit + " values, memo entries, copies and"
                    + " stack slots, for a file of " + fileSize + " bytes; no state dict of that size needs so many");
        }
    }

    /** Steps spent so far. */
    long used() {
        return used;
    }

    long limit() {
        return limit;
    }
}
