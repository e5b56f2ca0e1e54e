package dev.encodecparity.checkpoint;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.python.PyValues;
import dev.encodecparity.tensor.Shapes;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.zip.ZipDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An original EnCodec checkpoint, open for reading: its state dict (tensors that stay in the file until streamed), and
 * the audiocraft {@code xp.cfg} when there is one.
 *
 * <p>Reads torch zip archives and legacy files; unwraps {@code best_state}, audiocraft packages and solver checkpoints.
 * No pickle code runs (see {@link Unpickler}). Every tensor's extent is checked against its storage and every stored
 * entry against its CRC before {@link #open} returns, so a damaged file fails here, before anything is written
 * ({@link #openUnverified} leaves the CRCs to a caller that reads the file anyway, see {@link #checksums}). Owns the
 * open file: close it when done; tensors are invalid afterwards.
 */
public final class Checkpoint implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Map<String, Tensor> stateDict;
    private final Object xpConfig;
    private final String description;
    private final List<RawCheckpoint.Checksum> checksums;

    private Checkpoint(Path file, FileChannel channel, Map<String, Tensor> stateDict, Object xpConfig,
            String description, List<RawCheckpoint.Checksum> checksums) {
        this.file = file;
        this.channel = channel;
        this.stateDict = stateDict;
        this.xpConfig = xpConfig;
        this.description = description;
        this.checksums = checksums;
    }

    /** Opens and fully checks a checkpoint, CRCs included. */
    public static Checkpoint open(Path file) {
        Checkpoint c = openUnverified(file);
        try {
            c.verifyChecksums(c.computeChecksums());
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Opens a checkpoint with every check but the CRCs of its stored entries: the caller computes them while reading
     * the file for another reason ({@link dev.encodecparity.common.FileScan}) and passes them to
     * {@link #verifyChecksums} before trusting any tensor.
     */
    public static Checkpoint openUnverified(Path file) {
        FileChannel ch = InputFiles.open(file, "a converted model folder is read with --model-dir");
        try {
            return read(file, ch);
        } catch (IOException e) {
            InputFiles.closeAfterFailure(ch);
            throw InputFiles.cannotRead(file, e);
        } catch (java.io.UncheckedIOException e) {
            InputFiles.closeAfterFailure(ch);
            throw InputFiles.cannotRead(file, e.getCause());
        } catch (BadInputException e) {
            InputFiles.closeAfterFailure(ch);
            throw e.file() == null ? e.in(file) : e;
        } catch (RuntimeException e) {
            InputFiles.closeAfterFailure(ch);
            throw e;
        }
    }

    private static Checkpoint read(Path file, FileChannel ch) throws IOException {
        ByteBuffer head = ZipDirectory.readAt(ch, 0, (int) Math.min(ch.size(), 512));
        RawCheckpoint raw;
        if (TorchZip.looksLikeZip(head)) {
            raw = TorchZip.read(file, ch);
        } else if (head.remaining() >= 2 && (head.get(0) & 0xff) == 0x80 && head.get(1) >= 2 && head.get(1) <= 5) {
            raw = TorchLegacy.read(file, ch);
        } else {
            throw new BadInputException(file, notACheckpoint(head));
        }
        Unwrapped u = unwrap(file, raw.value());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long tensorBytes = 0;
        for (Map.Entry<String, TensorRef> e : u.tensors().entrySet()) {
            Tensor t = resolve(file, ch, raw, e.getKey(), e.getValue());
            tensorBytes += t.byteSize();
            checkSharing(file, e.getKey(), tensorBytes, ch.size());
            tensors.put(e.getKey(), t);
        }
        return new Checkpoint(file, ch, Collections.unmodifiableMap(tensors), u.xpConfig(),
                raw.format() + ", " + u.wrapper(), raw.checksums());
    }

    /**
     * Tensors may share storage (tied weights), but a state dict whose tensors add up to more than twice its file
     * reads most bytes many times over: a kilobyte of pickle can name one storage a thousand times, and converting it
     * would write a thousand copies.
     */
    private static void checkSharing(Path file, String name, long tensorBytes, long fileSize) {
        if (tensorBytes > 2 * fileSize) {
            throw new BadInputException(file, "tensor " + name + ": the tensors up to it take " + tensorBytes
                    + " bytes, more than twice the file's " + fileSize + ": they share their storages many times over;"
                    + " no state dict needs that (save each tensor with .clone())");
        }
    }

    private record Unwrapped(Map<String, TensorRef> tensors, Object xpConfig, String wrapper) {
    }

    private static Unwrapped unwrap(Path file, Object root) {
        if (!(root instanceof Map<?, ?> top)) {
            throw new BadInputException(file, "holds " + PyValues.describeWithArticle(root)
                    + ", not a dict of tensors");
        }
        Optional<Map<String, TensorRef>> direct = tensorsOf(top);
        if (direct.isPresent()) {
            return new Unwrapped(direct.get(), null, "plain state dict");
        }
        Object xp = top.get("xp.cfg");
        if (xp != null && !(xp instanceof String) && !(xp instanceof Map<?, ?>)) {
            throw new BadInputException(file, "xp.cfg is " + PyValues.describeWithArticle(xp)
                    + ", expected YAML text or a dict");
        }
        Object best = top.get("best_state");
        if (best instanceof Map<?, ?> bs) {
            Optional<Map<String, TensorRef>> t = tensorsOf(bs);
            if (t.isPresent()) {
                return new Unwrapped(t.get(), xp, xp != null ? "audiocraft package (best_state + xp.cfg)"
                        : "best_state wrapper");
            }
            if (bs.get("model") instanceof Map<?, ?> model) {
                Optional<Map<String, TensorRef>> m = tensorsOf(model);
                if (m.isPresent()) {
                    return new Unwrapped(m.get(), xp, "audiocraft solver checkpoint (best_state.model)");
                }
            }
            throw new BadInputException(file, "best_state is not a dict of tensors: " + notTensors(bs));
        }
        if (top.containsKey("pretrained") && top.get("pretrained") instanceof String name) {
            throw new BadInputException(file, "audiocraft export that holds no weights, only a reference to pretrained"
                    + " model '" + name + "'; convert that model's own checkpoint instead");
        }
        if (top.isEmpty()) {
            throw new BadInputException(file, "holds an empty dict: no tensors");
        }
        throw new BadInputException(file, "no state dict found: " + notTensors(top)
                + "; expected a dict of tensors, a 'best_state' wrapper or an audiocraft package");
    }

    /** The map as name → tensor, if every key is a string and every value a tensor. */
    private static Optional<Map<String, TensorRef>> tensorsOf(Map<?, ?> m) {
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof TensorRef t)) {
                return Optional.empty();
            }
            out.put(k, t);
        }
        return Optional.of(out);
    }

    private static String notTensors(Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (parts.size() == 8) {
                parts.add("...");
                break;
            }
            parts.add(PyValues.describe(e.getKey()) + ": " + (e.getValue() instanceof TensorRef ? "tensor"
                    : PyValues.describe(e.getValue())));
        }
        return "keys {" + String.join(", ", parts) + "}";
    }

    private static Tensor resolve(Path file, FileChannel ch, RawCheckpoint raw, String name, TensorRef t) {
        StorageRef s = t.storage();
        RawCheckpoint.Region region = raw.regions().get(s.key());
        int es = s.dtype().size();
        long storageNumel = region.length() / es;
        if (s.declaredNumel() < 0 || s.declaredNumel() > storageNumel) {
            throw new BadInputException(file, "tensor " + name + ": storage " + region.name() + " declares "
                    + s.declaredNumel() + " elements but holds only " + region.length() + " bytes (" + storageNumel
                    + " elements of " + s.dtype().torchName() + ")");
        }
        long numel = Shapes.numel(t.shape());
        if (numel < 0) {
            throw new BadInputException(file, "tensor " + name + " has an impossible shape "
                    + Shapes.format(t.shape()));
        }
        if (t.storageOffset() < 0) {
            throw new BadInputException(file, "tensor " + name + " has a negative storage offset");
        }
        long last = t.storageOffset();
        for (int i = 0; i < t.shape().length && numel > 0; i++) {
            if (t.stride()[i] < 0) {
                throw new BadInputException(file, "tensor " + name + " has a negative stride");
            }
            try {
                last = Math.addExact(last, Math.multiplyExact(t.shape()[i] - 1, t.stride()[i]));
            } catch (ArithmeticException e) {
                last = Long.MAX_VALUE;
            }
        }
        if (numel > 0 && last >= s.declaredNumel()) {
            throw new BadInputException(file, "tensor " + name + " of shape " + Shapes.format(t.shape())
                    + " reads past the end of its storage " + region.name() + " (" + s.declaredNumel() + " elements)");
        }
        if (numel > s.declaredNumel()) {
            // Only an expanded view (stride 0 or overlapping) has more elements than its storage; no weight is one,
            // and reading one would take memory out of proportion to the file.
            throw new BadInputException(file, "tensor " + name + " of shape " + Shapes.format(t.shape()) + " has more"
                    + " elements than its storage " + region.name() + " (" + s.declaredNumel() + "): an expanded view;"
                    + " save it with .contiguous()");
        }
        return new StoredTensor(ch, region.offset(), s.dtype(), t.storageOffset(), t.shape(), t.stride(), raw.order());
    }

    private static String notACheckpoint(ByteBuffer head) {
        if (head.remaining() == 0) {
            return "is empty: not a torch checkpoint";
        }
        if (head.remaining() > 262 && new String(head.array(), 257, 5, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("ustar")) {
            return "is a tar archive: torch's oldest checkpoint format (before 0.4) is not supported; re-save it"
                    + " with a newer torch";
        }
        if (head.remaining() > 9 && head.get(8) == '{') {
            return "looks like a safetensors file, not an original checkpoint; a converted model folder is read"
                    + " with --model-dir";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.remaining()); i++) {
            hex.append(String.format("%02x ", head.get(i)));
        }
        return "not a torch checkpoint: starts with bytes " + hex.toString().trim()
                + " (expected a zip archive or a pickle)";
    }

    public Path file() {
        return file;
    }

    /** The byte ranges whose CRC-32 must be checked, in file order (empty for legacy files). */
    public List<dev.encodecparity.common.FileScan.Range> checksums() {
        return checksums.stream().map(c -> new dev.encodecparity.common.FileScan.Range(c.offset(),
                c.length())).toList();
    }

    /** Checks CRCs computed over {@link #checksums()} against the zip directory; a mismatch names the entry. */
    public void verifyChecksums(long[] crcs) {
        InputFiles.checkUnchanged(channel); // a file cut or rewritten meanwhile fails its CRCs for another reason
        for (int i = 0; i < checksums.size(); i++) {
            RawCheckpoint.Checksum c = checksums.get(i);
            if (crcs[i] != c.crc()) {
                throw new BadInputException(file, String.format(
                        "zip entry %s is damaged: CRC-32 is %08x, the directory says %08x", c.name(), crcs[i],
                                c.crc()));
            }
        }
    }

    private long[] computeChecksums() {
        long[] out = new long[checksums.size()];
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try {
            for (int i = 0; i < out.length; i++) {
                RawCheckpoint.Checksum c = checksums.get(i);
                crc.reset();
                for (long pos = c.offset(), end = c.offset() + c.length(); pos < end;) {
                    buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                    int n = channel.read(buf, pos);
                    if (n < 0) {
                        throw new BadInputException(file, "zip entry " + c.name() + " runs past the end of the file");
                    }
                    crc.update(buf.flip());
                    pos += n;
                }
                out[i] = crc.getValue();
            }
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        }
        return out;
    }

    /** Tensor name to tensor, in the file's order. */
    public Map<String, Tensor> stateDict() {
        return stateDict;
    }

    /** The audiocraft {@code xp.cfg}: YAML text or an already-parsed dict, when the file is an audiocraft package. */
    public Optional<Object> xpConfig() {
        return Optional.ofNullable(xpConfig);
    }

    /** "torch zip archive (root 'x'), audiocraft package (best_state + xp.cfg)". */
    public String description() {
        return description;
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
