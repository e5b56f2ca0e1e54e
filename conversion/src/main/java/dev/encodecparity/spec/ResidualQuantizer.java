package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;

/** The residual vector quantizer: {@code nQ} codebooks, applied in order to what the previous ones left. */
public record ResidualQuantizer(List<Codebook> codebooks) {
    public ResidualQuantizer {
        codebooks = List.copyOf(codebooks);
    }

    public static ResidualQuantizer of(Architecture a) {
        List<Codebook> books = new ArrayList<>();
        for (int q = 0; q < a.nQ(); q++) {
            books.add(new Codebook(q, a.bins(), a.dimension()));
        }
        return new ResidualQuantizer(books);
    }
}
