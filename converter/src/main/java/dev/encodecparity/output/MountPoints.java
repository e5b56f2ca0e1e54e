package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a mount point: a rename cannot replace one (EBUSY), nor cross into it (EXDEV), so an output whose path is a
 * mounted folder (a container's bind-mounted output folder, say) is written inside it instead, and a mounted file
 * is written through.
 */
final class MountPoints {
    private MountPoints() {
    }

    /** True when {@code p} (a real path, links resolved) is on another device than its folder, or is the root. */
    static boolean isMountPoint(Path p) {
        Path parent = p.getParent();
        if (parent == null) {
            return true;
        }
        try {
            return !Files.getAttribute(p, "unix:dev").equals(Files.getAttribute(parent, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix attributes: not Linux; renames say so if they fail
        }
    }
}
