package dev.encodecparity.audio;

import java.util.OptionalInt;

/** {@link AudioSource#of}: blocks copied out of audio in memory. */
final class MemorySource implements AudioSource {
    private final Audio audio;
    private int position;
    private boolean closed;

    MemorySource(Audio audio) {
        this.audio = audio;
    }

    @Override
    public int channels() {
        return audio.channels();
    }

    @Override
    public OptionalInt sampleRate() {
        return audio.sampleRate();
    }

    @Override
    public long frames() {
        return audio.frames();
    }

    @Override
    public int read(float[][] into, int offset, int n) {
        if (closed) {
            throw new IllegalStateException("audio source is closed");
        }
        int count = Math.min(n, audio.frames() - position);
        for (int c = 0; c < audio.channels(); c++) {
            System.arraycopy(audio.channel(c), position, into[c], offset, count);
        }
        position += count;
        return count;
    }

    @Override
    public void close() {
        closed = true;
    }
}
