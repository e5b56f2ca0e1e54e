package dev.encodecparity.spec;

import java.util.List;

/**
 * Codebook {@code q} of the residual vector quantizer (the original {@code EuclideanCodebook}): the {@code embed}
 * table of {@code bins} entries of width {@code dim}, and the buffers its k-means training keeps.
 */
public record Codebook(int q, int bins, int dim) implements TensorModule {
    public TensorSlot inited() {
        return new TensorSlot("inited", new long[] {1});
    }

    public TensorSlot clusterSize() {
        return new TensorSlot("cluster_size", new long[] {bins});
    }

    public TensorSlot embed() {
        return new TensorSlot("embed", new long[] {bins, dim});
    }

    public TensorSlot embedAvg() {
        return new TensorSlot("embed_avg", new long[] {bins, dim});
    }

    /** The training state inference does not use, in the order the engine reads and checks it. */
    public List<TensorSlot> trainingState() {
        return List.of(inited(), clusterSize(), embedAvg());
    }

    @Override
    public List<TensorSlot> tensors() {
        return List.of(inited(), clusterSize(), embed(), embedAvg());
    }
}
