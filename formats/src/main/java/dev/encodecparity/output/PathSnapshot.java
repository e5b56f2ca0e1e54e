package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What an existing output path held when it was checked: the identity (device and inode), size and modification
 * time of it and of everything under it, staging entries aside. After a new output is swapped in, the entry that
 * came out is compared with this: only the very thing that was checked (an empty folder, a recognised previous
 * output) may be removed; anything another process put there meanwhile is swapped back, untouched.
 */
record PathSnapshot(List<String> entries) {
    static PathSnapshot of(Path p) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted().toList()) {
                Path rel = p.relativize(x);
                if (rel.getNameCount() > 0 && Staging.isStagingName(rel.getName(0).toString())) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(x, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (rel.toString().isEmpty() && a.isDirectory()) {
                    // the folder itself: its time and size change when a run stages inside it (a mount point)
                    out.add("/ " + a.fileKey());
                    continue;
                }
                out.add(rel + " " + a.fileKey() + " " + a.size() + " " + a.lastModifiedTime().toMillis()
                        + (a.isDirectory() ? "/" : ""));
            }
        } catch (IOException | RuntimeException e) {
            out.add("unreadable: " + e);
        }
        return new PathSnapshot(List.copyOf(out));
    }

    /** True when {@code p} now holds what this snapshot saw (at another path, after a swap, the names still match). */
    boolean matches(Path p) {
        PathSnapshot now = of(p);
        if (entries.size() != now.entries.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!Objects.equals(entries.get(i), now.entries.get(i))) {
                return false;
            }
        }
        return true;
    }
}
