package dev.encodecparity.engine;

import static dev.encodecparity.engine.ConvolutionCases.assertClose;
import static dev.encodecparity.engine.ConvolutionCases.flat;
import static dev.encodecparity.engine.ConvolutionCases.random;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.encodecparity.reference.ReferenceOps;
import dev.encodecparity.spec.PadMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Convolutions that pad their own input ({@link ConvolutionPadding}) against the definition: the input padded first
 * ({@link ReferenceOps#reflectPad}, {@link ReferenceOps#constantPad}), then convolved in double. The cases are
 * SEANet's: centred kernels 3 and 7, a dilated kernel, a batch, and inputs just long enough for the reflected ends.
 */
class ConvolutionPaddingTest {
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

    @ParameterizedTest
    @CsvSource({"REFLECT, 1, 32, 16, 3, 1, 1, 2400", "REFLECT, 1, 16, 32, 7, 1, 3, 999",
            "REFLECT, 2, 8, 16, 3, 2, 2, 301", "REFLECT, 1, 24, 4, 3, 3, 3, 40", "REFLECT, 1, 8, 8, 7, 1, 3, 7",
            "REFLECT, 3, 8, 8, 3, 1, 1, 3", "CONSTANT, 2, 16, 8, 7, 1, 3, 500", "CONSTANT, 1, 8, 4, 3, 1, 1, 2"})
    void aConvolutionPaddingItselfGivesTheOutputOfThePaddedInput(PadMode mode, int batch, int in, int out, int kernel,
            int dilation, int padding, int length) {
        float[][][] x = random(batch, in, length, 11);
        float[][][] w = random(out, in, kernel, 12);
        float[] bias = random(1, 1, out, 13)[0][0];
        NDArray input = ChannelsLast.of(ConvolutionCases.array(manager, x));
        int reach = (kernel - 1) * dilation + 1;
        NDArray y = ConvolutionPadding.conv1d(input, ChannelsLast.weight(manager, flat(w), out, in, kernel),
                manager.create(bias), dilation, reach, padding, mode);
        float[][][] padded = mode == PadMode.REFLECT ? ReferenceOps.reflectPad(x, padding, padding)
                : ReferenceOps.constantPad(x, padding, padding);
        assertClose(ReferenceOps.conv1d(padded, w, bias, 1, dilation), ComposedOpsTest.cube(y),
                mode + " " + padding + ", kernel " + kernel + " x " + dilation);
    }

    /**
     * Where the padded copy stays: no padding, uneven (causal) padding, inputs under
     * {@link ConvolutionPadding#SMALLEST} values, reflections that need more samples than the input has.
     */
    @Test
    void itPadsOnlyEvenPaddingOfLargeInputs() {
        long samples = ConvolutionPadding.SMALLEST / 32;
        NDArray large = manager.zeros(new ai.djl.ndarray.types.Shape(1, 32, samples));
        NDArray small = manager.zeros(new ai.djl.ndarray.types.Shape(1, 32, samples - 1));
        NDArray shortWide = manager.zeros(new ai.djl.ndarray.types.Shape(1, ConvolutionPadding.SMALLEST / 8, 8));
        assertTrue(ConvolutionPadding.applies(large, 7, 3, 3, PadMode.REFLECT));
        assertTrue(ConvolutionPadding.applies(large, 3, 1, 1, PadMode.CONSTANT));
        assertFalse(ConvolutionPadding.applies(large, 1, 0, 0, PadMode.REFLECT));
        assertFalse(ConvolutionPadding.applies(large, 7, 6, 0, PadMode.REFLECT));
        assertFalse(ConvolutionPadding.applies(large, 7, 6, 0, PadMode.CONSTANT));
        assertFalse(ConvolutionPadding.applies(small, 7, 3, 3, PadMode.REFLECT));
        assertFalse(ConvolutionPadding.applies(shortWide, 9, 4, 4, PadMode.REFLECT), "8 samples, the ends need 8");
        assertTrue(ConvolutionPadding.applies(shortWide, 9, 4, 4, PadMode.CONSTANT));
    }
}
