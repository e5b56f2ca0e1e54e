package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original {@code SEANetResnetBlock}: {@code shortcut(x) + block(x)} with block = ELU, {@code first} (kernel
 * {@code residual_kernel_size}, dilated), ELU, {@code second} (kernel 1), and the shortcut a 1x1 conv when the model
 * has {@code true_skip = false}, else the identity.
 */
public record ResidualBlock(Side side, int index, Conv first, Conv second, Optional<Conv> shortcut)
        implements SeanetLayer {

    /** The block's convs in state-dict order: first, second, then the shortcut if any. */
    public List<Conv> convs() {
        List<Conv> out = new ArrayList<>(List.of(first, second));
        shortcut.ifPresent(out::add);
        return out;
    }
}
