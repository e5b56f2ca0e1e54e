package dev.encodecparity.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One sequential read of a file that computes its SHA-256 and, on the way, the CRC-32 of chosen byte ranges (a zip's
 * stored entries). Reading once instead of twice matters: conversion is bounded by this pass, and it runs on a second
 * thread while the tensors are copied. Reads through one direct buffer, so the file's pages never count as resident
 * memory of the process.
 */
public final class FileScan {
    private FileScan() {
    }

    /** A byte range of the file: [offset, offset + length). */
    public record Range(long offset, long length) {
    }

    /** The file's SHA-256 (hex) and one CRC-32 per requested range, in the order given. */
    public record Result(String sha256, long[] crcs) {
    }

    /** @param ranges non-overlapping, in increasing offset order */
    public static Result scan(Path file, List<Range> ranges) {
        try (FileChannel ch = InputFiles.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            CRC32[] crc = new CRC32[ranges.size()];
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = 0;
            int first = 0; // ranges before this one end before pos
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                buf.flip();
                md.update(buf.duplicate());
                long end = pos + n;
                for (int i = first; i < ranges.size() && ranges.get(i).offset() < end; i++) {
                    Range r = ranges.get(i);
                    long from = Math.max(pos, r.offset());
                    long to = Math.min(end, r.offset() + r.length());
                    if (from < to) {
                        if (crc[i] == null) {
                            crc[i] = new CRC32();
                        }
                        crc[i].update(buf.duplicate().position((int) (from - pos)).limit((int) (to - pos)));
                    }
                    if (r.offset() + r.length() <= end && i == first) {
                        first++;
                    }
                }
                pos = end;
            }
            long[] out = new long[ranges.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = crc[i] == null ? new CRC32().getValue() : crc[i].getValue();
            }
            return new Result(HexFormat.of().formatHex(md.digest()), out);
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
