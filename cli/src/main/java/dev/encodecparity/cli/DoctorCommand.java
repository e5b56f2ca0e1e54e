package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.runtime.Doctor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doctor}: whether this machine can run the engine on the asked device, and if not, what to do. Reads the
 * driver and the native libraries before loading anything, so a libtorch that does not fit DJL's JNI is explained
 * instead of crashing the JVM.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks what the engine runs on: DJL and the libtorch its JNI needs, the libtorch and JNI in use"
                + " (path, version, flavour, how they were found), the NVIDIA driver, the GPUs DJL sees, CUDA,"
                + " threads, the numerics settings (TF32, cuDNN benchmark, cuBLAS workspace) and the allocator."
                + " Exit 0 when --device can run here, 3 when it cannot.",
                "Example: encodec-parity doctor --device cuda --json"})
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto",
            description = "The device to check for: auto, cpu, cuda or cuda:N. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--json", description = "Print the report as one JSON object instead of lines.")
    boolean json;

    @Override
    public Integer call() {
        Doctor.Report r = Doctor.run(device);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put(dev.encodecparity.common.JsonSchemas.KEY, dev.encodecparity.common.JsonSchemas.VERSION);
            o.put(dev.encodecparity.common.JsonDocument.KIND, "doctor");
            o.put("tool", ToolInfo.nameAndVersion());
            o.put("device_asked", device);
            o.put("device", r.device());
            o.put("ready", r.ready());
            var checks = o.putArray("checks");
            for (Doctor.Check c : r.checks()) {
                checks.addObject().put("name", c.name()).put("status", c.status().word()).put("value", c.value())
                        .put("advice", c.advice());
            }
            out.println(o.toPrettyString());
        } else {
            out.println(ToolInfo.nameAndVersion() + " doctor");
            for (Doctor.Check c : r.checks()) {
                out.printf("  %-5s %-10s %s%n", c.status().word(), c.name(), c.value());
                if (c.advice() != null) {
                    out.printf("        %-10s -> %s%n", "", c.advice());
                }
            }
            out.println(r.ready() ? "ready: --device " + device + " runs on " + r.device()
                    : "not ready: --device " + device + " cannot run here (the failed lines say why)");
        }
        out.flush();
        return r.ready() ? ExitCode.OK : ExitCode.ENVIRONMENT;
    }
}
