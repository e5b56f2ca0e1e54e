"""The original code's save_audio (encodec/utils.py), for the 16-bit WAV writer's cross-check (Pcm16WavWriterTest).

Runs under Debian's python3 with python3-torchaudio 0.13.1 (the sox backend the original code used). Reads a float32
.npy [channels, samples] and writes it as the original `encodec` command writes decoded audio.

Usage: /usr/bin/python3 testdata/scripts/torchaudio_save_audio.py IN.npy RATE RESCALE(0|1) OUT.wav
"""

import sys

import numpy as np
import torch
import torchaudio


def save_audio(wav, path, sample_rate, rescale=False):
    """encodec/utils.py save_audio, line for line."""
    limit = 0.99
    mx = wav.abs().max()
    if rescale:
        wav = wav * min(limit / mx, 1)
    else:
        wav = wav.clamp(-limit, limit)
    torchaudio.save(str(path), wav, sample_rate=sample_rate, encoding='PCM_S', bits_per_sample=16)


def main():
    src, rate, rescale, out = sys.argv[1:5]
    save_audio(torch.from_numpy(np.load(src)), out, int(rate), rescale == "1")


if __name__ == "__main__":
    main()
