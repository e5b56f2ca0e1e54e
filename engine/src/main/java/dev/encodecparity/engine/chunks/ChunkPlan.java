package dev.encodecparity.engine.chunks;

import dev.encodecparity.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a model cuts a clip into chunks, as the original does: {@code for offset in range(0, length, stride)} a chunk
 * {@code x[..., offset:offset + segment]}, the last one possibly short (encodec_48khz: segment 48000, stride 47520, so
 * a clip of exactly 48000 samples already gives a second chunk of 480). A model that does not chunk takes the whole
 * clip as its one chunk. An empty clip gives one empty chunk (the original gives none and then fails).
 *
 * @param segment samples per chunk, or 0 when the model takes the whole clip
 * @param stride samples between chunk starts (ignored when {@code segment} is 0)
 */
public record ChunkPlan(int segment, int stride) {
    /** The plan of a model that does not chunk. */
    public static final ChunkPlan WHOLE_CLIP = new ChunkPlan(0, 0);

    public ChunkPlan {
        if (segment < 0 || (segment > 0 && stride < 1)) {
            throw new IllegalArgumentException("segment " + segment + ", stride " + stride);
        }
    }

    /** The model's plan: its segment length and stride when it chunks, else the whole clip. */
    public static ChunkPlan of(ModelSpec spec) {
        return spec.chunked() ? new ChunkPlan(spec.segmentLength(), spec.segmentStride()) : WHOLE_CLIP;
    }

    /** One chunk of a clip: its place in the clip's order, its first sample and its length. */
    public record Chunk(int index, int offset, int length) {
    }

    public boolean chunked() {
        return segment > 0;
    }

    /** The chunks of a clip of {@code length} samples, in order. */
    public List<Chunk> chunks(int length) {
        int segmentLength = chunked() ? segment : length;
        int step = chunked() ? stride : Math.max(length, 1);
        List<Chunk> out = new ArrayList<>();
        int index = 0;
        // long: offset + step must not wrap around for a clip near Integer.MAX_VALUE samples.
        for (long offset = 0; offset < length || index == 0; offset += step, index++) {
            out.add(new Chunk(index, (int) offset, (int) Math.max(0, Math.min(segmentLength, length - offset))));
        }
        return out;
    }

    /** Chunk {@code index} of a clip of {@code length} samples. */
    public Chunk chunk(int length, int index) {
        List<Chunk> all = chunks(length);
        if (index < 0 || index >= all.size()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of a clip of " + all.size() + " chunks");
        }
        return all.get(index);
    }
}
