/**
 * The {@code verify} check: an original checkpoint and its conversion built independently, compared clip by clip and
 * bandwidth by bandwidth, and when they differ, the first diverging module traced and named with its tensors.
 */
package dev.encodecparity.verify;
