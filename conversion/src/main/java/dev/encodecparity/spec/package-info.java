/**
 * What an EnCodec is, independent of any file layout: its {@link dev.encodecparity.spec.Architecture} (which fixes
 * every tensor), its behaviour ({@link dev.encodecparity.spec.ModelSpec}), and the module tree both are read from
 * ({@link dev.encodecparity.spec.SeanetStructure}).
 */
package dev.encodecparity.spec;
