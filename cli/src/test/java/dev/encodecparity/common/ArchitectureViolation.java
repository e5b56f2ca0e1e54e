package dev.encodecparity.common;

/**
 * Breaks three house rules on purpose, for ArchitectureTest's check that its rules are not blind: a formats class
 * that reaches up to the command line and into DJL. Lives in the tests only; the product is imported without it.
 */
public final class ArchitectureViolation {
    private ArchitectureViolation() {
    }

    static String upward() {
        return dev.encodecparity.cli.Main.class.getName() + ai.djl.ndarray.NDManager.class.getName();
    }
}
