package dev.encodecparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.verify.RowSelection;
import dev.encodecparity.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report merge joins one run's shards and refuses anything else, naming the file. */
class ReportMergeTest {
    @TempDir
    Path tmp;

    private static VerifyReport.Row row(int index, Verdict v) {
        return VerifyReport.Row.builder().index(index).clip("c" + index / 2 + ".wav").bandwidth(index % 2 + 1.5)
                .codebooks(2).codesEqual(v.passed()).codesDiffering(v.passed() ? 0 : 3).codesTotal(100)
                .maxAbsError(v.passed() ? 0 : 1e-3).snrDb(Double.POSITIVE_INFINITY).verdict(v).originalNonFinite(0)
                .convertedNonFinite(0).streamed(false).seconds(0.1).build();
    }

    private Path shard(String name, String checkpointSha, int shard, int shards, VerifyReport.Row... rows)
            throws Exception {
        VerifyReport r = VerifyReport.builder().tool("encodec-parity 0.1.0").started("2026-12-05T00:00:0" + shard + "Z")
                .seconds(1).engine(new OutputProvenance.Engine("cpu", "2.7.1", "0.36.0", 1, "x"))
                .inputs(Map.of("checkpoint m.th", checkpointSha)).originalSettings(Json.MAPPER.createObjectNode())
                .convertedSettings(Json.MAPPER.createObjectNode()).settingDifferences(List.of()).atol(1e-5)
                .rows(List.of(rows)).verdict(Verdict.PASS).selection(new RowSelection(null, shard, shards, false))
                .build();
        Path f = tmp.resolve(name);
        Files.writeString(f, JsonDocument.of(VerifyReport.KIND, r).toString());
        return f;
    }

    @Test
    void shardsJoinInTheRunsOrder() throws Exception {
        Path b = shard("b.json", "aa", 2, 2, row(2, Verdict.PASS), row(3, Verdict.FAIL));
        Path a = shard("a.json", "aa", 1, 2, row(0, Verdict.PASS), row(1, Verdict.PASS));
        VerifyReport m = (VerifyReport) ReportMerge.merge(List.of(b, a));
        assertEquals(List.of(0, 1, 2, 3), m.rows().stream().map(VerifyReport.Row::index).toList());
        assertEquals(Verdict.FAIL, m.verdict());
        assertEquals("2026-12-05T00:00:01Z", m.started());
        assertEquals(2.0, m.seconds());
        assertEquals(RowSelection.ALL, m.selection());
    }

    @Test
    void whatIsNotOneRunsShardsIsRefusedByName() throws Exception {
        Path a = shard("a.json", "aa", 1, 2, row(0, Verdict.PASS));
        Path other = shard("other.json", "bb", 2, 2, row(1, Verdict.PASS));
        assertEquals(other + ": the checkpoint (its SHA-256) differs from " + a + "'s: not a shard of the same run",
                assertThrows(BadInputException.class, () -> ReportMerge.merge(List.of(a, other))).getMessage());
        Path again = shard("again.json", "aa", 1, 2, row(0, Verdict.PASS));
        assertEquals(again + ": is shard 1/2, given twice",
                assertThrows(BadInputException.class, () -> ReportMerge.merge(List.of(a, again))).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> ReportMerge.merge(List.of(a))).getMessage()
                .startsWith("report merge: shard 2 of 2 is missing"));
        ObjectNode error = Json.MAPPER.createObjectNode().put("schema_version", 1).put("kind", "error")
                .put("exit_code", 2);
        error.putObject("error").put("message", "x.wav: is empty");
        Path failed = Files.writeString(tmp.resolve("failed.json"), error.toString());
        assertEquals(failed + ": is the report of a run that ended in an error (exit 2: x.wav: is empty)",
                assertThrows(BadInputException.class, () -> ReportMerge.merge(List.of(a, failed))).getMessage());
    }
}
