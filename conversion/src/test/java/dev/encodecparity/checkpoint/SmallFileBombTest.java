package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.testing.ReaderContract;
import dev.encodecparity.zip.ZipWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small checkpoints that would cost large resources: a decimal integer of a million digits (parsed in quadratic
 * time), a deflated pickle of hundreds of mebibytes of one opcode (objects or memo entries by the million), and
 * pickles that make the reader repeat work over a shared value. Each is refused quickly, within the reader contract
 * measured against the file on disk ({@link ReaderContract}), with one message saying why.
 */
class SmallFileBombTest {
    @TempDir
    Path tmp;

    /**
     * The case reported in issue 13: 1,119 bytes, 13 s per integer on a reader without a digit limit. Three of them
     * stored (3 MB) are refused at the first.
     */
    @Test
    void millionDigitDecimalIntegersAreRefusedLikeCPython() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("digits.th"), true, 2,
                out -> HostilePickles.decimal(out, 'L', 1_000_000));
        assertTrue(Files.size(file) < 2048, "the bomb is " + Files.size(file) + " bytes");
        refused(file, "integer of 1000000 digits exceeds the limit of 4300 digits");
        refused(HostilePickles.zip(tmp.resolve("three.th"), false, 2, out -> {
            for (int i = 0; i < 3; i++) {
                HostilePickles.decimal(out, 'L', 1_000_000);
            }
        }), "integer of 1000000 digits exceeds the limit of 4300 digits");
    }

    @Test
    void decimalIntegersOfUpTo4300DigitsAreReadAndLongerOnesRefusedInEveryTextOpcode() throws IOException {
        for (int op : new int[] {'I', 'L'}) {
            Object v = load(HostilePickles.pickle(0, out -> {
                HostilePickles.decimal(out, op, 4300);
                out.write('.');
            }));
            assertEquals(new BigInteger("9".repeat(4300)), v);
            BadInputException e = assertThrows(BadInputException.class, () -> load(HostilePickles.pickle(0, out -> {
                HostilePickles.decimal(out, op, 4301);
                out.write('.');
            })));
            assertTrue(e.getMessage().contains("integer of 4301 digits exceeds the limit of 4300 digits"),
                    e.getMessage());
        }
        // A memo index is decimal text too (PUT, GET).
        BadInputException e = assertThrows(BadInputException.class, () -> load(HostilePickles.pickle(0, out -> {
            out.write('N');
            out.write('p');
            out.write("9".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
            out.write('.');
        })));
        assertTrue(e.getMessage().contains("integer of 5000 digits exceeds the limit of 4300 digits"), e.getMessage());
    }

    @Test
    void binaryIntegersLargerThanA4300DigitIntegerAreRefused() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("long4.th"), false, 2, out -> {
            int n = 1 << 20;
            out.write(0x8b); // LONG4: a 1 MiB integer, as many digits as 2.5 million decimal ones
            out.write(new byte[] {0, 0, 0x10, 0});
            byte[] value = new byte[n];
            value[n - 1] = 0x40;
            out.write(value);
            out.write('.');
        });
        refused(file, "integer of 1048576 bytes exceeds the limit of 1786 bytes (a 4300-digit integer)");
    }

    /** Issue 13: 204 KB on disk, 57 s and 6.4 GB to a Java OutOfMemoryError on the reader without a bound. */
    @Test
    void twoHundredMebibytesOfEmptyDictsDeflatedIntoASmallFileAreRefused() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("dicts.th"), true, 2,
                out -> HostilePickles.repeat(out, '}', 200L << 20));
        assertTrue(Files.size(file) < 300_000, "the bomb is " + Files.size(file) + " bytes");
        refused(file, "zip entry x/data.pkl inflates to 209715202 bytes; a pickle may be at most 1 MiB plus 2 times"
                + " the size of its file");
    }

    /** Issue 13: 48 KB on disk, 4.2 GB on the reader without a bound. */
    @Test
    void fiftyMillionMemoizeOpcodesDeflatedIntoASmallFileAreRefused() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("memo.th"), true, 4, out -> {
            out.write('}');
            HostilePickles.repeat(out, 0x94, 50_000_000);
        });
        assertTrue(Files.size(file) < 60_000, "the bomb is " + Files.size(file) + " bytes");
        refused(file, "zip entry x/data.pkl inflates to 50000003 bytes");
    }

    /**
     * Within the inflated-size bound, the objects, memo entries and stack slots a pickle makes are bounded by its file
     * on disk: each of these deflates a mebibyte of one opcode into a file of about a kilobyte.
     */
    @Test
    void picklesBuildingMoreValuesThanTheirFileCanNeedAreRefused() throws IOException {
        String expected = "malformed pickle: it makes more than";
        refused(HostilePickles.zip(tmp.resolve("dicts.th"), true, 2,
                out -> HostilePickles.repeat(out, '}', 1 << 20)), expected);
        refused(HostilePickles.zip(tmp.resolve("memo.th"), true, 4, out -> {
            out.write('}');
            HostilePickles.repeat(out, 0x94, 1 << 20);
        }), expected);
        refused(HostilePickles.zip(tmp.resolve("stack.th"), true, 2, out -> HostilePickles.repeat(out, 'N', 1 << 20)),
                expected);
        refused(HostilePickles.zip(tmp.resolve("marks.th"), true, 2, out -> HostilePickles.repeat(out, '(', 1 << 20)),
                expected);
        // Stored, not deflated: 2 MiB of empty dicts in a 2 MiB file is still more than any state dict that size has.
        refused(HostilePickles.zip(tmp.resolve("stored.th"), false, 2,
                out -> HostilePickles.repeat(out, '}', 2 << 20)), expected);
    }

    /** One dict of 20,000 attributes, set on another dict 100,000 times (BUILD): 2 billion steps in 60 kB. */
    @Test
    void buildingFromOneSharedStateManyTimesIsRefused() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("build.th"), true, 2, out -> {
            out.write('}'); // the target
            out.write('}'); // the state: {'a0': None, 'a1': None, ...}
            out.write('(');
            for (int i = 0; i < 20_000; i++) {
                byte[] key = ("a" + i).getBytes(StandardCharsets.US_ASCII);
                out.write(0x8c); // SHORT_BINUNICODE
                out.write(key.length);
                out.write(key);
                out.write('N');
            }
            out.write('u');
            out.write('q');
            out.write(0); // BINPUT 0
            out.write('0'); // POP
            for (int i = 0; i < 100_000; i++) {
                out.write('h');
                out.write(0); // BINGET 0
                out.write('b'); // BUILD
            }
            out.write('.');
        });
        refused(file, "malformed pickle: it makes more than");
    }

    /** OrderedDict(pairs) of one shared list of 20,000 pairs, called 100,000 times: 2 billion dict entries. */
    @Test
    void orderedDictsOfOneSharedListMadeManyTimesAreRefused() throws IOException {
        Path file = HostilePickles.zip(tmp.resolve("odict.th"), true, 2, out -> {
            out.write('c');
            out.write("collections\nOrderedDict\n".getBytes(StandardCharsets.US_ASCII));
            out.write('q');
            out.write(1); // BINPUT 1: the callable
            out.write(']'); // the shared list of pairs
            out.write('(');
            for (int i = 0; i < 20_000; i++) {
                out.write(']');
                out.write('(');
                out.write('J');
                out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(i).array());
                out.write('N');
                out.write('e'); // APPENDS: [i, None]
            }
            out.write('e');
            out.write(0x85); // TUPLE1: (pairs,)
            out.write('q');
            out.write(0); // BINPUT 0: the arguments
            out.write('0');
            out.write('0');
            out.write(']'); // a list to collect the results in
            for (int i = 0; i < 100_000; i++) {
                out.write('h');
                out.write(1);
                out.write('h');
                out.write(0);
                out.write('R'); // REDUCE: OrderedDict(pairs)
                out.write('a'); // APPEND
            }
            out.write('.');
        });
        refused(file, "malformed pickle: it makes more than");
    }

    /** 1,000 tensors over one 64 KiB storage: 64 MB to read (and to write, converted) from a file of 140 kB. */
    @Test
    void tensorsNamingOneStorageManyTimesAreRefused() throws IOException {
        refused(oneStorageNamed(tmp.resolve("shared.th"), 1000),
                "they share their storages many times over; no state dict needs that");
        // Tied weights, each storage named twice, are a state dict's right.
        try (Checkpoint c = Checkpoint.open(oneStorageNamed(tmp.resolve("tied.th"), 2))) {
            assertEquals(2, c.stateDict().size());
        }
    }

    /** A torch zip archive of {@code tensors} float32 tensors of 16,384 elements, all views of one storage. */
    private static Path oneStorageNamed(Path file, int tensors) throws IOException {
        List<PickleWriter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < tensors; i++) {
            entries.add(new PickleWriter.Entry("w" + i, DType.FLOAT32, new long[] {16384}, "0"));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch, ZipWriter.Style.TORCH);
            zip.add("x/data.pkl", PickleWriter.stateDict(entries));
            zip.add("x/data/0", new byte[16384 * 4]);
            zip.finish();
        }
        return file;
    }

    /** Read like {@code convert} under the reader contract, then the message checked. */
    private static void refused(Path file, String expected) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ReaderContract.check(file, Files.size(file), CheckpointFuzzTest.FACTOR,
                    CheckpointFuzzTest::readLikeConvert);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> CheckpointFuzzTest.readLikeConvert(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        });
    }

    private static Object load(byte[] pickle) {
        return Unpickler.load(ByteReader.of(Path.of("ints.pkl"), ByteBuffer.wrap(pickle)), pid -> null);
    }
}
