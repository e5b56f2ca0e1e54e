package dev.encodecparity.engine;

import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.engine.chunks.SourceWindow;
import java.util.OptionalInt;

/**
 * {@code --resample} on a clip read a block at a time ({@link AudioConversion#toModel(AudioSource,
 * java.nio.file.Path, int, int)}): the channels converted per block as the whole-clip conversion does, then the
 * resampler's polyphase convolution run on a block of output frames at a time over the input samples it reaches
 * ({@link Resampler#frames}), so a clip of any length is converted in bounded memory. Each output sample is the same
 * dot product as in the whole-clip conversion, over the same float32 taps and samples; only the convolution's
 * blocking can round differently (the tests bound it).
 */
final class ConvertingSource implements AudioSource {
    /** Output frames per convolution: about 2^16 output samples a block. */
    private static final int OUTPUT_SAMPLES_PER_BLOCK = 1 << 16;

    private final AudioSource input;
    private final SourceWindow window;
    private final Resampler resampler;
    private final int rate;
    private final long frames;
    private final int framesPerBlock;
    private float[][] pending = new float[0][];
    private int pendingAt;
    private long nextFrame; // the next output frame (of the resampler's target phases) to compute
    private long produced;
    private boolean closed;

    /**
     * @param input the clip as read (owned by this source from now on)
     * @param channels the model's channels: the input's, or 1 (their mean) or 2 (a mono clip repeated)
     * @param resampler from the input's rate to {@code rate}
     */
    ConvertingSource(AudioSource input, int channels, Resampler resampler, int rate) {
        this.input = input;
        this.window = new SourceWindow(new ChannelMix(input, channels));
        this.resampler = resampler;
        this.rate = rate;
        this.frames = resampler.outputLength(input.frames());
        this.framesPerBlock = Math.max(1, OUTPUT_SAMPLES_PER_BLOCK / resampler.phases());
    }

    @Override
    public int channels() {
        return window.channels();
    }

    @Override
    public OptionalInt sampleRate() {
        return OptionalInt.of(rate);
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public int read(float[][] into, int offset, int n) {
        if (closed) {
            throw new IllegalStateException("audio source is closed");
        }
        int done = 0;
        while (done < n && produced < frames) {
            if (pendingAt == (pending.length == 0 ? 0 : pending[0].length)) {
                pending = resampler.frames(window, nextFrame, framesPerBlock);
                pendingAt = 0;
                nextFrame += framesPerBlock;
                window.discardBefore(resampler.firstInput(nextFrame));
            }
            int count = (int) Math.min(Math.min(n - done, pending[0].length - pendingAt), frames - produced);
            for (int c = 0; c < pending.length; c++) {
                System.arraycopy(pending[c], pendingAt, into[c], offset + done, count);
            }
            pendingAt += count;
            done += count;
            produced += count;
        }
        return done;
    }

    @Override
    public void close() {
        closed = true;
        input.close();
    }

    /** The input's channels as the model takes them: unchanged, their mean (stereo to mono) or repeated. */
    static final class ChannelMix implements AudioSource {
        private final AudioSource input;
        private final int channels;
        private float[][] buffer = new float[0][0];

        ChannelMix(AudioSource input, int channels) {
            this.input = input;
            this.channels = channels;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public OptionalInt sampleRate() {
            return input.sampleRate();
        }

        @Override
        public long frames() {
            return input.frames();
        }

        @Override
        public int read(float[][] into, int offset, int n) {
            if (input.channels() == channels) {
                return input.read(into, offset, n);
            }
            if (buffer.length != input.channels() || buffer[0].length < n) {
                buffer = new float[input.channels()][n];
            }
            int read = input.read(buffer, 0, n);
            for (int i = 0; i < read; i++) {
                if (channels == 1) {
                    into[0][offset + i] = (buffer[0][i] + buffer[1][i]) / 2f; // torch's mean over two float32 values
                } else {
                    into[0][offset + i] = buffer[0][i];
                    into[1][offset + i] = buffer[0][i];
                }
            }
            return read;
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
