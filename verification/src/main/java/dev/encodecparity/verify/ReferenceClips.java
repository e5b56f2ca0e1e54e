package dev.encodecparity.verify;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled reference clips (testdata/audio): speech, music, noise, silence, a length that is no multiple of the hop
 * length, and one long enough for several 48 kHz chunks, at 24 kHz mono, 32 kHz mono and 48 kHz stereo.
 */
public final class ReferenceClips {
    private static final List<String> KINDS = List.of("speech", "music", "noise", "silence", "odd", "long");

    private ReferenceClips() {
    }

    /** The tool's home (the repository root): set by the launcher, or by the tests. */
    public static Path home() {
        String h = System.getProperty("encodecparity.home", System.getProperty("encodecparity.repo"));
        return Path.of(h == null ? "." : h);
    }

    /** The folder of the bundled clips: an input of every run that uses them, so no output may touch it. */
    public static Path folder() {
        return home().resolve("testdata/audio");
    }

    /** The bundled clips at the model's rate and channel count, in a fixed order. */
    public static List<Path> forModel(ModelSpec spec) {
        Path dir = folder();
        String suffix = "_" + spec.sampleRate() + "hz_" + spec.architecture().channels() + "ch.wav";
        List<Path> clips = KINDS.stream().map(k -> dir.resolve(k + suffix)).filter(Files::exists).toList();
        if (clips.isEmpty()) {
            String have;
            try (Stream<Path> s = Files.list(dir)) {
                have = s.map(p -> p.getFileName().toString().replaceAll("^[a-z]+_", ""))
                        .distinct().sorted().toList().toString();
            } catch (IOException e) {
                have = "none (" + dir + " not readable)";
            }
            throw BadInputException.option("no bundled reference clips at " + spec.sampleRate() + " Hz with "
                    + spec.architecture().channels() + " channel(s) (bundled: " + have + "); pass --audio FILE...");
        }
        return clips;
    }
}
