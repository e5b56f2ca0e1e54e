package dev.encodecparity.engine;

/**
 * Receives the output of every module during a traced encode or decode, for finding the first layer where two models
 * diverge. Values are copied to the host: tracing is for diagnosis, not for speed.
 */
public interface Tracer {
    /**
     * @param module a stable name such as "encoder.1" (module index in the original {@code nn.Sequential})
     * @param kind what the module is ("conv", "residual block", "lstm", "elu", "quantizer", ...)
     * @param shape the output's shape
     * @param values the output, C order
     */
    void record(String module, String kind, long[] shape, float[] values);
}
