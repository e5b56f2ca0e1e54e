package dev.encodecparity.golden;

import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.InsufficientMemoryException;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.verify.RowSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code golden record} and {@code golden check} decode a clip's golden codes: a whole clip's bandwidths together,
 * the decoder's LSTM shared between them ({@link Codec#decodeSharingLstm}, within float32 rounding of lone decodes and
 * much faster on a CPU), a streamed clip's one by one. Record and check decoding the same codes the same way is what
 * lets a check on an unchanged stack reproduce the golden audio bit for bit.
 */
final class GoldenDecodes {
    private GoldenDecodes() {
    }

    /**
     * For {@code golden check}, at the first selected entry of a clip that decodes whole: the audio of that entry and
     * of every later selected entry of the same clip that also decodes whole, decoded together as {@code golden
     * record} decoded them, by entry index. An entry left out (its codes unreadable, its bandwidth not the model's,
     * too long to decode whole) is decoded, or refused, at its own turn, as before.
     */
    static Map<Integer, float[][]> ofClip(Codec codec, Path goldens, GoldenManifest m, RowSelection selection,
            int first) {
        int total = m.entries().size();
        String clip = m.entries().get(first).clip();
        List<Integer> indices = new ArrayList<>();
        List<EncodedAudio> codes = new ArrayList<>();
        for (int i = first; i < total; i++) {
            GoldenManifest.Entry e = m.entries().get(i);
            if (!e.clip().equals(clip) || !selection.takes(i, total, Path.of(clip).getFileName().toString())) {
                continue;
            }
            try {
                Path codesPath = goldens.resolve(e.codes());
                if (codec.codebooksFor(e.bandwidth()) != e.codebooks() || streams(codec, codesPath)) {
                    continue;
                }
                EncodedAudio c = CodesFile.read(codesPath);
                codec.checkCodes(c);
                indices.add(i);
                codes.add(c);
            } catch (BadInputException | InsufficientMemoryException unusable) {
                // refused at its own turn, with the message it always had
            }
        }
        Map<Integer, float[][]> audio = new HashMap<>();
        if (!codes.isEmpty()) {
            List<float[][]> decoded = codec.decodeSharingLstm(codes);
            for (int k = 0; k < indices.size(); k++) {
                audio.put(indices.get(k), decoded.get(k));
            }
        }
        return audio;
    }

    /**
     * Whether golden codes are too long to decode whole here (then they stream, which the notes say); refuses, as
     * {@link MemoryEstimate#chooseStreaming}, codes that fit neither way.
     */
    static boolean streams(Codec codec, Path codesPath) {
        List<Long> frames = CodesFile.declaredFrames(codesPath);
        return MemoryEstimate.chooseStreaming(codec.spec(), MemoryEstimate.decode(codec.spec(), frames, 1),
                frames.stream().mapToLong(Long::longValue).sum() * codec.spec().architecture().hopLength(), false,
                codesPath.toString());
    }
}
