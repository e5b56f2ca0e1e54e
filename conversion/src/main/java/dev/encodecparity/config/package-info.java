/**
 * Model settings in both worlds: {@link dev.encodecparity.config.OriginalSettings} (presets as data, or an audiocraft
 * {@code xp.cfg}), {@link dev.encodecparity.config.EncodecConfig} (a transformers config.json), the translation
 * between them, and recognising a preset from a checkpoint's tensors.
 */
package dev.encodecparity.config;
