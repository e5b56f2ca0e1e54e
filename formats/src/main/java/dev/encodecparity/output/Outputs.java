package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rules one run's outputs are checked against: whether {@code --force} was given, the run's inputs (which no
 * output may be, contain, or sit inside), and where {@code -} writes. Every command builds one before any work, then
 * checks each of its outputs with {@link #destination}, so that every refusal comes before anything is read or
 * computed.
 *
 * <pre>{@code
 * Outputs outputs = Outputs.builder().force(force).input("--checkpoint", checkpoint).input("--config", config).build();
 * Destination out = outputs.destination("--out", outDir, ConvertedFolder.KIND);
 * ... work ...
 * out.publish(staging -> write(staging));
 * }</pre>
 */
public final class Outputs {
    /** An input of the run, with the option that named it (for messages). */
    record Input(String option, Path path) {
    }

    private final boolean force;
    private final List<Input> inputs;
    private final OutputStream standardOutput;

    private Outputs(Builder b) {
        this.force = b.force;
        this.inputs = List.copyOf(b.inputs);
        this.standardOutput = b.standardOutput;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks one output against the rules (docs/reliability.md, "Outputs"): an empty path, an output that is or holds
     * or sits inside an input, a file where a folder is wanted (or the reverse), an existing output without
     * {@code --force}, and with it anything that is not a previous output of {@code kind}, are refused here.
     */
    public Destination destination(String option, Path given, OutputKind kind) {
        if (given == null || given.toString().isEmpty()) {
            throw BadInputException.option(option + ": empty path");
        }
        return Destination.check(this, option, given, kind);
    }

    boolean force() {
        return force;
    }

    List<Input> inputs() {
        return inputs;
    }

    OutputStream standardOutput() {
        if (standardOutput == null) {
            throw new IllegalStateException("no standard output given to these Outputs");
        }
        return standardOutput;
    }

    /** Builds the rules of one run. */
    public static final class Builder {
        private boolean force;
        private final List<Input> inputs = new ArrayList<>();
        private OutputStream standardOutput = System.out;

        private Builder() {
        }

        /** {@code --force}: replace a previous output of the same kind. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** An input of the run (a file or a folder); null is ignored, so optional options can be passed as they are. */
        public Builder input(String option, Path path) {
            if (path != null && !path.toString().isEmpty() && !path.toString().equals("-")) {
                inputs.add(new Input(option, path));
            }
            return this;
        }

        /** Several inputs named by one option. */
        public Builder inputs(String option, Collection<Path> paths) {
            paths.forEach(p -> input(option, p));
            return this;
        }

        /** Where an output given as {@code -} goes (the process's standard output unless set). */
        public Builder standardOutput(OutputStream out) {
            this.standardOutput = out;
            return this;
        }

        public Outputs build() {
            return new Outputs(this);
        }
    }
}
