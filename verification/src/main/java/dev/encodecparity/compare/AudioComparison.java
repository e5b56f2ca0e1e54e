package dev.encodecparity.compare;

/**
 * Two reconstructions compared sample by sample: maximum absolute error, the largest relative to the reference's peak,
 * and the signal-to-noise ratio of the difference.
 *
 * @param samples compared per channel (the shorter length when they differ)
 * @param lengthsDiffer true when the two have different lengths or channel counts
 */
public record AudioComparison(int samples, boolean lengthsDiffer, double maxAbsError, double rmsError,
        double referencePeak, double snrDb) {

    public static AudioComparison of(float[][] reference, float[][] actual) {
        boolean differ = reference.length != actual.length
                || (reference.length > 0 && reference[0].length != actual[0].length);
        int channels = Math.min(reference.length, actual.length);
        int n = channels == 0 ? 0 : Math.min(reference[0].length, actual[0].length);
        double maxAbs = 0;
        double errEnergy = 0;
        double sigEnergy = 0;
        double peak = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                double r = reference[c][i];
                double d = (double) actual[c][i] - r;
                maxAbs = Math.max(maxAbs, Math.abs(d));
                errEnergy += d * d;
                sigEnergy += r * r;
                peak = Math.max(peak, Math.abs(r));
            }
        }
        long count = (long) channels * n;
        double snr = errEnergy == 0 ? Double.POSITIVE_INFINITY
                : sigEnergy == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sigEnergy / errEnergy);
        return new AudioComparison(n, differ, maxAbs, count == 0 ? 0 : Math.sqrt(errEnergy / count), peak, snr);
    }

    /** Same shape, and every sample within {@code atol + rtol * |reference|} (numpy's allclose rule, per sample). */
    public static boolean allClose(float[][] reference, float[][] actual, double atol, double rtol) {
        if (reference.length != actual.length) {
            return false;
        }
        for (int c = 0; c < reference.length; c++) {
            if (reference[c].length != actual[c].length) {
                return false;
            }
            for (int i = 0; i < reference[c].length; i++) {
                double r = reference[c][i];
                if (!(Math.abs((double) actual[c][i] - r) <= atol + rtol * Math.abs(r))) {
                    return false;
                }
            }
        }
        return true;
    }
}
