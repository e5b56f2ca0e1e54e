package dev.encodecparity.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The .npy header's literals come back in the same model as a pickle's values; expected values written by hand. */
class PyLiteralTest {
    @Test
    void aHeaderDictInTheSharedModel() throws PyLiteral.SyntaxException {
        Object v = PyLiteral.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': None, 'l': [1]}");
        PyDict d = assertInstanceOf(PyDict.class, v);
        assertEquals("<f4", d.get("descr"));
        assertEquals(Boolean.FALSE, d.get("fortran_order"));
        assertEquals(PyTuple.of(BigInteger.TWO, BigInteger.valueOf(3)), d.get("shape"));
        assertNull(d.get("x"));
        assertEquals(true, d.containsKey("x"));
        assertEquals(List.of(BigInteger.ONE), d.get("l"));
        assertEquals(BigInteger.valueOf(5), PyLiteral.parse("(5)"), "(5) is an int, (5,) a tuple");
        assertEquals(PyTuple.of(BigInteger.valueOf(5)), PyLiteral.parse("(5,)"));
    }

    @Test
    void aKeyTwiceIsRefusedEvenWhenItsFirstValueIsNone() {
        assertEquals("key 'a' appears twice at character 18", assertThrows(PyLiteral.SyntaxException.class,
                () -> PyLiteral.parse("{'a': None, 'a': 1}")).getMessage());
    }

    @Test
    void valuesAreSaidAsPythonWritesThem() {
        assertEquals("None", PyValues.repr(null));
        assertEquals("(5,)", PyValues.repr(PyTuple.of(5L)));
        assertEquals("('a\\'b', True, [])", PyValues.repr(PyTuple.of("a'b", true, List.of())));
        assertEquals("'\\x0a'", PyValues.repr("\n"));
        assertEquals("tuple of 2", PyValues.describe(PyTuple.of(1L, 2L)));
        assertEquals("an int", PyValues.describeWithArticle(7L));
        assertEquals("None", PyValues.describe(null));
    }
}
