package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The allocation failures {@link OutOfMemory} recognises among a failure's causes, and the memory figure it compares
 * with. The CPU allocator's and the Java heap's are also produced for real in child JVMs (cli.OutOfMemoryTest); CUDA's
 * message is libtorch's documented form, since no GPU is lent here (docs/gpu.md).
 */
class OutOfMemoryMessagesTest {
    @Test
    void libtorchsAllocatorMessagesAreRecognisedWhereverTheyAreWrapped() {
        EngineException cpu = new EngineException("DefaultCPUAllocator: can't allocate memory: you tried to allocate"
                + " 57600000000 bytes. Error code 12 (Cannot allocate memory)\nException raised from ...");
        String line = OutOfMemory.describe(new RuntimeException("wrapped", cpu)).orElseThrow();
        assertTrue(line.startsWith("out of memory: libtorch could not allocate 58 GB (57600000000 bytes)"), line);
        assertEquals(-1, line.indexOf('\n'), line);
        EngineException cuda = new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB"
                + " total capacity; 13.10 GiB already allocated)");
        assertEquals(Optional.of("out of memory on the GPU: libtorch could not allocate 2.00 GiB; use a shorter clip,"
                + " --device cpu, or a GPU with more memory"), OutOfMemory.describe(cuda));
        // What DJL passes on when oneDNN's own allocation fails while it sets up a convolution: no size, no limit
        // guessed.
        String badAlloc = OutOfMemory.describe(new RuntimeException(new EngineException("std::bad_alloc")))
                .orElseThrow();
        assertTrue(badAlloc.startsWith("out of memory: libtorch could not allocate memory (std::bad_alloc)"), badAlloc);
        assertTrue(badAlloc.endsWith("; use a shorter clip or a machine with more memory"), badAlloc);
        assertTrue(!badAlloc.contains("limit on this process"), badAlloc);
        assertEquals(Optional.empty(), OutOfMemory.describe(new EngineException("shape mismatch")));
        assertTrue(OutOfMemory.describe(new OutOfMemoryError("Java heap space")).orElseThrow()
                .startsWith("out of memory: Java heap space (Java heap limit "));
    }

    @Test
    void theAvailableFigureIsTheSystemsOrTheOneATestSets() {
        assertTrue(AvailableMemory.bytes().isPresent(), "no MemAvailable on this Linux machine");
        assertTrue(AvailableMemory.bytes().getAsLong() > 0);
        System.setProperty(AvailableMemory.OVERRIDE, "12345");
        try {
            assertEquals(12345, AvailableMemory.bytes().getAsLong());
            assertEquals("set by -D" + AvailableMemory.OVERRIDE, AvailableMemory.source());
        } finally {
            System.clearProperty(AvailableMemory.OVERRIDE);
        }
    }
}
