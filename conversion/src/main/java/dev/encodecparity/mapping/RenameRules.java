package dev.encodecparity.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The renaming rules, loaded from {@code original-to-transformers.rules} next to this class. Each rule is a pair of
 * name templates; a template compiles to a regex in which each placeholder captures one name part, so one table serves
 * both directions.
 */
public final class RenameRules {
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "side", "encoder|decoder",
            "i", "\\d+",
            "q", "\\d+",
            "block", "block\\.\\d+|shortcut",
            "param", "[A-Za-z0-9_]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    /** One line of the table. */
    public record Rule(int line, String original, String transformers, Pattern originalPattern,
            Pattern transformersPattern) {
        /** The other side's name, if {@code name} matches this rule's side {@code fromOriginal}. */
        public Optional<String> apply(String name, boolean fromOriginal) {
            Matcher m = (fromOriginal ? originalPattern : transformersPattern).matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
            String target = fromOriginal ? transformers : original;
            Matcher p = PLACEHOLDER.matcher(target);
            StringBuilder out = new StringBuilder();
            while (p.find()) {
                p.appendReplacement(out, Matcher.quoteReplacement(m.group(p.group(1))));
            }
            p.appendTail(out);
            return Optional.of(out.toString());
        }
    }

    public static final List<Rule> RULES = load();

    private RenameRules() {
    }

    private static List<Rule> load() {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = RenameRules.class.getResourceAsStream("original-to-transformers.rules");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException("rules line " + n + " needs two tab-separated templates");
                }
                rules.add(new Rule(n, parts[0], parts[1], compile(parts[0]), compile(parts[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rules);
    }

    private static Pattern compile(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String alternatives = PLACEHOLDERS.get(m.group(1));
            if (alternatives == null) {
                throw new IllegalStateException("unknown placeholder {" + m.group(1) + "} in " + template);
            }
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append("(?<").append(m.group(1)).append(">").append(alternatives).append(")");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
