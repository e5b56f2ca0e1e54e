package dev.encodecparity.engine;

import dev.encodecparity.provenance.OutputProvenance;

/**
 * What a result was computed with, as every output states it (through {@link #provenance}).
 *
 * @param device "cpu" or "cuda:N"
 * @param libtorch the libtorch version DJL loaded
 * @param djl DJL's version
 * @param threads libtorch intra-op threads
 * @param cpu the CPU model
 */
public record EngineInfo(String device, String libtorch, String djl, int threads, String cpu) {
    /** "cpu (2 threads, AMD EPYC), libtorch 2.7.1, DJL 0.36.0". */
    public String summary() {
        return provenance().summary();
    }

    /** The same facts as the provenance record every output writes holds them. */
    public OutputProvenance.Engine provenance() {
        return new OutputProvenance.Engine(device, libtorch, djl, threads, cpu);
    }
}
