/**
 * The safetensors format: a strict reader and a writer that keeps each tensor's dtype, aligns data, and records
 * provenance in {@code __metadata__}. No native code and no DJL (DJL's own writer drops metadata; see
 * docs/ARCHITECTURE.md).
 */
package dev.encodecparity.safetensors;
