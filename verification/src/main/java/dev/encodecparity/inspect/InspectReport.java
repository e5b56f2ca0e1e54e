package dev.encodecparity.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Required;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.provenance.OutputProvenance;
import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} found about one file or folder.
 *
 * @param tool "encodec-parity 0.1.0"
 * @param given the path or repo id as given
 * @param label how it is named: a repo id with its revision, else the file's or folder's name
 * @param location file, folder or hub_cache
 * @param format what it is stored as
 * @param container the reader's description ("torch zip archive (root 'x'), audiocraft package (best_state +
 *     xp.cfg)", "transformers model folder (model.safetensors)")
 * @param variant a preset's name, "custom", or null when the settings are unknown
 * @param variantNote for a custom model close to a preset, how it differs ("like encodec_32khz except pad_mode:
 *     reflect vs constant"), else null
 * @param settingsFrom where the settings come from ("preset recognised from the tensors", "xp.cfg in the checkpoint",
 *     "config.json"), or null when unknown
 * @param settingsError why the settings are unknown (the tensors match no preset, say), or null
 * @param settings the settings as transformers' config.json fields (for a checkpoint, those its conversion writes)
 * @param tensors how many tensors the file holds
 * @param dtypes tensors per dtype, by torch's name
 * @param parameters elements of every tensor together
 * @param weightNormSpelling legacy ({@code weight_g}/{@code weight_v}), parametrizations, mixed or none (no
 *     weight-norm tensors): how the weight-norm tensors are named
 * @param files every regular file read (one for a file; each file of a folder), with size and SHA-256
 * @param metadata the safetensors {@code __metadata__}, or null where there is none
 * @param provenance this tool's provenance, when this tool converted it, else null
 * @param published what it is as a published checkpoint, or null when nothing says it is one
 */
public record InspectReport(String tool, String given, String label, ModelLocations.Kind location, Format format,
        String container, String variant, String variantNote, String settingsFrom, String settingsError,
        ObjectNode settings, int tensors, Map<String, Integer> dtypes, long parameters, String weightNormSpelling,
        List<FileEntry> files, Map<String, String> metadata, OutputProvenance provenance, Published published) {
    /** The {@code kind} of an inspect document. */
    public static final String KIND = "inspect";

    /** How a model is stored. */
    public enum Format {
        TORCH_ZIP, LEGACY_PICKLE, AUDIOCRAFT_PACKAGE, SAFETENSORS_FOLDER, PYTORCH_BIN_FOLDER, SAFETENSORS_FILE
    }

    /** One file with its size and SHA-256. */
    public record FileEntry(String name, long bytes, String sha256) {
    }

    /** How a file relates to the published checkpoints (PublishedCheckpoints' table). */
    public enum Match {
        /** Its name is a published one and its SHA-256 starts with the published prefix. */
        RECOGNISED,
        /** Its name is a published one that has no published hash to check it against. */
        NAMED_ONLY,
        /** Its SHA-256 starts with a published prefix, under another name (a renamed download). */
        RENAMED,
        /** Its name is a published one, its SHA-256 is not (torch.hub refuses it). */
        HASH_DIFFERS,
        /** A converted folder whose provenance names its source as published (or as not the published file). */
        SOURCE_IN_PROVENANCE
    }

    /**
     * A published checkpoint this is, or was converted from.
     *
     * @param summary one line for humans
     * @param fileName the published file's name, or null where only the provenance says it
     */
    public record Published(Match match, String summary, String fileName, String variant, String source) {
    }

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Named construction of {@link InspectReport}. The counts are required (an unset count would be a silent 0); an
     * object left unset is null, which the report says means unknown or absent.
     */
    public static final class Builder {
        private String tool;
        private String given;
        private String label;
        private ModelLocations.Kind location;
        private Format format;
        private String container;
        private String variant;
        private String variantNote;
        private String settingsFrom;
        private String settingsError;
        private ObjectNode settings;
        private Integer tensors;
        private Map<String, Integer> dtypes;
        private Long parameters;
        private String weightNormSpelling;
        private List<FileEntry> files;
        private Map<String, String> metadata;
        private OutputProvenance provenance;
        private Published published;

        private Builder() {
        }

        public Builder tool(String value) { tool = value; return this; }
        public Builder given(String value) { given = value; return this; }
        public Builder label(String value) { label = value; return this; }
        public Builder location(ModelLocations.Kind value) { location = value; return this; }
        public Builder format(Format value) { format = value; return this; }
        public Builder container(String value) { container = value; return this; }
        public Builder variant(String value) { variant = value; return this; }
        public Builder variantNote(String value) { variantNote = value; return this; }
        public Builder settingsFrom(String value) { settingsFrom = value; return this; }
        public Builder settingsError(String value) { settingsError = value; return this; }
        public Builder settings(ObjectNode value) { settings = value; return this; }
        public Builder tensors(int value) { tensors = value; return this; }
        public Builder dtypes(Map<String, Integer> value) { dtypes = value; return this; }
        public Builder parameters(long value) { parameters = value; return this; }
        public Builder weightNormSpelling(String value) { weightNormSpelling = value; return this; }
        public Builder files(List<FileEntry> value) { files = value; return this; }
        public Builder metadata(Map<String, String> value) { metadata = value; return this; }
        public Builder provenance(OutputProvenance value) { provenance = value; return this; }
        public Builder published(Published value) { published = value; return this; }

        /** The record; an unset count is a programming error, refused here. */
        public InspectReport build() {
            return new InspectReport(tool, given, label, location, format, container, variant, variantNote,
                    settingsFrom, settingsError, settings, Required.set(tensors, "InspectReport.Builder", "tensors"),
                    dtypes, Required.set(parameters, "InspectReport.Builder", "parameters"), weightNormSpelling, files,
                    metadata, provenance, published);
        }
    }
}
