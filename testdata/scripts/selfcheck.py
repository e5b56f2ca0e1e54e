"""Self-check of encodec_layout.py; exits non-zero on the first class of failure.

1. For the three presets, original_keys() and hf_name() reproduce testdata/keys/*_original.tsv and
   *_hf.tsv exactly (names, order, shapes; the parametrizations column too).
2. For every preset and tiny config, the HF key set equals EncodecModel(EncodecConfig(**cfg)).state_dict()
   after mapping parametrizations.weight.original0/1 -> weight_g/weight_v, with equal shapes.
3. xp_cfg_yaml() parses, resolves and describes the same model; make_state_dict() matches original_keys().

Usage (repo root): .venv/bin/python testdata/scripts/selfcheck.py
"""

import json
import os
import re
import sys

import torch
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = ["tiny_24khz", "tiny_48khz", "tiny_32khz"]
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL", message)
    return ok


def check_tsv(name, cfg):
    keys = L.original_keys(cfg)
    want = L.read_tsv(os.path.join(TESTDATA, "keys", f"{name}_original.tsv"))
    got = [[k, L.shape_str(s)] for k, s in keys]
    check(got == want, f"{name}: original_keys differs from keys/{name}_original.tsv")
    want_hf = L.read_tsv(os.path.join(TESTDATA, "keys", f"{name}_hf.tsv"))
    got_hf = [[k, L.hf_name(k), L.parametrized_name(L.hf_name(k)), L.shape_str(s)] for k, s in keys]
    check(got_hf == want_hf, f"{name}: hf_name differs from keys/{name}_hf.tsv")
    print(f"{name}: {len(keys)} original keys, tsv match: {got == want and got_hf == want_hf}")


def check_transformers(name, cfg):
    from transformers import EncodecConfig, EncodecModel
    with torch.device("meta"):  # shapes only; no memory, no init time
        model = EncodecModel(EncodecConfig(**cfg))
    model_keys = {L.legacy_name(k): list(v.shape) for k, v in model.state_dict().items()}
    ours = {L.hf_name(k): s for k, s in L.original_keys(cfg)}
    check(set(model_keys) == set(ours),
          f"{name}: key sets differ: only ours {sorted(set(ours) - set(model_keys))[:5]}, "
          f"only transformers {sorted(set(model_keys) - set(ours))[:5]}")
    bad = [k for k in ours if k in model_keys and model_keys[k] != ours[k]]
    check(not bad, f"{name}: shape mismatches {bad[:5]}")
    print(f"{name}: transformers {len(model_keys)} keys, ours {len(ours)}, equal: {set(model_keys) == set(ours) and not bad}")


def resolve(node, root):
    """Resolve ${a.b} interpolations the way OmegaConf does for whole-value references."""
    if isinstance(node, dict):
        return {k: resolve(v, root) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, root) for v in node]
    if isinstance(node, str):
        m = re.fullmatch(r"\$\{([^}]+)\}", node)
        if m:
            value = root
            for part in m.group(1).split("."):
                value = value[part]
            return resolve(value, root)
    return node


def check_xp_cfg(name, cfg):
    text = L.xp_cfg_yaml(cfg)
    raw = yaml.safe_load(text)
    check("${channels}" in text and "${sample_rate}" in text and "${encodec.causal}" in text,
          f"{name}: xp.cfg lacks interpolations")
    check(resolve(raw, raw) == L.xp_cfg_dict(cfg), f"{name}: resolved xp.cfg != xp_cfg_dict")
    d = L.xp_cfg_dict(cfg)
    s = d["seanet"]
    same = (d["sample_rate"] == L.get(cfg, "sampling_rate") and s["channels"] == L.get(cfg, "audio_channels")
            and s["ratios"] == L.get(cfg, "upsampling_ratios") and s["pad_mode"] == L.get(cfg, "pad_mode")
            and s["true_skip"] == (not L.get(cfg, "use_conv_shortcut")) and d["rvq"]["n_q"] == L.num_quantizers(cfg)
            and s["causal"] == L.get(cfg, "use_causal_conv") and d["encodec"]["renormalize"] == L.get(cfg, "normalize"))
    check(same, f"{name}: xp.cfg does not describe the config")
    print(f"{name}: xp.cfg ok ({len(text)} chars)")


def check_state_dict(name, cfg):
    sd = L.make_state_dict(cfg, seed=1)
    got = [(k, list(v.shape)) for k, v in sd.items()]
    check(got == [(k, list(s)) for k, s in L.original_keys(cfg)], f"{name}: make_state_dict keys/shapes")
    check(all(v.dtype == torch.float32 for v in sd.values()), f"{name}: non-float32 tensor")
    again = L.make_state_dict(cfg, seed=1)
    check(all(torch.equal(sd[k], again[k]) for k in sd), f"{name}: make_state_dict not deterministic")
    print(f"{name}: make_state_dict ok ({len(sd)} tensors, deterministic)")


def main():
    for name, cfg in L.PRESETS.items():
        check_tsv(name, cfg)
        check_transformers(name, cfg)
    check(L.xp_cfg_dict(L.PRESETS["encodec_32khz"])["seanet"]["pad_mode"] == "constant", "32 kHz pad_mode")
    check_xp_cfg("encodec_32khz", L.PRESETS["encodec_32khz"])
    for name in TINY:
        with open(os.path.join(TESTDATA, "configs", f"{name}.json")) as f:
            cfg = json.load(f)
        check_transformers(name, cfg)
        check_xp_cfg(name, cfg)
        check_state_dict(name, cfg)
    print(json.dumps({"selfcheck": "fail" if failures else "pass", "failures": len(failures)}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
