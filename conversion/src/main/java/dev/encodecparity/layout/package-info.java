/**
 * How each file layout names an EnCodec's tensors (original state dicts, transformers folders), and the full list of
 * tensors an architecture implies in each. The engine resolves weights through these, each layout on its own.
 */
package dev.encodecparity.layout;
