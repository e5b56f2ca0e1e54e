package dev.encodecparity.layout;

import dev.encodecparity.tensor.Shapes;

/** A tensor a model must have: its name in some layout and the shape its architecture implies. */
public record ExpectedTensor(String name, long[] shape) {
    @Override
    public String toString() {
        return name + " " + Shapes.format(shape);
    }
}
