package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.tensor.NonFinite;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers that are not numbers in a model or its outputs. A NaN or an infinity in the weights makes every output
 * meaningless (NaN distances make every code 0; a NaN decoder gives NaN audio) while looking like any other output, so
 * the commands that write outputs refuse such a model, and such outputs, instead of writing them as if valid.
 */
public final class NonFiniteCheck {
    /** Tensors named inline in a one-line message at most. */
    private static final int MAX_NAMED = 5;

    private NonFiniteCheck() {
    }

    /** "1 tensor: encoder.model.0.conv.conv.bias (1 NaN of 2 values)", at most a few named. */
    public static String weights(List<NonFinite.Found> found) {
        String count = found.size() == 1 ? "1 tensor: " : found.size() + " tensors: ";
        return count + NonFinite.inlineList(found, MAX_NAMED);
    }

    /** Refuses a model whose weights hold NaN or infinities, naming its file and the tensors. */
    public static void requireFiniteWeights(Codec codec) {
        if (!codec.nonFiniteWeights().isEmpty()) {
            throw new BadInputException(codec.file(), "the model has non-finite weights, so nothing was written: "
                    + weights(codec.nonFiniteWeights()));
        }
    }

    /** Refuses codes chosen from latents or scales that were not all finite. */
    public static void requireFiniteEncoderOutput(Codec codec, EncodedAudio codes) {
        NonFinite.Count c = codes.encoderOutput();
        if (c.any()) {
            throw new BadInputException(codec.file(), "the encoder's output holds " + c.nonFinite() + " non-finite"
                    + " values of " + c.values() + " (" + c.kinds() + "); the codes would be meaningless, so nothing"
                    + " was written");
        }
    }

    /** Refuses decoded audio that holds NaN or infinite samples. */
    public static void requireFiniteAudio(Codec codec, float[][] audio) {
        requireFiniteAudio(codec, count(audio));
    }

    /** Refuses decoded audio with these non-finite samples (counted as it was written). */
    public static void requireFiniteAudio(Codec codec, NonFinite.Count c) {
        if (c.any()) {
            throw new BadInputException(codec.file(), "the decoded audio holds " + c.nonFinite() + " non-finite"
                    + " samples of " + c.values() + " (" + c.kinds() + "); nothing was written");
        }
    }

    /** The non-finite samples of audio {@code [channels][samples]}. */
    public static NonFinite.Count count(float[][] audio) {
        NonFinite.Count total = new NonFinite.Count(0, 0, 0, 0);
        for (float[] channel : audio) {
            total = total.plus(NonFinite.count(channel));
        }
        return total;
    }

    /**
     * Per batch item, the non-finite values among its latents {@code [B, D, T]} and its scale (when normalising): one
     * reduction on the device tells whether there is anything to count (torch's max propagates NaN), and only a
     * broken output is copied out and counted.
     */
    static NonFinite.Count[] encoderOutput(NDArray latents, float[] scales, int b) {
        long per = latents.size() / b;
        boolean finite = per == 0 || Float.isFinite(latents.abs().max().getFloat());
        float[] flat = finite ? null : latents.toFloatArray();
        NonFinite.Count[] out = new NonFinite.Count[b];
        for (int i = 0; i < b; i++) {
            NonFinite.Count c = finite ? new NonFinite.Count(0, 0, 0, per)
                    : NonFinite.count(Arrays.copyOfRange(flat, (int) (i * per), (int) ((i + 1) * per)));
            out[i] = scales == null ? c : c.plus(NonFinite.count(new float[] {scales[i]}));
        }
        return out;
    }
}
