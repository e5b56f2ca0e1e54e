package dev.encodecparity.checkpoint;

import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.zip.ZipWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a state dict as {@code torch.save} does (zip format, one storage per tensor, pickle protocol 2), readable by
 * {@code torch.load(..., weights_only=True)} and by the original EnCodec code. The archive root is the file's stem.
 */
public final class TorchZipWriter {
    private TorchZipWriter() {
    }

    public static void write(Path out, String root, Map<String, Tensor> stateDict) throws IOException {
        write(out, root, stateDict, "");
    }

    /** As {@link #write(Path, String, Map)}, with a zip comment (torch ignores it; it marks who wrote the file). */
    public static void write(Path out, String root, Map<String, Tensor> stateDict, String comment)
            throws IOException {
        List<PickleWriter.Entry> entries = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        int key = 0;
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            Tensor t = e.getValue();
            entries.add(new PickleWriter.Entry(e.getKey(), t.dtype(), t.shape(), Integer.toString(key++)));
            tensors.add(t);
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch, ZipWriter.Style.TORCH);
            zip.add(root + "/data.pkl", PickleWriter.stateDict(entries));
            zip.add(root + "/.format_version", ascii("1"));
            zip.add(root + "/.storage_alignment", ascii("64"));
            zip.add(root + "/byteorder", ascii("little"));
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                zip.add(root + "/data/" + i, t.byteSize(), t::writeTo);
            }
            zip.add(root + "/version", ascii("3\n"));
            zip.finish(comment);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
