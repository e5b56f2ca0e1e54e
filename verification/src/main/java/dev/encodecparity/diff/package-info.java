/**
 * The {@code diff} command's comparison: two models (converted folders, hub repos, original checkpoints converted in
 * memory) compared tensor by tensor, config field by config field, with their safetensors metadata and the files'
 * bytes, so a release engineer can tell whether a conversion is the published one.
 */
package dev.encodecparity.diff;
