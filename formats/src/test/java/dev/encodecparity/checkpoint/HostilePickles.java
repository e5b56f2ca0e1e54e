package dev.encodecparity.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small files that describe large work: torch zip archives whose {@code x/data.pkl} is a hand-made pickle, stored or
 * deflated (deflate turns a long run of one opcode into about a thousandth of its size), and the pickles themselves.
 * The same inputs, made by testdata/scripts/make_fuzz_seeds.py, are fuzz seeds.
 */
final class HostilePickles {
    private HostilePickles() {
    }

    /** Writes the body of one pickle; it receives the stream after the PROTO opcode. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A torch zip archive whose only entry is {@code x/data.pkl}: PROTO {@code protocol}, then {@code body}. */
    static Path zip(Path file, boolean deflate, int protocol, Body body) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry e = new ZipEntry("x/data.pkl");
            if (deflate) {
                z.setLevel(Deflater.BEST_COMPRESSION);
                z.putNextEntry(e);
                z.write(new byte[] {(byte) 0x80, (byte) protocol});
                body.write(z);
            } else {
                byte[] pickle = pickle(protocol, body);
                CRC32 crc = new CRC32();
                crc.update(pickle);
                e.setMethod(ZipEntry.STORED);
                e.setSize(pickle.length);
                e.setCompressedSize(pickle.length);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(pickle);
            }
            z.closeEntry();
        }
        return file;
    }

    /** The pickle's bytes: PROTO {@code protocol}, then {@code body}. */
    static byte[] pickle(int protocol, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x80, (byte) protocol});
        body.write(out);
        return out.toByteArray();
    }

    /** {@code count} copies of the one-byte opcode {@code op}, written a mebibyte at a time. */
    static void repeat(OutputStream out, int op, long count) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) op);
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    /** A protocol 0 decimal integer opcode ({@code I} or {@code L}) of {@code digits} nines. */
    static void decimal(OutputStream out, int op, int digits) throws IOException {
        out.write(op);
        byte[] nines = new byte[digits];
        Arrays.fill(nines, (byte) '9');
        out.write(nines);
        if (op == 'L') {
            out.write('L');
        }
        out.write('\n');
    }
}
