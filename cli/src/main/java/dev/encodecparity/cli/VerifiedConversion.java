package dev.encodecparity.cli;

import dev.encodecparity.convert.ConvertedFolder;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.TempFolder;
import dev.encodecparity.report.ModelCard;
import dev.encodecparity.verify.RowSelection;
import dev.encodecparity.verify.Verification;
import dev.encodecparity.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code convert --verify}: converts into a temporary folder, verifies the conversion against its source (the bundled
 * clips, or {@code --audio}), and publishes the folder, with its model card unless {@code --no-model-card}, only when
 * the verification passes. A conversion that does not pass is never published; the table says why.
 */
final class VerifiedConversion {
    private VerifiedConversion() {
    }

    /**
     * @param destination the checked --out
     * @param options the conversion's options
     * @param card whether to write the model card
     */
    static int run(Path checkpoint, String model, Path config, Destination destination, Converter.Options options,
            List<Path> audio, EngineOptions engine, boolean card, PrintWriter out, PrintWriter err)
            throws java.io.IOException {
        engine.checkThreads();
        try (TempFolder temp = TempFolder.create("convert")) {
            Path staged = temp.path().resolve("converted");
            Converter.Result r = Converter.toTransformers(checkpoint, model, config, staged, false, options);
            out.printf("converted %s (%s) into a temporary folder; verifying before publishing%n", checkpoint,
                    r.sourceFormat());
            VerifyReport v = Verification.run(new Verification.Options(checkpoint, model, config, staged, audio,
                    List.of(), List.of(), 1e-5, RowSelection.ALL, null, false, false, 1), engine.computeDevice(err),
                    out::println);
            VerifyCommand.print(v, out);
            if (!v.passed()) {
                out.println("not published: the conversion did not pass its verification (" + destination.given()
                        + " is unchanged)");
                out.flush();
                return ExitCode.CHECK_FAILED;
            }
            String weightNorm = options.parametrizedWeightNorm() ? "parametrized" : "legacy";
            destination.publish(staging -> {
                Files.createDirectory(staging);
                for (String f : List.of(TransformersFolder.WEIGHTS, TransformersFolder.CONFIG,
                        TransformersFolder.PREPROCESSOR)) {
                    Files.copy(staged.resolve(f), staging.resolve(f));
                }
                if (card) {
                    Files.writeString(staging.resolve(ConvertedFolder.MODEL_CARD),
                            ModelCard.render(r, checkpoint.getFileName().toString(), weightNorm, v));
                }
            });
            out.printf("  model:    %s (settings from %s)%n", r.variant(), r.settingsFrom());
            out.printf("  sha256:   %s (source)%n", r.sourceSha256());
            out.printf("  wrote:    %s%s, verified%n", destination.given(), card ? " with its model card" : "");
            out.flush();
            return ExitCode.OK;
        }
    }
}
