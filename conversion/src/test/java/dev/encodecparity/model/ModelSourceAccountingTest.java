package dev.encodecparity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.checkpoint.TorchZipWriter;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.HeapTensor;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint that does not fit its settings is refused with every problem listed, sorted. */
class ModelSourceAccountingTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;

    @Test
    void missingUnexpectedAndMisshapedTensorsAreAllListed() throws Exception {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        try (Checkpoint c = Checkpoint.open(CKPT)) {
            for (Map.Entry<String, Tensor> e : c.stateDict().entrySet()) {
                sd.put(e.getKey(), HeapTensor.ofFloats(e.getValue().shape(), TensorValues.toFloats(e.getValue())));
            }
        }
        // tiny_24khz: 1 channel, 2 filters, kernel 7, so the first conv's weight_v is [2, 1, 7] and its bias [2]
        sd.remove("encoder.model.0.conv.conv.bias");
        sd.put("encoder.model.0.conv.conv.weight_v", HeapTensor.ofFloats(new long[] {2, 1, 5}, new float[10]));
        sd.put("encoder.model.0.conv.conv.weight", HeapTensor.ofFloats(new long[] {2, 1, 7}, new float[14]));
        Path broken = tmp.resolve("broken.th");
        TorchZipWriter.write(broken, "broken", sd);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelSource.original(broken, null, CONFIG));
        assertEquals("does not fit its original settings: 3 problems", e.reason());
        assertEquals(List.of("missing tensor: encoder.model.0.conv.conv.bias [2]",
                "unexpected tensor: encoder.model.0.conv.conv.weight",
                "wrong shape: encoder.model.0.conv.conv.weight_v is [2, 1, 5], must be [2, 1, 7]"), e.details());
        assertEquals(broken, e.file());
    }
}
