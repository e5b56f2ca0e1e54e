package dev.encodecparity.engine;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.spec.ModelSpec;

/**
 * What a model accepts, checked in one place before any work: audio (channels, equal lengths), a bandwidth (one of
 * the model's), a codebook count, and codes (chunking, scales, codebooks, frames, code range). A mistake in the
 * user's input is a {@link BadInputException} whose message the user reads; a caller's mistake is an
 * {@link IllegalArgumentException}.
 */
final class InputChecks {
    private final ModelSpec spec;
    private final int codebooks;

    /**
     * @param codebooks the codebooks the model has
     */
    InputChecks(ModelSpec spec, int codebooks) {
        this.spec = spec;
        this.codebooks = codebooks;
    }

    /** A clip {@code [channels][samples]}: the model's channels, all of one length. */
    void audio(float[][] audio) {
        channels(audio.length);
        for (float[] c : audio) {
            if (c.length != audio[0].length) {
                throw new IllegalArgumentException("channels of different lengths");
            }
        }
    }

    /** The model's channel count. */
    void channels(int have) {
        int channels = spec.architecture().channels();
        if (have != channels) {
            throw BadInputException.option("the model expects " + channels + " channel" + (channels == 1 ? "" : "s")
                    + ", the audio has " + have);
        }
    }

    /** How many codebooks to encode with: 1 to the model's. */
    void codebooks(int n) {
        if (n < 1 || n > codebooks) {
            throw new IllegalArgumentException("codebooks must be 1.." + codebooks);
        }
    }

    /** Codebooks at a bandwidth; the bandwidth must be one of the model's. */
    int codebooksFor(double bandwidthKbps) {
        for (double b : spec.bandwidths()) {
            if (Math.abs(b - bandwidthKbps) < 1e-9) {
                return spec.codebooksFor(b);
            }
        }
        throw BadInputException.option("bandwidth " + bandwidthKbps + " kbps is not one of this model's: "
                + spec.bandwidths());
    }

    /** Codes this model can decode: chunking, scales, codebook count, frames, code range. */
    void codes(EncodedAudio codes) {
        if (!spec.chunked() && codes.chunks() != 1) {
            throw BadInputException.option("the codes have " + codes.chunks() + " chunks; this model does not chunk, so"
                    + " it decodes exactly one");
        }
        if ((codes.scales() != null) != spec.normalize()) {
            throw BadInputException.option(spec.normalize() ? "the codes have no scales; this model normalises and"
                    + " needs one per chunk" : "the codes have scales; this model does not normalise");
        }
        int bins = spec.architecture().bins();
        for (int k = 0; k < codes.chunks(); k++) {
            long[][] c = codes.codes().get(k);
            if (c.length < 1 || c.length > codebooks) {
                throw BadInputException.option("chunk " + k + " has " + c.length + " codebooks; the model has 1.."
                        + codebooks);
            }
            for (int q = 0; q < c.length; q++) {
                if (c[q].length != c[0].length || c[q].length == 0) {
                    throw BadInputException.option("chunk " + k + " codebook " + q + " has " + c[q].length
                            + " frames, codebook 0 has " + c[0].length);
                }
                for (int t = 0; t < c[q].length; t++) {
                    if (c[q][t] < 0 || c[q][t] >= bins) {
                        throw BadInputException.option("code " + c[q][t] + " at chunk " + k + ", codebook " + q
                                + ", frame " + t + " is outside the model's " + bins + " codebook entries");
                    }
                }
            }
        }
    }
}
