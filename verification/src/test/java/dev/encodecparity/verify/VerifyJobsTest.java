package dev.encodecparity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.AvailableMemory;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --jobs}: clips worked side by side give the run of one job, row for row (times aside), with the same
 * inputs, traces, diagnosis and {@code --fail-fast} stop, and the same first bad clip named; and each clip's memory
 * must fit once per job. The clips are of very
 * different lengths, long ones first, so that the jobs finish out of the run's order.
 */
class VerifyJobsTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;
    private Path broken;

    @BeforeEach
    void convertAndBreak() throws Exception {
        Path good = tmp.resolve("good");
        Converter.toTransformers(CKPT, null, CONFIG, good, false);
        // entries 0 and 1 of the first codebook moved: frames whose nearest entry they were now pick others
        broken = Breakage.tensors(good, tmp.resolve("broken"), t -> {
            float[] embed = t.get("quantizer.layers.0.codebook.embed");
            for (int i = 0; i < 16; i++) {
                embed[i] += 5f;
            }
        });
    }

    /** Clips of 1.5 s down to 0.05 s, tones and noise, and the bundled speech clip in the middle. */
    private List<Path> clips() throws Exception {
        List<Path> out = new ArrayList<>();
        Random rnd = new Random(19);
        int[] lengths = {36000, 1200, 24000, 2400, 12000, 4800};
        for (int i = 0; i < lengths.length; i++) {
            float[] x = new float[lengths[i]];
            double f = 100 + rnd.nextInt(3000);
            for (int t = 0; t < x.length; t++) {
                x[t] = (float) (0.3 * Math.sin(2 * Math.PI * f * t / 24000) + 0.1 * rnd.nextGaussian());
            }
            Path file = tmp.resolve(String.format("clip%d.wav", i));
            AudioFiles.write(file, Audio.of(new float[][] {x}, 24000));
            out.add(file);
            if (i == 2) {
                out.add(TestData.path("audio/speech_24000hz_1ch.wav"));
            }
        }
        return out;
    }

    private VerifyReport run(List<Path> clips, RowSelection selection, int jobs) {
        var o = new Verification.Options(CKPT, "auto", CONFIG, broken, clips, List.of(), List.of(), 1e-5, selection,
                null, false, false, jobs);
        return Verification.run(o, ComputeDevice.resolve("cpu"), s -> { }, RowProgress.NONE,
                new Extras(TraceMode.ALL, RowPlots.NONE));
    }

    /** A row as the report gives it, less its time (which differs from run to run). */
    private static String withoutTime(VerifyReport.Row r) {
        return VerifyReport.Row.builder().from(r).seconds(0).build().toString();
    }

    @Test
    void twoAndThreeJobsGiveTheRunOfOne() throws Exception {
        List<Path> clips = clips();
        VerifyReport one = run(clips, RowSelection.ALL, 1);
        assertEquals(Verdict.FAIL, one.verdict(), "the moved codebook entries change some codes");
        assertEquals(Integer.valueOf(1), one.jobs());
        for (int jobs : new int[] {2, 3}) {
            VerifyReport many = run(clips, RowSelection.ALL, jobs);
            assertEquals(Integer.valueOf(jobs), many.jobs());
            assertEquals(one.rows().stream().map(VerifyJobsTest::withoutTime).toList(),
                    many.rows().stream().map(VerifyJobsTest::withoutTime).toList(), "jobs " + jobs);
            assertEquals(List.copyOf(one.inputs().entrySet()), List.copyOf(many.inputs().entrySet()),
                    "inputs in the run's order");
            assertEquals(one.traces().stream().map(LayerProfile::clip).toList(),
                    many.traces().stream().map(LayerProfile::clip).toList());
            assertEquals(one.traces(), many.traces(), "every module's difference, clip by clip");
            assertEquals(one.diagnosis().summary(), many.diagnosis().summary());
            assertEquals(one.verdict(), many.verdict());
        }
    }

    @Test
    void failFastStopsWhereOneJobStops() throws Exception {
        List<Path> clips = clips();
        RowSelection failFast = new RowSelection(null, 1, 1, true);
        VerifyReport one = run(clips, failFast, 1);
        VerifyReport two = run(clips, failFast, 2);
        assertTrue(one.rows().size() < clips.size() * 3, "stopped early: " + one.rows().size() + " rows");
        assertEquals(one.rows().stream().map(VerifyJobsTest::withoutTime).toList(),
                two.rows().stream().map(VerifyJobsTest::withoutTime).toList());
    }

    @Test
    void theFirstBadClipInTheRunsOrderIsNamed() throws Exception {
        Path stereo = tmp.resolve("stereo.wav");
        AudioFiles.write(stereo, Audio.of(new float[][] {new float[240], new float[240]}, 24000));
        Path wrongRate = tmp.resolve("wrong_rate.wav");
        AudioFiles.write(wrongRate, Audio.of(new float[][] {new float[1600]}, 16000));
        // both bad clips are refused as soon as read, while the long first clip is still being worked
        List<Path> clips = List.of(clips().get(0), stereo, wrongRate);
        BadInputException e = assertThrows(BadInputException.class, () -> run(clips, RowSelection.ALL, 3));
        assertTrue(e.getMessage().contains("stereo.wav: the audio has 2 channels"), e.getMessage());
    }

    @Test
    void aClipThatFitsOnceButNotOncePerJobIsStreamed() throws Exception {
        Path clip = TestData.path("audio/speech_24000hz_1ch.wav");
        ModelSpec spec = dev.encodecparity.model.ModelSource.original(CKPT, "auto", CONFIG).spec();
        long frames = AudioFiles.read(clip).frames();
        long once = MemoryEstimate.encodeAndDecode(spec, frames, 1).bytes();
        long twice = MemoryEstimate.encodeAndDecode(spec, frames, 2).bytes();
        assertTrue(twice > once, once + " vs " + twice);
        System.setProperty(AvailableMemory.OVERRIDE, Long.toString((once + twice) / 2));
        try {
            var one = Verification.run(new Verification.Options(CKPT, "auto", CONFIG, broken, List.of(clip),
                    List.of(), List.of(3.6), 1e-5, RowSelection.ALL, null, false, false, 1),
                    ComputeDevice.resolve("cpu"), s -> { });
            var two = Verification.run(new Verification.Options(CKPT, "auto", CONFIG, broken, List.of(clip),
                    List.of(), List.of(3.6), 1e-5, RowSelection.ALL, null, false, false, 2),
                    ComputeDevice.resolve("cpu"), s -> { });
            assertEquals(List.of(false), one.rows().stream().map(VerifyReport.Row::streamed).toList());
            assertEquals(List.of(true), two.rows().stream().map(VerifyReport.Row::streamed).toList());
        } finally {
            System.clearProperty(AvailableMemory.OVERRIDE);
        }
    }
}
