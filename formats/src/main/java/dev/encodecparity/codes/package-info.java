/**
 * The codes an encode produces ({@link dev.encodecparity.codes.EncodedAudio}: codes per chunk, and scales when the
 * model normalises) and their file, the NumPy {@code .npz} that encode writes and decode reads
 * ({@link dev.encodecparity.codes.CodesFile}).
 */
package dev.encodecparity.codes;
