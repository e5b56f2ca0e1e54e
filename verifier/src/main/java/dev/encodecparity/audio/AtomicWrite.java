package dev.encodecparity.audio;

import dev.encodecparity.common.AtomicOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file through a staging file in the same folder that is moved into place only when complete (see
 * {@link AtomicOutput#replaceFile}), so that a reader, or a user after a crash, sees the old file, or none, or the
 * whole new one, never a partial one.
 */
final class AtomicWrite {
    /** Writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    static void write(Path target, Content content) throws IOException {
        AtomicOutput.replaceFile(target, staging -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
        });
    }
}
