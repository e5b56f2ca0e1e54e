/**
 * Plain Java reference implementations of the operations the engine composes, for tests to compare against (the
 * jlama pattern: a slow implementation that is obviously right next to the fast one). No DJL.
 */
package dev.encodecparity.reference;
