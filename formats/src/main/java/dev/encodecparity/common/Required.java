package dev.encodecparity.common;

/**
 * The one check every builder makes when it builds: a number or flag left unset would otherwise become a silent 0 or
 * false in a record, so it is refused by name. A programming error, not bad input.
 */
public final class Required {
    private Required() {
    }

    /**
     * @param owner what is being built, named in the message ({@code "OriginalSettings.Builder"}), or null
     * @return {@code value}, never null
     */
    public static <T> T set(T value, String owner, String field) {
        if (value == null) {
            throw new IllegalStateException((owner == null ? "" : owner + ": ") + field + " was not set");
        }
        return value;
    }
}
