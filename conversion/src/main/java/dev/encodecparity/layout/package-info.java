/**
 * How each file layout names an EnCodec's tensors (original state dicts, transformers folders): each layout maps a
 * module of {@link dev.encodecparity.spec.ModuleTree} to its key prefix, and from that follow the full list of tensors
 * an architecture implies in each layout and the one accounting of a file against it
 * ({@link dev.encodecparity.layout.TensorAccount}). The engine resolves weights through these, each layout on its own.
 */
package dev.encodecparity.layout;
