package dev.encodecparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.engine.DistanceMargin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a row keeps for the page: envelopes, the zoom, spectrograms and the code map, on signals made to show them. */
class PlotDataTest {
    @Test
    void envelopesKeepEveryPeakWhateverTheLength() {
        float[][] audio = new float[2][100_000];
        audio[1][54_321] = 0.9f; // one sample on the second channel
        audio[0][99_999] = -0.5f;
        Envelope e = Envelope.of(audio, 400);
        assertEquals(400, e.columns());
        assertEquals(100_000, e.samples());
        assertEquals(0.9f, e.max()[54_321 * 400 / 100_000]);
        assertEquals(-0.5f, e.min()[399]);
        assertEquals(0.9, e.peak(), 1e-7);
        Envelope shortOne = Envelope.of(new float[][] {{1, -1, 2}}, 400);
        assertArrayEquals(new float[] {1, -1, 2}, shortOne.max()); // fewer samples than columns: one each
    }

    @Test
    void theZoomIsCentredOnTheLargestDifference() {
        float[][] a = new float[1][10_000];
        float[][] b = new float[1][10_000];
        for (int i = 0; i < a[0].length; i++) {
            a[0][i] = (float) Math.sin(i / 30.0);
            b[0][i] = a[0][i];
        }
        b[0][7_000] += 0.25f;
        b[0][100] += 0.01f;
        Waveform w = Waveform.of(a, b, 24_000);
        assertNotNull(w.zoom());
        assertEquals(7_000, w.zoom().largest());
        assertEquals(Waveform.ZOOM_SAMPLES, w.zoom().a().length);
        assertTrue(w.zoom().start() <= 7_000 && 7_000 < w.zoom().start() + Waveform.ZOOM_SAMPLES);
        assertEquals(0.25, w.zoom().maxAbsDifference(), 1e-6);
        assertEquals(0.25, w.difference().peak(), 1e-6);
        assertNull(Waveform.of(a, a, 24_000).zoom(), "identical decodes have nothing to zoom into");
        assertTrue(Waveform.of(a, new float[][] {new float[5]}, 24_000).lengthsDiffer());
    }

    @Test
    void aSpectrogramPutsASineInItsBand() {
        int rate = 16_000;
        float[][] x = new float[1][2 * rate]; // two seconds of 4 kHz: half of the way to Nyquist
        for (int i = 0; i < x[0].length; i++) {
            x[0][i] = (float) Math.sin(2 * Math.PI * 4_000 * i / rate);
        }
        Spectrogram s = Spectrogram.of(x, rate);
        assertEquals(Spectrogram.FRAMES, s.frames());
        assertEquals(Spectrogram.BANDS, s.bands());
        assertEquals(2.0, s.seconds(), 1e-9);
        assertEquals(8_000.0, s.nyquistHz());
        int loudest = 0;
        for (int band = 0; band < s.bands(); band++) {
            if (s.at(band, 10) > s.at(loudest, 10)) {
                loudest = band;
            }
        }
        int bin = 4_000 * Spectrogram.WINDOW / rate;
        assertEquals(bin * Spectrogram.BANDS / (Spectrogram.WINDOW / 2 + 1), loudest);
        assertTrue(s.at(loudest, 10) - s.at(2, 10) > 60, "the sine stands 60 dB above the other bands");
        Spectrogram silence = Spectrogram.of(new float[1][800], rate);
        assertEquals(Spectrogram.SILENT, silence.maxDb());
        Spectrogram tiny = Spectrogram.of(new float[][] {{1, 0, -1}}, rate);
        assertEquals(2, tiny.frames()); // three samples: two windows of two, half overlapping
        float[][] y = {x[0].clone()};
        y[0][12_000] += 0.5f;
        Spectrogram d = Spectrogram.difference(x, y, rate);
        assertTrue(d.maxDb() > Spectrogram.SILENT, "a one-sample difference shows");
    }

    @Test
    void theCodeMapTellsNearTiesFromRealDifferencesAndTheirConsequences() {
        long[][] e0 = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        long[][] a0 = {{1, 9, 3, 4}, {5, 0, 7, 8}}; // frame 1: codebook 0 differs, codebook 1 follows
        long[][] e1 = {{1, 1}, {1, 1}};
        long[][] a1 = {{1, 1}, {1, 2}}; // chunk 1, frame 1: codebook 1 differs first
        EncodedAudio expected = new EncodedAudio(List.of(e0, e1), null);
        EncodedAudio actual = new EncodedAudio(List.of(a0, a1), null);
        CodeComparison.MarginSource margins = (chunk, frame, codebook, code, other) -> chunk == 0
                ? new DistanceMargin(1e-12, 1e-6, 1.0) : new DistanceMargin(0.5, 1e-6, 1.0);
        CodeComparison.Result r = CodeComparison.compare(expected, actual, margins);
        CodeMap m = CodeMap.of(expected, actual, r, 1e-5);
        assertEquals(2, m.codebooks());
        assertEquals(6, m.frames());
        assertEquals(6, m.columns());
        assertArrayEquals(new int[] {4}, m.chunkStarts());
        assertEquals(CodeMap.NEAR_TIE, m.at(0, 1));
        assertEquals(CodeMap.FOLLOWS, m.at(1, 1));
        assertEquals(CodeMap.REAL, m.at(1, 5));
        assertEquals(CodeMap.SAME, m.at(0, 5));
        assertEquals(1, m.nearTies());
        assertEquals(1, m.realDifferences());
        assertFalse(m.allSame());
        CodeMap noMargins = CodeMap.of(expected, actual, CodeComparison.compare(expected, actual, null), 1e-5);
        assertEquals(CodeMap.REAL, noMargins.at(0, 1), "verify has no margins: every difference is real");
        assertTrue(CodeMap.of(expected, expected, CodeComparison.compare(expected, expected, null), 0).allSame());
        EncodedAudio other = new EncodedAudio(List.<long[][]>of(e0), null);
        assertNull(CodeMap.of(expected, other, CodeComparison.compare(expected, other, null), 0));
    }

    @Test
    void longClipsFoldIntoColumnsThatKeepTheWorstState() {
        long[][] e = new long[1][10_000];
        long[][] a = new long[1][10_000];
        a[0][5_000] = 3;
        EncodedAudio expected = new EncodedAudio(List.<long[][]>of(e), null);
        EncodedAudio actual = new EncodedAudio(List.<long[][]>of(a), null);
        CodeMap m = CodeMap.of(expected, actual, CodeComparison.compare(expected, actual, null), 0);
        assertEquals(CodeMap.COLUMNS, m.columns());
        assertEquals(CodeMap.REAL, m.at(0, 5_000 * CodeMap.COLUMNS / 10_000));
    }

    @Test
    void aRowPlotHoldsNoAudio() {
        float[][] clip = new float[2][48_000];
        float[][] a = new float[2][48_000];
        float[][] b = new float[2][48_000];
        b[1][10] = 1e-3f;
        long[][] codes = {{1, 2}};
        EncodedAudio c = new EncodedAudio(List.<long[][]>of(codes), null);
        RowPlot p = RowPlot.of(3, "original", "converted", clip, 48_000, a, b, c, c,
                CodeComparison.compare(c, c, null), 0);
        assertEquals(3, p.index());
        assertNotNull(p.difference());
        assertEquals(1, p.waveform().zoom().channel());
        assertNull(RowPlot.of(3, "a", "b", clip, 48_000, a, a, c, c, CodeComparison.compare(c, c, null), 0)
                .difference(), "identical decodes: no difference spectrogram");
        RowPlots none = RowPlots.NONE;
        none.add(p);
        assertTrue(none.isEmpty());
        RowPlots kept = RowPlots.collecting();
        kept.add(p);
        assertEquals(p, kept.of(3));
    }
}
