package dev.encodecparity.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/ARCHITECTURE.md, checked on the product's classes (tests and benchmarks left out). Maven
 * already keeps a module from seeing the modules above it; these rules add what Maven cannot see: which packages
 * may use which libraries, that every package belongs to one module's layer, and that no two packages need each
 * other. The cli module's tests see every product module, so the rules live here.
 */
class ArchitectureTest {
    private static final String BASE = "dev.encodecparity.";

    /** The layers, lowest first: a layer's packages may use their own layer's and those below it. Data, not code. */
    private static final Map<String, List<String>> LAYERS = layers();

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("formats", List.of("common", "output", "tensor", "python", "zip", "checkpoint", "safetensors", "audio",
                "codes", "provenance"));
        m.put("conversion", List.of("spec", "layout", "config", "mapping", "convert", "model"));
        m.put("engine", List.of("engine"));
        m.put("verification", List.of("compare", "plot", "verify", "golden", "report", "diff", "inspect"));
        m.put("cli", List.of("cli"));
        return m;
    }

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        // The other modules come as folders or as their jars, depending on the Maven phase; their test-jars and
        // test folders are left out, so are the benchmarks (not a dependency of cli, and allowed DJL for JMH).
        ImportOption productOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        product = new ClassFileImporter().withImportOption(productOnly).importPackages("dev.encodecparity");
    }

    /** The rules are not blind: a formats class that uses the command line and DJL breaks both. */
    @Test
    void aViolationIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                dev.encodecparity.common.ArchitectureViolation.class, dev.encodecparity.cli.Main.class);
        assertThrows(AssertionError.class, () -> layersRule().check(planted));
        assertThrows(AssertionError.class, () -> djlRule().check(planted));
        assertTrue(product.size() > 150, "only " + product.size() + " product classes were imported");
    }

    /** A new package has to be given a layer here (and a row in docs/ARCHITECTURE.md), or it is unchecked. */
    @Test
    void everyPackageHasALayer() {
        TreeSet<String> known = new TreeSet<>();
        LAYERS.values().forEach(ps -> ps.forEach(p -> known.add(BASE + p)));
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : product) {
            String p = c.getPackageName();
            if (!p.startsWith(BASE + "bench") && known.stream().noneMatch(k -> p.equals(k) || p.startsWith(k + "."))) {
                unplaced.add(p);
            }
        }
        assertEquals(new TreeSet<String>(), unplaced, "packages without a layer");
    }

    /** Each layer may use only the layers below it: formats nothing of ours, cli everything. */
    @Test
    void layersUseOnlyTheLayersBelow() {
        layersRule().check(product);
    }

    private static ArchRule layersRule() {
        var arch = layeredArchitecture().consideringOnlyDependenciesInLayers();
        List<String> names = new ArrayList<>(LAYERS.keySet());
        for (String layer : names) {
            arch = arch.layer(layer).definedBy(LAYERS.get(layer).stream().map(p -> BASE + p + "..")
                    .toArray(String[]::new));
        }
        for (int i = 1; i < names.size(); i++) {
            // the layer below may be used by this layer and every layer above it
            arch = arch.whereLayer(names.get(i - 1)).mayOnlyBeAccessedByLayers(
                    names.subList(i, names.size()).toArray(String[]::new));
        }
        return arch.whereLayer(names.get(names.size() - 1)).mayNotBeAccessedByAnyLayer();
    }

    /** No two packages need each other, so each can be read, tested and moved on its own. */
    @Test
    void noPackageCycles() {
        slices().matching(BASE + "(*)..").should().beFreeOfCycles().check(product);
    }

    /** The engine is the only native code: DJL (and so libtorch) is reached from the engine package alone. */
    @Test
    void djlOnlyInTheEngine() {
        djlRule().check(product);
    }

    private static ArchRule djlRule() {
        return noClasses().that().resideOutsideOfPackage(BASE + "engine..").should().dependOnClassesThat()
                .resideInAPackage("ai.djl..");
    }

    /** The command line's library stays in the command line, so every other module is usable as a library. */
    @Test
    void picocliOnlyInTheCommandLine() {
        noClasses().that().resideOutsideOfPackage(BASE + "cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(product);
    }

    /** One system call (renameat2) is the only use of JNA, and it stays behind the output package's Renames. */
    @Test
    void jnaOnlyForRenames() {
        noClasses().that().doNotHaveFullyQualifiedName(BASE + "output.Renames")
                .and().doNotHaveFullyQualifiedName(BASE + "output.Errno").and()
                .resideOutsideOfPackage(BASE + "output..").should().dependOnClassesThat()
                .resideInAPackage("com.sun.jna..").check(product);
    }
}
