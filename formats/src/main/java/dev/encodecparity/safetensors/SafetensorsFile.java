package dev.encodecparity.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.FileTensor;
import dev.encodecparity.tensor.Shapes;
import dev.encodecparity.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, open for reading: its metadata and its tensors, which stay in the file until read.
 *
 * <p>The header is validated as strictly as the reference implementation does: known dtypes, offsets that match each
 * shape, tensors that tile the data section exactly with no gap or overlap. Owns the open file.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The reference implementation's limit; a larger header is a damaged or hostile file. */
    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final FileChannel channel;
    private final Map<String, String> metadata;
    private final Map<String, Tensor> tensors;

    private SafetensorsFile(Path file, FileChannel channel, Map<String, String> metadata, Map<String, Tensor> tensors) {
        this.file = file;
        this.channel = channel;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    public static SafetensorsFile open(Path file) {
        FileChannel ch = InputFiles.open(file, "expected a safetensors file");
        try {
            return read(file, ch);
        } catch (IOException e) {
            InputFiles.closeAfterFailure(ch);
            throw InputFiles.cannotRead(file, e);
        } catch (RuntimeException e) {
            InputFiles.closeAfterFailure(ch);
            throw e;
        }
    }

    private static SafetensorsFile read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new BadInputException(file, "too short for a safetensors file (" + size + " bytes)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
            throw new BadInputException(file, "safetensors header length " + headerLen + " is impossible for a file of "
                    + size + " bytes (not a safetensors file, or truncated)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        while (hb.hasRemaining()) {
            if (ch.read(hb, 8 + hb.position()) < 0) {
                throw new BadInputException(file, "truncated safetensors header");
            }
        }
        JsonNode root = Json.parse(hb.array(), file, "safetensors header is not valid JSON: ");
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "safetensors header is not a JSON object");
        }
        long dataStart = 8 + headerLen;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<long[]> extents = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                if (!e.getValue().isObject()) {
                    throw new BadInputException(file, "__metadata__ is not an object");
                }
                e.getValue().fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw new BadInputException(file, "__metadata__ value of " + m.getKey() + " is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            tensors.put(e.getKey(), tensor(file, ch, e.getKey(), e.getValue(), dataStart, dataSize, extents));
        }
        extents.sort((a, b) -> Long.compare(a[0], b[0]));
        long expect = 0;
        for (long[] x : extents) {
            if (x[0] != expect) {
                throw new BadInputException(file, "tensor data offsets leave a gap or overlap at byte " + x[0]);
            }
            expect = x[1];
        }
        if (expect != dataSize) {
            throw new BadInputException(file, "tensor data covers " + expect + " bytes but the data section has "
                    + dataSize + " (truncated or padded file)");
        }
        return new SafetensorsFile(file, ch, Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors));
    }

    private static Tensor tensor(Path file, FileChannel ch, String name, JsonNode info, long dataStart, long dataSize,
            List<long[]> extents) {
        String where = "tensor " + name + ": ";
        if (!info.isObject()) {
            throw new BadInputException(file, where + "entry is not an object");
        }
        DType dtype = DType.fromSafetensors(info.path("dtype").asText(""))
                .orElseThrow(() -> new BadInputException(file, where + "unsupported dtype '"
                        + info.path("dtype").asText()
                        + "'"));
        JsonNode shapeNode = info.path("shape");
        JsonNode offsets = info.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new BadInputException(file, where + "needs a shape array and two data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
                throw new BadInputException(file, where + "shape entry " + shapeNode.get(i) + " is not a size");
            }
            shape[i] = shapeNode.get(i).asLong();
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long numel = Shapes.numel(shape);
        if (numel < 0 || begin < 0 || end < begin || end > dataSize
                || numel > (end - begin) / dtype.size() || numel * dtype.size() != end - begin) {
            throw new BadInputException(file, where + "data_offsets [" + begin + ", " + end + "] do not fit shape "
                    + Shapes.format(shape) + " of " + dtype.safetensorsName() + " in a data section of " + dataSize
                    + " bytes");
        }
        if (begin != end) {
            extents.add(new long[] {begin, end});
        }
        return new FileTensor(ch, dataStart + begin, dtype, shape);
    }


    public Path file() {
        return file;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Name to tensor, in header order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
