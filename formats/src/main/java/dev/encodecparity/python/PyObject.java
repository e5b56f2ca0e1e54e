package dev.encodecparity.python;

/**
 * A Java value that stands for a Python object this package does not model itself (a torch tensor or storage a
 * reader has rebuilt), so that messages can still name its Python type.
 */
public interface PyObject {
    /** The Python type's name, as a message says it: {@code tensor}, {@code storage}. */
    String pythonType();
}
