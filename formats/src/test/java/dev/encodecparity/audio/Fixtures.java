package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** The files under testdata/formats/ and the values expected.json says they hold. */
final class Fixtures {
    private static JsonNode expected;

    private Fixtures() {
    }

    static Path dir() {
        String repo = System.getProperty("encodecparity.repo");
        Path root = repo != null ? Path.of(repo) : Path.of("..").toAbsolutePath().normalize();
        Path dir = root.resolve("testdata/formats");
        assertTrue(Files.isDirectory(dir), "fixtures folder " + dir + " is missing");
        return dir;
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(file("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** The names of the fixtures in one section of expected.json ("wav", "npy", "npz"). */
    static List<String> names(String section) {
        List<String> names = new ArrayList<>();
        expected().get(section).fieldNames().forEachRemaining(names::add);
        assertTrue(names.size() > 3, "expected.json has only " + names.size() + " " + section + " fixtures");
        return names;
    }

    /** A JSON number, or "nan"/"inf"/"-inf", as a double. */
    static double number(JsonNode v) {
        if (v.isTextual()) {
            switch (v.asText()) {
                case "nan":
                    return Double.NaN;
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw new IllegalArgumentException(v.asText());
            }
        }
        return v.doubleValue();
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).longValue();
        }
        return out;
    }

    /** The array expected.json describes, built from its values alone (not from the file). */
    static NdArray array(JsonNode d) {
        String descr = d.get("descr").asText();
        long[] shape = longs(d.get("shape"));
        JsonNode v = d.get("values");
        int n = v.size();
        switch (descr.substring(1)) {
            case "f4": {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    double x = number(v.get(i));
                    a[i] = (float) x;
                    assertTrue(Double.isNaN(x) || a[i] == x, "expected.json float32 " + x + " is not a float32");
                }
                return NdArray.float32(a, shape);
            }
            case "f8": {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = number(v.get(i));
                }
                return NdArray.float64(a, shape);
            }
            case "i8": {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    assertTrue(v.get(i).canConvertToLong());
                    a[i] = v.get(i).longValue();
                }
                return NdArray.int64(a, shape);
            }
            case "i4": {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    assertTrue(v.get(i).canConvertToInt());
                    a[i] = v.get(i).intValue();
                }
                return NdArray.int32(a, shape);
            }
            case "b1": {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = v.get(i).booleanValue();
                }
                return NdArray.bool(a, shape);
            }
            case "u1": {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    int x = v.get(i).intValue();
                    assertTrue(x >= 0 && x <= 255);
                    a[i] = (byte) x;
                }
                return NdArray.uint8(a, shape);
            }
            default:
                throw new IllegalArgumentException(descr);
        }
    }

    /** Planar float32 samples from expected.json. */
    static float[][] samples(JsonNode planar) {
        float[][] out = new float[planar.size()][];
        for (int c = 0; c < out.length; c++) {
            JsonNode ch = planar.get(c);
            out[c] = new float[ch.size()];
            for (int i = 0; i < out[c].length; i++) {
                double x = number(ch.get(i));
                out[c][i] = (float) x;
                assertTrue(Double.isNaN(x) || out[c][i] == x, "expected.json sample " + x + " is not a float32");
            }
        }
        return out;
    }

    /** Asserts that reading fails with a {@link BadInputException} naming {@code file}, and returns its reason. */
    static String assertBadInput(Path file, Executable read) {
        BadInputException e = assertThrows(BadInputException.class, read);
        assertEquals(file, e.file(), "the exception names the file");
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"), "one line: " + e.getMessage());
        assertTrue(!e.reason().isBlank(), "a reason is given");
        return e.reason();
    }
}
