"""Writes the seed inputs of the Jazzer fuzz tests (small files, so the fuzzer mutates fast).

Seeds are small real files: the hostile and dtype checkpoints and the format fixtures from testdata/, the tiny configs,
and small checkpoints made here with the same writers as the real fixtures (zip, legacy, AudioCraft package with xp.cfg
as YAML and as a dict, best_state wrapper), each holding a few tensors of the tiny models. Findings the fuzzer saves
next to them (crash-*, timeout-*) are kept as regression inputs.

    .venv/bin/python testdata/scripts/make_fuzz_seeds.py
"""
import os
import shutil
import sys

import torch
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402
import make_checkpoints as M  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTDATA = os.path.join(REPO, "testdata")
CONVERTER = os.path.join(REPO, "converter/src/test/resources/dev/encodecparity")
VERIFIER = os.path.join(REPO, "verifier/src/test/resources/dev/encodecparity")


def inputs(root, package, test_class, method):
    d = os.path.join(root, package, f"{test_class}Inputs", method)
    os.makedirs(d, exist_ok=True)
    return d


def copy(src, dst_dir, name=None):
    shutil.copyfile(src, os.path.join(dst_dir, "seed-" + (name or os.path.basename(src))))


def few_tensors(cfg, n=4):
    """The first n tensors of the tiny model, with the real names and shapes."""
    g = torch.Generator().manual_seed(7)
    keys = L.original_keys(cfg)[:n]
    return {k: torch.randn(*shape, generator=g) for k, shape in keys}


def main():
    ckpt = inputs(CONVERTER, "checkpoint", "CheckpointFuzzTest", "checkpoint")
    for name in sorted(os.listdir(os.path.join(TESTDATA, "checkpoints/hostile"))):
        copy(os.path.join(TESTDATA, "checkpoints/hostile", name), ckpt)
    copy(os.path.join(TESTDATA, "checkpoints/dtypes_and_views.th"), ckpt)
    cfg32 = M.tiny_config("tiny_32khz")
    sd = few_tensors(cfg32)
    M.save_zip(sd, os.path.join(ckpt, "seed-small_zip.th"))
    M.save_legacy(sd, os.path.join(ckpt, "seed-small_legacy.th"))
    M.save_zip({"best_state": sd}, os.path.join(ckpt, "seed-small_best_state.th"))
    M.save_zip({"best_state": sd, "xp.cfg": L.xp_cfg_yaml(cfg32), "version": "1.0.0", "exported": True},
               os.path.join(ckpt, "seed-small_audiocraft.th"))
    M.save_zip({"best_state": {"model": sd}, "xp.cfg": L.xp_cfg_dict(cfg32), "epoch": 3},
               os.path.join(ckpt, "seed-small_solver.th"))

    st = inputs(CONVERTER, "safetensors", "SafetensorsFuzzTest", "safetensors")
    save_file({"a.weight": torch.randn(2, 3), "b.bias": torch.arange(4, dtype=torch.int64),
               "c": torch.ones(2, dtype=torch.float16)}, os.path.join(st, "seed-small.safetensors"),
              metadata={"format": "pt"})

    js = inputs(CONVERTER, "config", "ConfigFuzzTest", "encodecConfig")
    for name in sorted(os.listdir(os.path.join(TESTDATA, "configs"))):
        copy(os.path.join(TESTDATA, "configs", name), js)
    xp = inputs(CONVERTER, "config", "ConfigFuzzTest", "xpConfig")
    for name in ("tiny_24khz", "tiny_32khz", "tiny_48khz"):
        with open(os.path.join(xp, f"seed-{name}.yaml"), "w") as f:
            f.write(L.xp_cfg_yaml(M.tiny_config(name)))

    formats = os.path.join(TESTDATA, "formats")
    for method, ext in (("wav", ".wav"), ("npy", ".npy"), ("npz", ".npz")):
        d = inputs(VERIFIER, "audio", "AudioFuzzTest", method)
        for name in sorted(os.listdir(formats)):
            if name.endswith(ext):
                copy(os.path.join(formats, name), d)


if __name__ == "__main__":
    main()
