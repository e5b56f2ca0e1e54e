"""Writes the seed inputs of the Jazzer fuzz tests (small files, so the fuzzer mutates fast).

Seeds are small real files: the hostile and dtype checkpoints and the format fixtures from testdata/, the tiny configs,
and small checkpoints made here with the same writers as the real fixtures (zip, legacy, AudioCraft package with xp.cfg
as YAML and as a dict, best_state wrapper), each holding a few tensors of the tiny models; and small files that
describe large work (bombs: a million-digit integer, a deflated pickle of 200 MiB of one opcode, a value walked again
and again through the memo), which the readers must refuse within the reader contract. Findings the fuzzer saves next
to them (crash-*, timeout-*) are kept as regression inputs.

    .venv/bin/python testdata/scripts/make_fuzz_seeds.py
"""
import os
import shutil
import struct
import sys
import zipfile

import numpy as np
import torch
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402
import make_checkpoints as M  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTDATA = os.path.join(REPO, "testdata")
FORMATS = os.path.join(REPO, "formats/src/test/resources/dev/encodecparity")
CONVERSION = os.path.join(REPO, "conversion/src/test/resources/dev/encodecparity")


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


def pickle_zip(path, body, protocol=2, deflate=True):
    """A torch zip archive whose only entry is x/data.pkl: PROTO, then the chunks body() yields."""
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=method, compresslevel=9 if deflate else None) as z:
        with z.open("x/data.pkl", "w") as f:
            f.write(bytes([0x80, protocol]))
            for chunk in body():
                f.write(chunk)


def repeat(op, count):
    """count copies of a one-byte opcode, a mebibyte at a time."""
    block = bytes([op]) * (1 << 20)
    while count > 0:
        yield block[:min(count, len(block))]
        count -= len(block)


def build_shared_state():
    """BUILD 100,000 times from one state dict of 20,000 attributes, shared through the memo."""
    yield b"}}("
    for i in range(20_000):
        key = b"a%d" % i
        yield b"\x8c" + bytes([len(key)]) + key + b"N"
    yield b"uq\x000" + b"h\x00b" * 100_000 + b"."


def ordered_dicts_of_a_shared_list():
    """OrderedDict(pairs) 100,000 times over one list of 20,000 pairs, shared through the memo."""
    yield b"ccollections\nOrderedDict\nq\x01]("
    for i in range(20_000):
        yield b"](J" + struct.pack("<i", i) + b"Ne"
    yield b"e\x85q\x000]" + b"h\x01h\x00Ra" * 100_000 + b"."


def bombs(d):
    """Small checkpoints that describe large work (issue 13); each must be refused within the reader contract."""
    pickle_zip(os.path.join(d, "seed-bomb_million_digits.th"), lambda: [b"L" + b"9" * 1_000_000 + b"L\n."])
    pickle_zip(os.path.join(d, "seed-bomb_200mib_empty_dicts.th"), lambda: repeat(ord("}"), 200 << 20))
    pickle_zip(os.path.join(d, "seed-bomb_50m_memoize.th"), lambda: [b"}", *repeat(0x94, 50_000_000)], protocol=4)
    pickle_zip(os.path.join(d, "seed-bomb_1mib_empty_dicts.th"), lambda: repeat(ord("}"), 1 << 20))
    pickle_zip(os.path.join(d, "seed-bomb_1mib_memoize.th"), lambda: [b"}", *repeat(0x94, 1 << 20)], protocol=4)
    pickle_zip(os.path.join(d, "seed-bomb_long4.th"),
               lambda: [b"\x8b" + struct.pack("<i", 2000) + b"\x00" * 1999 + b"\x40."], deflate=False)
    pickle_zip(os.path.join(d, "seed-bomb_build_shared_state.th"), build_shared_state)
    pickle_zip(os.path.join(d, "seed-bomb_ordered_dicts_of_a_shared_list.th"), ordered_dicts_of_a_shared_list)
    shared = torch.zeros(16384)  # 1,000 names for one 64 KiB storage: torch.save keeps the sharing
    M.save_zip({f"w{i}": shared for i in range(1000)}, os.path.join(d, "seed-bomb_one_storage_1000_tensors.th"))


def main():
    ckpt = inputs(CONVERSION, "checkpoint", "CheckpointFuzzTest", "checkpoint")
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
    bombs(ckpt)

    st = inputs(FORMATS, "safetensors", "SafetensorsFuzzTest", "safetensors")
    save_file({"a.weight": torch.randn(2, 3), "b.bias": torch.arange(4, dtype=torch.int64),
               "c": torch.ones(2, dtype=torch.float16)}, os.path.join(st, "seed-small.safetensors"),
              metadata={"format": "pt"})

    js = inputs(CONVERSION, "config", "ConfigFuzzTest", "encodecConfig")
    for name in sorted(os.listdir(os.path.join(TESTDATA, "configs"))):
        copy(os.path.join(TESTDATA, "configs", name), js)
    xp = inputs(CONVERSION, "config", "ConfigFuzzTest", "xpConfig")
    for name in ("tiny_24khz", "tiny_32khz", "tiny_48khz"):
        with open(os.path.join(xp, f"seed-{name}.yaml"), "w") as f:
            f.write(L.xp_cfg_yaml(M.tiny_config(name)))

    formats = os.path.join(TESTDATA, "formats")
    for method, ext in (("wav", ".wav"), ("flac", ".flac"), ("npy", ".npy"), ("npz", ".npz")):
        d = inputs(FORMATS, "audio", "AudioFuzzTest", method)
        for name in sorted(os.listdir(formats)):
            if name.endswith(ext):
                copy(os.path.join(formats, name), d)
    # 125 kB of deflated zeros declaring codes of 2 million frames (128 MB): read within the contract, never grown by
    # doubling and copied (390 MB before issue 13)
    npz = inputs(FORMATS, "audio", "AudioFuzzTest", "npz")
    np.savez_compressed(os.path.join(npz, "seed-bomb_codes_2m_frames.npz"), codes_0=np.zeros((8, 2_000_000), np.int64))
    flac_bombs()


def flac_bombs():
    """Frames of silence as dense as FLAC allows (8 channels of 65,535 samples in 26 bytes: 4 MiB of floats from 94
    bytes, which the contract's FLAC factor allows), and the same frames under a STREAMINFO claiming 2^31 - 1 samples
    (refused after counting them, never allocated). Two frames: the fuzzer repeats them if it likes."""
    sys.path.insert(0, os.path.join(TESTDATA, "formats"))
    import make_flac_fixtures as F
    d = inputs(FORMATS, "audio", "AudioFuzzTest", "flac")
    for name, declared in (("dense_silence", 2 * 65535), ("declares_2g_samples", 2 ** 31 - 1)):
        with open(os.path.join(d, f"seed-bomb_{name}.flac"), "wb") as f:
            f.write(F.constant_frames(8, 65535, 2, declared))


if __name__ == "__main__":
    main()
