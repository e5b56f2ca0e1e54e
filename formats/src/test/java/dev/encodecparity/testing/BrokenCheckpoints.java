package dev.encodecparity.testing;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.checkpoint.TorchZipWriter;
import dev.encodecparity.tensor.HeapTensor;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies of a small float32 checkpoint with some values replaced (NaN, an infinity, a huge number), written with the
 * project's own {@link TorchZipWriter}, so that no broken model needs to be committed.
 */
public final class BrokenCheckpoints {
    private BrokenCheckpoints() {
    }

    /** A copy of {@code checkpoint} (a plain float32 state dict) with {@code tensor}'s value at {@code index} set. */
    public static Path withValue(Path checkpoint, Path out, String tensor, int index, float value) {
        return edited(checkpoint, out, values -> values.get(tensor)[index] = value);
    }

    /** A copy of {@code checkpoint} whose tensors went through {@code edit} (name -> values, editable in place). */
    public static Path edited(Path checkpoint, Path out, Consumer<Map<String, float[]>> edit) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (Checkpoint c = Checkpoint.open(checkpoint)) {
            for (Map.Entry<String, Tensor> e : c.stateDict().entrySet()) {
                values.put(e.getKey(), TensorValues.toFloats(e.getValue()));
                shapes.put(e.getKey(), e.getValue().shape());
            }
        }
        edit.accept(values);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        values.forEach((k, v) -> sd.put(k, HeapTensor.ofFloats(shapes.get(k), v)));
        String name = out.getFileName().toString();
        try {
            TorchZipWriter.write(out, name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.')), sd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
