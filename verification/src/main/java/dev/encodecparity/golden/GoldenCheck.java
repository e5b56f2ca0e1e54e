package dev.encodecparity.golden;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.EngineInfo;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.verify.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a model against recorded goldens, as a nightly job does after a driver, CUDA, libtorch or DJL upgrade, or
 * between CPU and GPU. Codes: encoded afresh and compared with the golden codes; a differing code whose two entries
 * are equally near within the tie margin is a near tie, counted apart from real differences. Audio: the golden codes
 * are decoded (so one flipped code cannot cascade) and compared with the golden audio within atol + rtol * |golden|.
 */
public final class GoldenCheck {
    private GoldenCheck() {
    }

    /**
     * One entry's outcome.
     *
     * @param verdict pass, fail, or broken when the fresh encoder output or the decoded audio is not all finite
     *     (written in the row spelling)
     * @param nonFinite non-finite values among the fresh encoder output and the audio decoded from the golden codes
     */
    public record Row(String clip, double bandwidth, int codebooks, long codes, long differing, long nearTies,
            long realDifferences, double maxAbsError, double snrDb, boolean audioWithin,
            @JsonSerialize(using = Verdict.RowSpelling.class) Verdict verdict,
            long nonFinite) {
    }

    /**
     * The whole check, as the table and the JSON report give it.
     *
     * @param verdict pass, fail, or broken when the model's weights or outputs are not all finite
     * @param nonFiniteWeights the model's tensors that hold NaN or infinities, "name: 1 NaN of 32 values"
     */
    public record Report(String tool, EngineInfo engine, EngineInfo recordedWith, GoldenManifest.Model model,
            List<String> notes, GoldenManifest.Tolerances tolerances, List<Row> rows, Verdict verdict,
            List<String> nonFiniteWeights) {
        public boolean passed() {
            return verdict.passed();
        }
    }

    public static Report run(Codec codec, Path goldens, GoldenManifest m, Map<String, String> modelFiles,
            GoldenManifest.Tolerances tol) {
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(m.model().files(), modelFiles)) {
            notes.add("the model's files differ from the recorded model's (recorded " + m.model().files() + ", now "
                    + modelFiles + "): differences below may come from the model, not from the stack");
        }
        EngineInfo now = codec.info();
        if (!now.device().equals(m.engine().device()) || !now.libtorch().equals(m.engine().libtorch())
                || !now.djl().equals(m.engine().djl())) {
            notes.add("recorded on " + m.engine().summary() + "; checking on " + now.summary());
        } else if (now.threads() != m.engine().threads()) {
            notes.add("recorded with " + m.engine().threads() + " CPU thread(s), checking with " + now.threads()
                    + ": libtorch may split float reductions differently, so audio may differ in its last bits"
                    + " (docs/reliability.md gives the measured size); codes are expected identical");
        }
        if (!codec.nonFiniteWeights().isEmpty()) {
            notes.add("the model has non-finite weights: " + NonFiniteCheck.weights(codec.nonFiniteWeights()));
        }
        List<Row> rows = new ArrayList<>();
        for (GoldenManifest.Entry e : m.entries()) {
            Path clipPath = goldens.resolve(e.clip());
            if (!Hashing.sha256(clipPath).equals(e.clipSha256())) {
                throw new BadInputException(clipPath, "differs from the recorded clip (SHA-256 mismatch)");
            }
            Clip clip = Clip.read(clipPath, codec.spec());
            if (codec.codebooksFor(e.bandwidth()) != e.codebooks()) {
                throw new BadInputException(goldens.resolve(GoldenManifest.FILE), "bandwidth " + e.bandwidth()
                        + " gives " + codec.codebooksFor(e.bandwidth()) + " codebooks, recorded " + e.codebooks());
            }
            Path codesPath = goldens.resolve(e.codes());
            MemoryEstimate.decode(codec.spec(), CodesFile.declaredFrames(codesPath), 1).check(codesPath.toString());
            EncodedAudio golden = CodesFile.read(codesPath);
            try { // before comparing: a margin or a decode of an impossible code must not reach the engine
                codec.checkCodes(golden);
            } catch (BadInputException ex) {
                throw new BadInputException(codesPath, ex.reason());
            }
            EncodedAudio ours = codec.encode(clip.samples(), e.codebooks());
            // Margins of codes chosen from NaN distances mean nothing, and each costs an encode: not asked for.
            CodeComparison.Result c = CodeComparison.compare(golden, ours, ours.encoderOutputFinite()
                    ? (k, t, q, a, b) -> codec.margin(clip.samples(), k, t, q, a, b) : null);
            float[][] want = AudioFiles.read(goldens.resolve(e.audio())).samples();
            float[][] got = codec.decode(golden);
            AudioComparison a = AudioComparison.of(want, got);
            boolean audioOk = AudioComparison.allClose(want, got, tol.atol(), tol.rtol());
            boolean pass = c.passes(tol.tieMargin()) && audioOk;
            long nonFinite = ours.encoderOutput().nonFinite() + NonFiniteCheck.count(got).nonFinite();
            rows.add(new Row(clip.name(), e.bandwidth(), e.codebooks(), c.codes(), c.differing(),
                    c.nearTies(tol.tieMargin()), c.structure().isEmpty() ? c.realDifferences(tol.tieMargin()) : -1,
                    a.lengthsDiffer() ? Double.NaN : a.maxAbsError(), a.snrDb(), audioOk,
                    Verdict.of(nonFinite > 0, pass), nonFinite));
        }
        boolean broken = !codec.nonFiniteWeights().isEmpty() || rows.stream().anyMatch(r -> r.nonFinite() > 0);
        boolean pass = rows.stream().allMatch(r -> r.verdict().passed());
        return new Report(ToolInfo.nameAndVersion(), now, m.engine(), m.model(), notes, tol, rows,
                Verdict.of(broken, pass),
                codec.nonFiniteWeights().stream().map(NonFinite.Found::detail).toList());
    }
}
