package dev.encodecparity.engine;

import static dev.encodecparity.engine.ConvolutionCases.assertClose;
import static dev.encodecparity.engine.ConvolutionCases.flat;
import static dev.encodecparity.engine.ConvolutionCases.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.reference.ReferenceOps;
import dev.encodecparity.spec.PadMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channels-last forms of the engine's convolutions ({@link ChannelsLast}) against the definition
 * ({@link ReferenceOps}, accumulated in double), on inputs in either layout, and its padding against
 * {@link Ops#pad1d}, which it must equal bit for bit (a padding only copies).
 */
class ChannelsLastTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        ComputeDevice.configureThreads(1);
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Plain convolutions: strides, dilations, a batch, and input channels that need {@link Ops#CHANNEL_BLOCK}. */
    @ParameterizedTest
    @CsvSource({"1, 32, 16, 3, 1, 1, 2400", "2, 16, 32, 1, 1, 1, 1201", "1, 1, 32, 7, 1, 1, 3000",
            "1, 32, 2, 7, 1, 1, 3000", "1, 24, 16, 3, 1, 3, 2400", "1, 40, 24, 2, 1, 1, 2400",
            "2, 8, 16, 4, 2, 1, 999"})
    void aConvolutionGivesTheDefinitionsOutput(int batch, int in, int out, int kernel, int stride, int dilation,
            int length) {
        float[][][] x = random(batch, in, length, 1);
        float[][][] w = random(out, in, kernel, 2);
        float[] bias = random(1, 1, out, 3)[0][0];
        NDArray weight = ChannelsLast.weight(manager, flat(w), out, in, kernel);
        float[][][] want = ReferenceOps.conv1d(x, w, bias, stride, dilation);
        NDArray b = manager.create(bias);
        assertClose(want, cube(ChannelsLast.conv1d(array(x), weight, b, stride, dilation)), "default layout in");
        assertClose(want, cube(ChannelsLast.conv1d(ChannelsLast.of(array(x)), weight, b, stride, dilation)),
                "channels-last in");
    }

    /** The fold as a view: whole windows, a tail the last window does not reach, a batch, a fold into 40 channels. */
    @ParameterizedTest
    @CsvSource({"2, 3, 5, 2, 4, 61", "1, 4, 8, 4, 8, 103", "1, 8, 16, 5, 10, 10805", "2, 16, 32, 8, 16, 2171",
            "1, 2, 4, 2, 6, 40"})
    void aStridedConvolutionFoldedIntoChannelsGivesTheSameOutput(int batch, int in, int out, int stride, int kernel,
            int length) {
        float[][][] x = random(batch, in, length, 4);
        float[][][] w = random(out, in, kernel, 5);
        float[] bias = random(1, 1, out, 6)[0][0];
        NDArray folded = ChannelsLast.foldedWeight(manager, flat(w), out, in, kernel, stride);
        float[][][] got = cube(ChannelsLast.foldedConv1d(ChannelsLast.of(array(x)), folded, manager.create(bias),
                stride));
        assertClose(ReferenceOps.conv1d(x, w, bias, stride, 1), got, "stride " + stride + ", kernel " + kernel);
    }

    /** The polyphase transposed convolution, its interleave a view: SEANet's kernel 2 x stride, and uneven ones. */
    @ParameterizedTest
    @CsvSource({"1, 64, 32, 4, 2, 300", "2, 16, 8, 16, 8, 41", "1, 8, 4, 7, 3, 50", "1, 4, 2, 3, 5, 20",
            "1, 32, 16, 10, 5, 120"})
    void aTransposedConvolutionGivesTheDefinitionsOutput(int batch, int in, int out, int kernel, int stride,
            int length) {
        float[][][] x = random(batch, in, length, 7);
        float[][][] w = random(in, out, kernel, 8);
        float[] bias = random(1, 1, out, 9)[0][0];
        NDArray weight = ChannelsLast.polyphaseWeight(manager, flat(w), in, out, kernel, stride);
        NDArray b = manager.create(ChannelsLast.polyphaseBias(bias, stride));
        float[][][] got = cube(ChannelsLast.convTranspose1d(array(x), weight, b, out, kernel, stride));
        assertClose(ReferenceOps.convTranspose1d(x, w, bias, stride), got, "stride " + stride + ", kernel " + kernel);
    }

    /** Reflections and zeros, long inputs and those no longer than the padding, each input in either layout. */
    @ParameterizedTest
    @CsvSource({"REFLECT, 3, 3, 100", "REFLECT, 6, 0, 50", "REFLECT, 0, 7, 50", "REFLECT, 3, 4, 3",
            "REFLECT, 5, 2, 1", "CONSTANT, 2, 5, 30", "CONSTANT, 0, 1, 1"})
    void paddingEqualsTheDefaultLayoutsBitForBit(PadMode mode, int left, int right, int length) {
        float[][][] x = random(2, 3, length, 10);
        float[] want = Ops.pad1d(array(x), left, right, mode).toFloatArray();
        NDArray fromDefault = ChannelsLast.pad1d(array(x), left, right, mode);
        NDArray fromChannelsLast = ChannelsLast.pad1d(ChannelsLast.of(array(x)), left, right, mode);
        assertEquals(new Shape(2, 3, length + left + right), fromDefault.getShape());
        assertArrayEquals(want, fromDefault.toFloatArray(), "default layout in");
        assertArrayEquals(want, fromChannelsLast.toFloatArray(), "channels-last in");
    }

    /**
     * Which convolutions run channels-last on the CPU: from two input channels to {@link ChannelsLast#WIDEST}. One
     * input channel runs in the default layout and hands its output on channels-last (oneDNN's channels-last kernel
     * for it took 130-175 ms to create, for each new length); the wide ones hand theirs on as they are.
     */
    @Test
    void convolutionsFromTwoInputChannelsToTheWidestRunChannelsLast() {
        ai.djl.Device cpu = ai.djl.Device.cpu();
        assertFalse(ChannelsLast.appliesTo(cpu, 1));
        assertTrue(ChannelsLast.takesOutput(cpu, 1));
        assertTrue(ChannelsLast.appliesTo(cpu, 2));
        assertTrue(ChannelsLast.appliesTo(cpu, ChannelsLast.WIDEST - 1));
        assertFalse(ChannelsLast.takesOutput(cpu, 2));
        assertFalse(ChannelsLast.appliesTo(cpu, ChannelsLast.WIDEST));
        assertFalse(ChannelsLast.takesOutput(cpu, ChannelsLast.WIDEST));
    }

    private static NDArray array(float[][][] v) {
        return ConvolutionCases.array(manager, v);
    }

    private static float[][][] cube(NDArray a) {
        return ComposedOpsTest.cube(a);
    }
}
