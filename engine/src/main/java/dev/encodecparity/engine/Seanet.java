package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.Elu;
import dev.encodecparity.spec.Lstm;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.ResidualBlock;
import dev.encodecparity.spec.SeanetLayer;
import dev.encodecparity.spec.SeanetStack;
import dev.encodecparity.spec.TensorSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The SEANet encoder or decoder as a list of steps in {@code nn.Sequential} order, one per layer of its
 * {@link SeanetStack}: convolutions, residual blocks, the LSTM and the ELUs between them. Each step runs in its own
 * {@link NDScope}, so a step's intermediates are freed as soon as its output exists.
 */
final class Seanet {
    /** One entry of the sequence: its whole-clip function, and how to make its stream ({@link StreamStep}). */
    private record Step(String name, String kind, UnaryOperator<NDArray> fn, Function<NDManager, StreamStep> stream) {
    }

    private final List<Step> steps;

    private Seanet(List<Step> steps) {
        this.steps = steps;
    }

    static Seanet encoder(ModelSpec spec, Weights w, KeyLayout layout) {
        return build(SeanetStack.encoder(spec.architecture()), spec, w, layout);
    }

    static Seanet decoder(ModelSpec spec, Weights w, KeyLayout layout) {
        return build(SeanetStack.decoder(spec.architecture()), spec, w, layout);
    }

    /** One step per layer of the stack, reading the layers' weights in order. */
    private static Seanet build(SeanetStack stack, ModelSpec spec, Weights w, KeyLayout layout) {
        List<Step> steps = new ArrayList<>();
        for (SeanetLayer layer : stack.layers()) {
            String name = stack.side().moduleName() + "." + layer.index();
            if (layer instanceof Elu) {
                steps.add(new Step(name, "elu", Ops::elu, state -> StreamStep.pointwise(Ops::elu)));
            } else if (layer instanceof Lstm l) {
                steps.add(lstm(name, l, w, layout));
            } else if (layer instanceof Conv c) {
                ConvUnit unit = new ConvUnit(c, spec, w, layout);
                steps.add(new Step(name, c.transposed() ? "transposed conv" : "conv", unit::forward, unit::stream));
            } else {
                ResidualBlock b = (ResidualBlock) layer;
                ConvUnit b1 = new ConvUnit(b.first(), spec, w, layout);
                ConvUnit b3 = new ConvUnit(b.second(), spec, w, layout);
                ConvUnit shortcut = b.shortcut().map(c -> new ConvUnit(c, spec, w, layout)).orElse(null);
                steps.add(new Step(name, "residual block", x -> residual(x, b1, b3, shortcut),
                        state -> new ResidualStream(b1.stream(state), b3.stream(state),
                                shortcut == null ? null : shortcut.stream(state), state)));
            }
        }
        return new Seanet(List.copyOf(steps));
    }

    /**
     * The original's {@code shortcut(x) + block(x)}, block = ELU, conv k3, ELU, conv k1. Each stage's input is freed
     * as soon as the next exists: at full resolution these are the largest arrays of the model.
     */
    private static NDArray residual(NDArray x, ConvUnit b1, ConvUnit b3, ConvUnit shortcut) {
        NDArray h = stage(x, b1);
        NDArray y = stage(h, b3);
        h.close();
        // Added in place into an array this block made (float addition is commutative, so the values are those of
        // the original's shortcut(x) + block(x)): one full-resolution array fewer per block.
        if (shortcut == null) {
            return y.addi(x);
        }
        NDArray sc = shortcut.forward(x);
        y.addi(sc);
        sc.close();
        return y;
    }

    /** ELU then conv, the ELU's output freed on return. */
    private static NDArray stage(NDArray x, ConvUnit conv) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = conv.forward(Ops.elu(x));
            NDScope.unregister(out);
            return out;
        }
    }

    private static Step lstm(String name, Lstm l, Weights w, KeyLayout layout) {
        NDList params = new NDList();
        for (TensorSlot t : l.tensors()) {
            params.add(w.create(w.values(layout.key(l, t)), t.shape()));
        }
        return new Step(name, "lstm", x -> Ops.lstm(x, params, l.layers(), l.dim()),
                state -> new LstmStream(params, l.layers(), l.dim(), state));
    }

    /**
     * The stack run on a clip that arrives in blocks ({@link SeanetStream}), its carried arrays in {@code state}.
     *
     * @throws IllegalStateException for a model with {@code time_group_norm}, which normalises over the whole clip
     */
    SeanetStream stream(NDManager state, StepTimes times) {
        List<SeanetStream.Layer> layers = new ArrayList<>();
        for (Step s : steps) {
            layers.add(new SeanetStream.Layer(s.name(), s.kind(), s.stream().apply(state)));
        }
        return new SeanetStream(layers, times);
    }

    NDArray forward(NDArray x, Tracer.ModuleSink tracer, StepTimes times) {
        return forward(x, 0, steps.size(), tracer, times);
    }

    /** Where the stack's LSTM is: the one step whose work items of equal length can share ({@link BatchDecode}). */
    int lstmStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind().equals("lstm")) {
                return i;
            }
        }
        return -1;
    }

    /** How many steps the stack has. */
    int steps() {
        return steps.size();
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive) on {@code x}, which the caller still owns. */
    NDArray forward(NDArray x, int from, int to, Tracer.ModuleSink tracer, StepTimes times) {
        NDArray h = x;
        for (Step s : steps.subList(from, to)) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                long start = System.nanoTime();
                NDArray out = s.fn().apply(h);
                times.add(s.name(), s.kind(), System.nanoTime() - start);
                NDScope.unregister(out);
                if (h != x) {
                    h.close();
                }
                h = out;
            }
            tracer.record(s.name(), s.kind(), h.getShape().getShape(), h::toFloatArray);
        }
        return h;
    }
}
