package dev.encodecparity.diff;

import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.model.ModelLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code diff A B}: two models compared in transformers terms (see {@link DiffReport} for what decides the verdict).
 * Both sides are opened before anything is compared, so bad input on either side is found first.
 */
public final class ModelDiff {
    private ModelDiff() {
    }

    /**
     * One side as the user named it.
     *
     * @param given the path or repo id as given
     * @param where what it was resolved to ({@link ModelLocations#locate})
     */
    public record Input(String given, ModelLocations.Located where) {
    }

    /**
     * Compares {@code a} and {@code b}.
     *
     * @param model with a checkpoint side: a preset name or "auto"
     * @param configFile with a checkpoint side: a custom model's config.json, or null
     */
    public static DiffReport run(Input a, Input b, String model, Path configFile) {
        try (ModelView x = ModelView.open(a.given(), a.where(), model, configFile);
                ModelView y = ModelView.open(b.given(), b.where(), model, configFile)) {
            DiffReport.Tensors tensors = TensorComparison.compare(x.tensors(), y.tensors(), x.weightsFile(),
                    y.weightsFile());
            DiffReport.Fields config = FieldComparison.config(x, y);
            DiffReport.Fields preprocessor = FieldComparison.preprocessor(x, y);
            boolean identical = tensors.differing() == 0 && config.differing() == 0 && preprocessor.differing() == 0;
            return new DiffReport(ToolInfo.nameAndVersion(), x.side(), y.side(),
                    identical ? DiffReport.Outcome.IDENTICAL : DiffReport.Outcome.DIFFERENT, tensors, config,
                    preprocessor, FieldComparison.metadata(x, y), files(x, y));
        }
    }

    /**
     * The model files of two folders by SHA-256: the weights, config.json and preprocessor_config.json. Other files
     * (a README, .gitattributes) are not the model and are left out.
     */
    private static DiffReport.Files files(ModelView a, ModelView b) {
        if (a.folder() == null || b.folder() == null) {
            return new DiffReport.Files(false, (a.folder() == null ? "A" : "B") + " is an original checkpoint, not a"
                    + " folder of files", null, List.of());
        }
        Set<String> names = new LinkedHashSet<>(List.of(a.weightsFile().getFileName().toString(),
                b.weightsFile().getFileName().toString(), TransformersFolder.CONFIG, TransformersFolder.PREPROCESSOR));
        List<DiffReport.FileHash> entries = new ArrayList<>();
        boolean all = true;
        for (String name : names) {
            String x = sha256(a.folder().resolve(name));
            String y = sha256(b.folder().resolve(name));
            if (x == null && y == null) {
                continue;
            }
            boolean same = x != null && x.equals(y);
            all &= same;
            entries.add(new DiffReport.FileHash(name, x, y, same));
        }
        return new DiffReport.Files(true, null, all, List.copyOf(entries));
    }

    private static String sha256(Path file) {
        return Files.isRegularFile(file) ? Hashing.sha256(file) : null;
    }
}
