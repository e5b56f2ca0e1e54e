package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyObject;

/** What {@code torch._utils._rebuild_tensor_v2} would build: a strided view of a storage. Nothing is read yet. */
record TensorRef(StorageRef storage, long storageOffset, long[] shape, long[] stride) implements PyObject {
    @Override
    public String pythonType() {
        return "tensor";
    }
}
