/**
 * Python values as both of the tool's Python-made formats hold them: a pickle (torch checkpoints) and a {@code .npy}
 * header (a dict literal). One model for both readers: None is Java {@code null}; {@code bool} is {@link Boolean};
 * {@code int} is {@link Long} or {@link java.math.BigInteger}; {@code float} is {@link Double}; {@code str} is
 * {@link String}; {@code bytes} is {@code byte[]}; {@code tuple} is {@link dev.encodecparity.python.PyTuple};
 * {@code list} is a {@link java.util.List}; {@code dict} is a {@link dev.encodecparity.python.PyDict};
 * {@code set} and {@code frozenset} are {@link java.util.Set}s; an imported name is a
 * {@link dev.encodecparity.python.PyGlobal}.
 *
 * <p>{@link dev.encodecparity.python.PyValues} says a value in a user's words for messages: the type and size
 * ({@code list of 3}), or the value as Python writes it ({@code repr}), escaped to one printable line.
 * {@link dev.encodecparity.python.PyLiteral} reads the literals a {@code .npy} header is made of and never evaluates
 * anything. Nothing here runs code or knows about torch.
 */
package dev.encodecparity.python;
