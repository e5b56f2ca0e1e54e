"""Codes of one or more builds of this project against the original code, clip by clip, at the highest bandwidth.

For a change that alters the arithmetic of the encoder (another convolution form, another kernel): each build's
`encodec-parity encode` and the original `EncodecModel` (full-size weights of benchmarks/fullsize.sh, 2 threads)
encode the same clips; prints and writes (--out) how many codes and frames differ per clip and build, and for a
chunking model (encodec_48khz) how many chunks' scales differ in any bit.

  .venv/bin/python benchmarks/codes_vs_original.py --encodec-src /tmp/encodec-original \\
      --corpus /tmp/corpus12 --out results/codes.json /work/wt-base .
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import side_by_side_workers as W  # noqa: E402

AUDIO = os.path.join(W.ROOT, "testdata", "audio")
RATES = {"encodec_24khz": "24000hz_1ch", "encodec_48khz": "48000hz_2ch", "encodec_32khz": "32000hz_1ch"}


def clips(preset, corpus):
    own = [os.path.join(AUDIO, f"{k}_{RATES[preset]}.wav") for k in ("speech", "music", "noise", "odd", "long")]
    if corpus and preset == "encodec_24khz":
        own += sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".wav"))
    return own


def ours(build, preset, bandwidth, clip, out):
    ckpt = os.path.join(W.ROOT, "target", "fullsize", preset, preset + ".th")
    subprocess.run([os.path.join(build, "encodec-parity"), "encode", "--checkpoint", ckpt, "--model", preset,
                    "--bandwidth", str(bandwidth), "--audio", clip, "--out", out, "--force", "--threads", "2"],
                   check=True, capture_output=True)
    z = np.load(out)
    codes = [z[f"codes_{i}"] for i in range(len([k for k in z.files if k.startswith("codes_")]))]
    return codes, (z["scales"] if "scales" in z.files else None)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--encodec-src", required=True)
    a.add_argument("--corpus", help="a folder of encodec_24khz WAV clips (benchmarks/corpus-lib.sh makes them)")
    a.add_argument("--presets", nargs="+", choices=list(RATES), default=list(RATES))
    a.add_argument("--out")
    a.add_argument("builds", nargs="+", help="checkouts of this project, built")
    args = a.parse_args()
    torch.set_num_threads(2)
    report = {}
    with tempfile.TemporaryDirectory() as tmp:  # each build's codes and their .json, removed at the end
        compare(args, tmp, report)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"torch": torch.__version__, "clips": report}, f, indent=1)


def compare(args, tmp, report):
    """Each preset's clips: the original's codes, then each build's, into `report`."""
    for preset in args.presets:
        model, cfg, _ = W.load_original(args.encodec_src, preset)
        bandwidth = cfg["target_bandwidths"][-1]
        for clip in clips(preset, args.corpus):
            x = torch.from_numpy(W.read_wav(clip))[None]
            with torch.inference_mode():
                frames = model.encode(x)
            ref = [c[0].numpy() for c, _ in frames]  # per chunk [K, T]
            ref_scales = None if frames[0][1] is None else np.array([float(s) for _, s in frames], np.float32)
            row = {"seconds": round(x.shape[-1] / cfg["sampling_rate"], 2), "codes": int(sum(r.size for r in ref))}
            for build in args.builds:
                got, scales = ours(build, preset, bandwidth, clip, os.path.join(tmp, "codes.npz"))
                same_shape = len(got) == len(ref) and all(g.shape == r.shape for g, r in zip(got, ref))
                row[build] = {
                    "codes_differing": sum(int((g != r).sum()) for g, r in zip(got, ref)) if same_shape else None,
                    "frames_differing": sum(int((g != r).any(axis=0).sum()) for g, r in zip(got, ref))
                    if same_shape else None}
                if ref_scales is not None:  # a chunking model's per-chunk scales, compared bit for bit
                    row[build]["scales_differing"] = int((scales != ref_scales).sum()) \
                        if scales is not None and scales.shape == ref_scales.shape else None
            report[f"{preset} {os.path.basename(clip)}"] = row
            print(preset, os.path.basename(clip), json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
