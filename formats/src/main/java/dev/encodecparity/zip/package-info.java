/**
 * The one zip reader and the one zip writer, for every zip the tool reads or writes: torch checkpoints and
 * {@code .npz} files. Each format keeps only its own rules on top (torch: a {@code <root>/data.pkl} and 64-byte
 * aligned stored storages; npz: {@code <name>.npy} entries).
 *
 * <p>{@link dev.encodecparity.zip.ZipDirectory} reads the central directory by hand, because a torch reader needs
 * what {@code java.util.zip} hides (where each entry's bytes start, to stream a tensor from the file), and checks
 * every offset and size against the file. {@link dev.encodecparity.zip.ZipWriter} writes stored entries with a fixed
 * time in one of two {@link dev.encodecparity.zip.ZipWriter.Style}s, each byte for byte what that format's files have
 * always been.
 */
package dev.encodecparity.zip;
