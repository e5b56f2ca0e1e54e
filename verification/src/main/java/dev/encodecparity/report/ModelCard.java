package dev.encodecparity.report;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.verify.VerifyReport;
import java.util.Locale;

/**
 * The {@code README.md} a verified conversion ({@code convert --verify}) puts into its folder: the front matter the
 * Hugging Face hub and transformers users expect (library, tags), where the weights come from, and the verification
 * that was passed before the folder was published. Marked as this tool's, so {@code --force} may replace it.
 */
public final class ModelCard {
    /** The line that marks a card as this tool's (a Markdown comment a reader never sees). */
    public static final String MARK = dev.encodecparity.convert.ConvertedFolder.CARD_MARK;

    private ModelCard() {
    }

    /**
     * @param r what the conversion did
     * @param source the source's file name
     * @param weightNorm "legacy" or "parametrized"
     * @param v the verification that passed
     */
    public static String render(Converter.Result r, String source, String weightNorm, VerifyReport v) {
        StringBuilder md = new StringBuilder();
        md.append("---\nlibrary_name: transformers\ninference: false\ntags:\n- encodec\n- audio\n- audio-codec\n")
                .append("- ").append(ToolInfo.NAME).append("\n---\n").append(MARK).append("\n\n");
        md.append("# ").append(r.variant()).append(" (EnCodec, transformers layout)\n\n");
        md.append("Converted from the original checkpoint `").append(source).append("` by ")
                .append(ToolInfo.nameAndVersion()).append(" (commit ").append(ToolInfo.COMMIT)
                .append("), and verified against it before it was published. Load it with `EncodecModel`")
                .append(" and `AutoProcessor` from `transformers`.\n\n");
        md.append("## Provenance\n\n| | |\n|---|---|\n");
        row(md, "source file", "`" + source + "`");
        row(md, "source SHA-256", "`" + r.sourceSha256() + "`");
        row(md, "source format", r.sourceFormat());
        row(md, "settings", r.variant() + ", from " + r.settingsFrom());
        row(md, "tensors", r.tensors() + String.format(Locale.ROOT, " (%.1f MB), every one mapped, none unused,"
                + " every shape checked", r.bytes() / 1e6));
        row(md, "weight norm", weightNorm.equals("parametrized") ? "`parametrizations.weight.original0/1`"
                : "`weight_g` / `weight_v`");
        row(md, "dtypes", "kept as in the source");
        md.append("\n## Verification\n\n");
        long failed = v.rows().stream().filter(x -> !x.verdict().passed()).count();
        md.append(String.format(Locale.ROOT, "**%s**: %d of %d rows pass (codes identical, audio within atol %s),"
                + " on %s.%n%n", v.verdict().headline(), v.rows().size() - failed, v.rows().size(),
                RunSummary.number(v.atol()), v.engine().summary()));
        md.append("| clip | kbps | codebooks | codes equal | max abs error |\n|---|---|---|---|---|\n");
        for (VerifyReport.Row row : v.rows()) {
            md.append("| ").append(row.clip()).append(" | ").append(RunSummary.number(row.bandwidth())).append(" | ")
                    .append(row.codebooks()).append(" | ").append(row.codesEqual() ? "yes" : "no").append(" | ")
                    .append(RunSummary.number(row.maxAbsError())).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }
}
