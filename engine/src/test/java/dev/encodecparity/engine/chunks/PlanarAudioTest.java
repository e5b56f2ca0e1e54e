package dev.encodecparity.engine.chunks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlanarAudioTest {
    private static final float[][] STEREO = {{1, 2, 3, 4}, {5, 6, 7, 8}};

    @Test
    void aCutIsEveryChannelsSpanChannelAfterChannel() {
        assertArrayEquals(new float[] {2, 3, 6, 7}, PlanarAudio.cut(STEREO, 1, 2));
        assertArrayEquals(new float[] {4, 8}, PlanarAudio.cut(STEREO, 3, 1));
        assertArrayEquals(new float[0], PlanarAudio.cut(STEREO, 4, 0));
    }

    @Test
    void splitUndoesJoin() {
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, PlanarAudio.join(STEREO));
        assertArrayEquals(STEREO, PlanarAudio.split(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2));
        assertArrayEquals(new float[][] {{1, 2, 3}}, PlanarAudio.split(new float[] {1, 2, 3}, 1));
    }

    @Test
    void unequalChannelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlanarAudio.split(new float[] {1, 2, 3}, 2));
    }
}
