package dev.encodecparity.codes;

import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpzReader;
import dev.encodecparity.audio.NpzWriter;
import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codes file {@code encode} writes and {@code decode} reads: a NumPy {@code .npz} with {@code codes_0 ...
 * codes_{K-1}}, int64 {@code [n_q, frames]} per chunk in order, and {@code scales}, float32 {@code [K]}, when the model
 * normalises. The same layout as the transformers goldens in testdata/goldens.
 */
public final class CodesFile {
    private CodesFile() {
    }

    /** Writes the codes at exactly {@code file} (commands pass a staging path; see NpzWriter). */
    public static void write(Path file, EncodedAudio codes) throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (int k = 0; k < codes.chunks(); k++) {
            long[][] c = codes.codes().get(k);
            int frames = c.length == 0 ? 0 : c[0].length;
            long[] flat = new long[c.length * frames];
            for (int q = 0; q < c.length; q++) {
                System.arraycopy(c[q], 0, flat, q * frames, frames);
            }
            arrays.put("codes_" + k, NdArray.int64(flat, c.length, frames));
        }
        if (codes.scales() != null) {
            arrays.put("scales", NdArray.float32(codes.scales().clone(), codes.scales().length));
        }
        NpzWriter.write(file, arrays);
    }

    /**
     * The frames of each chunk ({@code codes_k}'s second dimension), as the arrays' headers declare them, without
     * reading the codes: decoding's memory is checked against them before anything is inflated or allocated. A shape
     * that is not {@code [n_q, frames]} counts as 0 frames here; {@link #read} refuses it.
     */
    public static List<Long> declaredFrames(Path file) {
        Map<String, long[]> shapes = NpzReader.declaredShapes(file);
        List<Long> frames = new ArrayList<>();
        for (int k = 0; shapes.containsKey("codes_" + k); k++) {
            long[] shape = shapes.get("codes_" + k);
            frames.add(shape.length == 2 ? shape[1] : 0);
        }
        return frames;
    }

    public static EncodedAudio read(Path file) {
        Map<String, NdArray> arrays = NpzReader.read(file);
        List<long[][]> chunks = new ArrayList<>();
        int codebooks = -1;
        for (int k = 0; arrays.containsKey("codes_" + k); k++) {
            NdArray a = arrays.get("codes_" + k);
            if (a.dtype() != dev.encodecparity.tensor.DType.INT64 || a.rank() != 2) {
                throw new BadInputException(file, "codes_" + k + " must be int64 [n_q, frames], got " + a);
            }
            int nq = (int) a.dim(0);
            int frames = (int) a.dim(1);
            if (codebooks >= 0 && nq != codebooks) {
                throw new BadInputException(file, "codes_" + k + " has " + nq + " codebooks, codes_0 has " + codebooks);
            }
            codebooks = nq;
            long[] flat = a.longData();
            long[][] c = new long[nq][frames];
            for (int q = 0; q < nq; q++) {
                System.arraycopy(flat, q * frames, c[q], 0, frames);
            }
            chunks.add(c);
        }
        if (chunks.isEmpty()) {
            throw new BadInputException(file, "no codes_0 array: not a codes file written by encode");
        }
        float[] scales = null;
        for (String name : arrays.keySet()) {
            if (name.equals("scales")) {
                NdArray s = arrays.get(name);
                if (s.dtype() != dev.encodecparity.tensor.DType.FLOAT32 || s.rank() != 1 || s.dim(0) != chunks.size()) {
                    throw new BadInputException(file, "scales must be float32 [" + chunks.size() + "], got " + s);
                }
                scales = s.floatData();
            } else if (!name.matches("codes_\\d{1,9}") || Integer.parseInt(name.substring(6)) >= chunks.size()) {
                throw new BadInputException(file, "unexpected array '" + name + "' (expected codes_0.." + "codes_"
                        + (chunks.size() - 1) + " and scales)");
            }
        }
        return new EncodedAudio(chunks, scales);
    }
}
