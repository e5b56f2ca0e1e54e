package dev.encodecparity.config;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.layout.OriginalLayout;
import dev.encodecparity.layout.TensorAccount;
import dev.encodecparity.spec.Family;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides an original checkpoint's settings. In order of authority: {@code --config} (a custom model), the checkpoint's
 * own {@code xp.cfg}, a named preset, and for {@code auto} the one preset whose tensor names and shapes the checkpoint
 * has exactly. Sources that disagree are an error, never a silent choice.
 */
public final class SettingsResolver {
    public static final String AUTO = "auto";

    private SettingsResolver() {
    }

    /**
     * Settings and a phrase saying where they came from ("preset encodec_24khz", "xp.cfg in the checkpoint",
     * "config x.json, sha256 ...").
     */
    public record Resolved(OriginalSettings settings, String origin) {
    }

    /**
     * @param model a preset name, "auto" or null (= auto)
     * @param configFile a transformers config.json describing a custom model, or null
     */
    public static Resolved resolve(Checkpoint ckpt, String model, Path configFile) {
        boolean named = model != null && !model.equals(AUTO);
        if (named && configFile != null) {
            throw BadInputException.option("give either --model or --config, not both");
        }
        OriginalSettings fromXp = ckpt.xpConfig().map(raw -> XpConfig.read(raw, ckpt.file())).orElse(null);
        if (configFile != null) {
            byte[] bytes = EncodecConfig.readBytes(configFile);
            OriginalSettings custom = ConfigTranslation.toOriginal(EncodecConfig.read(bytes, configFile),
                    fromXp != null ? Family.AUDIOCRAFT : Family.ENCODEC, "custom (" + configFile.getFileName() + ")");
            if (fromXp != null) {
                requireSame(custom, fromXp, configFile, "the checkpoint's xp.cfg");
            }
            return new Resolved(custom, configOrigin(configFile, bytes));
        }
        if (fromXp != null) {
            if (named) {
                requireSame(fromXp, Presets.get(model), ckpt.file(), "preset " + model);
            }
            return new Resolved(fromXp, "xp.cfg in the checkpoint");
        }
        if (named) {
            return new Resolved(Presets.get(model), "preset " + model);
        }
        return new Resolved(detect(ckpt.file(), ckpt.stateDict()), "preset recognised from the tensors");
    }

    /**
     * How a {@code --config} file is named where the settings' origin is recorded (a converted folder's provenance,
     * a report): by its file name and the SHA-256 of the bytes that were read, never by its path, which says
     * something about the machine that converted and nothing about the model.
     */
    static String configOrigin(Path configFile, byte[] bytes) {
        return "config " + configFile.getFileName() + ", sha256 " + Hashing.sha256(bytes);
    }

    /** The one preset whose expected tensors the state dict has exactly (names and shapes). */
    public static OriginalSettings detect(Path file, Map<String, Tensor> stateDict) {
        List<String> scores = new ArrayList<>();
        for (OriginalSettings p : Presets.all().values()) {
            TensorAccount diff = difference(stateDict, p);
            if (diff.exact()) {
                return p;
            }
            scores.add(p.name() + ": " + diff.missing().size() + " missing, " + diff.unexpected().size()
                    + " unexpected, " + diff.misshaped().size() + " mis-shaped");
        }
        throw new BadInputException(file, "the tensors match no preset (" + String.join("; ", scores)
                + "); pass --model NAME to see the full list of differences, or --config config.json for a "
                + "custom model");
    }

    private static TensorAccount difference(Map<String, Tensor> stateDict, OriginalSettings preset) {
        return TensorAccount.of(OriginalLayout.INSTANCE.expected(preset.architecture(), preset.family()), stateDict,
                Tensor::shape);
    }

    private static void requireSame(OriginalSettings a, OriginalSettings b, Path file, String other) {
        ModelSpec x = a.toSpec();
        ModelSpec y = b.toSpec();
        List<String> diffs = SpecDiff.codecDifferences(x, y);
        if (!diffs.isEmpty()) {
            throw new BadInputException(file, "settings disagree with " + other + ": " + String.join("; ", diffs));
        }
    }
}
