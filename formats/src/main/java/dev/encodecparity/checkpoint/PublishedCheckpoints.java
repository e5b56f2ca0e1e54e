package dev.encodecparity.checkpoint;

import dev.encodecparity.common.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints as they are published, and torch.hub's rule for their names: a file named {@code name-<hex>.ext} must
 * have a SHA-256 that starts with {@code <hex>} ({@code torch.hub.load_state_dict_from_url(..., check_hash=True)},
 * which the original code uses, refuses it otherwise). The published files are a data table
 * ({@code published-checkpoints.tsv}); a recognised file is named in the provenance.
 */
public final class PublishedCheckpoints {
    /** torch.hub's {@code HASH_REGEX}: the first {@code -<hex>.} in the file name. */
    private static final Pattern HASH_PART = Pattern.compile("-([a-f0-9]*)\\.");
    private static final List<Known> TABLE = load();

    private PublishedCheckpoints() {
    }

    /**
     * One published checkpoint.
     *
     * @param fileName its published name
     * @param variant the preset it is
     * @param hashPrefix the start of its SHA-256 its name carries, or null when it carries none
     * @param source where it is published
     */
    public record Known(String fileName, String variant, String hashPrefix, String source) {
        /** "encodec_24khz-d7cc33bc.th (encodec_24khz, https://dl.fbaipublicfiles.com/...)". */
        public String describe() {
            return fileName + " (" + variant + ", " + source + ")";
        }
    }

    /** The hash prefix {@code file}'s name carries in torch.hub's convention, if any. */
    public static Optional<String> namedHashPrefix(Path file) {
        Matcher m = HASH_PART.matcher(file.getFileName().toString());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Refuses, as torch.hub does, a file whose name carries a hash prefix its SHA-256 does not start with: a renamed
     * or damaged download is not the published file.
     *
     * @throws BadInputException naming the file, both hashes and the option that goes on anyway
     */
    public static void checkNamedHash(Path file, String sha256) {
        Optional<String> prefix = namedHashPrefix(file);
        if (prefix.isPresent() && !sha256.startsWith(prefix.get())) {
            throw new BadInputException(file, "its name says its SHA-256 starts with " + prefix.get() + ", but it is "
                    + sha256 + " (torch.hub and the original code refuse such a file: a renamed or damaged download;"
                    + " --no-check-hash goes on anyway)");
        }
    }

    /** The published checkpoint {@code file} is: the same name, and its hash prefix where one is published. */
    public static Optional<Known> recognise(Path file, String sha256) {
        String name = file.getFileName().toString();
        return TABLE.stream().filter(k -> k.fileName().equals(name)
                && (k.hashPrefix() == null || sha256.startsWith(k.hashPrefix()))).findFirst();
    }

    /** The table, in file order. */
    public static List<Known> all() {
        return TABLE;
    }

    private static List<Known> load() {
        List<Known> out = new ArrayList<>();
        try (var in = PublishedCheckpoints.class.getResourceAsStream("published-checkpoints.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Known(f[0], f[1], f[2].equals("-") ? null : f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
