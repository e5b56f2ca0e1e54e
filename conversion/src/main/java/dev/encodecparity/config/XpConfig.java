package dev.encodecparity.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.spec.Family;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the model's hyperparameters from an audiocraft package's {@code xp.cfg}: an OmegaConf dump (YAML text, or a
 * plain dict in solver checkpoints) whose values may be interpolations like {@code ${channels}} resolved against the
 * document root. Only the keys that decide the architecture are read; training keys are ignored. A setting that a
 * transformers EnCodec cannot express is an error, never an approximation.
 */
public final class XpConfig {
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().build());
    /** A real xp.cfg has a few hundred values. */
    static final int MAX_NODES = 100_000;
    /** Interpolations resolved for one value; real configs need a handful. */
    static final int MAX_RESOLUTIONS = 1_000;
    /** Text that interpolation may build for one file, all values together; a real xp.cfg builds a few hundred. */
    static final long MAX_EXPANDED_CHARS = 1 << 18;
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");
    /** Per-side overrides audiocraft allows that do not change the architecture. */
    private static final Set<String> SIDE_KEYS = Set.of("trim_right_ratio", "final_activation",
            "final_activation_params");

    private final JsonNode root;
    private final Path file;
    /** Interpolations resolved so far for the value being read (see {@link #MAX_RESOLUTIONS}). */
    private int resolutions;
    /** Characters built by interpolation so far (see {@link #MAX_EXPANDED_CHARS}). */
    private long expandedChars;

    private XpConfig(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    /** Parses {@code raw} (YAML text or a map from the pickle) found in {@code file}. */
    public static OriginalSettings read(Object raw, Path file) {
        JsonNode root;
        try {
            root = raw instanceof String s ? YAML.readTree(s)
                    : YAML.valueToTree(plain(raw, 0, new int[] {MAX_NODES}, file));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file, "xp.cfg is not valid YAML: " + yamlProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "xp.cfg is not a mapping");
        }
        return new XpConfig(root, file).settings();
    }

    /**
     * The YAML parser's problem and where it is; the JSON library's own messages for what it cannot map (a binary
     * value, a key that is a list) name Java classes and settings and are not shown.
     */
    private static String yamlProblem(Exception e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
            org.yaml.snakeyaml.error.Mark at = m.getProblemMark();
            return (at == null ? "" : "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": ")
                    + m.getProblem();
        }
        if (e.getCause() instanceof org.yaml.snakeyaml.error.YAMLException y && y.getMessage() != null) {
            return BadInputException.firstLine(y.getMessage());
        }
        com.fasterxml.jackson.core.JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getLocation() : null;
        return (at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ": ")
                + "a value this reader cannot take (such as a binary value, or a key that is not plain text)";
    }

    private OriginalSettings settings() {
        List<String> unsupported = new ArrayList<>();
        requireValue("encodec.autoencoder", "seanet", unsupported);
        requireValue("encodec.quantizer", "rvq", unsupported);
        requireValue("seanet.activation", "ELU", unsupported);
        if (has("seanet.activation_params.alpha") && number("seanet.activation_params.alpha") != 1.0) {
            unsupported.add("seanet.activation_params.alpha must be 1.0");
        }
        if (has("seanet.disable_norm_outer_blocks") && integer("seanet.disable_norm_outer_blocks") != 0) {
            unsupported.add("seanet.disable_norm_outer_blocks > 0 (transformers normalises every conv)");
        }
        if (has("seanet.norm_params") && get("seanet.norm_params").size() > 0) {
            unsupported.add("seanet.norm_params " + get("seanet.norm_params"));
        }
        JsonNode finalActivation = get("seanet.decoder.final_activation");
        if (finalActivation != null && !finalActivation.isNull()) {
            unsupported.add("seanet.decoder.final_activation " + finalActivation.asText());
        }
        for (String side : List.of("encoder", "decoder")) {
            JsonNode overrides = get("seanet." + side);
            if (overrides != null && overrides.isObject()) {
                overrides.fieldNames().forEachRemaining(k -> {
                    if (!SIDE_KEYS.contains(k)
                            && !java.util.Objects.equals(get("seanet." + side + "." + k), get("seanet." + k))) {
                        unsupported.add("seanet." + side + "." + k + " differs from seanet." + k);
                    }
                });
            }
        }
        boolean causal = bool("encodec.causal", has("seanet.causal") && bool("seanet.causal", false));
        if (has("seanet.causal") && bool("seanet.causal", causal) != causal) {
            unsupported.add("seanet.causal and encodec.causal disagree");
        }
        if (has("seanet.channels") && integer("seanet.channels") != integer("channels")) {
            unsupported.add("seanet.channels and channels disagree");
        }
        if (has("rvq.dimension") && integer("rvq.dimension") != integer("seanet.dimension")) {
            unsupported.add("rvq.dimension and seanet.dimension disagree");
        }
        if (!unsupported.isEmpty()) {
            throw new BadInputException(file, "xp.cfg describes a model transformers cannot express: "
                    + String.join("; ", unsupported));
        }
        List<Integer> ratios = new ArrayList<>();
        JsonNode r = get("seanet.ratios");
        if (r == null || !r.isArray()) {
            throw new BadInputException(file, "xp.cfg: seanet.ratios is missing or not a list");
        }
        for (int i = 0; i < r.size(); i++) {
            ratios.add(integer("seanet.ratios." + i));
        }
        double trim = has("seanet.decoder.trim_right_ratio") ? number("seanet.decoder.trim_right_ratio") : 1.0;
        // Keys are read in this order; a file missing several names the first of them, as it always has.
        return OriginalSettings.builder()
                .name("xp.cfg of " + (file == null ? "checkpoint" : file.getFileName()))
                .source("audiocraft package")
                .family(Family.AUDIOCRAFT)
                .sampleRate(integer("sample_rate"))
                .channels(integer("channels"))
                .causal(causal)
                .normalize(bool("encodec.renormalize", false))
                .segment(null) // audiocraft models do not chunk their input
                .overlap(0.01)
                .targetBandwidths(null) // the one bandwidth of all n_q codebooks
                .dimension(integer("seanet.dimension"))
                .nFilters(integer("seanet.n_filters"))
                .nResidualLayers(integer("seanet.n_residual_layers"))
                .ratios(ratios)
                .norm(text("seanet.norm"))
                .kernelSize(integer("seanet.kernel_size"))
                .residualKernelSize(integer("seanet.residual_kernel_size"))
                .lastKernelSize(integer("seanet.last_kernel_size"))
                .dilationBase(integer("seanet.dilation_base"))
                .padMode(text("seanet.pad_mode"))
                .trueSkip(bool("seanet.true_skip", false))
                .compress(integer("seanet.compress"))
                .lstm(integer("seanet.lstm"))
                .trimRightRatio(trim)
                .bins(integer("rvq.bins"))
                .nQ(integer("rvq.n_q"))
                .build().validate(file);
    }

    private void requireValue(String path, String expected, List<String> unsupported) {
        if (has(path) && !expected.equals(text(path))) {
            unsupported.add(path + " is " + text(path) + ", only " + expected + " is supported");
        }
    }

    private boolean has(String path) {
        JsonNode n = get(path);
        return n != null && !n.isNull();
    }

    private int integer(String path) {
        JsonNode n = require(path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new BadInputException(file, "xp.cfg: " + path + " is " + n + ", not an integer");
        }
        return n.asInt();
    }

    private double number(String path) {
        JsonNode n = require(path);
        if (!n.isNumber()) {
            throw new BadInputException(file, "xp.cfg: " + path + " is " + n + ", not a number");
        }
        return n.asDouble();
    }

    private boolean bool(String path, boolean fallback) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new BadInputException(file, "xp.cfg: " + path + " is " + n + ", not true or false");
        }
        return n.asBoolean();
    }

    private String text(String path) {
        JsonNode n = require(path);
        if (!n.isTextual()) {
            throw new BadInputException(file, "xp.cfg: " + path + " is " + n + ", not a string");
        }
        return n.asText();
    }

    private JsonNode require(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            throw new BadInputException(file, "xp.cfg: " + path + " is missing");
        }
        return n;
    }

    /** The value at a dotted path, with interpolations resolved. */
    private JsonNode get(String path) {
        resolutions = 0;
        return resolve(lookup(path), 0);
    }

    private JsonNode lookup(String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n == null) {
                return null;
            }
            n = n.isArray() && part.matches("\\d{1,9}") ? n.get(Integer.parseInt(part)) : n.get(part);
        }
        return n;
    }

    private JsonNode resolve(JsonNode n, int depth) {
        if (n == null || !n.isTextual()) {
            return n;
        }
        if (depth > 32) {
            throw new BadInputException(file, "xp.cfg: interpolation cycle or nesting deeper than 32");
        }
        // Strings that interpolate others twice over could otherwise describe an exponentially long value.
        if (++resolutions > MAX_RESOLUTIONS) {
            throw new BadInputException(file, "xp.cfg: one value needs more than " + MAX_RESOLUTIONS
                    + " interpolations");
        }
        String s = n.asText();
        Matcher m = INTERPOLATION.matcher(s);
        if (!m.find()) {
            return n;
        }
        if (m.start() == 0 && m.end() == s.length()) {
            return resolve(target(m.group(1)), depth + 1);
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = resolve(target(m.group(1)), depth + 1);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isNull() ? "None" : v.asText()));
        }
        m.appendTail(out);
        expandedChars += out.length();
        if (expandedChars > MAX_EXPANDED_CHARS) {
            throw new BadInputException(file, "xp.cfg: interpolations expand to more than " + MAX_EXPANDED_CHARS
                    + " characters");
        }
        return JsonNodeFactory.instance.textNode(out.toString());
    }

    private JsonNode target(String ref) {
        if (ref.contains(":")) {
            throw new BadInputException(file, "xp.cfg: resolver interpolation ${" + ref + "} is not supported");
        }
        JsonNode t = lookup(ref.startsWith(".") ? ref.substring(1) : ref);
        return t == null ? NullNode.instance : t;
    }

    /**
     * Pickled dicts come as Java maps and lists already; only keys need to become strings. The copy is a tree, so
     * parts shared through the pickle memo are copied each time they appear: the node budget keeps a small file from
     * describing an exponentially large tree.
     */
    private static Object plain(Object raw, int depth, int[] budget, Path file) {
        if (depth > 64) {
            throw new BadInputException(file, "xp.cfg nests deeper than 64 levels (or refers to itself)");
        }
        if (--budget[0] < 0) {
            throw new BadInputException(file, "xp.cfg has more than " + MAX_NODES + " values");
        }
        if (raw instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v, depth + 1, budget, file)));
            return out;
        }
        if (raw instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v, depth + 1, budget, file)));
            return out;
        }
        if (raw == null || raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return raw;
        }
        return String.valueOf(raw);
    }
}
