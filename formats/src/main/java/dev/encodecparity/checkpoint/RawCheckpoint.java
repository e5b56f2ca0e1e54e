package dev.encodecparity.checkpoint;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * What a torch file reader gives back before interpretation: the unpickled value and, per storage key, where the
 * storage's bytes are in the file.
 */
record RawCheckpoint(Object value, Map<String, Region> regions, ByteOrder order, String format,
        List<Checksum> checksums) {
    /** A storage's bytes: file offset and length, and a name for messages (the zip entry or legacy key). */
    record Region(long offset, long length, String name) {
    }

    /** A stored zip entry's bytes and the CRC-32 its directory records, still to be checked. */
    record Checksum(String name, long offset, long length, long crc) {
    }
}
