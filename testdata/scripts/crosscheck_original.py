"""Local-only cross-check of the layout and the goldens against the original EnCodec code.

Needs a checkout of facebookresearch/encodec (the `encodec/` package folder inside --encodec-src); it is
never needed by CI. The original package imports einops and torchaudio; neither is installed in the
project venv, so this script puts two stand-ins into sys.modules: an einops.rearrange/repeat for the
three reshapes the inference path uses, and an empty torchaudio (only used for file I/O helpers).

Checks:
1. encodec_model_24khz / encodec_model_48khz (pretrained=False): state_dict() names, order and shapes
   equal original_keys() of the presets.
2. For each tiny model, the original SEANet/RVQ/EncodecModel built from the config loads
   checkpoints/<m>.th with strict=True (same key order for the encodec family), and for every entry of
   goldens/<m>/manifest.json: original encode gives the same codes and scales as the golden, original
   decode gives the same length, and its samples are compared with the golden audio (max abs diff).

Usage (repo root): .venv/bin/python testdata/scripts/crosscheck_original.py --encodec-src /tmp/encodec-original
"""

import argparse
import json
import os
import sys
import types

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402
from make_audio import read_wav  # noqa: E402

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def install_stand_ins():
    def rearrange(x, pattern, **_):
        if pattern == "b d n -> b n d" or pattern == "b n d -> b d n":
            return x.permute(0, 2, 1)
        if pattern == "... d -> (...) d":
            return x.reshape(-1, x.shape[-1])
        raise NotImplementedError(f"einops stand-in: {pattern}")

    def repeat(*_, **__):
        raise NotImplementedError("einops stand-in: repeat is training-only")

    einops = types.ModuleType("einops")
    einops.rearrange, einops.repeat = rearrange, repeat
    sys.modules.setdefault("einops", einops)
    sys.modules.setdefault("torchaudio", types.ModuleType("torchaudio"))


def build_original(encodec, cfg):
    """Original EncodecModel with the config's hyper-parameters (spec 1.1 arguments)."""
    m, qt = encodec.modules, encodec.quantization
    common = dict(channels=L.get(cfg, "audio_channels"), dimension=L.get(cfg, "hidden_size"),
                  n_filters=L.get(cfg, "num_filters"), n_residual_layers=L.get(cfg, "num_residual_layers"),
                  ratios=list(L.get(cfg, "upsampling_ratios")), norm=L.get(cfg, "norm_type"),
                  kernel_size=L.get(cfg, "kernel_size"), last_kernel_size=L.get(cfg, "last_kernel_size"),
                  residual_kernel_size=L.get(cfg, "residual_kernel_size"),
                  dilation_base=L.get(cfg, "dilation_growth_rate"), causal=L.get(cfg, "use_causal_conv"),
                  pad_mode=L.get(cfg, "pad_mode"), true_skip=not L.get(cfg, "use_conv_shortcut"),
                  compress=L.get(cfg, "compress"), lstm=L.get(cfg, "num_lstm_layers"))
    encoder = m.SEANetEncoder(**common)
    decoder = m.SEANetDecoder(trim_right_ratio=L.get(cfg, "trim_right_ratio"), **common)
    quantizer = qt.ResidualVectorQuantizer(dimension=L.get(cfg, "hidden_size"), n_q=L.num_quantizers(cfg),
                                           bins=L.get(cfg, "codebook_size"))
    overlap = L.get(cfg, "overlap")
    return encodec.EncodecModel(encoder, decoder, quantizer, list(L.get(cfg, "target_bandwidths")),
                                L.get(cfg, "sampling_rate"), L.get(cfg, "audio_channels"),
                                normalize=L.get(cfg, "normalize"), segment=L.get(cfg, "chunk_length_s"),
                                overlap=0.01 if overlap is None else overlap).eval()


def check_presets(encodec):
    ok = True
    for name, factory in [("encodec_24khz", encodec.EncodecModel.encodec_model_24khz),
                          ("encodec_48khz", encodec.EncodecModel.encodec_model_48khz)]:
        got = [(k, list(v.shape)) for k, v in factory(pretrained=False).state_dict().items()]
        same = got == [(k, list(s)) for k, s in L.original_keys(L.PRESETS[name])]
        print(f"{name}: original state_dict() == original_keys(): {same} ({len(got)} keys)")
        ok &= same
    return ok


def check_tiny(encodec, name):
    with open(os.path.join(TESTDATA, "goldens", name, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(TESTDATA, manifest["config"])) as f:
        cfg = json.load(f)
    model = build_original(encodec, cfg)
    sd = L.unwrap_state_dict(torch.load(os.path.join(TESTDATA, manifest["checkpoint"]), weights_only=True))
    model.load_state_dict(sd, strict=True)
    order_ok = list(model.state_dict()) == list(sd) if L.family(cfg) == "encodec" else True
    ok, worst = order_ok, 0.0
    for e in manifest["entries"]:
        x, _ = read_wav(os.path.join(TESTDATA, e["clip"]))
        model.set_target_bandwidth(e["bandwidth"])
        with torch.inference_mode():
            frames = model.encode(torch.from_numpy(x)[None])
            audio = model.decode(frames)[0].numpy()
        golden = np.load(os.path.join(TESTDATA, "goldens", name, e["codes"]))
        codes_ok = len(frames) == e["n_chunks"] and all(
            np.array_equal(c[0].numpy(), golden[f"codes_{i}"]) for i, (c, _) in enumerate(frames))
        if L.get(cfg, "normalize"):
            scales = np.array([s.item() for _, s in frames], dtype=np.float32)
            codes_ok &= np.array_equal(scales, golden["scales"])
        ref = np.load(os.path.join(TESTDATA, "goldens", name, e["audio"]))
        len_ok = audio.shape == ref.shape
        diff = float(np.abs(audio - ref).max()) if len_ok else float("inf")
        worst = max(worst, diff)
        if not (codes_ok and len_ok):
            print(f"  MISMATCH {e['codes']}: codes {codes_ok}, length {audio.shape} vs {ref.shape}")
        ok &= codes_ok and len_ok
    print(f"{name}: strict load ok, key order same: {order_ok}, {len(manifest['entries'])} entries, "
          f"codes/scales/lengths equal: {ok}, max |audio - golden| = {worst:.3g}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encodec-src", required=True, help="folder containing the original encodec/ package")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.encodec_src, "encodec")):
        print(f"no encodec/ package under {args.encodec_src}; skipped")
        return 0
    install_stand_ins()
    sys.path.insert(0, args.encodec_src)
    import encodec
    torch.set_num_threads(1)
    ok = check_presets(encodec)
    for name in ["tiny_24khz", "tiny_48khz", "tiny_32khz"]:
        ok &= check_tiny(encodec, name)
    print(json.dumps({"crosscheck_original": "pass" if ok else "fail"}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
