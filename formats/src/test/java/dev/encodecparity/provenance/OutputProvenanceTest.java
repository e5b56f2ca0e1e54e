package dev.encodecparity.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record against each output's spelling, written out by hand: keys, their order and values, both ways. */
class OutputProvenanceTest {
    private static final OutputProvenance.Source SOURCE = new OutputProvenance.Source(null, "x.th", "ab".repeat(32),
            "torch zip archive (root 'x'), plain state dict", "encodec", "encodec_24khz", "preset");
    private static final OutputProvenance.Engine CPU = new OutputProvenance.Engine("cpu", "2.7.1", "0.36.0", 2,
            "AMD EPYC");

    @Test
    void safetensorsMetadataHasTheToolsKeysInTheirOrderAfterTheFormat() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("dtype_policy", "kept");
        notes.put("non_finite_tensors", "a: 1 NaN of 2 values");
        OutputProvenance p = new OutputProvenance("encodec-parity 9.9", null, SOURCE, null, Map.of(), notes);
        Map<String, String> m = p.toSafetensorsMetadata();
        assertEquals(List.of("format", "encodec_parity.tool", "encodec_parity.source_file",
                "encodec_parity.source_sha256", "encodec_parity.source_format", "encodec_parity.source_family",
                "encodec_parity.variant", "encodec_parity.settings_from", "encodec_parity.dtype_policy",
                "encodec_parity.non_finite_tensors"), new ArrayList<>(m.keySet()));
        assertEquals("pt", m.get("format"));
        assertEquals("encodec-parity 9.9", m.get("encodec_parity.tool"));
        assertEquals("x.th", m.get("encodec_parity.source_file"));
        assertEquals("ab".repeat(32), m.get("encodec_parity.source_sha256"));
        assertEquals("preset", m.get("encodec_parity.settings_from"));
        assertEquals("a: 1 NaN of 2 values", m.get("encodec_parity.non_finite_tensors"));

        OutputProvenance back = OutputProvenance.fromSafetensorsMetadata(m);
        assertEquals(SOURCE, back.source());
        assertEquals("encodec-parity 9.9", back.tool());
        assertEquals(notes, back.notes());
        assertEquals(List.of("dtype_policy", "non_finite_tensors"), new ArrayList<>(back.notes().keySet()));
        assertNull(back.engine());
    }

    @Test
    void metadataAnotherToolWroteReadsAsUnknownFields() {
        OutputProvenance p = OutputProvenance.fromSafetensorsMetadata(Map.of("format", "pt", "other.key", "v"));
        assertNull(p.tool());
        assertNull(p.source().family());
        assertNull(p.source().variant());
        assertTrue(p.notes().isEmpty());
    }

    @Test
    void sidecarHasToolModelAndEngineFlatInThisOrder() throws Exception {
        OutputProvenance p = new OutputProvenance("encodec-parity 9.9", null,
                OutputProvenance.Source.of("transformers folder m (config.json)", "/m", "cd".repeat(32)), CPU,
                Map.of(), Map.of());
        ObjectNode o = p.toSidecar();
        String expected = "{\"schema_version\":1,\"kind\":\"sidecar\",\"tool\":\"encodec-parity 9.9\","
                + "\"model\":\"transformers folder m (config.json)\","
                + "\"model_file\":\"/m\",\"model_sha256\":\"" + "cd".repeat(32) + "\",\"device\":\"cpu\","
                + "\"libtorch\":\"2.7.1\",\"djl\":\"0.36.0\",\"threads\":2,\"cpu\":\"AMD EPYC\",\"gpu\":null,"
                + "\"numerics\":null,\"device_warning\":null}";
        assertEquals(expected, o.toString());

        o.put("sha256", "ef".repeat(32)); // the command's own key
        OutputProvenance back = OutputProvenance.fromSidecar(Json.MAPPER.readTree(o.toString()));
        assertEquals(p.source(), back.source());
        assertEquals(CPU, back.engine());
        assertEquals("encodec-parity 9.9", back.tool());
    }

    @Test
    void engineSummaryNamesThreadsAndCpuOnlyForTheCpu() {
        assertEquals("cpu (2 threads, AMD EPYC), libtorch 2.7.1, DJL 0.36.0", CPU.summary());
        assertEquals("cuda:0, libtorch 2.7.1, DJL 0.36.0",
                new OutputProvenance.Engine("cuda:0", "2.7.1", "0.36.0", 2, "AMD EPYC").summary());
        assertEquals("cuda:0 (NVIDIA H100 80GB HBM3), libtorch 2.11.0, DJL 0.36.0, TF32 off", GPU.summary());
    }

    private static final OutputProvenance.Engine GPU = new OutputProvenance.Engine("cuda:0", "NVIDIA H100 80GB HBM3",
            "2.11.0", "0.36.0", 16, "Intel Xeon", new Numerics("off", "0", false, ":4096:8"), null);

    @Test
    void engineSerialisesWithItsFieldsInOrder() throws Exception {
        assertEquals("{\"device\":\"cpu\",\"gpu\":null,\"libtorch\":\"2.7.1\",\"djl\":\"0.36.0\",\"threads\":2,"
                + "\"cpu\":\"AMD EPYC\",\"numerics\":null,\"device_warning\":null}",
                Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(CPU));
        assertEquals("{\"tf32\":\"off\",\"nvidia_tf32_override\":\"0\",\"cudnn_benchmark\":false,"
                + "\"cublas_workspace_config\":\":4096:8\"}",
                Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(GPU.numerics()));
    }

    @Test
    void aGpuEngineGoesThroughASidecarAndBackWithItsNumerics() throws Exception {
        OutputProvenance.Source m = OutputProvenance.Source.of("m", "/m.th", "ab");
        OutputProvenance p = new OutputProvenance("encodec-parity 9.9", null, m, GPU, Map.of(), Map.of());
        OutputProvenance back = OutputProvenance.fromSidecar(Json.MAPPER.readTree(p.toSidecar().toString()));
        assertEquals(GPU, back.engine());
        OutputProvenance.Engine warned = new OutputProvenance.Engine("cpu", null, "2.7.1", "0.36.0", 2, "x",
                new Numerics("not used (cpu)", null, false, null), "a driver is present but ...");
        OutputProvenance w = new OutputProvenance("t", null, m, warned, Map.of(), Map.of());
        assertEquals(warned, OutputProvenance.fromSidecar(Json.MAPPER.readTree(w.toSidecar().toString())).engine());
    }

    @Test
    void inputsKeepTheirOrderAndCannotBeChanged() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("z", "1");
        in.put("a", "2");
        OutputProvenance p = new OutputProvenance("t", null, null, null, in, null);
        in.put("b", "3");
        assertEquals(List.of("z", "a"), new ArrayList<>(p.inputs().keySet()));
        assertTrue(p.notes().isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> p.inputs().put("c", "4"));
    }
}
