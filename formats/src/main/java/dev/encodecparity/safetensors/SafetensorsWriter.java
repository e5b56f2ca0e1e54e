package dev.encodecparity.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a safetensors file: an 8-byte header length, a JSON header padded with spaces to a multiple of 8, then the
 * tensors' bytes.
 *
 * <p>Tensors are laid out by element size, largest first (stable otherwise), so every tensor starts aligned to its
 * element size, as Python's writer does. The header is written last: the data section's layout is fixed up front from
 * a metadata template whose values have their final lengths, and the real metadata is asked for only after the data is
 * out. That lets a slow provenance value (a hash of a large input) be computed while the tensors are copied.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** A tensor under the name it will have in the file. */
    public record Named(String name, Tensor tensor) {
    }

    /** Writes with metadata known now. */
    public static void write(Path out, List<Named> tensors, Map<String, String> metadata) throws IOException {
        write(out, tensors, metadata, () -> metadata);
    }

    /**
     * Writes the tensors, then asks {@code metadata} for the final metadata, which must not need more header bytes than
     * {@code template} (same keys, values of the same or shorter length).
     */
    public static void write(Path out, List<Named> tensors, Map<String, String> template,
            Supplier<Map<String, String>> metadata) throws IOException {
        List<Named> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.comparingInt((Named n) -> -n.tensor().dtype().size()));
        HashSet<String> names = new HashSet<>();
        for (Named n : ordered) {
            if (n.name().equals("__metadata__") || !names.add(n.name())) {
                throw new IllegalArgumentException("tensor name used twice or reserved: " + n.name());
            }
        }
        byte[] reserved = header(ordered, template, 0);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.position(8 + reserved.length);
            for (Named n : ordered) {
                long before = ch.position();
                n.tensor().writeTo(ch);
                if (ch.position() - before != n.tensor().byteSize()) {
                    throw new IOException("tensor " + n.name() + " wrote " + (ch.position() - before)
                            + " bytes, expected "
                            + n.tensor().byteSize());
                }
            }
            byte[] header = header(ordered, metadata.get(), reserved.length);
            ByteBuffer head = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(header.length).put(header).flip();
            while (head.hasRemaining()) {
                ch.write(head, head.position());
            }
        }
    }

    /** The JSON header, space-padded so that 8 + length is a multiple of 8 (and to {@code padTo} when given). */
    private static byte[] header(List<Named> ordered, Map<String, String> metadata, int padTo) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Named n : ordered) {
            ObjectNode t = root.putObject(n.name());
            t.put("dtype", n.tensor().dtype().safetensorsName());
            var shape = t.putArray("shape");
            for (long d : n.tensor().shape()) {
                shape.add(d);
            }
            long end = offset + n.tensor().byteSize();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int length = padTo > 0 ? padTo : (json.length + 7) / 8 * 8;
        if (json.length > length) {
            throw new IllegalStateException("final safetensors metadata is longer than its template");
        }
        byte[] padded = new byte[length];
        System.arraycopy(json, 0, padded, 0, json.length);
        java.util.Arrays.fill(padded, json.length, length, (byte) ' ');
        return padded;
    }
}
