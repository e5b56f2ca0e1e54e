/**
 * Reading original EnCodec checkpoints without running pickle code: torch's zip and legacy formats, a restricted
 * unpickler with an allow-list of data-only names, and tensors that point into the file.
 *
 * <p>Entry point: {@link dev.encodecparity.checkpoint.Checkpoint#open}.
 */
package dev.encodecparity.checkpoint;
