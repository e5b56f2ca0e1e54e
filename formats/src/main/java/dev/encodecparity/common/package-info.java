/**
 * What every module shares: the one exception type for bad input, the tool's identity, and hashing. Nothing here
 * knows about EnCodec.
 */
package dev.encodecparity.common;
