package dev.encodecparity.convert;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.output.OutputKind;
import dev.encodecparity.safetensors.SafetensorsFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The output kind of {@code convert}: a folder holding exactly the three files a conversion writes, whose weights
 * carry this tool's provenance. Only such a folder (or an empty one) is replaced by {@code convert --force}.
 */
public final class ConvertedFolder implements OutputKind {
    public static final ConvertedFolder KIND = new ConvertedFolder();
    private static final List<String> FILES = List.of(TransformersFolder.CONFIG, TransformersFolder.WEIGHTS,
            TransformersFolder.PREPROCESSOR); // sorted, as entryNames gives them

    /** The model card's name and the line that marks it as this tool's (ModelCard writes both). */
    public static final String MODEL_CARD = "README.md";
    public static final String CARD_MARK = "<!-- " + ToolInfo.NAME + " model card -->";
    /** A verified conversion's folder also holds its model card. */
    private static final List<String> WITH_CARD = List.of(MODEL_CARD, TransformersFolder.CONFIG,
            TransformersFolder.WEIGHTS, TransformersFolder.PREPROCESSOR); // sorted: upper case first

    private ConvertedFolder() {
    }

    private static boolean hasCard(Path dir) throws java.io.IOException {
        Path card = dir.resolve(MODEL_CARD);
        return Files.isRegularFile(card, LinkOption.NOFOLLOW_LINKS) && Files.size(card) < 1 << 20
                && Files.readString(card).contains(CARD_MARK);
    }

    @Override
    public String description() {
        return "a converted model folder written by " + ToolInfo.NAME + " (" + String.join(", ", FILES) + ")";
    }

    @Override
    public boolean isFolder() {
        return true;
    }

    @Override
    public boolean isPreviousOutput(Path dir) {
        try {
            List<String> names = OutputKind.entryNames(dir);
            if (!names.equals(FILES) && !(names.equals(WITH_CARD) && hasCard(dir))) {
                return false;
            }
            for (String f : FILES) {
                if (!Files.isRegularFile(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
            }
            try (SafetensorsFile st = SafetensorsFile.open(dir.resolve(TransformersFolder.WEIGHTS))) {
                return st.metadata().getOrDefault(Provenance.TOOL, "").startsWith(ToolInfo.NAME + " ");
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
