package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The subcommand table, and that building only the named subcommand changes nothing a user sees. */
class MainTest {
    @Test
    void tableNamesAreTheCommandNames() {
        assertEquals(12, Main.SUBCOMMANDS.size());
        for (Map.Entry<String, Class<?>> e : Main.SUBCOMMANDS.entrySet()) {
            Command c = e.getValue().getAnnotation(Command.class);
            assertNotNull(c, e.getValue() + " has no @Command");
            assertEquals(c.name(), e.getKey());
        }
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode());
        for (String name : Main.SUBCOMMANDS.keySet()) {
            assertTrue(r.out().contains("\n  " + name + " "), name + " missing from:\n" + r.out());
        }
    }

    @Test
    void helpSubcommandStillSeesTheOthers() {
        CliRun r = CliRun.of("help", "verify");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Usage: encodec-parity verify"), r.out());
    }

    @Test
    void aMistypedSubcommandIsAUsageErrorWithASuggestion() {
        CliRun r = CliRun.of("convrt");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: Unmatched argument at index 0: 'convrt'"), r.err());
        assertTrue(r.err().contains("Did you mean: encodec-parity convert"), r.err());
    }

    @Test
    void aNamedSubcommandParsesAlone() {
        CliRun r = CliRun.of("decode", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Usage: encodec-parity decode"), r.out());
    }
}
