package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI examples of docs/ci.md, run as written on the bundled data: every {@code ./encodec-parity} command of the
 * GitHub Actions and the GitLab CI example, in order, each in a child process in one working folder, with the
 * matrix and node variables set shard by shard and the example's CHECKPOINT and CORPUS pointing at a bundled 32 kHz
 * checkpoint and clips. Commands for a GPU ({@code --device cuda}) are left out on this machine.
 */
class CiExampleTest {
    private static final Pattern COMMAND = Pattern.compile("^\\s*-\\s+(?:run:\\s+)?(.*\\./encodec-parity .*)$");

    @TempDir
    Path work;

    @Test
    void theExamplesRunAsWritten() throws Exception {
        List<String> lines = Files.readAllLines(TestData.repo().resolve("docs/ci.md"));
        List<String> github = commands(lines, "# .github/workflows/nightly.yml", "# .gitlab-ci.yml");
        List<String> gitlab = commands(lines, "# .gitlab-ci.yml", null);
        assertEquals(7, github.size(), github.toString());
        assertEquals(2, gitlab.size(), gitlab.toString());
        Path gh = Files.createDirectories(work.resolve("github"));
        run(github, "${{ matrix.shard }}", null, gh);
        assertTrue(Files.exists(gh.resolve("verify.xml")) && Files.exists(gh.resolve("check.xml")));
        assertTrue(Files.readString(gh.resolve("check.html")).contains("against the recording"), "the merged"
                + " check's page, with the shards' layer traces");
        Path gl = Files.createDirectories(work.resolve("gitlab"));
        run(gitlab, "$CI_NODE_INDEX", "$CI_NODE_TOTAL", gl);
        assertTrue(Files.readString(gl.resolve("verify.md")).contains(": PASS"));
    }

    /** The commands of one example, from its first line to the next example's. */
    private static List<String> commands(List<String> lines, String from, String to) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.strip().equals(from)) {
                in = true;
            } else if (to != null && l.strip().equals(to)) {
                in = false;
            }
            Matcher m = COMMAND.matcher(l);
            if (in && m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Runs the commands; those with the shard variable once per shard, the others once. */
    private static void run(List<String> commands, String shardVar, String totalVar, Path work) throws Exception {
        for (String c : commands) {
            if (c.contains("--device cuda")) {
                continue; // a GPU runner's step
            }
            int shards = c.contains(shardVar) ? 3 : 1;
            for (int s = 1; s <= shards; s++) {
                String line = c.replace(shardVar, Integer.toString(s)).replace(totalVar == null ? "\0" : totalVar, "3");
                if (line.startsWith("test -d goldens || ")) {
                    if (Files.isDirectory(work.resolve("goldens"))) {
                        continue;
                    }
                    line = line.substring("test -d goldens || ".length());
                }
                List<String> args = new ArrayList<>();
                for (String word : line.substring(line.indexOf("./encodec-parity ") + 17).split("\\s+")) {
                    args.add(switch (word) {
                        case "$CHECKPOINT" -> TestData.path("checkpoints/tiny_32khz_audiocraft.th").toString();
                        case "$CORPUS" -> TestData.repo().resolve("testdata/audio") + "/*_32000hz_1ch.wav";
                        default -> word;
                    });
                }
                args.addAll(List.of("--threads", "1"));
                if (args.get(0).equals("report")) {
                    args = args.subList(0, args.size() - 2); // report merge runs no model
                }
                ProcessBuilder child = ChildCli.of(null, args.toArray(String[]::new)).directory(work.toFile())
                        .redirectOutput(work.resolve("last.log").toFile());
                child.environment().remove(CiReportOptions.GITHUB_STEP_SUMMARY);
                int exit = ChildCli.run(child);
                assertEquals(0, exit, String.join(" ", args) + ":\n" + Files.readString(work.resolve("last.log")));
            }
        }
    }
}
