package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus as nightly jobs have them: 200 clips of mixed lengths in nested folders, made at test time, verified once
 * whole and once as 3 shards merged with {@code report merge}: the merged report is the whole run's, row for row
 * (times aside). Also folders, globs and list files naming the same clips alike, {@code --only},
 * {@code --fail-fast}, and {@code --jobs} giving the rows of one job.
 */
class CorpusShardTest {
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();

    @TempDir
    Path tmp;

    /** 200 clips, 0.05 to 0.5 s, noise and tones, in 4 sub-folders, named so that sorted order is fixed. */
    private Path corpus(int clips) throws Exception {
        Path root = tmp.resolve("corpus");
        Random rnd = new Random(200);
        for (int i = 0; i < clips; i++) {
            int n = 1200 + rnd.nextInt(10800);
            float[] x = new float[n];
            double f = 100 + rnd.nextInt(2000);
            for (int t = 0; t < n; t++) {
                x[t] = (float) (0.3 * Math.sin(2 * Math.PI * f * t / 24000) + 0.05 * rnd.nextGaussian());
            }
            Path file = root.resolve("set" + (i % 4)).resolve(String.format("clip%03d.wav", i));
            Files.createDirectories(file.getParent());
            AudioFiles.write(file, dev.encodecparity.audio.Audio.of(new float[][] {x}, 24000));
        }
        return root;
    }

    private static JsonNode rowsWithoutTimes(Path report) throws Exception {
        ArrayNode rows = (ArrayNode) Json.MAPPER.readTree(report.toFile()).get("rows");
        rows.forEach(r -> ((ObjectNode) r).remove("seconds"));
        return rows;
    }

    @Test
    void threeShardsMergedAreTheWholeRunRowForRow() throws Exception {
        Path corpus = corpus(200);
        Path whole = tmp.resolve("whole.json");
        CliRun all = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus, "--bandwidth",
                "0.9", "1.8", "--report", whole, "--threads", "1");
        assertEquals(ExitCode.OK, all.exitCode(), all.err());
        assertEquals(400, rowsWithoutTimes(whole).size());
        assertEquals("set0/clip000.wav", rowsWithoutTimes(whole).get(0).get("clip").asText());

        List<Object> merge = new ArrayList<>(List.of("report", "merge"));
        List<Integer> sizes = new ArrayList<>();
        for (int s = 3; s >= 1; s--) { // shards finish in any order
            Path part = tmp.resolve("shard" + s + ".json");
            CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus,
                    "--bandwidth", "0.9", "1.8", "--shard", s + "/3", "--report", part, "--threads", "1");
            assertEquals(ExitCode.OK, r.exitCode(), r.err());
            sizes.add(rowsWithoutTimes(part).size());
            merge.add(part);
        }
        assertEquals(List.of(133, 133, 134), sizes.stream().sorted().toList());
        Path merged = tmp.resolve("merged.json");
        merge.addAll(List.of("--out", merged, "--junit", tmp.resolve("merged.xml")));
        CliRun m = CliRun.of(merge.toArray());
        assertEquals(ExitCode.OK, m.exitCode(), m.err() + m.out());
        assertEquals(rowsWithoutTimes(whole), rowsWithoutTimes(merged));
        JsonNode doc = Json.MAPPER.readTree(merged.toFile());
        assertEquals("verify_report", doc.get("kind").asText());
        assertEquals(1, doc.get("selection").get("shards").asInt());
        assertTrue(Files.readString(tmp.resolve("merged.xml")).contains("tests=\"400\""));
    }

    @Test
    void jobsWorkTheCorpusAsOneJobDoes() throws Exception {
        Path corpus = corpus(30);
        Path one = tmp.resolve("one.json");
        CliRun single = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus,
                "--bandwidth", "0.9", "1.8", "--report", one, "--threads", "1");
        assertEquals(ExitCode.OK, single.exitCode(), single.err());
        Path two = tmp.resolve("two.json");
        CliRun jobs = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus,
                "--bandwidth", "0.9", "1.8", "--report", two, "--threads", "1", "--jobs", "2");
        int processors = Runtime.getRuntime().availableProcessors();
        if (processors < 2) { // one processor: two single-threaded jobs would wait on each other
            assertEquals(ExitCode.ERROR, jobs.exitCode());
            assertTrue(jobs.err().contains("--jobs 2 with --threads 1: 2 threads in all"), jobs.err());
        } else {
            assertEquals(ExitCode.OK, jobs.exitCode(), jobs.err());
            assertTrue(jobs.out().contains("jobs:      2 clips at once"), jobs.out());
            assertEquals(rowsWithoutTimes(one), rowsWithoutTimes(two));
            assertEquals(1, Json.MAPPER.readTree(one.toFile()).get("jobs").asInt());
            assertEquals(2, Json.MAPPER.readTree(two.toFile()).get("jobs").asInt());
        }
        CliRun zero = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus, "--jobs",
                "0");
        assertEquals(ExitCode.ERROR, zero.exitCode());
        assertTrue(zero.err().contains("--jobs must be >= 1"), zero.err());
        CliRun many = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus, "--jobs",
                String.valueOf(processors + 1));
        assertEquals(ExitCode.ERROR, many.exitCode());
        assertTrue(many.err().contains("this machine has " + processors + " processor"), many.err());
    }

    @Test
    void foldersGlobsAndListsNameTheSameClips() throws Exception {
        Path corpus = corpus(6);
        Files.writeString(corpus.resolve("clips.txt"), "# two of them\nset0/clip000.wav\n\nset1/clip001.wav\n");
        Path byList = tmp.resolve("list.json");
        assertEquals(ExitCode.OK, CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio-list",
                corpus.resolve("clips.txt"), "--bandwidth", "0.9", "--report", byList, "--threads", "1").exitCode());
        assertEquals(List.of("set0/clip000.wav", "set1/clip001.wav"), clips(byList));
        Path byGlob = tmp.resolve("glob.json");
        CliRun glob = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                corpus + "/set[01]/*.wav", "--bandwidth", "0.9", "--report", byGlob, "--threads", "1");
        assertEquals(ExitCode.OK, glob.exitCode(), glob.err());
        assertEquals(List.of("set0/clip000.wav", "set0/clip004.wav", "set1/clip001.wav", "set1/clip005.wav"),
                clips(byGlob));
        Path only = tmp.resolve("only.json");
        assertEquals(ExitCode.OK, CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus,
                "--only", "clip00[23].wav", "--bandwidth", "0.9", "--report", only, "--threads", "1").exitCode());
        assertEquals(List.of("set2/clip002.wav", "set3/clip003.wav"), clips(only));
        CliRun none = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", corpus + "/*.mp3");
        assertEquals(ExitCode.ERROR, none.exitCode());
        assertTrue(none.err().contains("the pattern matches no clip"), none.err());
    }

    @Test
    void failFastStopsAtTheFirstFailingRow() throws Exception {
        Path model = tmp.resolve("model");
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model).exitCode());
        Path perturbed = tmp.resolve("perturbed");
        dev.encodecparity.verify.BreakageAccess.scaleTensor(model, perturbed, "decoder.layers.15.conv.weight_g",
                1.01f);
        Path report = tmp.resolve("ff.json");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", perturbed, "--audio",
                corpus(4), "--fail-fast", "--report", report, "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.err());
        assertTrue(r.out().contains("stopped at the first row that did not pass (--fail-fast)"), r.out());
        assertEquals(3, clips(report).size(), "one clip's three bandwidths, then stop: " + clips(report));
    }

    private static List<String> clips(Path report) throws Exception {
        List<String> out = new ArrayList<>();
        Json.MAPPER.readTree(report.toFile()).get("rows").forEach(r -> out.add(r.get("clip").asText()));
        return out;
    }
}
