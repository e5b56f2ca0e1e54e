/**
 * Tensors as the converter sees them: a dtype, a shape and bytes that stay in their file until streamed out.
 * Both checkpoint formats (torch pickles, safetensors) produce these, and both writers consume them.
 */
package dev.encodecparity.tensor;
