package dev.encodecparity.golden;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.output.OutputKind;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The output kind of {@code golden record}: a folder holding exactly a manifest, the files its entries and traces
 * name and the {@code inputs/} folder of clips. Only such a folder (or an empty one) is replaced by
 * {@code golden record --force}.
 */
public final class GoldenFolder implements OutputKind {
    public static final GoldenFolder KIND = new GoldenFolder();
    static final String INPUTS = "inputs";

    private GoldenFolder() {
    }

    @Override
    public String description() {
        return "a golden folder written by " + ToolInfo.NAME + " golden record (" + GoldenManifest.FILE
                + ", " + INPUTS + "/ and the files it lists)";
    }

    @Override
    public boolean isFolder() {
        return true;
    }

    @Override
    public boolean isPreviousOutput(Path dir) {
        try {
            GoldenManifest m = GoldenManifest.read(dir);
            TreeSet<String> top = new TreeSet<>(List.of(GoldenManifest.FILE));
            TreeSet<String> inputs = new TreeSet<>();
            for (GoldenManifest.Entry e : m.entries()) {
                top.add(e.codes());
                top.add(e.audio());
                if (!e.clip().startsWith(INPUTS + "/")) {
                    return false;
                }
                inputs.add(e.clip().substring(INPUTS.length() + 1));
            }
            if (m.traces() != null) {
                m.traces().forEach(t -> top.add(t.file()));
            }
            top.add(INPUTS);
            if (!OutputKind.entryNames(dir).equals(new ArrayList<>(top))
                    || !Files.isDirectory(dir.resolve(INPUTS), LinkOption.NOFOLLOW_LINKS)
                    || !OutputKind.entryNames(dir.resolve(INPUTS)).equals(new ArrayList<>(inputs))) {
                return false;
            }
            try (var files = Files.walk(dir)) {
                return files.allMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
