/**
 * The audio and array files the command line reads and writes: WAV, FLAC (read only), NumPy {@code .npy} and
 * {@code .npz}.
 *
 * <p>Plain JDK code with no native parts, so that every file a user hands us is checked before any engine sees it.
 * The readers are strict in the project's way: whatever is wrong with a file ends in a
 * {@link dev.encodecparity.common.BadInputException} that names the file and says what is wrong, and no declared size
 * is trusted (nothing is allocated from a header before it has been checked against the bytes that are really there).
 * The writers produce what the reference tools produce: {@link dev.encodecparity.audio.NpyWriter} is byte-identical to
 * {@code numpy.save}, {@link dev.encodecparity.audio.WavWriter} writes IEEE float32 WAVs, and both write to a temporary
 * file next to the target and move it into place, so a failed write never leaves a partial file.
 *
 * <p>Entry points: {@link dev.encodecparity.audio.AudioFiles} (audio from {@code .wav}, {@code .flac} or {@code .npy},
 * by extension), {@link dev.encodecparity.audio.WavReader}, {@link dev.encodecparity.audio.FlacReader} (a decoder of
 * the project's own: no maintained pure-Java FLAC library exists), {@link dev.encodecparity.audio.WavWriter},
 * {@link dev.encodecparity.audio.NpyReader}, {@link dev.encodecparity.audio.NpyWriter},
 * {@link dev.encodecparity.audio.NpzReader}, {@link dev.encodecparity.audio.NpzWriter}; values are
 * {@link dev.encodecparity.audio.Audio} and {@link dev.encodecparity.audio.NdArray}. A clip of any length goes through
 * a block at a time: {@link dev.encodecparity.audio.AudioSource} ({@code AudioFiles.open}) in,
 * {@link dev.encodecparity.audio.AudioSink} ({@code AudioFiles.create}, {@code Pcm16WavWriter.create}) out.
 */
package dev.encodecparity.audio;
