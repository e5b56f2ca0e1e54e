package dev.encodecparity.config;

/** Python's float arithmetic where Java's differs, so derived sizes come out exactly as the Python code gets them. */
final class PythonMath {
    private PythonMath() {
    }

    /** Python's {@code a // b} for floats (CPython's float_floor_div: fmod, then correct to the floor). */
    static double floorDiv(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1.0;
        }
        return div == 0 ? Math.copySign(0.0, a / b) : floor;
    }
}
