package dev.encodecparity.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.layout.OriginalLayout;
import dev.encodecparity.layout.TransformersLayout;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tree of a small model worked out by hand from the original {@code SEANetEncoder} / {@code SEANetDecoder}: one
 * channel, 4 filters, dimension 16, ratios [3, 2] (the encoder walks them reversed), two residual blocks per stage
 * (kernel 3, dilation 1 then 2, hidden width halved), a 1x1 shortcut, a two-layer LSTM, 2 codebooks of 8 entries.
 */
class ModuleTreeTest {
    private static Architecture small(Norm norm, boolean convShortcut, int lstmLayers) {
        return Architecture.builder().channels(1).nFilters(4).dimension(16).ratios(List.of(3, 2)).nResidualLayers(2)
                .kernelSize(7).residualKernelSize(3).lastKernelSize(5).dilationBase(2).compress(2)
                .lstmLayers(lstmLayers).norm(norm).convShortcut(convShortcut).bins(8).nQ(2).build();
    }

    /** "conv 1>4 k7 s1 d1", "tconv ...", "res[...]", "lstm 16x2", "elu". */
    private static String describe(SeanetLayer layer) {
        if (layer instanceof Conv c) {
            return (c.transposed() ? "tconv " : "conv ") + c.in() + ">" + c.out() + " k" + c.kernel()
                    + " s" + c.stride() + " d" + c.dilation();
        }
        if (layer instanceof ResidualBlock b) {
            return "res[" + b.convs().stream().map(c -> c.role().path() + " " + describe(c))
                    .collect(Collectors.joining(", ")) + "]";
        }
        if (layer instanceof Lstm l) {
            return "lstm " + l.dim() + "x" + l.layers();
        }
        return "elu";
    }

    private static List<String> describe(SeanetStack stack) {
        for (int i = 0; i < stack.layers().size(); i++) {
            assertEquals(i, stack.layers().get(i).index(), "layer " + i + " has its own index");
            assertEquals(stack.side(), stack.layers().get(i).side());
        }
        return stack.layers().stream().map(ModuleTreeTest::describe).toList();
    }

    @Test
    void theEncoderHasOneLayerPerIndexOfItsSequential() {
        String res4d1 = "res[block.1 conv 4>2 k3 s1 d1, block.3 conv 2>4 k1 s1 d1, shortcut conv 4>4 k1 s1 d1]";
        String res4d2 = "res[block.1 conv 4>2 k3 s1 d2, block.3 conv 2>4 k1 s1 d1, shortcut conv 4>4 k1 s1 d1]";
        String res8d1 = "res[block.1 conv 8>4 k3 s1 d1, block.3 conv 4>8 k1 s1 d1, shortcut conv 8>8 k1 s1 d1]";
        String res8d2 = "res[block.1 conv 8>4 k3 s1 d2, block.3 conv 4>8 k1 s1 d1, shortcut conv 8>8 k1 s1 d1]";
        assertEquals(List.of("conv 1>4 k7 s1 d1", res4d1, res4d2, "elu", "conv 4>8 k4 s2 d1", res8d1, res8d2, "elu",
                "conv 8>16 k6 s3 d1", "lstm 16x2", "elu", "conv 16>16 k5 s1 d1"),
                describe(SeanetStack.encoder(small(Norm.WEIGHT_NORM, true, 2))));
    }

    @Test
    void theDecoderMirrorsItWithTransposedConvsAndNoShortcutWhenTheSkipIsTrue() {
        String res8d1 = "res[block.1 conv 8>4 k3 s1 d1, block.3 conv 4>8 k1 s1 d1]";
        String res8d2 = "res[block.1 conv 8>4 k3 s1 d2, block.3 conv 4>8 k1 s1 d1]";
        String res4d1 = "res[block.1 conv 4>2 k3 s1 d1, block.3 conv 2>4 k1 s1 d1]";
        String res4d2 = "res[block.1 conv 4>2 k3 s1 d2, block.3 conv 2>4 k1 s1 d1]";
        assertEquals(List.of("conv 16>16 k7 s1 d1", "lstm 16x2", "elu", "tconv 16>8 k6 s3 d1", res8d1, res8d2, "elu",
                "tconv 8>4 k4 s2 d1", res4d1, res4d2, "elu", "conv 4>1 k5 s1 d1"),
                describe(SeanetStack.decoder(small(Norm.WEIGHT_NORM, false, 2))));
    }

    @Test
    void withoutAnLstmTheIndicesCloseUp() {
        List<String> encoder = describe(SeanetStack.encoder(small(Norm.WEIGHT_NORM, true, 0)));
        assertEquals(11, encoder.size());
        assertEquals(List.of("conv 8>16 k6 s3 d1", "elu", "conv 16>16 k5 s1 d1"), encoder.subList(8, 11));
    }

    @Test
    void aWeightNormedTransposedConvNormsAlongItsInputChannels() {
        Conv c = (Conv) SeanetStack.decoder(small(Norm.WEIGHT_NORM, true, 2)).layers().get(3);
        ConvWeight.WeightNormed w = (ConvWeight.WeightNormed) c.weight();
        assertEquals(List.of("bias [8]", "weight_g [16, 1, 1]", "weight_v [16, 8, 6]"),
                c.tensors().stream().map(TensorSlot::toString).toList());
        assertArrayEquals(new long[] {16, 8, 6}, w.shape());
        assertEquals(List.of("weight_g", "weight_v"), w.tensors().stream().map(TensorSlot::name).toList());
        assertTrue(c.groupNorm().isEmpty());
        assertEquals("decoder.model.3.convtr.convtr", OriginalLayout.INSTANCE.conv(c));
        assertEquals("decoder.layers.3.conv", TransformersLayout.INSTANCE.conv(c));
    }

    @Test
    void aGroupNormedConvHasAPlainWeightAndAnAffineNormAfterIt() {
        Conv c = (Conv) SeanetStack.encoder(small(Norm.TIME_GROUP_NORM, true, 2)).layers().get(4);
        assertEquals(List.of("weight [8, 4, 4]", "bias [8]"), c.tensors().stream().map(TensorSlot::toString).toList());
        GroupNorm n = c.groupNorm().orElseThrow();
        assertEquals(List.of("weight [8]", "bias [8]"), n.tensors().stream().map(TensorSlot::toString).toList());
        assertEquals(List.of(c, n), c.tensorModules());
        assertEquals("encoder.model.4.conv.norm.weight", OriginalLayout.INSTANCE.key(n, n.weight()));
        assertEquals("encoder.layers.4.norm.bias", TransformersLayout.INSTANCE.key(n, n.bias()));
        ResidualBlock b = (ResidualBlock) SeanetStack.encoder(small(Norm.TIME_GROUP_NORM, true, 2)).layers().get(5);
        Conv sc = b.shortcut().orElseThrow();
        assertEquals("encoder.model.5.shortcut.conv.norm",
                OriginalLayout.INSTANCE.norm(sc.groupNorm().orElseThrow()));
    }

    @Test
    void anLstmHasFourTensorsPerLayer() {
        Lstm l = (Lstm) SeanetStack.decoder(small(Norm.WEIGHT_NORM, true, 2)).layers().get(1);
        assertEquals(List.of("weight_ih_l0 [64, 16]", "weight_hh_l0 [64, 16]", "bias_ih_l0 [64]", "bias_hh_l0 [64]",
                "weight_ih_l1 [64, 16]", "weight_hh_l1 [64, 16]", "bias_ih_l1 [64]", "bias_hh_l1 [64]"),
                l.tensors().stream().map(TensorSlot::toString).toList());
    }

    @Test
    void aCodebookListsItsBuffersInStateDictOrderAndItsTrainingStateApart() {
        Codebook c = ResidualQuantizer.of(small(Norm.WEIGHT_NORM, true, 2)).codebooks().get(1);
        assertEquals(List.of("inited [1]", "cluster_size [8]", "embed [8, 16]", "embed_avg [8, 16]"),
                c.tensors().stream().map(TensorSlot::toString).toList());
        assertEquals(List.of("inited", "cluster_size", "embed_avg"),
                c.trainingState().stream().map(TensorSlot::name).toList());
        assertEquals("quantizer.vq.layers.1._codebook", OriginalLayout.INSTANCE.codebook(c));
    }

    @Test
    void theFamilyDecidesWhereTheQuantizerComes() {
        // per side: 4 plain convs + 4 residual blocks of 3 convs + the LSTM = 17 modules with tensors
        ModuleTree tree = ModuleTree.of(small(Norm.WEIGHT_NORM, true, 2));
        List<TensorModule> encodec = tree.tensorModules(Family.ENCODEC);
        List<TensorModule> audiocraft = tree.tensorModules(Family.AUDIOCRAFT);
        assertEquals(36, encodec.size());
        assertEquals(List.of(17, 18), codebookPositions(encodec));
        assertEquals(List.of(34, 35), codebookPositions(audiocraft));
        // time_group_norm adds a GroupNorm after each of the 16 convs of a side
        assertEquals(68, ModuleTree.of(small(Norm.TIME_GROUP_NORM, true, 2)).tensorModules(Family.ENCODEC).size());
    }

    private static List<Integer> codebookPositions(List<TensorModule> modules) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            if (modules.get(i) instanceof Codebook) {
                out.add(i);
            }
        }
        return out;
    }
}
