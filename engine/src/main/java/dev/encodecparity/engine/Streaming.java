package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.engine.chunks.OverlapAdd;
import dev.encodecparity.engine.chunks.PlanarAudio;
import dev.encodecparity.engine.chunks.SourceWindow;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.Norm;
import dev.encodecparity.tensor.NonFinite;
import java.util.ArrayList;
import java.util.List;

/**
 * A model that does not chunk, run on a clip in blocks of bounded size ({@link SeanetStream}): the encoder's and the
 * decoder's layers carry what they need from block to block, so the engine's arrays are a few blocks' worth whatever
 * the clip's length, and the result is the whole-clip result (the same operations on the same samples; a
 * convolution or matrix product over fewer samples may round differently in the last bit, which the tests bound).
 *
 * <p>Each block runs in a manager of its own, closed after the block; the layers' carried arrays live in one manager
 * per call. Only a model whose every layer is causal in its statistics streams: per-clip normalisation and
 * {@code time_group_norm} need the whole clip first (the presets that have them chunk, and chunks stream batch by
 * batch instead: {@link ChunkStream}).
 */
final class Streaming {
    /** Audio samples per block; settable for measuring. */
    static final int DEFAULT_BLOCK = Integer.getInteger("encodecparity.streamBlockSamples", 1 << 17);

    private final ModelSpec spec;
    private final ComputeDevice device;
    private final Seanet encoder;
    private final Seanet decoder;
    private final Quantizer quantizer;

    Streaming(ModelSpec spec, ComputeDevice device, Seanet encoder, Seanet decoder, Quantizer quantizer) {
        this.spec = spec;
        this.device = device;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantizer = quantizer;
    }

    /** Whether the layers of an unchunked model can stream: no statistics over the whole clip. */
    static boolean layersStream(ModelSpec spec) {
        return spec.architecture().norm() == Norm.WEIGHT_NORM && !spec.normalize();
    }

    private void requireLayersStream() {
        if (!layersStream(spec)) {
            throw new IllegalStateException("this model normalises over the whole clip; it cannot stream");
        }
    }

    /** Encodes the clip a source reads, in blocks of {@code block} samples read as they are needed. */
    EncodedAudio encode(AudioSource audio, int codebooks, int block, StepTimes times) {
        requireLayersStream();
        SourceWindow window = new SourceWindow(audio);
        long length = window.frames();
        List<long[][]> parts = new ArrayList<>();
        NonFinite.Count counts = NonFinite.Count.NONE;
        try (NDManager state = NDManager.newBaseManager(device.device())) {
            SeanetStream stream = encoder.stream(state, times);
            for (long offset = 0; offset < length || offset == 0; offset += block) {
                int n = (int) Math.min(block, length - offset);
                try (NDManager call = state.newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = call.create(window.cut(offset, n), new Shape(1, window.channels(), n));
                    window.discardBefore(offset + n);
                    boolean last = offset + n >= length;
                    NDArray latents = StreamStep.join(stream.push(x), last ? stream.finish() : null);
                    if (latents != null) {
                        latents.attach(call); // what the quantizer makes from it goes with the block
                        counts = counts.plus(NonFiniteCheck.encoderOutput(latents, null, 1)[0]);
                        parts.add(quantizer.encode(latents, codebooks, Tracer.ModuleSink.NONE)[0]);
                    }
                }
            }
        }
        return new EncodedAudio(List.<long[][]>of(joinFrames(parts, codebooks)), null, counts);
    }

    /** Decodes the codes of an unchunked model in blocks of {@code blockFrames} frames, handing on each block. */
    void decode(EncodedAudio codes, int blockFrames, StepTimes times, OverlapAdd.Output out) {
        requireLayersStream();
        long[][] c = codes.codes().get(0);
        int frames = c[0].length;
        int channels = spec.architecture().channels();
        long expected = (long) frames * spec.architecture().hopLength();
        long written = 0;
        try (NDManager state = NDManager.newBaseManager(device.device())) {
            SeanetStream stream = decoder.stream(state, times);
            for (int offset = 0; offset < frames; offset += blockFrames) {
                int n = Math.min(blockFrames, frames - offset);
                long[][][] block = new long[1][c.length][];
                for (int q = 0; q < c.length; q++) {
                    block[0][q] = java.util.Arrays.copyOfRange(c[q], offset, offset + n);
                }
                try (NDManager call = state.newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray emb = quantizer.decode(call, block);
                    NDArray y = StreamStep.join(stream.push(emb), offset + n >= frames ? stream.finish() : null);
                    if (y != null) {
                        float[][] samples = PlanarAudio.split(y.toFloatArray(), channels);
                        y.close();
                        written += samples[0].length;
                        out.accept(samples, samples[0].length);
                    }
                }
            }
        }
        if (written != expected) {
            throw new IllegalStateException("streamed " + written + " samples of " + expected);
        }
    }

    /** The blocks' codes {@code [codebooks][frames]} joined along frames. */
    private static long[][] joinFrames(List<long[][]> parts, int codebooks) {
        int frames = parts.stream().mapToInt(p -> p[0].length).sum();
        long[][] out = new long[codebooks][frames];
        int at = 0;
        for (long[][] p : parts) {
            for (int q = 0; q < codebooks; q++) {
                System.arraycopy(p[q], 0, out[q], at, p[q].length);
            }
            at += p[0].length;
        }
        return out;
    }
}
