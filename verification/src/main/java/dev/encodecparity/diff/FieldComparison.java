package dev.encodecparity.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encodecparity.common.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * config.json, preprocessor_config.json and the safetensors metadata compared field by field. A config field counts
 * as a difference when transformers would read it differently: an EnCodec field is compared as transformers reads it
 * (a field left out takes its default, {@code codebook_dim: null} reads as {@code hidden_size}), {@code torch_dtype}
 * (transformers 4.x) is {@code dtype} (5.x), and fields that say who wrote the file count for nothing. Those are still
 * listed, marked as not counted: whether the files are byte for byte the published ones is a question too.
 */
final class FieldComparison {
    private static final String DTYPE = "dtype";
    private static final String TORCH_DTYPE = "torch_dtype";

    /** Fields that say who wrote the file, not what the model is. Data, not logic. */
    private static final Map<String, String> WHO_WROTE = Map.of(
            "transformers_version", "the transformers version that wrote the file; not part of the model",
            "_name_or_path", "where the file was saved from; not part of the model");

    /** Numbers by value (24000 and 24000.0 are one number, as in Python); everything else as Jackson compares it. */
    private static final Comparator<JsonNode> BY_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? Double.compare(x.doubleValue(), y.doubleValue()) : x.equals(y) ? 0 : 1;

    private FieldComparison() {
    }

    /** config.json: EnCodec fields as transformers reads them, the rest as written (see the class comment). */
    static DiffReport.Fields config(ModelView a, ModelView b) {
        ObjectNode ra = foldDtype(a.config());
        ObjectNode rb = foldDtype(b.config());
        ObjectNode ea = Json.MAPPER.valueToTree(a.effectiveConfig());
        ObjectNode eb = Json.MAPPER.valueToTree(b.effectiveConfig());
        List<DiffReport.FieldDifference> out = new ArrayList<>();
        for (String name : names(ra, rb)) {
            JsonNode x = ra.get(name);
            JsonNode y = rb.get(name);
            if (ea.has(name)) {
                if (!same(ea.get(name), eb.get(name))) {
                    out.add(difference(name, x, y, true, null));
                } else if (!same(x, y)) {
                    out.add(difference(name, x, y, false, "the same value once transformers reads it ("
                            + (x == null || y == null ? "a default, spelled out on one side" : "another spelling")
                            + ")"));
                }
            } else if (!same(x, y)) {
                String why = WHO_WROTE.get(name);
                out.add(difference(name, x, y, why == null, why));
            }
        }
        JsonNode sa = a.config().get(TORCH_DTYPE);
        JsonNode sb = b.config().get(TORCH_DTYPE);
        if ((sa == null) != (sb == null) && ra.has(DTYPE) && rb.has(DTYPE)) {
            out.add(difference(TORCH_DTYPE, sa, sb, false, "transformers 4.x's name for dtype, compared as dtype"));
        }
        out.sort(Comparator.comparing(DiffReport.FieldDifference::field));
        return fields(true, true, a.config().size(), b.config().size(), names(ra, rb).size(), out);
    }

    /** preprocessor_config.json, every field as written; a file on one side only has every field on one side. */
    static DiffReport.Fields preprocessor(ModelView a, ModelView b) {
        ObjectNode ra = a.preprocessor() == null ? Json.MAPPER.createObjectNode() : a.preprocessor();
        ObjectNode rb = b.preprocessor() == null ? Json.MAPPER.createObjectNode() : b.preprocessor();
        List<DiffReport.FieldDifference> out = new ArrayList<>();
        for (String name : names(ra, rb)) {
            if (!same(ra.get(name), rb.get(name))) {
                out.add(difference(name, ra.get(name), rb.get(name), true, null));
            }
        }
        return fields(a.preprocessor() != null, b.preprocessor() != null, ra.size(), rb.size(), names(ra, rb).size(),
                out);
    }

    /** The safetensors metadata, key by key, never counted; not compared when a side has none. */
    static DiffReport.Metadata metadata(ModelView a, ModelView b) {
        Map<String, String> ma = a.metadata();
        Map<String, String> mb = b.metadata();
        if (ma == null || mb == null) {
            ModelView without = ma == null ? a : b;
            String which = ma == null ? "A" : "B";
            String reason = which + (without.folder() == null ? " is an original checkpoint, which has"
                    : "'s weights are a " + without.weightsFile().getFileName() + ", which has") + " no metadata";
            return new DiffReport.Metadata(false, reason, ma == null ? 0 : ma.size(), mb == null ? 0 : mb.size(),
                    List.of());
        }
        List<DiffReport.FieldDifference> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(ma.keySet());
        keys.addAll(mb.keySet());
        for (String k : keys) {
            JsonNode x = ma.containsKey(k) ? TextNode.valueOf(ma.get(k)) : null;
            JsonNode y = mb.containsKey(k) ? TextNode.valueOf(mb.get(k)) : null;
            if (!same(x, y)) {
                out.add(difference(k, x, y, false, null));
            }
        }
        return new DiffReport.Metadata(true, null, ma.size(), mb.size(), List.copyOf(out));
    }

    /** A copy with {@code torch_dtype} renamed {@code dtype} where only that spelling is present. */
    private static ObjectNode foldDtype(ObjectNode config) {
        ObjectNode copy = config.deepCopy();
        if (copy.has(TORCH_DTYPE) && !copy.has(DTYPE)) {
            copy.set(DTYPE, copy.remove(TORCH_DTYPE));
        }
        return copy;
    }

    private static TreeSet<String> names(ObjectNode a, ObjectNode b) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean same(JsonNode x, JsonNode y) {
        return x == null ? y == null : y != null && x.equals(BY_VALUE, y);
    }

    private static DiffReport.FieldDifference difference(String name, JsonNode x, JsonNode y, boolean counts,
            String note) {
        String presentIn = x != null && y != null ? "both" : x != null ? "a" : "b";
        return new DiffReport.FieldDifference(name, presentIn, x, y, counts, note);
    }

    private static DiffReport.Fields fields(boolean presentA, boolean presentB, int fieldsA, int fieldsB, int union,
            List<DiffReport.FieldDifference> out) {
        int counted = (int) out.stream().filter(DiffReport.FieldDifference::counts).count();
        return new DiffReport.Fields(presentA, presentB, fieldsA, fieldsB, union, counted, List.copyOf(out));
    }
}
