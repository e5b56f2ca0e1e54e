package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.chunks.ChunkPlan;
import dev.encodecparity.engine.chunks.OverlapAdd;
import dev.encodecparity.engine.chunks.PlanarAudio;
import dev.encodecparity.spec.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whole-clip decoding of several codes ({@link Codec#decodeBatch}, {@link Codec#decodeSharingLstm}): the items'
 * chunks in batches ({@link Piece#batches}: equal frames and codebooks), each batch through the quantizer's decode and
 * the decoder, then each item's chunks scaled and overlap-added as the original does.
 *
 * <p>Sharing the LSTM: the decoder's LSTM steps through the clip's frames one at a time, and each step reads all its
 * recurrent weights (4 MB per layer for encodec_24khz, 16 MB for encodec_32khz) to multiply them by one vector; that
 * is a fifth of a decode on one thread, bound by memory, not arithmetic. Items with the same frame count can take
 * those steps together: their LSTM inputs stacked into one batch, each step one matrix product over the same weights.
 * Everything before and after the LSTM still runs batch by batch as without sharing. A batched product may round
 * differently in the last bit from a lone one, so shared results are within float32 rounding of unshared ones, not bit
 * for bit; the same items shared the same way give the same bits.
 */
final class BatchDecode {
    private final ModelSpec spec;
    private final ChunkPlan chunkPlan;
    private final ComputeDevice device;
    private final Seanet decoder;
    private final Quantizer quantizer;

    BatchDecode(ModelSpec spec, ChunkPlan chunkPlan, ComputeDevice device, Seanet decoder, Quantizer quantizer) {
        this.spec = spec;
        this.chunkPlan = chunkPlan;
        this.device = device;
        this.decoder = decoder;
        this.quantizer = quantizer;
    }

    /**
     * Each item decoded to {@code [channels][samples]}, in the items' order (already checked by the caller).
     *
     * @param shareLstm whether batches of equal frame count take the LSTM's steps together (never when tracing,
     *     which goes one chunk at a time, in order)
     */
    List<float[][]> decode(List<EncodedAudio> items, Tracer tracer, StepTimes times, boolean shareLstm) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int k = 0; k < items.get(i).chunks(); k++) {
                long[][] c = items.get(i).codes().get(k);
                pieces.add(new Piece(i, k, 0, c[0].length * spec.architecture().hopLength())); // output samples
            }
        }
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            // A batch needs the same frames and the same number of codebooks.
            Function<Piece, Object> stackable = p -> List.of(p.length(), items.get(p.clip()).codebooks());
            List<List<Piece>> batches = Piece.batches(pieces, tracer, stackable);
            int lstm = decoder.lstmStep();
            NDArray[] decoded = shareLstm && lstm >= 0 && !tracer.recordsModules()
                    ? sharingLstm(call, items, batches, lstm, times)
                    : oneBatchAtATime(call, items, batches, tracer, times);
            NDArray[][] frames = new NDArray[items.size()][];
            for (int i = 0; i < items.size(); i++) {
                frames[i] = new NDArray[items.get(i).chunks()];
            }
            for (int b = 0; b < batches.size(); b++) {
                List<Piece> batch = batches.get(b);
                for (int i = 0; i < batch.size(); i++) {
                    Piece p = batch.get(i);
                    NDArray frame = batch.size() == 1 ? decoded[b] : decoded[b].get(new NDIndex("{}:{}", i, i + 1));
                    float[] scales = items.get(p.clip()).scales();
                    frames[p.clip()][p.chunk()] = scales == null ? frame : frame.mul(scales[p.chunk()]);
                }
            }
            List<float[][]> result = new ArrayList<>();
            int channels = spec.architecture().channels();
            for (int i = 0; i < items.size(); i++) {
                float[][] audio = chunkPlan.chunked() ? overlapAdd(call, frames[i])
                        : PlanarAudio.split(frames[i][0].toFloatArray(), channels);
                tracer.forChunk(items.get(i).chunks() - 1).record("output", "decoded audio",
                        new long[] {1, channels, audio[0].length}, () -> PlanarAudio.join(audio));
                result.add(audio);
            }
            return result;
        }
    }

    /** Each batch through the whole decoder before the next. */
    private NDArray[] oneBatchAtATime(NDManager call, List<EncodedAudio> items, List<List<Piece>> batches,
            Tracer tracer, StepTimes times) {
        NDArray[] out = new NDArray[batches.size()];
        for (int b = 0; b < batches.size(); b++) {
            Tracer.ModuleSink sink = tracer.forChunk(batches.get(b).get(0).chunk());
            NDArray emb = embeddings(call, items, batches.get(b), times);
            sink.record("quantizer.decode", "summed embeddings", emb.getShape().getShape(), emb::toFloatArray);
            out[b] = decoder.forward(emb, sink, times);
        }
        return out;
    }

    /**
     * Every batch up to the LSTM; the LSTM once per frame count, over those batches stacked; then each batch through
     * the rest. Only the arrays around the LSTM (at the frame rate, small) are held for all batches at once.
     */
    private NDArray[] sharingLstm(NDManager call, List<EncodedAudio> items, List<List<Piece>> batches, int lstm,
            StepTimes times) {
        Tracer.ModuleSink none = Tracer.NONE.forChunk(0);
        NDArray[] h = new NDArray[batches.size()];
        Map<Long, List<Integer>> byFrames = new LinkedHashMap<>();
        for (int b = 0; b < batches.size(); b++) {
            NDArray emb = embeddings(call, items, batches.get(b), times);
            h[b] = decoder.forward(emb, 0, lstm, none, times);
            if (h[b] != emb) {
                emb.close();
            }
            byFrames.computeIfAbsent(Ops.length(h[b]), k -> new ArrayList<>()).add(b);
        }
        for (List<Integer> same : byFrames.values()) {
            NDList stacked = new NDList();
            same.forEach(b -> stacked.add(h[b]));
            NDArray in = same.size() == 1 ? h[same.get(0)] : NDArrays.concat(stacked, 0);
            NDArray out = decoder.forward(in, lstm, lstm + 1, none, times);
            long at = 0;
            for (int b : same) {
                long n = h[b].getShape().get(0);
                h[b].close();
                h[b] = same.size() == 1 ? out : out.get(new NDIndex("{}:{}", at, at + n));
                at += n;
            }
            if (same.size() > 1) { // the stacked copy
                in.close();
            }
        }
        NDArray[] decoded = new NDArray[batches.size()];
        for (int b = 0; b < batches.size(); b++) {
            decoded[b] = decoder.forward(h[b], lstm + 1, decoder.steps(), none, times);
        }
        return decoded;
    }

    /** A batch's codes as summed embeddings {@code [batch, dim, frames]}. */
    private NDArray embeddings(NDManager call, List<EncodedAudio> items, List<Piece> batch, StepTimes times) {
        long[][][] chunkCodes = new long[batch.size()][][];
        for (int i = 0; i < batch.size(); i++) {
            chunkCodes[i] = items.get(batch.get(i).clip()).codes().get(batch.get(i).chunk());
        }
        long start = System.nanoTime();
        NDArray emb = quantizer.decode(call, chunkCodes);
        times.add("quantizer", "decode", System.nanoTime() - start);
        return emb;
    }

    /** One item's decoded chunks {@code [1, channels, n]} joined as the original does, on the host. */
    private float[][] overlapAdd(NDManager call, NDArray[] chunks) {
        int[] lengths = new int[chunks.length];
        for (int k = 0; k < chunks.length; k++) {
            lengths[k] = Math.toIntExact(Ops.length(chunks[k]));
        }
        OverlapAdd joined = ChunkStream.overlapAdd(call, chunkPlan, spec.architecture().channels(), lengths);
        for (NDArray chunk : chunks) {
            joined.add(chunk.toFloatArray());
        }
        return joined.result();
    }
}
