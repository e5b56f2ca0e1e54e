package dev.encodecparity.verify;

import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.LayerTrace;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.layout.ModuleTensors;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * Where two models that should be the same codec first part: both are traced on the same clip, module by module,
 * first through the encoder and quantizer, then through the decoder on the same codes. The first module whose output
 * is not bit-identical is named, with its tensors compared original name beside transformers name; every module's
 * difference is kept as a {@link LayerProfile} (the page's chart, and {@code --trace} on passing rows).
 */
final class Diagnose {
    private Diagnose() {
    }

    /**
     * Both models traced on one clip: the encoder and quantizer on the clip, then the decoder on the original's
     * codes (the same codes on both sides, so a decoder's difference is its own even when the encoders differ).
     */
    record Traced(Clip clip, int codebooks, LayerTrace encoding, LayerTrace decoding) {
        static Traced of(Codec a, Codec b, Clip clip, int codebooks) {
            LayerTrace encode = new LayerTrace();
            EncodedAudio codes = a.encode(clip.samples(), codebooks, encode.recorder());
            b.encode(clip.samples(), codebooks, encode.checker());
            LayerTrace decode = new LayerTrace();
            a.decode(codes, decode.recorder());
            b.decode(codes, decode.checker());
            return new Traced(clip, codebooks, encode, decode);
        }

        /** Every module's difference, for {@code --trace} and the page's chart. */
        LayerProfile profile(double tolerance) {
            return LayerProfile.of(clip.name(), codebooks, tolerance, encoding.modules(), decoding.modules());
        }
    }

    static VerifyReport.Diagnosis firstDivergence(Codec a, Codec b, ModelSource sa, ModelSource sb, Clip clip,
            int codebooks, double tolerance) {
        return firstDivergence(Traced.of(a, b, clip, codebooks), a, sa, sb, tolerance);
    }

    /** The first module whose output differs in {@code traced}, with its tensors; null when none differs. */
    static VerifyReport.Diagnosis firstDivergence(Traced traced, Codec a, ModelSource sa, ModelSource sb,
            double tolerance) {
        Clip clip = traced.clip();
        LayerTrace.Divergence d = traced.encoding().divergence();
        String stage = "encoding";
        if (d == null) {
            d = traced.decoding().divergence();
            stage = "decoding";
        }
        if (d == null) {
            return null;
        }
        List<VerifyReport.TensorDiff> tensors = tensors(d.module(), a.spec().architecture(), sa, sb);
        return VerifyReport.Diagnosis.builder()
                .stage(stage)
                .clip(clip.name())
                .chunk(d.chunk())
                .module(d.module())
                .kind(d.kind())
                .previous(d.previous())
                .maxAbsDifference(d.maxAbsDifference())
                .differing(d.differing())
                .size(d.size())
                .tensors(tensors)
                .summary(summary(stage, clip, d, tensors))
                .profile(traced.profile(tolerance))
                .build();
    }

    private static List<VerifyReport.TensorDiff> tensors(String module, Architecture arch, ModelSource sa,
            ModelSource sb) {
        List<String> na = ModuleTensors.of(module, arch, sa.layout());
        List<String> nb = ModuleTensors.of(module, arch, sb.layout());
        List<VerifyReport.TensorDiff> out = new ArrayList<>();
        for (int i = 0; i < na.size(); i++) {
            float[] x = sa.peek(na.get(i));
            float[] y = sb.peek(nb.get(i));
            long differing = 0;
            double max = 0;
            long first = -1;
            for (int j = 0; j < x.length; j++) {
                if (Float.floatToIntBits(x[j]) != Float.floatToIntBits(y[j])) {
                    differing++;
                    max = Math.max(max, Math.abs((double) x[j] - y[j]));
                    if (first < 0) {
                        first = j;
                    }
                }
            }
            out.add(new VerifyReport.TensorDiff(na.get(i), nb.get(i), sa.shape(na.get(i)), differing, max, first));
        }
        return out;
    }

    private static String summary(String stage, Clip clip, LayerTrace.Divergence d,
            List<VerifyReport.TensorDiff> tensors) {
        StringBuilder s = new StringBuilder();
        s.append(d.module()).append(" (").append(d.kind()).append(") is the first module whose output differs, while ")
                .append(stage).append(' ').append(clip.name());
        if (d.chunk() > 0) {
            s.append(", chunk ").append(d.chunk());
        }
        if (Double.isNaN(d.maxAbsDifference())) {
            s.append(": its output has a different shape on each side");
        } else {
            s.append(String.format(": %d of %d values differ, by up to %.3g", d.differing(), d.size(),
                    d.maxAbsDifference()));
        }
        if (d.previous() == null) {
            s.append("; it is the first module traced.");
        } else if (d.previous().equals("input")) {
            s.append("; its input, the (normalised) audio, is identical on both sides.");
        } else {
            s.append("; its input, the output of ").append(d.previous()).append(", is identical on both sides.");
        }
        List<VerifyReport.TensorDiff> differ = tensors.stream().filter(t -> t.differing() > 0).toList();
        if (tensors.isEmpty()) {
            s.append(" It has no tensors: the difference comes from the settings.");
        } else if (differ.isEmpty()) {
            s.append(" Its tensors are identical on both sides: the difference comes from the settings.");
        } else {
            for (VerifyReport.TensorDiff t : differ) {
                s.append(String.format(" Tensor %s (original) vs %s (converted): %d of %d values differ, by up to %.3g,"
                        + " first at flat index %d.", t.original(), t.transformers(), t.differing(),
                        Shapes.numel(t.shape()), t.maxAbsDifference(), t.firstDifferingIndex()));
            }
        }
        return s.toString();
    }
}
