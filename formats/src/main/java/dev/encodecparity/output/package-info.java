/**
 * Everything the tool writes goes through here, under one rule: checked before any work ({@link
 * dev.encodecparity.output.Outputs#destination}), never over, around or inside an input, {@code --force} only over a
 * previous output of the same kind ({@link dev.encodecparity.output.OutputKind}), and published whole or not at all
 * ({@link dev.encodecparity.output.Staged}). docs/reliability.md ("Outputs") says what concurrency, kills and signals
 * leave.
 */
package dev.encodecparity.output;
