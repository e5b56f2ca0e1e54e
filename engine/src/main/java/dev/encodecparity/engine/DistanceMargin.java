package dev.encodecparity.engine;

/**
 * What a model measured for one frame and two candidate codes ({@link Codec#margin}): the difference of its distances
 * to the two, the float32 rounding bound of that difference, and the size of the distance terms. The engine only
 * measures; whether that makes a near tie is the comparison's rule ({@code compare.CodeComparison.Margin}).
 *
 * @param distance this model's distance to the code it chose minus its distance to the other
 * @param rounding how much float32 rounding can move that difference
 * @param scale the size of the distance terms ({@code |x|^2 + |e|^2}), for a tolerance relative to it
 */
public record DistanceMargin(double distance, double rounding, double scale) {
}
