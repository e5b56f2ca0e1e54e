package dev.encodecparity.engine;

/**
 * Receives the output of every module during a traced encode or decode, for finding the first layer where two models
 * diverge. Values are copied to the host: tracing is for diagnosis, not for speed.
 */
public interface Tracer {
    /**
     * @param chunk the chunk being processed (0 when the model does not chunk)
     * @param module a name that is the same in both layouts: "encoder.1" (index in the original
     *     {@code nn.Sequential}), "quantizer.0" (codes of codebook 0), "quantizer.decode", "decoder.3", "output"
     * @param kind what the module is ("conv", "residual block", "lstm", "elu", "codes", ...)
     * @param shape the output's shape
     * @param values the output, C order
     */
    void record(int chunk, String module, String kind, long[] shape, float[] values);

    /** The same tracer with the chunk fixed, for the stages that do not know it. */
    default ModuleSink forChunk(int chunk) {
        return (module, kind, shape, values) -> record(chunk, module, kind, shape, values);
    }

    /** Where a stage reports its modules' outputs. */
    interface ModuleSink {
        void record(String module, String kind, long[] shape, float[] values);
    }
}
