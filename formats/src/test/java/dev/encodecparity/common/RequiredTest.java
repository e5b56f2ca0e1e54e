package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequiredTest {
    @Test
    void aSetValueComesBack() {
        Integer v = 1000;
        assertSame(v, Required.set(v, "X.Builder", "sampleRate"));
    }

    @Test
    void anUnsetValueIsRefusedByName() {
        assertEquals("Architecture.Builder: nQ was not set", assertThrows(IllegalStateException.class,
                () -> Required.set(null, "Architecture.Builder", "nQ")).getMessage());
        assertEquals("bins was not set", assertThrows(IllegalStateException.class,
                () -> Required.set(null, null, "bins")).getMessage());
    }
}
