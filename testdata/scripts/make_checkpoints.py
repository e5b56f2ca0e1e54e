"""Writes the test checkpoints under testdata/checkpoints/ (deterministic, byte for byte).

Default mode (no arguments) writes, for tiny_24khz, tiny_48khz and tiny_32khz (configs/*.json):
  <m>.th                   torch.save zip, plain state dict (original key names and order)
  <m>_legacy.th            legacy (non-zip) torch format, plain state dict
  <m>_best_state.th        zip, {"best_state": sd}
  <m>_audiocraft.th        zip, AudioCraft export: {"best_state": sd, "xp.cfg": yaml, "version", "exported"}
  tiny_32khz_solver.th     zip, {"best_state": {"model": sd}, "xp.cfg": plain dict, "epoch": 3}
  tiny_32khz_legacy_best_state.th   legacy format, {"best_state": sd}
  renamed_root.th          tiny_24khz's state dict in a zip whose root folder is archive/, not the stem
  dtypes_and_views.th (+ .expected.json)   plain dict of tensors of many dtypes, views, a strided tensor
  hostile/*.th             files a reader must refuse (see README.md)
  manifest.json            every file with size, sha256 and what it holds

--full NAME --out FILE [--seed N] writes one full-size preset instead (never committed):
encodec_24khz / encodec_48khz as a plain zip state dict, encodec_32khz as an AudioCraft package.

Usage (repo root): .venv/bin/python testdata/scripts/make_checkpoints.py
                   .venv/bin/python testdata/scripts/make_checkpoints.py --full encodec_32khz --out /tmp/x.th
"""

import argparse
import io
import json
import os
import pickle
import struct
import sys
from collections import OrderedDict

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TESTDATA, "checkpoints")
TINY_SEEDS = {"tiny_24khz": 24, "tiny_48khz": 48, "tiny_32khz": 32}
PWN = "touch /tmp/encodec-parity-pwned"


def tiny_config(name):
    with open(os.path.join(TESTDATA, "configs", f"{name}.json")) as f:
        return json.load(f)


def reorder(sd, cfg, family_name):
    """The same tensors in the key order the given code base would write."""
    return OrderedDict((k, sd[k]) for k, _ in L.original_keys(cfg, family_name))


def audiocraft_package(sd, cfg, xp_cfg=None):
    return {"best_state": reorder(sd, cfg, "audiocraft"), "xp.cfg": xp_cfg or L.xp_cfg_yaml(cfg),
            "version": "1.0.0", "exported": True}


# --------------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------------

def save_zip(obj, path):
    torch.save(obj, path)  # zip format; the archive root folder is the file's stem


def save_legacy(obj, path):
    """torch's legacy (non-zip) format, like torch.save(..., _use_new_zipfile_serialization=False),
    but with storage keys "0", "1", ... instead of memory addresses so the bytes are reproducible.
    Layout: pickles of MAGIC_NUMBER, PROTOCOL_VERSION, sys_info, the object (storages as persistent
    ids ("storage", type, key, location, numel, None)), the sorted key list, then per storage an
    int64 element count and the raw little-endian bytes."""
    storages = {}  # untyped storage cdata -> (key, storage, dtype)

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, torch.storage.TypedStorage):
                untyped = obj._untyped_storage
                if untyped._cdata not in storages:
                    storages[untyped._cdata] = (str(len(storages)), untyped, obj.dtype)
                key = storages[untyped._cdata][0]
                return ("storage", getattr(torch, obj._pickle_storage_type()), key, "cpu", obj._size(), None)
            return None

    sys_info = {"protocol_version": torch.serialization.PROTOCOL_VERSION, "little_endian": True,
                "type_sizes": {"short": 2, "int": 4, "long": 8}}
    with open(path, "wb") as f:
        pickle.dump(torch.serialization.MAGIC_NUMBER, f, protocol=2)
        pickle.dump(torch.serialization.PROTOCOL_VERSION, f, protocol=2)
        pickle.dump(sys_info, f, protocol=2)
        Pickler(f, protocol=2).dump(obj)
        by_key = {key: (st, dtype) for key, st, dtype in storages.values()}
        keys = sorted(by_key)  # torch sorts the keys as strings, too
        pickle.dump(keys, f, protocol=2)
        f.flush()
        for key in keys:
            st, dtype = by_key[key]
            st._write_file(f, True, True, torch._utils._element_size(dtype))


def save_zip_records(path, data_pkl, records):
    """A torch zip archive with a hand-made data.pkl, written by torch's own archive writer (same
    record names, alignment, version and serialization_id records as torch.save)."""
    with torch.serialization._open_zipfile_writer(path) as zf:
        zf.write_record("data.pkl", data_pkl, len(data_pkl))
        zf.write_record(".format_version", "1", 1)
        zf.write_record(".storage_alignment", "64", 2)
        zf.write_record("byteorder", "little", 6)
        for name, data in records.items():
            zf.write_record(f"data/{name}", data, len(data))


# --------------------------------------------------------------------------------------------------
# Hostile and malformed files
# --------------------------------------------------------------------------------------------------

def reduce_pickle(module, name, arg):
    """Protocol-2 pickle calling module.name(arg) on load, built opcode by opcode:
    PROTO 2, GLOBAL 'module name', BINUNICODE arg, TUPLE1, REDUCE, STOP."""
    a = arg.encode()
    return (b"\x80\x02" + b"c" + module.encode() + b"\n" + name.encode() + b"\n"
            + b"X" + struct.pack("<I", len(a)) + a + b"\x85" + b"R" + b".")


def nested_reduce_pickle():
    """{'encoder.model.0.conv.conv.bias': os.system(PWN)}: the call hides inside an ordinary dict.
    PROTO 2, EMPTY_DICT, BINUNICODE key, <GLOBAL/arg/TUPLE1/REDUCE>, SETITEM, STOP."""
    key = b"encoder.model.0.conv.conv.bias"
    inner = reduce_pickle("os", "system", PWN)[2:-1]
    return b"\x80\x02}" + b"X" + struct.pack("<I", len(key)) + key + inner + b"s" + b"."


def legacy_header():
    """The three leading pickles of a legacy torch file (magic, protocol version, sys_info)."""
    sys_info = {"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 8}}
    return (pickle.dumps(torch.serialization.MAGIC_NUMBER, protocol=2) + pickle.dumps(1001, protocol=2)
            + pickle.dumps(sys_info, protocol=2))


class FakeStorage:
    """Stands for one storage record; pickled as torch's persistent id."""

    def __init__(self, key, numel, legacy=False):
        self.key, self.numel, self.legacy = key, numel, legacy


class FakeTensor:
    """Pickles like a float32 tensor with any (offset, size, stride), valid or not."""

    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, tuple(size), tuple(stride), False, OrderedDict())

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


class FakePickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, FakeStorage):
            pid = ("storage", torch.FloatStorage, obj.key, "cpu", obj.numel)
            return pid + (None,) if obj.legacy else pid
        return None


def fake_pickle(obj):
    buf = io.BytesIO()
    FakePickler(buf, protocol=2).dump(obj)
    return buf.getvalue()


FOUR_FLOATS = struct.pack("<4f", 1.0, 2.0, 3.0, 4.0)


def bad_tensor_file(path, numel, offset, size, stride, data=FOUR_FLOATS):
    """Zip checkpoint {'weight': tensor} whose one storage record holds `data`."""
    pkl = fake_pickle({"weight": FakeTensor(FakeStorage("0", numel), offset, size, stride)})
    save_zip_records(path, pkl, {"0": data})


def write_hostile(out):
    os.makedirs(out, exist_ok=True)
    eval_arg = f"__import__('os').system('{PWN}')"
    for fname, (module, name, arg) in {
        "os_system.th": ("os", "system", PWN),
        "builtins_eval.th": ("builtins", "eval", eval_arg),
        "posix_system.th": ("posix", "system", PWN),
        "builtin_eval.th": ("__builtin__", "eval", eval_arg),
    }.items():
        save_zip_records(os.path.join(out, fname), reduce_pickle(module, name, arg), {})
    save_zip_records(os.path.join(out, "nested_os_system.th"), nested_reduce_pickle(), {})
    with open(os.path.join(out, "legacy_os_system.th"), "wb") as f:
        f.write(legacy_header() + reduce_pickle("os", "system", PWN))

    # Malformed but not malicious: all name only torch's own tensor rebuild function.
    bad_tensor_file(os.path.join(out, "short_storage.th"), 4, 0, [16], [1])        # needs 16 of 4 elements
    bad_tensor_file(os.path.join(out, "truncated_storage.th"), 16, 0, [16], [1])   # record has 16 of 64 bytes
    bad_tensor_file(os.path.join(out, "absurd_shape.th"), 4, 0, [2 ** 31, 2 ** 31], [2 ** 31, 1])  # 2^62 elements
    bad_tensor_file(os.path.join(out, "bad_stride.th"), 4, 0, [4], [2])            # reads element 6 of 4
    bad_tensor_file(os.path.join(out, "negative_stride.th"), 4, 0, [4], [-1])      # reads element -3
    bad_tensor_file(os.path.join(out, "bad_offset.th"), 4, 100, [4], [1])          # starts at element 100 of 4
    # Legacy file whose storage claims 2^60 float32 elements (persistent id and the int64 size header
    # before the bytes agree) while only 16 bytes follow.
    storage = FakeStorage("0", 2 ** 60, legacy=True)
    body = fake_pickle({"weight": FakeTensor(storage, 0, [4], [1])}) + pickle.dumps(["0"], protocol=2)
    with open(os.path.join(out, "absurd_legacy_numel.th"), "wb") as f:
        f.write(legacy_header() + body + struct.pack("<q", 2 ** 60) + FOUR_FLOATS)


# --------------------------------------------------------------------------------------------------
# Reader fixtures
# --------------------------------------------------------------------------------------------------

def dtypes_and_views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 4 - 2
    shared = torch.linspace(-1, 1, 10)
    return OrderedDict([
        ("noncontiguous", base.t()),                 # [6, 4], stride (1, 6)
        ("strided_slice", base[1:, ::2]),            # [3, 3], stride (6, 2), offset 6, same storage as above
        ("view_a", shared[:6]),                      # views of one 10-element storage, offsets 0 and 4
        ("view_b", shared[4:].view(3, 2)),
        ("float16", torch.tensor([[0.5, -1.25, 3.140625], [65504.0, -0.0001, -0.0]], dtype=torch.float16)),
        ("bfloat16", torch.tensor([1.0, -2.5, 3.0e38, 1.0e-38, 0.1], dtype=torch.bfloat16)),
        ("float64", torch.tensor([0.1, -2.5e-300, 1.0e300, 1.0 / 3.0], dtype=torch.float64)),
        ("int64", torch.tensor([-(2 ** 62), 2 ** 53 + 1, 0, -1, 2 ** 63 - 1], dtype=torch.int64)),
        ("int32", torch.tensor([[-(2 ** 31), 2 ** 31 - 1], [7, -7]], dtype=torch.int32)),
        ("int8", torch.tensor([-128, 127, 0, -1], dtype=torch.int8)),
        ("uint8", torch.tensor([0, 255, 128, 1], dtype=torch.uint8)),
        ("bool", torch.tensor([[True, False], [False, True], [True, True]])),
        ("scalar", torch.tensor(2.5)),               # 0-d tensor, shape []
    ])


def write_dtypes_and_views(out):
    tensors = dtypes_and_views()
    path = os.path.join(out, "dtypes_and_views.th")
    save_zip(tensors, path)
    loaded = torch.load(path, weights_only=True)
    expected = OrderedDict()
    for name, t in tensors.items():
        assert torch.equal(loaded[name], t) and loaded[name].dtype == t.dtype, name
        expected[name] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                          "stride": list(t.stride()), "storage_offset": t.storage_offset(),
                          "values": t.tolist()}
    expected["_notes"] = ("noncontiguous and strided_slice share one float32 storage of 24 elements; view_a and "
                          "view_b share one of 10 elements. Values are exact (floats as Python repr).")
    with open(os.path.join(out, "dtypes_and_views.expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------

def write_tiny(out):
    """The tiny models in every container form; returns manifest info per file."""
    files = {}
    for name, seed in TINY_SEEDS.items():
        cfg = tiny_config(name)
        sd = L.make_state_dict(cfg, seed)
        fam = L.family(cfg)
        entries = {
            f"{name}.th": (save_zip, sd, "plain state dict"),
            f"{name}_legacy.th": (save_legacy, sd, "plain state dict"),
            f"{name}_best_state.th": (save_zip, {"best_state": sd}, "{best_state: sd}"),
            f"{name}_audiocraft.th": (save_zip, audiocraft_package(sd, cfg),
                                      "AudioCraft export {best_state, xp.cfg (YAML), version, exported}"),
        }
        if name == "tiny_32khz":
            entries[f"{name}_solver.th"] = (save_zip, {"best_state": {"model": sd}, "xp.cfg": L.xp_cfg_dict(cfg),
                                                       "epoch": 3}, "solver {best_state: {model: sd}, xp.cfg (dict), epoch}")
            entries[f"{name}_legacy_best_state.th"] = (save_legacy, {"best_state": sd}, "{best_state: sd}")
        for fname, (writer, obj, what) in entries.items():
            writer(obj, os.path.join(out, fname))
            files[fname] = {"model": name, "config": f"configs/{name}.json", "seed": seed, "content": what,
                            "format": "legacy" if writer is save_legacy else "zip",
                            "key_order": "audiocraft" if fname.endswith("_audiocraft.th") else fam}
        if name == "tiny_24khz":
            # torch.save to a buffer names the archive root "archive/", not the file stem.
            buf = io.BytesIO()
            torch.save(sd, buf)
            with open(os.path.join(out, "renamed_root.th"), "wb") as f:
                f.write(buf.getvalue())
            files["renamed_root.th"] = {"model": name, "config": f"configs/{name}.json", "seed": seed,
                                        "content": "plain state dict, zip root folder archive/", "format": "zip",
                                        "key_order": fam}
    return files


def verify(out, files):
    """Every model file loads with weights_only=True to the same tensors; hostile files are refused."""
    ref = {}
    for fname, info in files.items():
        obj = L.unwrap_state_dict(torch.load(os.path.join(out, fname), weights_only=True))
        model = info["model"]
        ref.setdefault(model, obj)
        assert set(obj) == set(ref[model]) and all(torch.equal(obj[k], ref[model][k]) for k in obj), fname
    for fname in sorted(os.listdir(os.path.join(out, "hostile"))):
        try:
            torch.load(os.path.join(out, "hostile", fname), weights_only=True)
        except Exception as e:  # noqa: BLE001 - we only want to know that torch refuses
            print(f"hostile/{fname}: torch.load(weights_only=True) refuses: {type(e).__name__}: "
                  f"{str(e).splitlines()[0][:110]}")
        else:
            print(f"hostile/{fname}: torch.load(weights_only=True) ACCEPTS it")
    assert not os.path.exists("/tmp/encodec-parity-pwned"), "a hostile payload ran"


def write_manifest(out, files):
    manifest = OrderedDict()
    for root, _, names in sorted(os.walk(out)):
        for n in sorted(names):
            path = os.path.join(root, n)
            rel = os.path.relpath(path, out)
            if rel == "manifest.json":
                continue
            manifest[rel] = dict({"bytes": os.path.getsize(path), "sha256": L.sha256_file(path)}, **files.get(rel, {}))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"generator": "testdata/scripts/make_checkpoints.py", "torch": torch.__version__,
                   "files": manifest}, f, indent=1)
        f.write("\n")


def make_full_checkpoint(name, out_file, seed=0, calibration=None):
    """Full-size preset checkpoint: plain zip state dict (24/48 kHz, like the original files) or an
    AudioCraft package with xp.cfg (32 kHz, pad_mode constant). With ``calibration`` (one preset's entry
    of fullsize-calibration.json) torch alone makes it: no transformers, no yaml. Returns the original
    state dict and the calibration used."""
    cfg = L.PRESETS[name]
    sd, used = L.make_state_dict_and_calibration(cfg, seed, calibration)
    if name == "encodec_32khz":
        used["xp_cfg"] = calibration["xp_cfg"] if calibration else L.xp_cfg_yaml(cfg)
        save_zip(audiocraft_package(sd, cfg, used["xp_cfg"]), out_file)
    else:
        save_zip(sd, out_file)
    return sd, used


def record_calibration(path, seed=0):
    """fullsize-calibration.json: per preset, the calibration make_full_checkpoint measured with
    transformers, and the SHA-256 of the checkpoint it made, which a machine with torch alone must match."""
    import tempfile
    out = {"seed": seed, "made_with": {"torch": torch.__version__}, "presets": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(L.PRESETS):
            f = os.path.join(tmp, name + ".th")
            _, used = make_full_checkpoint(name, f, seed)
            used["sha256"] = L.sha256_file(f)
            out["presets"][name] = used
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", choices=sorted(L.PRESETS), help="write one full-size preset checkpoint")
    ap.add_argument("--out", help="output file for --full")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--calibration", help="with --full: fullsize-calibration.json, so torch alone makes it")
    ap.add_argument("--record-calibration", metavar="FILE", help="measure and write fullsize-calibration.json")
    args = ap.parse_args()
    torch.set_num_threads(1)
    if args.record_calibration:
        record_calibration(args.record_calibration, args.seed)
        return
    if args.full:
        if not args.out:
            ap.error("--full needs --out")
        calibration = None
        if args.calibration:
            with open(args.calibration) as fh:
                recorded = json.load(fh)
            if recorded["seed"] != args.seed:
                ap.error(f"{args.calibration} is for seed {recorded['seed']}, not {args.seed}")
            calibration = recorded["presets"][args.full]
        make_full_checkpoint(args.full, args.out, args.seed, calibration)
        sha = L.sha256_file(args.out)
        result = {"model": args.full, "file": args.out, "bytes": os.path.getsize(args.out), "sha256": sha,
                  "seed": args.seed}
        if calibration:
            result["expected_sha256"] = calibration["sha256"]
            result["same_as_recorded"] = sha == calibration["sha256"]
        print(json.dumps(result))
        return
    os.makedirs(OUT, exist_ok=True)
    files = write_tiny(OUT)
    write_dtypes_and_views(OUT)
    write_hostile(os.path.join(OUT, "hostile"))
    verify(OUT, files)
    write_manifest(OUT, files)
    total = sum(os.path.getsize(os.path.join(r, n)) for r, _, ns in os.walk(OUT) for n in ns)
    print(f"wrote {OUT}: {total} bytes")


if __name__ == "__main__":
    main()
