package dev.encodecparity.diff;

import dev.encodecparity.common.InputFiles;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tensors compared by name: on one side only, another shape, another dtype, other bytes. Equal dtypes are compared
 * byte for byte first (the question is whether the files hold the same weights, bit for bit); only tensors that are not
 * bit-identical are widened to float64, where every dtype's values are exact, for their differences.
 */
final class TensorComparison {
    private TensorComparison() {
    }

    /** Every tensor of {@code a} and {@code b} by name; {@code fileA} and {@code fileB} name them in read errors. */
    static DiffReport.Tensors compare(Map<String, Tensor> a, Map<String, Tensor> b, Path fileA, Path fileB) {
        List<DiffReport.TensorDifference> differences = new ArrayList<>();
        int identical = 0;
        for (Map.Entry<String, Tensor> e : a.entrySet()) {
            Tensor other = b.get(e.getKey());
            if (other == null) {
                differences.add(oneSide(e.getKey(), e.getValue(), DiffReport.Status.ONLY_IN_A));
                continue;
            }
            DiffReport.TensorDifference d = compare(e.getKey(), e.getValue(), other, fileA, fileB);
            if (d == null) {
                identical++;
            } else {
                differences.add(d);
            }
        }
        for (Map.Entry<String, Tensor> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                differences.add(oneSide(e.getKey(), e.getValue(), DiffReport.Status.ONLY_IN_B));
            }
        }
        return new DiffReport.Tensors(a.size(), b.size(), identical, differences.size(), List.copyOf(differences));
    }

    private static DiffReport.TensorDifference oneSide(String name, Tensor t, DiffReport.Status status) {
        var d = DiffReport.TensorDifference.builder().name(name).status(status).values(t.numel());
        return status == DiffReport.Status.ONLY_IN_A ? d.dtypeA(t.dtype().torchName()).shapeA(t.shape()).build()
                : d.dtypeB(t.dtype().torchName()).shapeB(t.shape()).build();
    }

    /** The difference of two tensors of one name, or null when they are bit-identical. */
    private static DiffReport.TensorDifference compare(String name, Tensor x, Tensor y, Path fileA, Path fileB) {
        var d = DiffReport.TensorDifference.builder().name(name).dtypeA(x.dtype().torchName())
                .dtypeB(y.dtype().torchName()).shapeA(x.shape()).shapeB(y.shape());
        if (!Arrays.equals(x.shape(), y.shape())) {
            return d.status(DiffReport.Status.SHAPE_DIFFERS).build();
        }
        boolean sameDtype = x.dtype() == y.dtype();
        if (sameDtype && bytes(x, fileA).equals(bytes(y, fileB))) {
            return null;
        }
        double[] u = TensorValues.toDoubles(x);
        double[] v = TensorValues.toDoubles(y);
        long differing = 0;
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < u.length; i++) {
            if (u[i] == v[i] || (Double.isNaN(u[i]) && Double.isNaN(v[i]))) {
                continue;
            }
            differing++;
            double abs = Math.abs(u[i] - v[i]); // NaN against a number is NaN, and Math.max keeps it: not hidden
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, abs / Math.max(Math.abs(u[i]), Math.abs(v[i])));
        }
        DiffReport.Status status = !sameDtype ? DiffReport.Status.DTYPE_DIFFERS
                : differing > 0 ? DiffReport.Status.VALUES_DIFFER : DiffReport.Status.BITS_DIFFER;
        return d.status(status).values(u.length).valuesDiffering(differing).maxAbsDifference(maxAbs)
                .maxRelativeDifference(maxRel).build();
    }

    private static java.nio.ByteBuffer bytes(Tensor t, Path file) {
        try {
            return t.readBytes();
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        }
    }
}
