/**
 * What the HTML page draws, and how: plot data collected while a run works (min/max envelopes of the two decodes and
 * their difference, the region of the largest difference, coarse log-magnitude spectrograms from a small FFT of our
 * own, a codebook × frame map of the codes' agreement), never the audio itself; and the charts, inline SVG written
 * here with their accessible names. No DJL, no browser code.
 */
package dev.encodecparity.plot;
