"""What the original code's convert_audio gives: torchaudio.transforms.Resample(sr, target_sr) with its defaults,
channels first (mean to mono, mono repeated to stereo), for the resampler cross-check (ResamplerTest).

Runs under Debian's python3 with python3-torchaudio (0.13.1, the version the original code was used with), not the
project's .venv. Reads a float32 .npy [channels, samples], or a 16- or 24-bit PCM .wav (such as `flac -d` writes,
read here with Python's wave module and scaled as torchaudio's loader scales it: by 2^15 or 2^23), and writes the
converted audio as float32 .npy. SR is ignored for a .wav (its header says it).

Usage: /usr/bin/python3 testdata/scripts/torchaudio_resample.py IN.npy|IN.wav SR TARGET_SR TARGET_CHANNELS OUT.npy
"""

import struct
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


def read_pcm_wav(path):
    """A PCM .wav (plain or WAVE_FORMAT_EXTENSIBLE, which flac -d writes for 24 bits) as float32 [channels, samples]
    and its rate, by the plain integer scaling. Python's wave module reads no extensible files, hence the RIFF walk."""
    data = open(path, "rb").read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SystemExit(f"{path}: not a WAV file")
    pos, fmt, samples = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
        elif cid == b"data":
            samples = data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)
    _, channels, rate, _, _, bits = fmt
    width = bits // 8
    if width not in (2, 3):
        raise SystemExit(f"{path}: {bits}-bit samples; 16 or 24 expected")
    b = np.frombuffer(samples, dtype=np.uint8).reshape(-1, width).astype(np.int32)
    ints = b[:, 0] | (b[:, 1] << 8) if width == 2 else b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
    top = 1 << (bits - 1)
    ints = np.where(ints >= top, ints - 2 * top, ints)
    return (ints.astype(np.float64) / top).astype(np.float32).reshape(-1, channels).T.copy(), rate


def main():
    src, sr, target_sr, target_channels, out = sys.argv[1:6]
    torch.set_num_threads(1)
    if src.endswith(".wav"):
        samples, rate = read_pcm_wav(src)
        wav, sr = torch.from_numpy(samples), rate
    else:
        wav = torch.from_numpy(np.load(src))
    y = convert_audio(wav, int(sr), int(target_sr), int(target_channels))
    np.save(out, y.numpy().astype(np.float32))
    print(torchaudio.__version__, tuple(y.shape))


if __name__ == "__main__":
    main()
