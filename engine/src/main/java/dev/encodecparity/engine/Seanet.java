package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.SeanetStructure;
import dev.encodecparity.spec.SeanetStructure.Conv;
import dev.encodecparity.spec.SeanetStructure.Lstm;
import dev.encodecparity.spec.SeanetStructure.Module;
import dev.encodecparity.spec.SeanetStructure.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The SEANet encoder or decoder as a list of steps in {@code nn.Sequential} order: convolutions, residual blocks,
 * the LSTM and the ELUs between them (an index without tensors is an ELU). Each step runs in its own
 * {@link NDScope}, so a step's intermediates are freed as soon as its output exists.
 */
final class Seanet {
    /** One entry of the sequence. */
    private record Step(String name, String kind, UnaryOperator<NDArray> fn) {
    }

    private final List<Step> steps;

    private Seanet(List<Step> steps) {
        this.steps = steps;
    }

    static Seanet encoder(ModelSpec spec, Weights w, KeyLayout layout) {
        return build("encoder", SeanetStructure.encoder(spec.architecture()), spec, w, layout);
    }

    static Seanet decoder(ModelSpec spec, Weights w, KeyLayout layout) {
        return build("decoder", SeanetStructure.decoder(spec.architecture()), spec, w, layout);
    }

    private static Seanet build(String side, List<Module> modules, ModelSpec spec, Weights w, KeyLayout layout) {
        List<Step> steps = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < modules.size();) {
            int index = index(modules.get(i));
            for (; next < index; next++) {
                steps.add(new Step(side + "." + next, "elu", Ops::elu));
            }
            Module m = modules.get(i);
            if (m instanceof Lstm l) {
                steps.add(lstm(side + "." + index, l, w, layout));
                i++;
            } else if (((Conv) m).role() == Role.MAIN) {
                ConvUnit c = new ConvUnit((Conv) m, spec, w, layout);
                steps.add(new Step(side + "." + index, ((Conv) m).transposed() ? "transposed conv" : "conv", c::forward));
                i++;
            } else {
                ConvUnit b1 = new ConvUnit((Conv) modules.get(i), spec, w, layout);
                ConvUnit b3 = new ConvUnit((Conv) modules.get(i + 1), spec, w, layout);
                boolean hasShortcut = i + 2 < modules.size() && modules.get(i + 2) instanceof Conv sc
                        && sc.index() == index && sc.role() == Role.SHORTCUT;
                ConvUnit shortcut = hasShortcut ? new ConvUnit((Conv) modules.get(i + 2), spec, w, layout) : null;
                steps.add(new Step(side + "." + index, "residual block", x -> residual(x, b1, b3, shortcut)));
                i += hasShortcut ? 3 : 2;
            }
            next = index + 1;
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
        if (shortcut == null) {
            NDArray sum = x.add(y);
            y.close();
            return sum;
        }
        NDArray sc = shortcut.forward(x);
        NDArray sum = sc.add(y);
        sc.close();
        y.close();
        return sum;
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
        for (int layer = 0; layer < l.layers(); layer++) {
            for (String p : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
                String key = layout.lstm(l) + "." + p + layer;
                params.add(w.create(w.weightValuesOf(key), w.shape(key)));
            }
        }
        return new Step(name, "lstm", x -> Ops.lstm(x, params, l.layers(), l.dim()));
    }

    private static int index(Module m) {
        return m instanceof Conv c ? c.index() : ((Lstm) m).index();
    }

    NDArray forward(NDArray x, Tracer.ModuleSink tracer, StepTimes times) {
        NDArray h = x;
        for (Step s : steps) {
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
