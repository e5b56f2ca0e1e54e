package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells a mount point: a rename cannot replace one (EBUSY), nor cross into it (EXDEV), so an output whose path is a
 * mounted folder (a container's bind-mounted output folder, say) is written inside it instead, and a mounted file
 * is written through.
 */
final class MountPoints {
    private static final Path MOUNTS = Path.of("/proc/self/mounts");

    private MountPoints() {
    }

    /**
     * True when {@code p} (a real path, links resolved) is the root, is on another device than its folder, or is
     * listed in /proc/self/mounts (a bind mount from the same file system has its folder's device).
     */
    static boolean isMountPoint(Path p) {
        Path parent = p.getParent();
        if (parent == null) {
            return true;
        }
        try {
            if (!Files.getAttribute(p, "unix:dev").equals(Files.getAttribute(parent, "unix:dev"))) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix attributes: not Linux; renames say so if they fail
        }
        return listed(p);
    }

    private static boolean listed(Path p) {
        try {
            List<String> lines = Files.readAllLines(MOUNTS);
            String want = p.toString();
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields.length > 1 && unescape(fields[1]).equals(want)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the device comparison above is all there is
        }
        return false;
    }

    /** The kernel writes space, tab, newline and backslash in mount paths as octal escapes ({@code \040}). */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
