package dev.encodecparity.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown (README, docs/, module READMEs) names a file that exists, so moving a
 * class or a test cannot leave the documentation pointing at nothing (the module split moved 350 files).
 */
class DocumentationLinksTest {
    /** Inline links {@code [text](target)} and reference definitions {@code [id]: target}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|^\\[[^\\]]+\\]: (\\S+)",
            Pattern.MULTILINE);
    private static final Set<String> NOT_OURS = Set.of("target", ".venv", "node_modules", ".git");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path repo = TestData.repo();
        List<Path> pages;
        try (Stream<Path> s = Files.walk(repo)) {
            pages = s.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> repo.relativize(p).getNameCount() > 0)
                    .filter(p -> {
                        for (Path part : repo.relativize(p)) {
                            if (NOT_OURS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    }).toList();
        }
        assertTrue(pages.size() >= 5, "found only " + pages);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#") || target.startsWith("<")) {
                    continue; // a web address, a mail address, or an anchor on the same page
                }
                String file = target.replaceAll("#.*$", "");
                checked++;
                if (!Files.exists(page.getParent().resolve(file).normalize())) {
                    broken.add(repo.relativize(page) + ": " + target);
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " links checked");
        assertEquals(List.of(), broken, "links to nothing");
    }
}
