/**
 * What the engine runs on, read without running a model: the NVIDIA driver as the kernel shows it, the libtorch and
 * JNI that DJL loaded (and how it found them), the GPUs DJL sees, and the {@code doctor} checks built from these
 * facts, each with a verdict and, for the usual failures, what to do. Depends on nothing else of the engine, so
 * {@code doctor} can explain a libtorch that fails to load.
 */
package dev.encodecparity.engine.runtime;
