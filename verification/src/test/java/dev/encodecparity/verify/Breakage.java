package dev.encodecparity.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.safetensors.SafetensorsWriter;
import dev.encodecparity.tensor.HeapTensor;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Deliberately broken copies of a correct converted folder, the way a buggy converter would write them. */
final class Breakage {
    private Breakage() {
    }

    /** A copy of {@code folder} whose tensors went through {@code edit} (name -> values, editable in place). */
    static Path tensors(Path folder, Path out, java.util.function.Consumer<Map<String, float[]>> edit)
            throws IOException {
        Files.createDirectories(out);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, String> meta;
        try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            meta = f.metadata();
            for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
                values.put(e.getKey(), TensorValues.toFloats(e.getValue()));
                shapes.put(e.getKey(), e.getValue().shape());
            }
        }
        edit.accept(values);
        List<SafetensorsWriter.Named> named = new ArrayList<>();
        values.forEach((k, v) -> named.add(new SafetensorsWriter.Named(k, HeapTensor.ofFloats(shapes.get(k), v))));
        SafetensorsWriter.write(out.resolve("model.safetensors"), named, meta);
        Files.copy(folder.resolve("config.json"), out.resolve("config.json"));
        Files.copy(folder.resolve("preprocessor_config.json"), out.resolve("preprocessor_config.json"));
        return out;
    }

    /** A copy of {@code folder} with one field of config.json changed. */
    static Path config(Path folder, Path out, UnaryOperator<ObjectNode> edit) throws IOException {
        Files.createDirectories(out);
        for (String f : List.of("model.safetensors", "preprocessor_config.json")) {
            Files.copy(folder.resolve(f), out.resolve(f));
        }
        ObjectNode c = (ObjectNode) Json.MAPPER.readTree(folder.resolve("config.json").toFile());
        Json.MAPPER.writeValue(out.resolve("config.json").toFile(), edit.apply(c));
        return out;
    }

    /** Transposes dims 0 and 1 of a [A, A, K] tensor (a square conv weight). */
    static float[] transpose01(float[] v, int k) {
        int a = (int) Math.round(Math.sqrt(v.length / (double) k));
        float[] t = new float[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < a; j++) {
                System.arraycopy(v, (i * a + j) * k, t, (j * a + i) * k, k);
            }
        }
        return t;
    }
}
