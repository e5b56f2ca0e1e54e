/**
 * The {@code inspect} command's findings: what a checkpoint, model folder, hub repo or safetensors file is (format,
 * variant, settings and their origin, tensors, hashes, provenance, whether it is a published checkpoint), read
 * without converting or running anything.
 */
package dev.encodecparity.inspect;
