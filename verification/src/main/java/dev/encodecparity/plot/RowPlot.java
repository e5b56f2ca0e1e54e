package dev.encodecparity.plot;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.CodeComparison;

/**
 * What the page draws for one row, made while the row is worked and kept instead of its audio: a few tens of
 * kilobytes however long the clip.
 *
 * @param index the row's index in the whole run
 * @param labelA what the first decode is ("original", "golden")
 * @param labelB what the second is ("converted", "now")
 * @param waveform the two decodes and their difference
 * @param input the clip's spectrogram
 * @param difference the spectrogram of the two decodes' difference, or null when they are identical
 * @param codes the codes' agreement, or null when their layouts differ ({@code codesNote} says how)
 * @param codesNote why there is no map, or null
 */
public record RowPlot(int index, String labelA, String labelB, Waveform waveform, Spectrogram input,
        Spectrogram difference, CodeMap codes, String codesNote) {
    /** The row's inputs and outputs, reduced to what the page draws. */
    public static RowPlot of(int index, String labelA, String labelB, float[][] clip, int sampleRate, float[][] a,
            float[][] b, EncodedAudio codesA, EncodedAudio codesB, CodeComparison.Result codes, double tieMargin) {
        Waveform w = Waveform.of(a, b, sampleRate);
        Spectrogram diff = w.zoom() == null ? null : Spectrogram.difference(a, b, sampleRate);
        CodeMap map = CodeMap.of(codesA, codesB, codes, tieMargin);
        return new RowPlot(index, labelA, labelB, w, Spectrogram.of(clip, sampleRate), diff, map,
                map == null ? "the codes' layouts differ: " + codes.structure() : null);
    }
}
