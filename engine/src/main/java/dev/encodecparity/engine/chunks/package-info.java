/**
 * How a clip's samples travel through the model, as plain arithmetic with no tensors: where the original cuts a clip
 * into chunks ({@link dev.encodecparity.engine.chunks.ChunkPlan}), which chunks run together as one batch
 * ({@link dev.encodecparity.engine.chunks.Batches}), and how decoded chunks are joined again
 * ({@link dev.encodecparity.engine.chunks.OverlapAdd}). Kept apart from the engine so that each rule can be checked by
 * hand, without DJL.
 */
package dev.encodecparity.engine.chunks;
