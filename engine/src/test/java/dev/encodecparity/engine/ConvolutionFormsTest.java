package dev.encodecparity.engine;

import static dev.encodecparity.engine.ConvolutionCases.assertClose;
import static dev.encodecparity.engine.ConvolutionCases.flat;
import static dev.encodecparity.engine.ConvolutionCases.random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.reference.ReferenceOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's convolutions against the definition ({@link ReferenceOps#conv1d}, accumulated in double): the
 * channel padding that works around libtorch 2.7.1's wrong CPU results, and the folded form of strided convolutions.
 */
class ConvolutionFormsTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        ComputeDevice.configureThreads(1); // the wrong results showed with one thread and with two
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /**
     * Shapes where libtorch 2.7.1 returned wrong values or NaN on this project's AVX-512 machine without the padding
     * (more than 16 input channels, not a multiple of 16, kernel over 1, 24000 samples); and one it always got right.
     */
    @ParameterizedTest
    @CsvSource({"17, 16, 2, 1", "24, 1, 7, 1", "40, 24, 2, 1", "56, 16, 3, 3", "20, 16, 7, 2", "48, 16, 2, 1"})
    void inputChannelsThatAreNoMultipleOfSixteenConvolveCorrectly(int in, int out, int kernel, int dilation) {
        float[][][] x = random(1, in, 24000, 1);
        float[][][] w = random(out, in, kernel, 2);
        float[] bias = random(1, 1, out, 3)[0][0];
        float[][][] got = ComposedOpsTest.cube(Ops.conv1d(array(x), array(w), manager.create(bias), 1, dilation));
        assertClose(ReferenceOps.conv1d(x, w, bias, 1, dilation), got, in + " input channels");
    }

    /**
     * The folded form gives the strided convolution's output, its length included: whole windows, a tail the last
     * window does not reach, a batch, and a fold into 40 channels (8 x stride 5, which needs the padding above).
     */
    @ParameterizedTest
    @CsvSource({"2, 3, 5, 2, 4, 61", "1, 4, 8, 4, 8, 103", "1, 8, 16, 5, 10, 10805", "2, 16, 32, 8, 16, 2171",
            "1, 2, 4, 2, 6, 40"})
    void aStridedConvolutionFoldedIntoChannelsGivesTheSameOutput(int batch, int in, int out, int stride, int kernel,
            int length) {
        float[][][] x = random(batch, in, length, 4);
        float[][][] w = random(out, in, kernel, 5);
        float[] bias = random(1, 1, out, 6)[0][0];
        NDArray folded = manager.create(StrideFold.weight(flat(w), out, in, kernel, stride),
                new Shape(out, (long) in * stride, kernel / stride));
        float[][][] got = ComposedOpsTest.cube(StrideFold.conv1d(array(x), folded, manager.create(bias), stride));
        assertClose(ReferenceOps.conv1d(x, w, bias, stride, 1), got, "stride " + stride + ", kernel " + kernel);
    }

    private static NDArray array(float[][][] v) {
        return ConvolutionCases.array(manager, v);
    }
}
