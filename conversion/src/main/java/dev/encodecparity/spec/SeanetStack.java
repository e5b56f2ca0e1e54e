package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SEANet encoder or decoder: its {@code nn.Sequential}, one layer per index. The encoder is conv, then per ratio
 * (reversed) residual blocks, ELU and a strided conv, then LSTM, ELU, conv; the decoder is conv, LSTM, then per ratio
 * ELU, transposed conv and residual blocks, then ELU, conv.
 */
public record SeanetStack(Side side, List<SeanetLayer> layers) {
    public SeanetStack {
        layers = List.copyOf(layers);
    }

    public static SeanetStack encoder(Architecture a) {
        Side side = Side.ENCODER;
        List<SeanetLayer> m = new ArrayList<>();
        int width = a.nFilters();
        m.add(Conv.builder(side, 0).channels(a.channels(), width).kernel(a.kernelSize()).norm(a.norm()).build());
        List<Integer> ratios = a.ratios();
        for (int i = ratios.size() - 1; i >= 0; i--) {
            for (int j = 0; j < a.nResidualLayers(); j++) {
                m.add(residualBlock(a, side, m.size(), width, j));
            }
            m.add(new Elu(side, m.size()));
            int r = ratios.get(i);
            m.add(Conv.builder(side, m.size()).channels(width, width * 2).kernel(2 * r).stride(r).norm(a.norm())
                    .build());
            width *= 2;
        }
        if (a.lstmLayers() > 0) {
            m.add(new Lstm(side, m.size(), width, a.lstmLayers()));
        }
        m.add(new Elu(side, m.size()));
        m.add(Conv.builder(side, m.size()).channels(width, a.dimension()).kernel(a.lastKernelSize()).norm(a.norm())
                .build());
        return new SeanetStack(side, m);
    }

    public static SeanetStack decoder(Architecture a) {
        Side side = Side.DECODER;
        List<SeanetLayer> m = new ArrayList<>();
        int width = a.nFilters() << a.ratios().size();
        m.add(Conv.builder(side, 0).channels(a.dimension(), width).kernel(a.kernelSize()).norm(a.norm()).build());
        if (a.lstmLayers() > 0) {
            m.add(new Lstm(side, m.size(), width, a.lstmLayers()));
        }
        for (int r : a.ratios()) {
            m.add(new Elu(side, m.size()));
            m.add(Conv.builder(side, m.size()).transposed().channels(width, width / 2).kernel(2 * r).stride(r)
                    .norm(a.norm()).build());
            width /= 2;
            for (int j = 0; j < a.nResidualLayers(); j++) {
                m.add(residualBlock(a, side, m.size(), width, j));
            }
        }
        m.add(new Elu(side, m.size()));
        m.add(Conv.builder(side, m.size()).channels(width, a.channels()).kernel(a.lastKernelSize()).norm(a.norm())
                .build());
        return new SeanetStack(side, m);
    }

    /** Residual block {@code j} of a stage: dilation {@code dilation_base^j}, hidden width {@code dim / compress}. */
    private static ResidualBlock residualBlock(Architecture a, Side side, int index, int dim, int j) {
        int hidden = dim / a.compress();
        int dilation = (int) Math.round(Math.pow(a.dilationBase(), j));
        Conv first = Conv.builder(side, index).role(Conv.Role.BLOCK_1).channels(dim, hidden)
                .kernel(a.residualKernelSize()).dilation(dilation).norm(a.norm()).build();
        Conv second = Conv.builder(side, index).role(Conv.Role.BLOCK_3).channels(hidden, dim).kernel(1)
                .norm(a.norm()).build();
        Optional<Conv> shortcut = a.convShortcut()
                ? Optional.of(Conv.builder(side, index).role(Conv.Role.SHORTCUT).channels(dim, dim).kernel(1)
                        .norm(a.norm()).build())
                : Optional.empty();
        return new ResidualBlock(side, index, first, second, shortcut);
    }

    /** Every conv, residual ones included, in state-dict order. */
    public List<Conv> convs() {
        List<Conv> out = new ArrayList<>();
        for (SeanetLayer layer : layers) {
            if (layer instanceof Conv c) {
                out.add(c);
            } else if (layer instanceof ResidualBlock b) {
                out.addAll(b.convs());
            }
        }
        return out;
    }

    /** Every module with tensors, in state-dict order. */
    public List<TensorModule> tensorModules() {
        List<TensorModule> out = new ArrayList<>();
        for (SeanetLayer layer : layers) {
            if (layer instanceof Conv c) {
                out.addAll(c.tensorModules());
            } else if (layer instanceof ResidualBlock b) {
                b.convs().forEach(c -> out.addAll(c.tensorModules()));
            } else if (layer instanceof Lstm l) {
                out.add(l);
            }
        }
        return out;
    }

    /** The layer at {@code index} of the {@code nn.Sequential}, if there is one. */
    public Optional<SeanetLayer> layer(int index) {
        return index >= 0 && index < layers.size() ? Optional.of(layers.get(index)) : Optional.empty();
    }
}
