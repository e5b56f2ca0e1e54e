package dev.encodecparity.convert;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.output.OutputKind;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * The output kind of {@code convert --to original}: a torch zip archive whose zip comment (which torch ignores) says
 * this tool wrote it. Only such a file (or an empty one) is replaced by {@code --force}.
 */
public final class OriginalCheckpointFile implements OutputKind {
    public static final OriginalCheckpointFile KIND = new OriginalCheckpointFile();
    /** The zip comment of every archive this tool writes, followed by its version. */
    public static final String MARK = "written by " + ToolInfo.NAME;

    private OriginalCheckpointFile() {
    }

    @Override
    public String description() {
        return "an original checkpoint written by " + ToolInfo.NAME + " convert --to original";
    }

    @Override
    public boolean isFolder() {
        return false;
    }

    @Override
    public boolean isPreviousOutput(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String comment = zip.getComment();
            return comment != null && comment.startsWith(MARK + " ");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
