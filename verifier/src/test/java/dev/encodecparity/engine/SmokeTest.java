package dev.encodecparity.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void engineLoads() {
        Engine e = Engine.getEngine("PyTorch");
        System.out.println(e.getVersion() + " " + e.defaultDevice());
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println(m.arange(5f).sum());
        }
    }
}
