package dev.encodecparity.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.compare.LayerProfile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each chart as SVG text: named for a screen reader (role, title, description), its shapes drawn (non-empty paths),
 * what it marks marked; and the helpers every chart writes with.
 */
class ChartsTest {
    private static final Pattern PATH = Pattern.compile("<path class=\"([^\"]+)\" d=\"([^\"]*)\"");

    /** What every chart must be: an image with a title and a description that name it, ids starting with its own. */
    static void accessible(String svg, String id) {
        assertTrue(svg.startsWith("<svg class=\"chart "), svg.substring(0, 40));
        assertTrue(svg.contains("role=\"img\" aria-labelledby=\"" + id + "-t " + id + "-d\""), svg.substring(0, 200));
        assertTrue(svg.contains("<title id=\"" + id + "-t\">"), "a title");
        assertTrue(svg.contains("<desc id=\"" + id + "-d\">"), "a description");
        assertTrue(svg.endsWith("</svg>"));
        assertFalse(svg.contains("http"), "nothing fetched, no namespace URL either");
    }

    /** The path data of the paths of class {@code cls}. */
    static List<String> paths(String svg, String cls) {
        Matcher m = PATH.matcher(svg);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(cls)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    private static RowPlot plot(float difference) {
        int n = 24_000;
        float[][] clip = new float[1][n];
        float[][] a = new float[1][n];
        float[][] b = new float[1][n];
        for (int i = 0; i < n; i++) {
            clip[0][i] = (float) Math.sin(i / 7.0);
            a[0][i] = 0.5f * clip[0][i];
            b[0][i] = a[0][i];
        }
        b[0][n / 3] += difference;
        long[][] codes = new long[2][75];
        EncodedAudio c = new EncodedAudio(List.<long[][]>of(codes), null);
        return RowPlot.of(0, "original", "converted", clip, 24_000, a, b, c, c, CodeComparison.compare(c, c, null),
                0);
    }

    @Test
    void theWaveformChartOverlaysTheDecodesAndZoomsOnTheDifference() {
        String svg = WaveformChart.render("r0-wave", plot(0.01f));
        accessible(svg, "r0-wave");
        for (String cls : List.of("wa", "wb", "wdf", "za", "zb", "zd")) {
            List<String> d = paths(svg, cls);
            assertEquals(1, d.size(), cls);
            assertTrue(d.get(0).startsWith("M") && d.get(0).length() > 100, cls + ": " + d.get(0));
        }
        assertTrue(svg.contains("class=\"zr\""), "the zoomed region is marked on the whole clip");
        assertTrue(svg.contains("Largest difference 0.01 at sample 8000 of channel 0."), svg);
        assertTrue(svg.length() < 60_000, "a chart of a long clip stays small: " + svg.length());

        String same = WaveformChart.render("r1-wave", plot(0));
        accessible(same, "r1-wave");
        assertTrue(same.contains("identical: the difference is 0 everywhere"));
        assertTrue(paths(same, "za").isEmpty(), "no zoom for identical decodes");
    }

    @Test
    void aSpectrogramChartDrawsItsLevelsAndALegend() {
        RowPlot p = plot(0.01f);
        String svg = SpectrogramChart.render("s", p.input(), "the clip", Double.NaN);
        accessible(svg, "s");
        int drawn = 0;
        for (int level = 0; level < SpectrogramChart.LEVELS; level++) {
            drawn += paths(svg, "l" + level).size();
        }
        assertTrue(drawn >= 2, "cells of several levels: " + drawn);
        assertEquals(SpectrogramChart.LEVELS, svg.split("<rect class=\"l").length - 1, "a legend swatch per level");
        String diff = SpectrogramChart.render("d", p.difference(), "converted − original", p.input().maxDb());
        assertTrue(diff.contains("dB against the clip"), diff);
        String silent = SpectrogramChart.render("q", Spectrogram.of(new float[1][4_000], 8_000), "silence",
                Double.NaN);
        accessible(silent, "q");
        assertTrue(silent.contains("silence: no power to draw"));
        assertEquals(0, SpectrogramChart.level(-500, -80));
        assertEquals(SpectrogramChart.LEVELS - 1, SpectrogramChart.level(0, -80));
    }

    @Test
    void cellsOfALevelAreJoinedAlongEachBand() {
        Spectrogram s = new Spectrogram(4, 2, new float[] {0, 0, 0, -79, 0, -79, -79, 0}, 1, 100);
        assertEquals("M0 1h3v1h-3zM0 0h1v1h-1zM3 0h1v1h-1z", SpectrogramChart.cells(s, -80, 11));
        assertEquals("M3 1h1v1h-1zM1 0h2v1h-2z", SpectrogramChart.cells(s, -80, 0));
    }

    @Test
    void theCodeMapDrawsEachStateApart() {
        long[][] e = {{1, 2, 3, 4}, {1, 2, 3, 4}};
        long[][] a = {{1, 9, 3, 4}, {1, 9, 3, 4}};
        EncodedAudio x = new EncodedAudio(List.<long[][]>of(e, e), null);
        EncodedAudio y = new EncodedAudio(List.<long[][]>of(a, e), null);
        CodeMap m = CodeMap.of(x, y, CodeComparison.compare(x, y, null), 0);
        String svg = CodeMapChart.render("c", m, "original", "converted");
        accessible(svg, "c");
        assertEquals(List.of("M1 0h1v1h-1z"), paths(svg, "cr"));
        assertEquals(List.of("M1 1h1v1h-1z"), paths(svg, "cf"));
        assertTrue(paths(svg, "ct").isEmpty());
        assertEquals(1, paths(svg, "chunk").size(), "one boundary between two chunks");
        assertTrue(svg.contains("1 frame(s) with a real difference"), svg);
    }

    @Test
    void theLayerChartMarksTheFirstModuleOverTolerance() {
        List<LayerProfile.Module> ms = List.of(
                new LayerProfile.Module(LayerProfile.ENCODING, "encoder.0", "conv", 0, 0, 8),
                new LayerProfile.Module(LayerProfile.DECODING, "decoder.3", "conv", 3e-7, 2, 8),
                new LayerProfile.Module(LayerProfile.DECODING, "decoder.4", "residual block", 2e-3, 8, 8),
                new LayerProfile.Module(LayerProfile.DECODING, "output", "decoded audio", Double.NaN, 8, 8));
        LayerProfile p = new LayerProfile("speech.wav", 4, 1e-5, "decoder.4", ms);
        String svg = LayerChart.render("t", p, "decoder.3");
        accessible(svg, "t");
        assertEquals(4, svg.split("<rect class=\"bar").length - 1, "a bar or mark per module");
        assertEquals(2, svg.split("<rect class=\"bar over\"").length - 1, "over tolerance: decoder.4, and output");
        assertTrue(svg.contains("◀ first over tolerance"));
        assertTrue(svg.contains("◀ first that differs"));
        assertTrue(svg.contains("shapes differ"));
        assertEquals(1, paths(svg, "tol").size(), "the tolerance line");
        assertTrue(svg.indexOf(">encoding<") < svg.indexOf(">decoding<"), "stages in the order they ran");
    }

    @Test
    void numbersAndTextAsThePageWritesThem() {
        assertEquals("12", Svg.num(12.04));
        assertEquals("-0.3", Svg.num(-0.26));
        assertEquals("0", Svg.num(-0.04));
        assertEquals("1.00e-05", Svg.value(1e-5));
        assertEquals("0.0312", Svg.value(0.03124));
        assertEquals("2", Svg.value(2));
        assertEquals("not a number", Svg.value(Double.NaN));
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; ", Svg.escape("<b> & \"x\" 'y'\u0001"));
    }
}
