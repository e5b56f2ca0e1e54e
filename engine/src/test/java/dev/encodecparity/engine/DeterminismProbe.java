package dev.encodecparity.engine;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encodes and decodes one clip {@code runs} times with {@code threads} CPU threads and writes, to one file, the codes
 * and the audio of every run (per run: the number of codes and of samples, the int64 codes, the float32 samples;
 * big-endian), so that runs within a process and processes with different thread counts can be compared bit for bit.
 * Arguments: checkpoint, config or "-", clip, bandwidth, threads, runs, output file.
 */
public final class DeterminismProbe {
    private DeterminismProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path checkpoint = Path.of(args[0]);
        Path config = args[1].equals("-") ? null : Path.of(args[1]);
        float[][] clip = AudioFiles.read(Path.of(args[2])).samples();
        double bandwidth = Double.parseDouble(args[3]);
        ComputeDevice.configureThreads(Integer.parseInt(args[4]));
        int runs = Integer.parseInt(args[5]);
        try (ModelSource source = ModelSource.original(checkpoint, "auto", config);
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"));
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                        Files.newOutputStream(Path.of(args[6]))))) {
            for (int r = 0; r < runs; r++) {
                EncodedAudio codes = codec.encode(clip, codec.codebooksFor(bandwidth));
                float[][] audio = codec.decode(codes);
                out.writeInt(codes.codes().stream().mapToInt(c -> c.length * c[0].length).sum());
                out.writeInt(audio.length * audio[0].length);
                for (long[][] chunk : codes.codes()) {
                    for (long[] row : chunk) {
                        for (long c : row) {
                            out.writeLong(c);
                        }
                    }
                }
                for (float[] channel : audio) {
                    for (float x : channel) {
                        out.writeFloat(x);
                    }
                }
            }
        }
    }
}
