package dev.encodecparity.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new file at exactly the path it is given (an existing path is refused: these writers never replace
 * anything), and removes it again when writing fails, so a failed write leaves no partial file. Replacing an output
 * atomically, and deciding whether it may be replaced at all, is the caller's part: commands hand these writers a
 * staging path from {@link dev.encodecparity.output.Destination}.
 */
final class FileOutput {
    /** Writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content into a channel at its position; may throw {@link IOException}. */
    @FunctionalInterface
    interface ChannelContent {
        void writeTo(FileChannel out) throws IOException;
    }

    private FileOutput() {
    }

    static void write(Path target, Content content) throws IOException {
        OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /** As {@link #write(Path, Content)}, for content that needs to seek (a zip patches each entry's CRC). */
    static void writeChannel(Path target, ChannelContent content) throws IOException {
        FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (file) {
            content.writeTo(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }
}
