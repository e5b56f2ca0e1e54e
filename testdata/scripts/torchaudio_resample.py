"""What the original code's convert_audio gives: torchaudio.transforms.Resample(sr, target_sr) with its defaults,
channels first (mean to mono, mono repeated to stereo), for the resampler cross-check (ResamplerTest).

Runs under Debian's python3 with python3-torchaudio (0.13.1, the version the original code was used with), not the
project's .venv. Reads a float32 .npy [channels, samples], writes the converted audio as float32 .npy.

Usage: /usr/bin/python3 testdata/scripts/torchaudio_resample.py IN.npy SR TARGET_SR TARGET_CHANNELS OUT.npy
"""

import sys

import numpy as np
import torch
import torchaudio


def convert_audio(wav, sr, target_sr, target_channels):
    """encodec/utils.py convert_audio, line for line."""
    assert wav.dim() >= 2, "Audio tensor must have at least 2 dimensions"
    assert wav.shape[-2] in [1, 2], "Audio must be mono or stereo."
    *shape, channels, length = wav.shape
    if target_channels == 1:
        wav = wav.mean(-2, keepdim=True)
    elif target_channels == 2:
        wav = wav.expand(*shape, target_channels, length)
    elif channels == 1:
        wav = wav.expand(target_channels, -1)
    else:
        raise RuntimeError(f"Impossible to convert from {channels} to {target_channels}")
    wav = torchaudio.transforms.Resample(sr, target_sr)(wav)
    return wav


def main():
    src, sr, target_sr, target_channels, out = sys.argv[1:6]
    torch.set_num_threads(1)
    wav = torch.from_numpy(np.load(src))
    y = convert_audio(wav, int(sr), int(target_sr), int(target_channels))
    np.save(out, y.numpy().astype(np.float32))
    print(torchaudio.__version__, tuple(y.shape))


if __name__ == "__main__":
    main()
