package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.chunks.Batches;
import dev.encodecparity.engine.chunks.ChunkPlan;
import dev.encodecparity.engine.chunks.OverlapAdd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding a chunking model's codes batch by batch: each batch's chunks are decoded, scaled, copied to the host and
 * added to the overlap-add before the next batch runs, so the engine holds one batch, whatever the clip's length.
 * The batches are the ones {@link Codec#decodeBatch} forms for one clip ({@link Batches#DEFAULT}, chunks of equal
 * frames together, in order), so every chunk is computed by the same operations on the same batch and the result is
 * bit for bit the whole-clip one; the joined samples are handed on as soon as no later chunk reaches them
 * ({@link OverlapAdd}), so neither the engine nor the host holds the clip. (Encoding runs batch by batch too:
 * {@link ChunkEncoder}.)
 */
final class ChunkStream {
    private final ChunkPlan plan;
    private final ComputeDevice device;
    private final Seanet decoder;
    private final Quantizer quantizer;
    private final int channels;
    private final int hop;

    ChunkStream(ChunkPlan plan, ComputeDevice device, Seanet decoder, Quantizer quantizer, int channels, int hop) {
        this.plan = plan;
        this.device = device;
        this.decoder = decoder;
        this.quantizer = quantizer;
        this.channels = channels;
        this.hop = hop;
    }

    /** The overlap-add of chunks of these lengths collected whole, its weights computed by torch in {@code m}. */
    static OverlapAdd overlapAdd(NDManager m, ChunkPlan plan, int channels, int[] lengths) {
        return new OverlapAdd(Ops.overlapWindow(m, lengths[0]), plan.stride(), channels, lengths);
    }

    /** Decodes the chunks batch by batch, handing the joined clip on as it becomes final. */
    void decode(EncodedAudio codes, StepTimes times, OverlapAdd.Output joinedOut) {
        int chunks = codes.chunks();
        int[] lengths = new int[chunks];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < chunks; k++) {
            lengths[k] = Math.multiplyExact(codes.codes().get(k)[0].length, hop);
            order.add(k);
        }
        OverlapAdd joined;
        try (NDManager window = NDManager.newBaseManager(device.device())) {
            joined = new OverlapAdd(Ops.overlapWindow(window, lengths[0]), plan.stride(), channels, lengths, joinedOut);
        }
        // Chunks are added in order; a chunk whose batch ran before an earlier chunk's waits on the host.
        Map<Integer, float[]> waiting = new HashMap<>();
        int nextToAdd = 0;
        for (List<Integer> batch : Batches.DEFAULT.byKey(order, k -> lengths[k], k -> lengths[k])) {
            long[][][] batchCodes = new long[batch.size()][][];
            for (int i = 0; i < batch.size(); i++) {
                batchCodes[i] = codes.codes().get(batch.get(i));
            }
            try (NDManager call = NDManager.newBaseManager(device.device())) {
                NDArray out = decoder.forward(quantizer.decode(call, batchCodes), Tracer.ModuleSink.NONE, times);
                for (int i = 0; i < batch.size(); i++) {
                    int k = batch.get(i);
                    NDArray frame = batch.size() == 1 ? out : out.get(new NDIndex("{}:{}", i, i + 1));
                    waiting.put(k, (codes.scales() == null ? frame : frame.mul(codes.scales()[k])).toFloatArray());
                }
            }
            while (waiting.containsKey(nextToAdd)) {
                joined.add(waiting.remove(nextToAdd));
                nextToAdd++;
            }
        }
    }
}
