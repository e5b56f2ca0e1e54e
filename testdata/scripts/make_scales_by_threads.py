"""A chunking model's per-chunk scales as transformers' EncodecModel computes them, at 1 to 4 torch threads.

The scale of a chunk is 1e-8 + sqrt(mean_t(mono^2)), one sum over the chunk's samples. How torch splits that sum
between its threads depends on the thread count, so the last bit of a scale does too (the bundled long clip's second
chunk: 0.052327774 at 1 thread, 0.052327778 at 2). The engine must give the original's bits at the same thread count,
whatever it batches; ChunkScaleTest checks it against this file.

Writes scales/tiny_48khz_by_threads.npz: "<clip-stem>.threads<t>" float32 [chunks], for every 48 kHz clip in audio/.

Usage (repo root): .venv/bin/python testdata/scripts/make_scales_by_threads.py
"""

import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_goldens as G  # noqa: E402
from make_audio import read_wav  # noqa: E402

THREADS = (1, 2, 3, 4)


def main():
    with open(os.path.join(G.TESTDATA, "configs", "tiny_48khz.json")) as f:
        cfg = json.load(f)
    model = G.load_model(cfg, os.path.join(G.TESTDATA, "checkpoints", "tiny_48khz.th"))
    bandwidth = cfg["target_bandwidths"][0]
    out = {}
    for clip in G.clip_files(cfg):
        x, _ = read_wav(clip)
        stem = os.path.basename(clip)[: -len(".wav")]
        for t in THREADS:
            torch.set_num_threads(t)
            with torch.inference_mode():
                enc = model.encode(torch.from_numpy(x)[None], bandwidth=bandwidth)
            out[f"{stem}.threads{t}"] = np.array([float(s) for s in enc.audio_scales], np.float32)
        differing = [t for t in THREADS if not np.array_equal(out[f"{stem}.threads{t}"], out[f"{stem}.threads1"])]
        print(stem, out[f"{stem}.threads1"].size, "chunks; thread counts whose scales differ from 1 thread:", differing)
    path = os.path.join(G.TESTDATA, "scales", "tiny_48khz_by_threads.npz")
    np.savez(path, **out)
    print("wrote", os.path.relpath(path, G.TESTDATA), "with torch", torch.__version__)


if __name__ == "__main__":
    main()
