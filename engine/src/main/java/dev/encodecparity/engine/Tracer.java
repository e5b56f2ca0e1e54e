package dev.encodecparity.engine;

import java.util.function.Supplier;

/**
 * Receives the output of every module during a traced encode or decode, for finding the first layer where two models
 * diverge. Values are copied to the host: tracing is for diagnosis, not for speed. {@link #NONE} traces nothing and
 * costs nothing: a run that is not traced copies no values and batches its chunks.
 */
public interface Tracer {
    /** Records nothing; chunks run in batches. */
    Tracer NONE = new Tracer() {
        @Override
        public void record(int chunk, String module, String kind, long[] shape, float[] values) {
        }

        @Override
        public boolean recordsModules() {
            return false;
        }

        @Override
        public ModuleSink forChunk(int chunk) {
            return ModuleSink.NONE;
        }
    };

    /**
     * @param chunk the chunk being processed (0 when the model does not chunk)
     * @param module a name that is the same in both layouts: "encoder.1" (index in the original
     *     {@code nn.Sequential}), "quantizer.0" (codes of codebook 0), "quantizer.decode", "decoder.3", "output"
     * @param kind what the module is ("conv", "residual block", "lstm", "elu", "codes", ...)
     * @param shape the output's shape
     * @param values the output, C order
     */
    void record(int chunk, String module, String kind, long[] shape, float[] values);

    /**
     * Whether this tracer records; one that does makes the codec run one chunk at a time, in order, so that two traces
     * line up.
     */
    default boolean recordsModules() {
        return true;
    }

    /** The same tracer with the chunk fixed, for the stages that do not know it. */
    default ModuleSink forChunk(int chunk) {
        return (module, kind, shape, values) -> record(chunk, module, kind, shape, values.get());
    }

    /** Where a stage reports its modules' outputs; the values are copied to the host only when they are recorded. */
    interface ModuleSink {
        /** Records nothing and copies nothing. */
        ModuleSink NONE = (module, kind, shape, values) -> {
        };

        void record(String module, String kind, long[] shape, Supplier<float[]> values);
    }
}
