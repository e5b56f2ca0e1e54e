package dev.encodecparity.verify;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.config.SpecDiff;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.convert.ScannedCheckpoint;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.TempFolder;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.spec.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Proves a converted model is the same codec as its original: both are built independently (original names and
 * settings; transformers names and config.json), every clip is encoded by both at every bandwidth, each model decodes
 * its own codes, and the results are compared. On one device, the same weights and settings give bit-identical
 * results, so any difference is the conversion's; the first module where the two part is then traced and named.
 */
public final class Verification {
    private Verification() {
    }

    /**
     * @param converted the transformers folder to check, or null to convert the checkpoint into a temporary one
     * @param audio clips, folders of clips or glob patterns ({@link Corpus}); with {@code audioLists} empty too,
     *     the bundled reference clips at the model's rate and channels
     * @param audioLists files listing clips, one per line
     * @param bandwidths kbps, or empty for every bandwidth of the model
     * @param selection which rows to work ({@code --only}, {@code --shard}, {@code --fail-fast})
     * @param convertedLabel how outputs name the converted folder (a hub repo id and revision), or null for its name
     * @param resample convert clips to the model's channels and rate ({@code --resample})
     * @param stream stream every clip ({@code --stream}); without it, only a clip that would not fit whole
     * @param jobs clips worked at once on the CPU ({@code --jobs}; a GPU batches clips instead)
     */
    public record Options(Path checkpoint, String model, Path config, Path converted, List<Path> audio,
            List<Path> audioLists, List<Double> bandwidths, double atol, RowSelection selection,
            String convertedLabel, boolean resample, boolean stream, int jobs) {
        /** Every row of the clips named by {@code audio}. */
        public Options(Path checkpoint, String model, Path config, Path converted, List<Path> audio,
                List<Double> bandwidths, double atol) {
            this(checkpoint, model, config, converted, audio, List.of(), bandwidths, atol, RowSelection.ALL, null,
                    false, false, 1);
        }
    }

    public static VerifyReport run(Options o, ComputeDevice device, Consumer<String> progress) {
        return run(o, device, progress, RowProgress.NONE);
    }

    /** The same, telling {@code rows} of each row as it ends. */
    public static VerifyReport run(Options o, ComputeDevice device, Consumer<String> progress, RowProgress rows) {
        return run(o, device, progress, rows, Extras.NONE);
    }

    /** The same, with layer traces of passing clips and plot data as {@code extras} asks. */
    public static VerifyReport run(Options o, ComputeDevice device, Consumer<String> progress, RowProgress rows,
            Extras extras) {
        long start = System.nanoTime();
        String started = Instant.now().toString();
        Path folder = o.converted();
        // The checkpoint is read once: its scan gives the CRCs the conversion and the original model rely on, and
        // the SHA-256 the report names.
        try (ScannedCheckpoint source = ScannedCheckpoint.open(o.checkpoint());
                TempFolder temp = folder == null ? TempFolder.create("verify") : null) {
            if (folder == null) {
                folder = temp.path().resolve("converted");
                Converter.toTransformers(source, o.model(), o.config(), folder, true); // NaN: BROKEN
                progress.accept("converted " + o.checkpoint() + " into a temporary folder (no --converted given)");
            }
            try (ModelSource original = ModelSource.original(source.verify(), o.model(), o.config());
                    ModelSource converted = o.convertedLabel() == null ? ModelSource.transformers(folder)
                            : ModelSource.transformers(folder, o.convertedLabel())) {
                return compare(o, source.sha256(), folder, original, converted, device, progress, rows, extras,
                        started, start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VerifyReport compare(Options o, String checkpointSha256, Path folder, ModelSource original,
            ModelSource converted, ComputeDevice device, Consumer<String> progress, RowProgress watcher,
            Extras extras, String started, long start) {
        ModelSpec a = original.spec();
        ModelSpec b = converted.spec();
        if (!a.architecture().equals(b.architecture()) || a.sampleRate() != b.sampleRate()) {
            throw new BadInputException(folder, "is not a conversion of " + o.checkpoint().getFileName()
                    + ": different model (" + String.join("; ", SpecDiff.differences(a, b)) + ")");
        }
        List<String> settingDiffs = SpecDiff.codecDifferences(a, b);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("checkpoint " + o.checkpoint(), checkpointSha256);
        for (String f : List.of(TransformersFolder.WEIGHTS, TransformersFolder.CONFIG)) {
            inputs.put("converted " + folder.resolve(f), Hashing.sha256(folder.resolve(f)));
        }
        if (o.config() != null) {
            inputs.put("config " + o.config(), Hashing.sha256(o.config()));
        }
        Corpus corpus = o.audio().isEmpty() && o.audioLists().isEmpty()
                ? Corpus.of(ReferenceClips.forModel(a), List.of()) : Corpus.of(o.audio(), o.audioLists());
        try (Codec ca = Codec.load(original, device); Codec cb = Codec.load(converted, device)) {
            List<Double> bandwidths = o.bandwidths().isEmpty() ? a.bandwidths() : o.bandwidths();
            progress.accept("original:  " + ca.source());
            progress.accept("converted: " + cb.source());
            progress.accept("engine:    " + ca.info().summary());
            if (o.jobs() > 1 && !device.isGpu()) {
                progress.accept("jobs:      " + o.jobs() + " clips at once");
            }
            RowPlan plan = RowPlan.of(corpus, bandwidths, o.selection());
            watcher.total(plan.size());
            List<VerifyReport.Row> rows = new ArrayList<>();
            List<LayerProfile> traces = new ArrayList<>();
            // Encoder and quantizer run once per clip and model, for the most codebooks its rows need; lower
            // bandwidths' codes are prefixes. Clips are read as they are worked, a window at a time, so a corpus of
            // thousands stays in bounded memory; on a GPU the clips of equal length in a window run as one batch. On
            // the CPU, --jobs works that many windows (of one clip) at once, taken in the run's order.
            int window = device.isGpu() ? 16 : 1;
            List<List<Corpus.Entry>> windows = plan.windows(window);
            int jobs = device.isGpu() ? 1 : o.jobs();
            WindowWork work = new WindowWork(o, a, plan, ca, cb, device.isGpu(), extras, jobs);
            Found found = new Found();
            OrderedJobs.run(windows.size(), jobs, ComputeDevice.sameSettingsElsewhere(),
                    w -> work.work(windows.get(w), w * window),
                    r -> {
                        inputs.putAll(r.inputs());
                        for (VerifyReport.Row row : r.rows()) {
                            rows.add(row);
                            watcher.done(row.clip(), row.bandwidth(), row.verdict(), row.seconds());
                        }
                        traces.addAll(r.traces());
                        found.take(r);
                        if (o.selection().failFast() && r.anyFailed()) {
                            progress.accept("stopped at the first row that did not pass (--fail-fast)");
                            return false;
                        }
                        return true;
                    });
            Clip firstClip = found.firstClip;
            Clip firstFailing = found.firstFailing;
            int failingCodebooks = found.failingCodebooks;
            watcher.finished();
            rows.sort(java.util.Comparator.comparingInt(VerifyReport.Row::index));
            VerifyReport.Broken broken = BrokenModels.of(original, converted, rows);
            boolean differs = firstFailing != null || !settingDiffs.isEmpty();
            VerifyReport.Diagnosis diagnosis = null;
            // non-finite weights are named in broken; a shard without rows has nothing to trace
            if (differs && firstClip != null && (broken == null || !broken.weightsBroken())) {
                Clip clip = firstFailing != null ? firstFailing : firstClip;
                int n = firstFailing != null ? failingCodebooks
                        : ca.codebooksFor(bandwidths.get(bandwidths.size() - 1));
                diagnosis = Diagnose.firstDivergence(ca, cb, original, converted, clip, n, o.atol());
            }
            OutputProvenance run = new OutputProvenance(ToolInfo.nameAndVersion(), started,
                    OutputProvenance.Source.of(original.description(), o.checkpoint().toString(), checkpointSha256),
                    ca.info(), inputs, Map.of());
            return VerifyReport.builder()
                    .provenance(run)
                    .seconds((System.nanoTime() - start) / 1e9)
                    .originalSettings(dev.encodecparity.common.JsonDocument.tree(a))
                    .convertedSettings(dev.encodecparity.common.JsonDocument.tree(b))
                    .settingDifferences(settingDiffs)
                    .atol(o.atol())
                    .rows(rows)
                    .diagnosis(diagnosis)
                    .verdict(Verdict.of(broken != null, !differs))
                    .broken(broken)
                    .selection(o.selection())
                    .jobs(jobs)
                    .traces(extras.trace() == TraceMode.NONE ? null : traces)
                    .build();
        }
    }

    /** The clips a diagnosis may need, from the windows in the run's order. */
    private static final class Found {
        Clip firstClip;
        Clip firstFailing;
        int failingCodebooks;

        void take(WindowWork.Result r) {
            firstClip = firstClip == null ? r.first() : firstClip;
            if (firstFailing == null && r.firstFailing() != null) {
                firstFailing = r.firstFailing();
                failingCodebooks = r.failingCodebooks();
            }
        }
    }
}
