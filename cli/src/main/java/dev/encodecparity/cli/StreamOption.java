package dev.encodecparity.cli;

import picocli.CommandLine.Option;

/**
 * {@code --stream}: how the engine runs a clip. Shared by the commands that encode or decode clips, so that the rule
 * is one: a clip runs whole where the memory estimate says it fits, streamed where it does not, and streamed always
 * with {@code --stream}. Outputs record which.
 */
final class StreamOption {
    @Option(names = "--stream", description = "Stream every clip: the engine works on blocks of it (a chunking model:"
            + " a batch of chunks at a time), so its memory does not grow with the clip's length; the results are"
            + " the whole-clip results (chunks bit for bit; blocks within float32 rounding). Without it a clip is"
            + " streamed only when the whole clip would not fit in memory.")
    boolean stream;
}
