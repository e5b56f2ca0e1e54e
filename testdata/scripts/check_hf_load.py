"""CI check of the Java converter's output against the original checkpoint it came from.

--folder DIR --checkpoint ORIG [--weight-norm legacy|parametrized]
    DIR is a transformers folder written by the converter (model.safetensors with legacy
    weight_g/weight_v names, or with parametrizations.weight.original0/1 names when
    --weight-norm parametrized, config.json, preprocessor_config.json). Passes when
    EncodecModel.from_pretrained(DIR, output_loading_info=True) reports no missing, unexpected or
    mismatched keys (and no error messages), transformers logs no warning about the weights while
    loading (not used, newly initialized, missing), EncodecFeatureExtractor.from_pretrained(DIR) loads and
    agrees with the config, the safetensors file has metadata format=pt and only legacy weight-norm
    names, and every tensor of model.state_dict() equals (torch.equal, same dtype) the matching
    tensor of ORIG (unwrapped from best_state / best_state["model"], renamed with hf_name).

--original FILE --checkpoint ORIG
    FILE is an original-layout state dict the converter wrote back (convert --to original). Passes
    when torch.load(FILE, weights_only=True) succeeds and its (unwrapped) state dict equals ORIG's key
    for key, in the same order, with the same dtype, shape and bytes.

Prints one JSON line with the results; exit status 0 = pass, 1 = fail.
Usage (repo root): .venv/bin/python testdata/scripts/check_hf_load.py --folder out/ --checkpoint ckpt.th
"""

import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402


def load_original(path):
    return L.unwrap_state_dict(torch.load(path, map_location="cpu", weights_only=True))


def same_bytes(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    return torch.equal(a.contiguous().reshape(-1).view(torch.uint8), b.contiguous().reshape(-1).view(torch.uint8))


class _Warnings(__import__("logging").Handler):
    """Collects the warnings transformers logs while a model loads."""

    def __init__(self):
        super().__init__(level=__import__("logging").WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def check_folder(folder, checkpoint, weight_norm="legacy"):
    from safetensors import safe_open
    from transformers import EncodecFeatureExtractor, EncodecModel
    from transformers.utils import logging as hf_logging

    result = {"mode": "folder", "folder": folder, "checkpoint": checkpoint, "weight_norm": weight_norm}
    problems = []
    warnings = _Warnings()
    hf_logging.set_verbosity_warning()
    hf_logging.get_logger("transformers").addHandler(warnings)
    try:
        model, info = EncodecModel.from_pretrained(folder, output_loading_info=True)
    finally:
        hf_logging.get_logger("transformers").removeHandler(warnings)
    about_weights = [m for m in warnings.messages
                     if any(w in m for w in ("not used", "newly initialized", "not initialized", "missing",
                                             "unexpected", "weight"))]
    result["weight_warnings"] = about_weights
    if about_weights:
        problems.append("transformers warned about the weights")
    for k in ("missing_keys", "unexpected_keys", "mismatched_keys", "error_msgs"):
        result[k] = sorted(str(x) for x in info.get(k, []))
        if result[k]:
            problems.append(k)

    fe = EncodecFeatureExtractor.from_pretrained(folder)
    cfg = model.config
    fe_expect = {"sampling_rate": cfg.sampling_rate, "feature_size": cfg.audio_channels,
                 "chunk_length_s": cfg.chunk_length_s, "overlap": cfg.overlap}
    fe_diff = {k: [getattr(fe, k, None), v] for k, v in fe_expect.items() if getattr(fe, k, None) != v}
    if fe_diff:
        problems.append(f"feature extractor disagrees with config: {fe_diff}")

    with safe_open(os.path.join(folder, "model.safetensors"), "pt") as f:
        metadata = f.metadata() or {}
        file_keys = list(f.keys())
    if metadata.get("format") != "pt":
        problems.append(f"safetensors metadata format is {metadata.get('format')!r}, not 'pt'")
    parametrized = any("parametrizations" in k for k in file_keys)
    legacy = any(k.endswith(("weight_g", "weight_v")) for k in file_keys)
    if weight_norm == "legacy" and parametrized:
        problems.append("safetensors uses parametrizations names instead of legacy weight_g/weight_v")
    if weight_norm == "parametrized" and legacy:
        problems.append("safetensors uses legacy weight_g/weight_v names instead of parametrizations")

    want = L.to_hf_model_state_dict(load_original(checkpoint))
    got = model.state_dict()
    result["tensors"] = len(got)
    result["only_in_model"] = sorted(set(got) - set(want))[:10]
    result["only_in_checkpoint"] = sorted(set(want) - set(got))[:10]
    if result["only_in_model"] or result["only_in_checkpoint"] or len(file_keys) != len(want):
        problems.append("key sets differ")
    different = [k for k in got if k in want and not (got[k].dtype == want[k].dtype and torch.equal(got[k], want[k]))]
    result["different"] = different[:10]
    result["different_count"] = len(different)
    if different:
        problems.append(f"{len(different)} tensors differ")
    result["problems"] = problems
    return result


def check_original(path, checkpoint):
    result = {"mode": "original", "file": path, "checkpoint": checkpoint}
    problems = []
    try:
        got = load_original(path)
    except Exception as e:  # noqa: BLE001 - report any load failure as a failed check
        result["problems"] = [f"torch.load(weights_only=True) failed: {type(e).__name__}: {e}"]
        return result
    want = load_original(checkpoint)
    result["tensors"] = len(got)
    if list(got) != list(want):
        problems.append("keys or key order differ")
        result["first_order_difference"] = next(
            ([i, a, b] for i, (a, b) in enumerate(zip(list(got), list(want))) if a != b), [min(len(got), len(want))])
    different = [k for k in want if k in got and not same_bytes(got[k], want[k])]
    result["different"] = different[:10]
    result["different_count"] = len(different)
    if different:
        problems.append(f"{len(different)} tensors differ in dtype, shape or bytes")
    result["problems"] = problems
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--folder", help="transformers folder written by the converter")
    mode.add_argument("--original", help="original-layout file written back by the converter")
    ap.add_argument("--checkpoint", required=True, help="the original checkpoint it was made from")
    ap.add_argument("--weight-norm", default="legacy", choices=["legacy", "parametrized"])
    args = ap.parse_args()
    result = (check_folder(args.folder, args.checkpoint, args.weight_norm) if args.folder
              else check_original(args.original, args.checkpoint))
    result["pass"] = not result["problems"]
    print(json.dumps(result))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
