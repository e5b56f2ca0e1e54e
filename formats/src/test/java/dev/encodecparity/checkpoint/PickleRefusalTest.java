package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rarer pickle refusals, each from a hand-written pickle: opcodes that build arbitrary objects or reach outside
 * the data (copyreg, out-of-band buffers, text persistent ids, BUILD on a list), and protocols no Python writes.
 * Each is a one-line {@link BadInputException} naming the file and the byte; nothing is run.
 */
class PickleRefusalTest {
    private static final Path FILE = Path.of("hostile.pkl");

    static Stream<Arguments> pickles() {
        return Stream.of(
                Arguments.of("INST", "(ios\nsystem\n.", "pickle opcode 'INST' builds an arbitrary object; refused"),
                Arguments.of("OBJ", "(o.", "pickle opcode 'OBJ' builds an arbitrary object; refused"),
                Arguments.of("NEWOBJ_EX", "\u0080\u0004\u0092.", "builds an arbitrary object; refused"),
                Arguments.of("EXT1", "\u0080\u0002\u0082\u0001.",
                        "pickle uses the copyreg extension registry; refused"),
                Arguments.of("NEXT_BUFFER", "\u0080\u0005\u0097.", "pickle uses out-of-band buffers; refused"),
                Arguments.of("text PERSID", "Pstorage\n.", "text persistent id 'storage' is not a torch storage"),
                Arguments.of("BUILD on a list", "]}b.", "BUILD (set state) on list of 0 is not allowed"),
                Arguments.of("protocol 6", "\u0080\u0006N.", "pickle protocol 6 is newer than any Python writes"),
                Arguments.of("unknown opcode", "\u00ff", "not a pickle: unknown opcode 0xff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pickles")
    void refused(String name, String pickle, String expected) {
        ByteBuffer bytes = ByteBuffer.wrap(pickle.getBytes(StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Unpickler.load(ByteReader.of(FILE, bytes), pid -> null));
        assertTrue(e.getMessage().startsWith("hostile.pkl: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
