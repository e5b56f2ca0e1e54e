package dev.encodecparity.engine;

/**
 * What a result was computed with, as every output states it.
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
        String where = device.equals("cpu") ? "cpu (" + threads + " threads, " + cpu + ")" : device;
        return where + ", libtorch " + libtorch + ", DJL " + djl;
    }
}
