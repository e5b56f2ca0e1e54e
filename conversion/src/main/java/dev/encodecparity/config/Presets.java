package dev.encodecparity.config;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three released models' settings, as data: {@code presets/<name>.json} next to this class, in the original code's
 * terms ({@link OriginalSettings}).
 */
public final class Presets {
    public static final List<String> NAMES = List.of("encodec_24khz", "encodec_32khz", "encodec_48khz");

    private static final Map<String, OriginalSettings> BY_NAME = load();

    private Presets() {
    }

    public static Optional<OriginalSettings> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static OriginalSettings get(String name) {
        return find(name).orElseThrow(() -> BadInputException.option(
                "unknown model '" + name + "'; expected one of " + String.join(", ", NAMES) + " or auto"));
    }

    public static Map<String, OriginalSettings> all() {
        return BY_NAME;
    }

    private static Map<String, OriginalSettings> load() {
        Map<String, OriginalSettings> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = Presets.class.getResourceAsStream("presets/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("preset resource missing: " + name);
                }
                m.put(name, Json.MAPPER.readValue(in, OriginalSettings.class).validate(null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
