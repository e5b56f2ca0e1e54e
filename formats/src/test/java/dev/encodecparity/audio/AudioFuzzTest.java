package dev.encodecparity.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encodecparity.testing.ReaderContract;

/**
 * Coverage-guided fuzzing of the audio and array readers: WAV (every chunk layout and sample format), FLAC (metadata,
 * frame headers, subframes and residuals behind their CRCs), {@code .npy} (header dict, dtypes, Fortran order) read as
 * audio, and {@code .npz} (zip, stored and deflated members). The rule checked is {@link ReaderContract}'s. Replays
 * its inputs in a plain test run; {@code scripts/fuzz} fuzzes.
 *
 * <p>{@link MalformedInputFuzzTest} complements it with seeded, fixed mutations of every fixture.
 */
class AudioFuzzTest {
    private static final ReaderContract WAV = new ReaderContract("fuzz.wav", ReaderContract.BINARY_FACTOR);
    private static final ReaderContract FLAC = new ReaderContract("fuzz.flac", ReaderContract.FLAC_FACTOR);
    private static final ReaderContract NPY = new ReaderContract("fuzz.npy", ReaderContract.BINARY_FACTOR);
    private static final ReaderContract NPZ = new ReaderContract("fuzz.npz", ReaderContract.DEFLATE_FACTOR);

    @FuzzTest(maxDuration = "10m")
    void wav(byte[] data) {
        WAV.check(data, AudioFiles::read);
    }

    @FuzzTest(maxDuration = "10m")
    void flac(byte[] data) {
        FLAC.check(data, AudioFiles::read);
    }

    @FuzzTest(maxDuration = "10m")
    void npy(byte[] data) {
        NPY.check(data, AudioFiles::read);
    }

    @FuzzTest(maxDuration = "10m")
    void npz(byte[] data) {
        NPZ.check(data, NpzReader::read);
    }
}
