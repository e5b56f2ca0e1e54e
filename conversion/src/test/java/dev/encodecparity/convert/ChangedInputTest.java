package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.FileScan;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An input changed by another process while it is read (cut short, rewritten, replaced) is blamed on that input, in
 * words that say so: {@code <checkpoint>: changed while it was being read (was N bytes, now M)}. Before, a checkpoint
 * cut during a conversion failed the copy into the output and was reported as the output's fault
 * ({@code <out>: cannot write: could not copy tensor bytes}); one rewritten in place failed its CRCs as "damaged".
 */
class ChangedInputTest {
    private static final String STAGING = ".encodec-parity-tmp-";

    @TempDir
    Path tmp;

    @Test
    void aCheckpointCutDuringAConversionIsBlamedOnTheCheckpoint() throws Exception {
        Path checkpoint = Files.copy(FullSize.checkpoint("encodec_24khz"), tmp.resolve("encodec_24khz.th"));
        long size = Files.size(checkpoint);
        Path out = tmp.resolve("converted");
        CompletableFuture<Converter.Result> conversion = CompletableFuture.supplyAsync(
                () -> Converter.toTransformers(checkpoint, "auto", null, out, false));
        // The staging folder appears once the checkpoint is open and checked, as the copy of its 93 MB begins; the
        // copy and the source's hash take far longer than this loop needs to notice it.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!hasStaging(tmp) && !conversion.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(conversion.isDone(), "the conversion ended before its output was staged: " + outcome(conversion));
        try (FileChannel ch = FileChannel.open(checkpoint, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        BadInputException e = badInput(conversion);
        assertEquals(checkpoint, e.file(), e.getMessage());
        assertEquals(checkpoint + ": changed while it was being read (was " + size + " bytes, now " + size / 2 + ")",
                e.getMessage());
        assertFalse(Files.exists(out), "a failed conversion left " + out);
        assertFalse(hasStaging(tmp), "a failed conversion left its staging folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz.th", "tiny_24khz_legacy.th"})
    void aCutFoundWhileATensorIsCopiedIsTheCheckpointsFaultNotTheOutputs(String name) throws IOException {
        Path checkpoint = Files.copy(TestData.path("checkpoints/" + name), tmp.resolve(name));
        long size = Files.size(checkpoint);
        Path out = tmp.resolve("out");
        try (Checkpoint c = Checkpoint.openUnverified(checkpoint)) {
            Tensor last = c.stateDict().values().stream().max(Comparator.comparingLong(Tensor::byteSize)).orElseThrow();
            cut(checkpoint, 1000);
            String expected = checkpoint + ": changed while it was being read (was " + size + " bytes, now 1000)";
            // As a conversion copies tensors: inside the writer of an output, which must not take the blame.
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Outputs.builder().build().destination("--out", out, ConvertedFolder.KIND).publish(staging -> {
                        Files.createDirectory(staging);
                        try (FileChannel w = FileChannel.open(staging.resolve("t.bin"), StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            last.writeTo(w);
                        }
                    }));
            assertEquals(expected, e.getMessage());
            assertFalse(Files.exists(out), "the output appeared");
            // As a model is loaded for inference.
            assertEquals(expected, assertThrows(BadInputException.class, last::readBytes).getMessage());
        }
    }

    @Test
    void aCheckpointRewrittenInPlaceFailsAsChangedNotAsDamaged() throws IOException {
        Path checkpoint = Files.copy(TestData.path("checkpoints/tiny_24khz.th"), tmp.resolve("tiny.th"));
        try (Checkpoint c = Checkpoint.openUnverified(checkpoint)) {
            byte[] bytes = Files.readAllBytes(checkpoint);
            bytes[bytes.length / 2] ^= 1; // inside a stored tensor: its CRC no longer matches
            Files.write(checkpoint, bytes);
            Files.setLastModifiedTime(checkpoint, FileTime.fromMillis(Files.getLastModifiedTime(checkpoint)
                    .toMillis() + 10_000));
            long[] crcs = FileScan.scan(checkpoint, c.checksums()).crcs();
            assertEquals(checkpoint + ": changed while it was being read (it was modified after it was opened)",
                    assertThrows(BadInputException.class, () -> c.verifyChecksums(crcs)).getMessage());
        }
    }

    @Test
    void aCheckpointReplacedMeanwhileFailsAsChanged() throws IOException {
        Path checkpoint = Files.copy(TestData.path("checkpoints/tiny_24khz.th"), tmp.resolve("tiny.th"));
        try (Checkpoint c = Checkpoint.openUnverified(checkpoint)) {
            Path other = Files.copy(TestData.path("checkpoints/tiny_24khz.th"), tmp.resolve("other.th"));
            Files.move(other, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long[] crcs = FileScan.scan(checkpoint, c.checksums()).crcs();
            assertEquals(checkpoint + ": changed while it was being read (another file was put in its place)",
                    assertThrows(BadInputException.class, () -> c.verifyChecksums(crcs)).getMessage());
        }
    }

    @Test
    void aSafetensorsFileCutWhileAModelLoadsIsBlamedOnIt() throws IOException {
        Path folder = tmp.resolve("hf");
        Converter.toTransformers(TestData.path("checkpoints/tiny_24khz.th"), "auto",
                TestData.path("configs/tiny_24khz.json"), folder, false);
        Path weights = folder.resolve(TransformersFolder.WEIGHTS);
        long size = Files.size(weights);
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            cut(weights, size - 100);
            BadInputException e = assertThrows(BadInputException.class, () -> {
                for (Tensor t : f.tensors().values()) {
                    t.readBytes();
                }
            });
            assertEquals(weights + ": changed while it was being read (was " + size + " bytes, now " + (size - 100)
                    + ")", e.getMessage());
        }
    }

    private static void cut(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static boolean hasStaging(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(STAGING));
        }
    }

    private static BadInputException badInput(CompletableFuture<?> f) throws InterruptedException {
        try {
            Object r = f.get(2, TimeUnit.MINUTES);
            return fail("the conversion of a file cut meanwhile succeeded: " + r);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadInputException b) {
                return b;
            }
            throw new AssertionError("not a BadInputException", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            return fail("the conversion did not end");
        }
    }

    private static String outcome(CompletableFuture<?> f) {
        try {
            return String.valueOf(f.getNow(null));
        } catch (RuntimeException e) {
            return e.toString();
        }
    }
}
