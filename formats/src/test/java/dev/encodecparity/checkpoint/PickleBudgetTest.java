package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.zip.ZipDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The budgets that refuse small files describing large work leave real checkpoints far inside them: every checkpoint
 * in testdata/ and the full-size presets (made by testdata/scripts/make_goldens.py) needs at most a quarter of its
 * pickle budget, and loads.
 */
class PickleBudgetTest {
    /** Real checkpoints must stay this far inside their budget, so that a larger real model still fits. */
    private static final int MARGIN = 4;

    @Test
    void realCheckpointsNeedAQuarterOfTheirBudgetAtMost() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestData.path("checkpoints"))) {
            s.filter(p -> p.toString().endsWith(".th")).sorted().forEach(files::add);
        }
        for (String preset : List.of("encodec_24khz", "encodec_32khz", "encodec_48khz")) {
            files.add(FullSize.checkpoint(preset));
        }
        StringBuilder report = new StringBuilder();
        for (Path file : files) {
            long size = Files.size(file);
            PickleBudget budget = PickleBudget.forFile(size);
            try (FileChannel ch = FileChannel.open(file)) {
                if (TorchZip.looksLikeZip(ZipDirectory.readAt(ch, 0, 4))) {
                    TorchZip.read(file, ch, budget);
                } else {
                    TorchLegacy.read(file, ch, budget);
                }
            }
            report.append(String.format("%s: %d bytes, %d of %d steps%n", file.getFileName(), size, budget.used(),
                    budget.limit()));
            assertTrue(budget.used() * MARGIN <= budget.limit(), report.toString());
            Checkpoint.open(file).close();
        }
        System.out.print(report);
        assertFalse(files.isEmpty());
    }
}
