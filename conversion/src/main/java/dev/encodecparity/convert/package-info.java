/**
 * The conversions themselves: an original checkpoint to a transformers folder and back, checked in full before a
 * single byte is written, and published atomically with provenance in the safetensors metadata.
 */
package dev.encodecparity.convert;
