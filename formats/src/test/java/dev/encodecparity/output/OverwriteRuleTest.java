package dev.encodecparity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one overwrite rule every output follows (README, "Outputs"): a new path or an empty folder or file is written;
 * anything else needs {@code --force}, and {@code --force} replaces only a previous output of the same kind. An
 * output that is, holds or sits inside an input is refused, forced or not. Each refusal comes from the up-front check,
 * so nothing has been read or written when it is given.
 */
class OverwriteRuleTest {
    @TempDir
    Path tmp;

    private static Outputs forced() {
        return Outputs.builder().force(true).build();
    }

    @Test
    void anEmptyPathIsBadInputEvenWithForce() {
        // an unset shell variable: --out "" used to swap the working folder away and delete it
        BadInputException e = assertThrows(BadInputException.class,
                () -> forced().destination("--out", Path.of(""), MarkedKind.FOLDER));
        assertEquals("--out: empty path", e.getMessage());
    }

    @Test
    void forceRefusesAFolderOfSomeoneElsesFilesAndSaysWhatIsInTheWay() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("notes.txt"), "mine");
        Files.createDirectories(work.resolve("src"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> forced().destination("--out", work, MarkedKind.FOLDER));
        assertEquals(work + ": is not a marked test folder (it holds 2 entries: notes.txt, src/); --force replaces"
                + " only a previous output of the same kind, or an empty folder", e.getMessage());
        assertEquals("mine", Files.readString(work.resolve("notes.txt")));
    }

    @Test
    void forceRefusesTheRootFolderAndTheHomeFolderWithoutNamingNull() {
        for (Path p : List.of(Path.of("/"), Path.of(System.getProperty("user.home")))) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> forced().destination("--out", p, MarkedKind.FOLDER));
            assertTrue(e.getMessage().startsWith(p + ": is not a marked test folder (it holds "), e.getMessage());
            assertFalse(e.getMessage().contains("null"), e.getMessage());
        }
    }

    @Test
    void withoutForceAnExistingOutputIsRefused() throws IOException {
        Path out = tmp.resolve("out");
        MarkedKind.FOLDER.writer("old").write(out);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Outputs.builder().build().destination("--out", out, MarkedKind.FOLDER));
        assertEquals(out + ": folder exists and is not empty (1 entry: MARK); use --force to replace a previous output"
                + " (a marked test folder)", e.getMessage());
        Path file = tmp.resolve("report.json");
        Files.writeString(file, "MARK old");
        e = assertThrows(BadInputException.class,
                () -> Outputs.builder().build().destination("--report", file, MarkedKind.FILE));
        assertEquals(file + ": file exists; use --force to replace a previous output (a marked test file)",
                e.getMessage());
    }

    @Test
    void forceReplacesAPreviousOutputOfTheSameKindAndLeavesNothingElse() throws IOException {
        Path out = tmp.resolve("out");
        MarkedKind.FOLDER.writer("old").write(out);
        forced().destination("--out", out, MarkedKind.FOLDER).publish(MarkedKind.FOLDER.writer("new"));
        assertEquals("new", Files.readString(out.resolve("MARK")));
        assertEquals(List.of("out"), names(tmp), "no staging entry, lock or old folder may remain");

        Path file = tmp.resolve("r.json");
        Files.writeString(file, "MARK old");
        forced().destination("--report", file, MarkedKind.FILE).publish(MarkedKind.FILE.writer("new"));
        assertEquals("MARK new", Files.readString(file));
        assertEquals(List.of("out", "r.json"), names(tmp));
    }

    @Test
    void emptyFoldersAndEmptyFilesAreWrittenWithoutForce() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Outputs.builder().build().destination("--out", dir, MarkedKind.FOLDER).publish(MarkedKind.FOLDER.writer("x"));
        assertEquals("x", Files.readString(dir.resolve("MARK")));
        Path file = Files.createFile(tmp.resolve("made-by-mktemp"));
        Outputs.builder().build().destination("--report", file, MarkedKind.FILE).publish(MarkedKind.FILE.writer("y"));
        assertEquals("MARK y", Files.readString(file));
    }

    @Test
    void aFileWhereAFolderIsWantedAndTheReverseAreRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "MARK");
        BadInputException e = assertThrows(BadInputException.class,
                () -> forced().destination("--out", file, MarkedKind.FOLDER));
        assertEquals(file + ": exists and is a file; expected a folder", e.getMessage());
        e = assertThrows(BadInputException.class, () -> forced().destination("--report", tmp, MarkedKind.FILE));
        assertEquals(tmp + ": is a folder; expected a file name", e.getMessage());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedEvenWithForce() throws IOException {
        Path ckpt = Files.writeString(tmp.resolve("model.th"), "MARK looks like a previous output");
        Outputs rules = Outputs.builder().force(true).input("--checkpoint", ckpt).build();
        BadInputException e = assertThrows(BadInputException.class,
                () -> rules.destination("--report", ckpt, MarkedKind.FILE));
        assertEquals(ckpt + ": is the input given as --checkpoint (" + ckpt + "); an output never replaces an input",
                e.getMessage());
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), ckpt);
        assertThrows(BadInputException.class, () -> rules.destination("--report", link, MarkedKind.FILE));
        Path hard = Files.createLink(tmp.resolve("hard.json"), ckpt);
        assertThrows(BadInputException.class, () -> rules.destination("--report", hard, MarkedKind.FILE),
                "a hard link is the same file");
        assertEquals("MARK looks like a previous output", Files.readString(ckpt));
    }

    @Test
    void anOutputMayNeitherHoldNorSitInsideAnInput() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(model.resolve("MARK"), "a model folder that is also a previous output");
        Outputs rules = Outputs.builder().force(true).input("--model-dir", model).build();
        BadInputException e = assertThrows(BadInputException.class,
                () -> rules.destination("--out", model, MarkedKind.FOLDER));
        assertTrue(e.getMessage().endsWith("is the input given as --model-dir (" + model + "); an output never"
                + " replaces an input"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> rules.destination("--report", model.resolve("sub/report.json"), MarkedKind.FILE));
        assertTrue(e.getMessage().contains("is inside the input folder given as --model-dir"), e.getMessage());
        Path ckpt = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("ckpt.th"), "x");
        Outputs withCheckpoint = Outputs.builder().force(true).input("--checkpoint", ckpt).build();
        e = assertThrows(BadInputException.class,
                () -> withCheckpoint.destination("--out", tmp.resolve("in"), MarkedKind.FOLDER));
        assertTrue(e.getMessage().contains("holds the input given as --checkpoint"), e.getMessage());
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
