package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyObject;
import dev.encodecparity.tensor.DType;

/**
 * A storage as a pickle names it: its element type, its key in the archive, and the element count the pickle declares.
 * For legacy files a storage may be a view (an element offset and count) into another storage.
 */
record StorageRef(DType dtype, String key, long declaredNumel, long viewOffset) implements PyObject {
    @Override
    public String pythonType() {
        return "storage";
    }
}
