package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.python.PyLiteral;
import dev.encodecparity.python.PyTuple;
import dev.encodecparity.python.PyValues;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: format version, element type, byte order, memory order and shape.
 *
 * <p>The layout (NEP 1): the magic {@code \x93NUMPY}, two version bytes, the header length (2 bytes little-endian in
 * version 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal (Latin-1, or UTF-8 in 3.0) padded with spaces and
 * a newline so that the data starts at a multiple of 64 bytes.
 *
 * @param length the bytes before the data: magic, version, length field and the padded dict
 */
record NpyHeader(int major, int minor, DType dtype, ByteOrder byteOrder, boolean fortranOrder, long[] shape,
                 long length) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    // numpy.save adds room for the first axis to grow to 21 digits, so that appending to a file never moves its data.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    // numpy refuses headers over 10000 bytes unless told otherwise; we allow more but keep a hostile length bounded.
    private static final int MAX_DICT_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String SUPPORTED = "<f4, <f8, <i8, <i4, |b1, |u1 (or '>' big-endian)";

    /** The number of elements; the reader has checked that it fits a Java array. */
    int elementCount() {
        return (int) Shapes.javaArrayLength(shape);
    }

    long dataBytes() {
        return (long) elementCount() * dtype.size();
    }

    /**
     * Reads and checks a header from the start of {@code in}.
     *
     * @param where prefixed to every reason, such as {@code "entry 'x.npy': "} inside an npz, or empty
     */
    static NpyHeader read(InputStream in, Path file, String where) throws IOException {
        byte[] prefix = new byte[MAGIC.length + 2];
        int got = in.readNBytes(prefix, 0, prefix.length);
        for (int i = 0; i < Math.min(got, MAGIC.length); i++) {
            if (prefix[i] != MAGIC[i]) {
                throw bad(file, where, "not a .npy file (it does not start with the NumPy magic \\x93NUMPY)");
            }
        }
        if (got < prefix.length) {
            throw bad(file, where, "truncated .npy header (" + got + " bytes)");
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        int lengthFieldBytes;
        if (major == 1 && minor == 0) {
            lengthFieldBytes = 2;
        } else if ((major == 2 || major == 3) && minor == 0) {
            lengthFieldBytes = 4;
        } else {
            throw bad(file, where, "unsupported .npy format version " + major + "." + minor
                    + "; expected 1.0, 2.0 or 3.0");
        }
        byte[] lengthField = in.readNBytes(lengthFieldBytes);
        if (lengthField.length < lengthFieldBytes) {
            throw bad(file, where, "truncated .npy header (no header length)");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long dictLength = lengthFieldBytes == 2 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        if (dictLength > MAX_DICT_BYTES) {
            throw bad(file, where, "header length " + dictLength + " is absurd (more than " + MAX_DICT_BYTES + ")");
        }
        byte[] dictBytes = in.readNBytes((int) dictLength);
        if (dictBytes.length < dictLength) {
            throw bad(file, where, "truncated .npy header (header says " + dictLength + " bytes, " + dictBytes.length
                    + " present)");
        }
        String dict = decode(dictBytes, major == 3, file, where);
        Object parsed;
        try {
            parsed = PyLiteral.parse(dict);
        } catch (PyLiteral.SyntaxException e) {
            throw bad(file, where, "header is not a Python literal: " + e.getMessage());
        }
        long length = MAGIC.length + 2 + lengthFieldBytes + dictLength;
        return fromDict(parsed, major, minor, length, file, where);
    }

    private static String decode(byte[] bytes, boolean utf8, Path file, String where) {
        if (!utf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(file, where, "version 3.0 header is not valid UTF-8");
        }
    }

    private static NpyHeader fromDict(Object parsed, int major, int minor, long length, Path file, String where) {
        if (!(parsed instanceof Map)) {
            throw bad(file, where, "header is not a Python dict");
        }
        Map<?, ?> d = (Map<?, ?>) parsed;
        if (!d.keySet().equals(KEYS)) {
            throw bad(file, where, "header has keys " + show(List.copyOf(d.keySet()))
                    + "; expected exactly descr, fortran_order, shape");
        }
        Object descr = d.get("descr");
        if (!(descr instanceof String)) {
            throw bad(file, where, "unsupported dtype " + show(descr) + " (a structured or non-string descr); expected "
                    + SUPPORTED);
        }
        String descrText = (String) descr;
        ByteOrder order = byteOrder(descrText);
        DType dtype = descrText.length() < 2 ? null : DType.fromNumpyKindAndSize(descrText.substring(1))
                .filter(NdArray.TYPES::contains).orElse(null);
        if (dtype == null || order == null || (descrText.charAt(0) == '|' && dtype.size() != 1)) {
            throw bad(file, where, "unsupported dtype " + show(descrText) + "; expected " + SUPPORTED);
        }
        Object fortran = d.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw bad(file, where, "fortran_order is " + show(fortran) + ", not True or False");
        }
        long[] shape = shape(d.get("shape"), file, where);
        return new NpyHeader(major, minor, dtype, order, (Boolean) fortran, shape, length);
    }

    private static ByteOrder byteOrder(String descr) {
        if (descr.isEmpty()) {
            return null;
        }
        switch (descr.charAt(0)) {
            case '<':
            case '|': // "not applicable": only for one-byte types, checked by the caller
                return ByteOrder.LITTLE_ENDIAN;
            case '>':
                return ByteOrder.BIG_ENDIAN;
            default:
                return null;
        }
    }

    private static long[] shape(Object value, Path file, String where) {
        if (!(value instanceof PyTuple items)) {
            throw bad(file, where, "shape is " + show(value) + ", not a tuple of ints");
        }
        long[] shape = new long[items.size()];
        BigInteger count = BigInteger.ONE;
        for (int i = 0; i < shape.length; i++) {
            Object item = items.get(i);
            if (!(item instanceof BigInteger)) {
                throw bad(file, where, "shape has " + show(item) + " at axis " + i + ", not an int");
            }
            BigInteger axis = (BigInteger) item;
            if (axis.signum() < 0) {
                throw bad(file, where, "shape has a negative axis (" + axis + ")");
            }
            if (axis.bitLength() > 62) {
                throw bad(file, where, "shape axis " + axis + " is absurd");
            }
            shape[i] = axis.longValueExact();
            count = count.multiply(axis);
        }
        if (count.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw bad(file, where, "shape " + Shapes.pythonTuple(shape) + " holds " + count
                    + " elements; a Java array holds at most " + Integer.MAX_VALUE);
        }
        return shape;
    }

    /**
     * The header {@code numpy.save} writes for a C-order little-endian array: format 1.0 unless the dict is too long
     * for its 2-byte length (then 2.0), the same dict text, the same spare room and the same padding.
     */
    static byte[] format(DType dtype, long[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(dtype.numpyDescr()).append("', 'fortran_order': False, 'shape': ")
                .append(Shapes.pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        int textLength = dict.length() + 1; // the newline
        int major = 1;
        int lengthFieldBytes = 2;
        int pad = ALIGN - (MAGIC.length + 2 + lengthFieldBytes + textLength) % ALIGN;
        if (textLength + pad > 0xFFFF) {
            major = 2;
            lengthFieldBytes = 4;
            pad = ALIGN - (MAGIC.length + 2 + lengthFieldBytes + textLength) % ALIGN;
        }
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + lengthFieldBytes + text.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (lengthFieldBytes == 2) {
            out.putShort((short) text.length);
        } else {
            out.putInt(text.length);
        }
        return out.put(text).array();
    }

    /** A parsed value for a one-line message: as Python writes it, escaped, and shortened. */
    private static String show(Object value) {
        String repr = PyValues.repr(value);
        return repr.length() > 80 ? repr.substring(0, 77) + "..." : repr;
    }

    static BadInputException bad(Path file, String where, String reason) {
        return new BadInputException(file, where + reason);
    }
}
