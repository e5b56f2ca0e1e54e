package dev.encodecparity.codes;

import dev.encodecparity.tensor.NonFinite;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code encode} produces for one clip: codes per chunk (one chunk when the model does not chunk), each
 * {@code [codebooks][frames]}, and per chunk the normalisation scale when the model normalises.
 *
 * @param codes per chunk, {@code codes.get(k)[q][t]}
 * @param scales per chunk, or null when the model does not normalise
 * @param encoderOutput the non-finite values among the encoder's latents and scales these codes were chosen from
 *     ({@link NonFinite.Count#NONE} for codes read from a file): NaN distances make every code 0, so codes from a
 *     non-finite output are meaningless though they look like any others
 */
public record EncodedAudio(List<long[][]> codes, float[] scales, NonFinite.Count encoderOutput) {
    public EncodedAudio {
        codes = List.copyOf(codes);
        if (scales != null && scales.length != codes.size()) {
            throw new IllegalArgumentException(scales.length + " scales for " + codes.size() + " chunks");
        }
    }

    /** Codes not produced here (read from a file, made by a test). */
    public EncodedAudio(List<long[][]> codes, float[] scales) {
        this(codes, scales, NonFinite.Count.NONE);
    }

    /** True when the encoder's latents and scales were all finite (or the codes did not come from an encoder). */
    public boolean encoderOutputFinite() {
        return !encoderOutput.any();
    }

    public int chunks() {
        return codes.size();
    }

    public int codebooks() {
        return codes.isEmpty() ? 0 : codes.get(0).length;
    }

    /** The codes of the first {@code n} codebooks: a lower bandwidth's codes are a prefix of a higher one's. */
    public EncodedAudio firstCodebooks(int n) {
        if (n > codebooks()) {
            throw new IllegalArgumentException("only " + codebooks() + " codebooks, asked for " + n);
        }
        return new EncodedAudio(codes.stream().map(c -> Arrays.copyOf(c, n)).toList(), scales, encoderOutput);
    }

    /** Same codes and bit-identical scales. */
    public boolean sameAs(EncodedAudio o) {
        if (o.chunks() != chunks() || !Arrays.equals(scales, o.scales)) {
            return false;
        }
        for (int k = 0; k < chunks(); k++) {
            if (!Arrays.deepEquals(codes.get(k), o.codes.get(k))) {
                return false;
            }
        }
        return true;
    }
}
