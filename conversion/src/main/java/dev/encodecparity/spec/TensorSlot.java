package dev.encodecparity.spec;

import dev.encodecparity.tensor.Shapes;

/**
 * A tensor a module has: its name under the module's key prefix ({@code weight_g}, {@code embed}) and the shape the
 * architecture implies. The full key is the layout's prefix for the module, a dot, and this name.
 */
public record TensorSlot(String name, long[] shape) {
    public TensorSlot {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return name + " " + Shapes.format(shape);
    }
}
