package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSink;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A closed codec refuses every use, as ONNX Runtime's sessions do, instead of failing deep in libtorch on freed
 * memory; tracing and profiling are off by objects that do nothing, and a traced run computes what an untraced one
 * does.
 */
class CodecLifecycleTest {
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");

    private static ModelSource source() {
        return ModelSource.original(TestData.path("checkpoints/tiny_48khz.th"), "auto",
                TestData.path("configs/tiny_48khz.json"));
    }

    /** Two 48 kHz chunks: [0, 48000) and [47520, 60000). */
    private static float[][] clip() {
        float[][] a = AudioFiles.read(TestData.path("audio/speech_48000hz_2ch.wav")).samples();
        return new float[][] {Arrays.copyOf(a[0], 60000), Arrays.copyOf(a[1], 60000)};
    }

    /** An argument of each type a public method of Codec takes, valid enough to get past anything before the guard. */
    private static Object argument(Class<?> type) {
        Map<Class<?>, Object> byType = Map.ofEntries(Map.entry(float[][].class, new float[2][480]),
                Map.entry(int.class, 1), Map.entry(double.class, 6.0), Map.entry(long.class, 0L),
                Map.entry(List.class, List.of()), Map.entry(EncodedAudio.class,
                        new EncodedAudio(List.<long[][]>of(new long[][] {{0}}), new float[] {1})),
                Map.entry(Tracer.class, Tracer.NONE), Map.entry(StepTimes.class, StepTimes.NONE),
                Map.entry(boolean.class, true),
                Map.entry(AudioSource.class, AudioSource.of(Audio.of(new float[2][480], 48000))),
                Map.entry(AudioSink.class, new AudioSink() {
                    @Override
                    public void write(float[][] block, int offset, int n) {
                    }

                    @Override
                    public void finish() {
                    }

                    @Override
                    public void close() {
                    }
                }));
        Object a = byType.get(type);
        if (a == null) {
            throw new AssertionError("no argument of type " + type + ": add one");
        }
        return a;
    }

    @Test
    void everyPublicMethodRefusesAClosedCodecAndClosingTwiceIsHarmless() throws Exception {
        Codec codec;
        try (ModelSource s = source()) {
            codec = Codec.load(s, CPU);
        }
        codec.close();
        codec.close();
        List<String> checked = new ArrayList<>();
        for (Method m : Codec.class.getMethods()) {
            if (m.getDeclaringClass() != Codec.class || Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("close")) {
                continue;
            }
            Object[] args = Arrays.stream(m.getParameterTypes()).map(CodecLifecycleTest::argument).toArray();
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(codec, args),
                    m.toString());
            assertInstanceOf(IllegalStateException.class, e.getCause(), m.toString());
            assertEquals("this Codec is closed", e.getCause().getMessage(), m.toString());
            checked.add(m.getName());
        }
        assertTrue(checked.containsAll(List.of("spec", "info", "profileInto", "source", "file", "nonFiniteWeights",
                "codebooksFor", "encode", "encodeBatch", "margin", "decode", "decodeBatch", "checkCodes",
                "streams")), ""
                        + checked);
    }

    @Test
    void closedWeightsRefuseUseAndClosingTwiceIsHarmless() {
        try (ModelSource s = source()) {
            Weights w = new Weights(s, CPU);
            w.create(new float[] {1}, 1);
            w.close();
            w.close();
            for (Runnable use : List.<Runnable>of(() -> w.create(new float[] {1}, 1), w::manager, w::seal)) {
                assertEquals("the model's weights are closed", assertThrows(IllegalStateException.class, use::run)
                        .getMessage());
            }
        }
    }

    @Test
    void theNoOpTracerNeitherRecordsNorCopies() {
        assertFalse(Tracer.NONE.recordsModules());
        Tracer.NONE.record(0, "m", "k", new long[] {1}, new float[] {1});
        Tracer.NONE.forChunk(3).record("m", "k", new long[] {1}, () -> {
            throw new AssertionError("the values were copied");
        });
        List<String> seen = new ArrayList<>();
        Tracer recording = (chunk, module, kind, shape, values) -> seen.add(chunk + " " + module + " " + values[0]);
        assertTrue(recording.recordsModules());
        recording.forChunk(2).record("decoder.3", "conv", new long[] {1}, () -> new float[] {7});
        assertEquals(List.of("2 decoder.3 7.0"), seen);
    }

    @Test
    void aTracedRunComputesWhatAnUntracedOneDoes() {
        try (ModelSource s = source(); Codec codec = Codec.load(s, CPU)) {
            float[][] clip = clip();
            List<String> modules = new ArrayList<>();
            Tracer tracer = (chunk, module, kind, shape, values) -> modules.add(chunk + " " + module);
            EncodedAudio traced = codec.encode(clip, 4, tracer);
            EncodedAudio plain = codec.encode(clip, 4);
            assertTrue(traced.sameAs(plain));
            assertEquals("0 input", modules.get(0));
            assertTrue(modules.contains("1 input") && modules.contains("0 quantizer.3")
                    && modules.contains("1 encoder.0"),
                    "" + modules);
            modules.clear();
            float[][] decodedTraced = codec.decode(plain, tracer);
            assertArrayEquals(codec.decode(plain), decodedTraced);
            assertEquals("0 quantizer.decode", modules.get(0));
            assertEquals("1 output", modules.get(modules.size() - 1));
            assertThrows(NullPointerException.class, () -> codec.encode(clip, 4, null));
            assertThrows(NullPointerException.class, () -> codec.decodeBatch(List.of(plain), null));
        }
    }

    @Test
    void profilingSumsEachModuleUntilItIsTurnedOff() {
        try (ModelSource s = source(); Codec codec = Codec.load(s, CPU)) {
            float[][] clip = clip();
            StepTimes times = new StepTimes();
            codec.profileInto(times);
            codec.encode(clip, 4);
            Map<String, Double> profile = times.millisLargestFirst();
            assertTrue(profile.containsKey("encoder.0 (conv)"), "" + profile.keySet());
            codec.profileInto(StepTimes.NONE);
            codec.encode(clip, 4);
            assertEquals(profile, times.millisLargestFirst());
            assertEquals(Map.of(), StepTimes.NONE.millisLargestFirst());
            assertThrows(NullPointerException.class, () -> codec.profileInto(null));
        }
    }
}
