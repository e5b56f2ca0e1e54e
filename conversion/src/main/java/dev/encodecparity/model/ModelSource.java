package dev.encodecparity.model;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.config.SettingsResolver;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.layout.OriginalLayout;
import dev.encodecparity.layout.TensorAccount;
import dev.encodecparity.layout.TransformersLayout;
import dev.encodecparity.spec.Family;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a model comes from, resolved by one layout on its own: an original checkpoint (original names; settings from
 * {@code --config}, {@code xp.cfg}, a preset or recognition) or a transformers folder (transformers names; settings
 * from its {@code config.json}). The two paths share no renaming code with each other or with the converter's rules,
 * so a wrong rename or a wrong config becomes a numerical difference.
 *
 * <p>Weights are handed out by name through {@link #take}; {@link #finishTaking} then insists that every tensor in
 * the file was taken exactly once. Owns the open file until closed.
 */
public final class ModelSource implements AutoCloseable {
    private final String description;
    private final ModelSpec spec;
    private final KeyLayout layout;
    private final Path file;
    private final Map<String, Tensor> tensors;
    private final AutoCloseable owner;
    private final Set<String> taken = new LinkedHashSet<>();
    private final List<NonFinite.Found> nonFinite = new ArrayList<>();

    private ModelSource(String description, ModelSpec spec, KeyLayout layout, Path file, Map<String, Tensor> tensors,
            AutoCloseable owner) {
        this.description = description;
        this.spec = spec;
        this.layout = layout;
        this.file = file;
        this.tensors = tensors;
        this.owner = owner;
    }

    /** An original checkpoint, with its settings resolved as {@code convert} resolves them. */
    public static ModelSource original(Path checkpoint, String model, Path config) {
        return original(Checkpoint.open(checkpoint), model, config);
    }

    /**
     * As above, from a checkpoint already open and fully checked (CRCs included), so that a caller that has read the
     * file once for its own reasons need not read it again. The source owns {@code c} from here on.
     */
    public static ModelSource original(Checkpoint c, String model, Path config) {
        Path checkpoint = c.file();
        try {
            SettingsResolver.Resolved r = SettingsResolver.resolve(c, model, config);
            ModelSource s = new ModelSource("original checkpoint " + checkpoint.getFileName() + " ("
                    + r.settings().name()
                    + ", settings from " + r.origin() + ")", r.settings().toSpec(), OriginalLayout.INSTANCE, checkpoint,
                    c.stateDict(), c);
            s.checkNamesAndShapes();
            return s;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A transformers model folder: config.json and its weights (legacy or parametrization names). */
    public static ModelSource transformers(Path dir) {
        return transformers(dir, dir.getFileName() == null ? dir.toString() : dir.getFileName().toString());
    }

    /**
     * As above, named {@code label} in outputs (a hub repo id and revision rather than the cache's snapshot folder).
     */
    public static ModelSource transformers(Path dir, String label) {
        TransformersFolder f = TransformersFolder.open(dir);
        try {
            Map<String, Tensor> byLegacyName = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
                if (byLegacyName.put(TransformersLayout.legacyName(e.getKey()), e.getValue()) != null) {
                    throw new BadInputException(f.weightsFile(), "tensor " + e.getKey()
                            + " appears under both weight-norm"
                            + " spellings");
                }
            }
            ModelSource s = new ModelSource("transformers folder " + label + " (config.json)",
                    f.config().toSpec(), TransformersLayout.INSTANCE, f.weightsFile(), byLegacyName, f);
            s.checkNamesAndShapes();
            return s;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Every tensor the architecture implies is present with its shape, and nothing else is (all listed at once). */
    private void checkNamesAndShapes() {
        TensorAccount account = TensorAccount.of(layout.expected(spec.architecture(), Family.ENCODEC), tensors,
                Tensor::shape);
        List<String> problems = new ArrayList<>();
        account.missing().forEach(t -> problems.add("missing tensor: " + t));
        account.misshaped().forEach(m -> problems.add("wrong shape: " + m));
        account.unexpected().forEach(n -> problems.add("unexpected tensor: " + n));
        if (!problems.isEmpty()) {
            problems.sort(null);
            List<String> details = new ArrayList<>(problems.subList(0, Math.min(40, problems.size())));
            if (problems.size() > 40) {
                details.add("... and " + (problems.size() - 40) + " more");
            }
            throw new BadInputException(file, "does not fit its " + layout.name() + " settings: " + problems.size()
                    + " problems", details);
        }
    }

    public String description() {
        return description;
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The names this source's tensors have. */
    public KeyLayout layout() {
        return layout;
    }

    /** The file the weights are read from (checkpoint or model.safetensors). */
    public Path file() {
        return file;
    }

    /**
     * A tensor's values as float32, widened in Java whatever the file's dtype. Each name may be taken once. Values that
     * are not finite (as float32: a float64 beyond its range counts as infinite) are counted on the way.
     */
    public float[] take(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalStateException("no tensor " + name + " (the engine asked for a name the layout lacks)");
        }
        if (!taken.add(name)) {
            throw new IllegalStateException("tensor " + name + " taken twice");
        }
        float[] values = TensorValues.toFloats(t);
        NonFinite.Count c = NonFinite.count(values);
        if (c.any()) {
            nonFinite.add(new NonFinite.Found(name, c));
        }
        return values;
    }

    /** The tensors taken so far that hold NaN or infinities, in the order they were taken. */
    public List<NonFinite.Found> nonFiniteWeights() {
        return List.copyOf(nonFinite);
    }

    /**
     * The names taken so far, in order. The engine takes the tensors of both layouts in the same order (one module
     * walk), so the i-th name of an original source and of a transformers source are the same weight.
     */
    public List<String> takenInOrder() {
        return List.copyOf(taken);
    }

    /** A tensor's values without taking it, for diagnosis; null when this source has no such tensor. */
    public float[] peek(String name) {
        Tensor t = tensors.get(name);
        return t == null ? null : TensorValues.toFloats(t);
    }

    /** Shape of a tensor, for the engine to build its arrays. */
    public long[] shape(String name) {
        return tensors.get(name).shape();
    }

    /** Called when the engine has built the model: every tensor in the file must have been used. */
    public void finishTaking() {
        List<String> unused = tensors.keySet().stream().filter(n -> !taken.contains(n)).toList();
        if (!unused.isEmpty()) {
            throw new IllegalStateException("the engine left tensors unused: " + unused);
        }
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
