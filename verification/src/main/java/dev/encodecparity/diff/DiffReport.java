package dev.encodecparity.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Required;
import java.util.List;

/**
 * What {@code diff} found, as the terminal table and the JSON report give it. Tensors, config.json and
 * preprocessor_config.json decide the verdict; the safetensors metadata (this tool's provenance, for one) and the
 * files' bytes are reported beside it and decide nothing: a folder another tool wrote carries other metadata and
 * other bytes for the same model.
 *
 * @param tool "encodec-parity 0.1.0"
 * @param a the first model, as given
 * @param b the second model
 * @param verdict identical when no tensor, config field or preprocessor field differs
 * @param tensors every tensor compared by name (weight-norm spellings as one)
 * @param config config.json's fields (for a checkpoint, the config its conversion writes)
 * @param preprocessor preprocessor_config.json's fields
 * @param metadata the safetensors {@code __metadata__}, reported only
 * @param files the folders' files by SHA-256, reported only
 */
public record DiffReport(String tool, Side a, Side b, Outcome verdict, Tensors tensors, Fields config,
        Fields preprocessor, Metadata metadata, Files files) {
    /** The {@code kind} of a diff report document. */
    public static final String KIND = "diff_report";

    /** The verdict, lower case in a document like every enum. */
    public enum Outcome {
        IDENTICAL, DIFFERENT
    }

    /** Whether the two models are the same in tensors and configs. */
    public boolean identical() {
        return verdict == Outcome.IDENTICAL;
    }

    /**
     * One model.
     *
     * @param given the path or repo id as given
     * @param label how it is named: a repo id with its revision, a folder's or file's name
     * @param kind folder, hub_cache or checkpoint
     * @param description what was compared ("original checkpoint x.th converted in memory, settings from ...")
     * @param weightNormSpelling legacy ({@code weight_g}/{@code weight_v}), parametrizations, mixed or none
     */
    public record Side(String given, String label, String kind, String description, String weightNormSpelling) {
    }

    /** Why a tensor is listed. */
    public enum Status {
        ONLY_IN_A, ONLY_IN_B, SHAPE_DIFFERS, DTYPE_DIFFERS, VALUES_DIFFER, BITS_DIFFER
    }

    /**
     * The tensors, compared by name.
     *
     * @param countA tensors in A
     * @param countB tensors in B
     * @param identical tensors in both, with the same dtype, shape and bytes
     * @param differing tensors listed in {@code differences}
     * @param differences every tensor that is not identical, in A's order, then B's own
     */
    public record Tensors(int countA, int countB, int identical, int differing, List<TensorDifference> differences) {
    }

    /**
     * One tensor that is not identical. The numbers are null where they cannot be computed (only on one side, or
     * shapes that differ); differences are taken in float64 from the widened values.
     *
     * @param valuesDiffering elements whose values differ (NaN and NaN are the same value, -0.0 and 0.0 too)
     * @param maxAbsDifference the largest |a - b|
     * @param maxRelativeDifference the largest |a - b| / max(|a|, |b|), symmetric, at most 2
     */
    public record TensorDifference(String name, Status status, String dtypeA, String dtypeB, long[] shapeA,
            long[] shapeB, Long values, Long valuesDiffering, Double maxAbsDifference,
            Double maxRelativeDifference) {
        /** Named construction: every field set by name; unset fields stay null (they are optional). */
        public static Builder builder() {
            return new Builder();
        }

        /** Named construction of {@link TensorDifference}; the name and status are required. */
        public static final class Builder {
            private String name;
            private Status status;
            private String dtypeA;
            private String dtypeB;
            private long[] shapeA;
            private long[] shapeB;
            private Long values;
            private Long valuesDiffering;
            private Double maxAbsDifference;
            private Double maxRelativeDifference;

            private Builder() {
            }

            public Builder name(String value) { name = value; return this; }
            public Builder status(Status value) { status = value; return this; }
            public Builder dtypeA(String value) { dtypeA = value; return this; }
            public Builder dtypeB(String value) { dtypeB = value; return this; }
            public Builder shapeA(long[] value) { shapeA = value; return this; }
            public Builder shapeB(long[] value) { shapeB = value; return this; }
            public Builder values(long value) { values = value; return this; }
            public Builder valuesDiffering(long value) { valuesDiffering = value; return this; }
            public Builder maxAbsDifference(double value) { maxAbsDifference = value; return this; }
            public Builder maxRelativeDifference(double value) { maxRelativeDifference = value; return this; }

            /** The record; a missing name or status is a programming error, refused here. */
            public TensorDifference build() {
                return new TensorDifference(Required.set(name, "TensorDifference.Builder", "name"),
                        Required.set(status, "TensorDifference.Builder", "status"), dtypeA, dtypeB, shapeA, shapeB,
                        values, valuesDiffering, maxAbsDifference, maxRelativeDifference);
            }
        }
    }

    /**
     * The fields of one JSON file on both sides.
     *
     * @param presentA whether A has the file (a checkpoint has what its conversion writes)
     * @param fieldsA the fields A's file holds
     * @param fields the fields of either side, each compared once
     * @param differing the differences that count (those with {@code counts}); a file on one side only has each of
     *     its fields on one side
     * @param differences every field that differs, counted or not, sorted by name
     */
    public record Fields(boolean presentA, boolean presentB, int fieldsA, int fieldsB, int fields, int differing,
            List<FieldDifference> differences) {
    }

    /**
     * One field (or metadata key) that differs.
     *
     * @param presentIn both, a or b
     * @param a A's value, or null when absent
     * @param b B's value, or null when absent
     * @param counts whether it makes the models differ: a field whose value is the same once transformers reads it
     *     (a default spelled out on one side, {@code torch_dtype} for {@code dtype}) or that says who wrote the file
     *     ({@code transformers_version}) does not
     * @param note why it does not count, or null
     */
    public record FieldDifference(String field, String presentIn, JsonNode a, JsonNode b, boolean counts,
            String note) {
    }

    /**
     * The safetensors {@code __metadata__}: never counted.
     *
     * @param compared false when a side has none to compare (an original checkpoint, a pytorch_model.bin folder)
     * @param reason why it was not compared, or null
     * @param differences every key on one side only or with different values, sorted
     */
    public record Metadata(boolean compared, String reason, int keysA, int keysB,
            List<FieldDifference> differences) {
    }

    /**
     * The files of two folders by SHA-256: whether the conversion is byte for byte the other.
     *
     * @param compared false when a side is not a folder
     * @param reason why not, or null
     * @param byteIdentical every file of either folder's model files is on both sides with the same bytes; null
     *     when not compared
     * @param entries each model file (weights, config.json, preprocessor_config.json) of either side
     */
    public record Files(boolean compared, String reason, Boolean byteIdentical, List<FileHash> entries) {
    }

    /** One file on both sides; a hash is null where the side lacks the file. */
    public record FileHash(String file, String sha256A, String sha256B, boolean identical) {
    }
}
