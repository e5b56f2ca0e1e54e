"""Side-by-side: encodec-parity's `bench` against transformers' EncodecModel on the same machine, weights and audio.

Runs, for each full-size preset and batch size, alternating rounds of
  * this project's `./encodec-parity bench` (DJL, libtorch 2.7.1 CPU), and
  * transformers' EncodecModel (pip's CPU torch, torch.inference_mode), both with the same thread count,
and takes the median over rounds of each side's median, so that drift of the machine hits both alike. transformers is
also timed with the allocator settings this project's launcher uses (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_,
MALLOC_TRIM_THRESHOLD_), to
show what share of a difference is the allocator alone. Conversion: this project's `convert` end to end (JVM start
included) against a plain `cp` and against transformers' conversion script. That script is not in transformers' wheels
and, as written, no longer runs on current torch; give its text from a transformers 4.x source tree with
--transformers-script, and it runs with the one compatibility change described in hf_convert_worker.

Writes benchmarks/results/side_by_side.json and the tables between the side-by-side markers of benchmarks/README.md.
Run from the repository root, with nothing else running (about 35 minutes; --only conversion takes about one):
  .venv/bin/python benchmarks/side_by_side.py --transformers-script PATH/convert_encodec_checkpoint_to_pytorch.py
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRESETS = ["encodec_24khz", "encodec_48khz", "encodec_32khz"]
MALLOC = {"MALLOC_ARENA_MAX": "1", "MALLOC_MMAP_THRESHOLD_": "17179869184", "MALLOC_TRIM_THRESHOLD_": "17179869184"}


def speech(rate, channels, seconds):
    """The bundled speech clip at the model's rate, repeated to `seconds` (what `bench` uses by default)."""
    with wave.open(os.path.join(ROOT, "testdata", "audio", f"speech_{rate}hz_{channels}ch.wav")) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, channels).T
    x = pcm.astype(np.float32) / 32768.0
    n = int(round(seconds * rate))
    return np.resize(x, (channels, n)) if channels > 1 else np.resize(x[0], n)[None, :]


def hf_worker(preset, batch, seconds, threads, iterations):
    """Times transformers' EncodecModel in this process; prints one JSON line."""
    import torch
    import transformers
    sys.path.insert(0, os.path.join(ROOT, "testdata", "scripts"))
    import encodec_layout as layout
    torch.set_num_threads(threads)
    d = os.path.join(ROOT, "target", "fullsize", preset)
    cfg = json.load(open(os.path.join(d, "config.json")))
    sd = torch.load(os.path.join(d, preset + ".th"), weights_only=True)
    sd = sd.get("best_state", sd)
    model = transformers.EncodecModel(transformers.EncodecConfig(**cfg)).eval()
    model.load_state_dict({layout.parametrized_name(layout.hf_name(k)): v for k, v in sd.items()}, strict=True)
    x = torch.from_numpy(speech(cfg["sampling_rate"], cfg["audio_channels"], seconds))[None].repeat(batch, 1, 1)
    bw = cfg["target_bandwidths"][-1]
    enc_t, dec_t = [], []
    with torch.inference_mode():
        for i in range(2 + iterations):
            t0 = time.perf_counter()
            enc = model.encode(x, bandwidth=bw)
            t1 = time.perf_counter()
            model.decode(enc.audio_codes, enc.audio_scales, last_frame_pad_length=enc.last_frame_pad_length)
            t2 = time.perf_counter()
            if i >= 2:
                enc_t.append(t1 - t0)
                dec_t.append(t2 - t1)
    print(json.dumps({"encode_median_s": statistics.median(enc_t), "decode_median_s": statistics.median(dec_t),
                      "torch": torch.__version__, "transformers": transformers.__version__}))


def run_json(cmd, env=None):
    out = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ours(preset, batch, seconds, threads, iterations):
    ckpt = os.path.join("target", "fullsize", preset, preset + ".th")
    return run_json(["./encodec-parity", "bench", "--checkpoint", ckpt, "--threads", str(threads), "--batch",
                     str(batch), "--seconds", str(seconds), "--iterations", str(iterations), "--device", "cpu"])


def theirs(preset, batch, seconds, threads, iterations, env=None):
    return run_json([sys.executable, os.path.abspath(__file__), "--hf-worker", preset, str(batch), str(seconds),
                     str(threads), str(iterations)], env)


def codec_rows(args):
    rows = []
    for preset in PRESETS:
        for batch in args.batches:
            samples = {"ours": [], "hf": [], "hf_malloc": []}
            info = {}
            for _ in range(args.rounds):
                o = ours(preset, batch, args.seconds, args.threads, args.iterations)
                h = theirs(preset, batch, args.seconds, args.threads, args.iterations)
                hm = theirs(preset, batch, args.seconds, args.threads, args.iterations, MALLOC)
                for k, r in (("ours", o), ("hf", h), ("hf_malloc", hm)):
                    samples[k].append(r["encode_median_s"] + r["decode_median_s"])
                info = {"ours": o, "hf": h}
            row = {"preset": preset, "batch": batch, "seconds": args.seconds, "threads": args.threads,
                   "ours_s": statistics.median(samples["ours"]), "hf_s": statistics.median(samples["hf"]),
                   "hf_malloc_s": statistics.median(samples["hf_malloc"]), "rounds": samples,
                   "ours_encode_gflops": info["ours"]["encode_gflops"],
                   "ours_decode_gflops": info["ours"]["decode_gflops"],
                   "matmul_peak_gflops": info["ours"]["matmul_peak_gflops"],
                   "torch": info["hf"]["torch"], "transformers": info["hf"]["transformers"],
                   "libtorch": info["ours"]["libtorch"], "djl": info["ours"]["djl"]}
            row["speedup"] = row["hf_s"] / row["ours_s"]
            row["speedup_vs_hf_malloc"] = row["hf_malloc_s"] / row["ours_s"]
            print(json.dumps({k: v for k, v in row.items() if k != "rounds"}), flush=True)
            rows.append(row)
    return rows


def hf_convert_worker(script, argv):
    """Runs transformers' conversion script as its own command line would, after the one change that current torch
    needs: weight norm is now a parametrization without `weight_g` / `weight_v` attributes, which the script assigns
    to. Removing `torch.nn.utils.parametrizations.weight_norm` makes transformers fall back to the older
    `torch.nn.utils.weight_norm`, which has them. Nothing else is touched."""
    import runpy
    import torch.nn.utils.parametrizations as parametrizations
    del parametrizations.weight_norm
    sys.argv = [script] + argv
    runpy.run_path(script, run_name="__main__")


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def conversion_rows(args):
    """Alternating rounds of `cp`, this project's `convert` and (when given) transformers' script, each a fresh
    process, on the same full-size checkpoint already in the page cache; medians over rounds."""
    if args.transformers_script:
        with open(args.transformers_script, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        script = (f"`{os.path.basename(args.transformers_script)}` (SHA-256 {digest[:12]}...),"
                  " run with the weight-norm compatibility change of hf_convert_worker")
    else:
        script = transformers_script_status()
    rows = []
    for preset in PRESETS:
        ckpt = os.path.join(ROOT, "target", "fullsize", preset, preset + ".th")
        times = {"cp": [], "convert": [], "script": []}
        with tempfile.TemporaryDirectory() as tmp:
            timed(["./encodec-parity", "convert", "--checkpoint", ckpt, "--out", os.path.join(tmp, "warm-up")])
        for _ in range(args.conversion_rounds):
            with tempfile.TemporaryDirectory() as tmp:
                times["cp"].append(timed(["cp", ckpt, os.path.join(tmp, "copy.th")]))
                times["convert"].append(timed(["./encodec-parity", "convert", "--checkpoint", ckpt,
                                               "--out", os.path.join(tmp, "converted")]))
                if args.transformers_script:
                    times["script"].append(timed([
                        sys.executable, os.path.abspath(__file__), "--hf-convert", args.transformers_script,
                        "--model", preset, "--checkpoint_path", ckpt,
                        "--pytorch_dump_folder_path", os.path.join(tmp, "script")]))
        row = {"preset": preset, "checkpoint_bytes": os.path.getsize(ckpt), "rounds": times,
               "cp_s": statistics.median(times["cp"]), "convert_end_to_end_s": statistics.median(times["convert"]),
               "transformers_script": script}
        if times["script"]:
            row["transformers_script_s"] = statistics.median(times["script"])
            row["speedup_vs_script"] = row["transformers_script_s"] / row["convert_end_to_end_s"]
        print(json.dumps({k: v for k, v in row.items() if k != "rounds"}), flush=True)
        rows.append(row)
    return rows


def transformers_script_status():
    """Without --transformers-script: why the script is not timed. It is not shipped by transformers 5.x, and its
    4.x text fails on current torch at its first weight-normed tensor (checked here by doing exactly what its
    set_recursively does)."""
    import torch
    import transformers
    model = transformers.EncodecModel(transformers.EncodecConfig())
    try:
        getattr(model.encoder.layers[0].conv, "weight_g")
        return "not timed: pass --transformers-script"
    except AttributeError as e:
        return (f"not timed: transformers {transformers.__version__} does not ship it; as written it fails on torch"
                f" {torch.__version__} with AttributeError: {e}; pass --transformers-script to time it with the shim")


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "date": datetime.date.today().isoformat()}


def write_readme(result):
    m = result["machine"]
    lines = ["<!-- side-by-side:start -->", "",
             f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores; {result['threads']} threads on both sides;"
             f" torch {result['codec'][0]['torch']}, transformers {result['codec'][0]['transformers']};"
             f" this project on libtorch {result['codec'][0]['libtorch']} through DJL {result['codec'][0]['djl']}."
             f" Median over {result['rounds']} alternating rounds of each side's median of {result['iterations']}"
             f" runs; 10 s of speech at the model's rate, highest bandwidth.", "",
             "| preset | batch | encode + decode, this project | transformers | speed-up | transformers with our"
             " allocator settings | speed-up | encode / decode GFLOP/s (matmul peak) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in result["codec"]:
        lines.append(f"| {r['preset']} | {r['batch']} | {r['ours_s'] * 1000:.0f} ms | {r['hf_s'] * 1000:.0f} ms |"
                     f" **{r['speedup']:.2f}x** | {r['hf_malloc_s'] * 1000:.0f} ms | {r['speedup_vs_hf_malloc']:.2f}x |"
                     f" {r['ours_encode_gflops']:.0f} / {r['ours_decode_gflops']:.0f}"
                     f" ({r['matmul_peak_gflops']:.0f}) |")
    c = result["conversion"]
    lines += ["", f"Conversion, measured {result.get('conversion_date', m['date'])}: each command a fresh process (JVM or Python start"
              f" included), the checkpoint in the page cache, median of {len(c[0]['rounds']['cp'])} alternating"
              f" rounds. transformers' script: {c[0]['transformers_script']}.", "",
              "| preset | checkpoint | `cp` | `encodec-parity convert` | transformers' script | speed-up |",
              "|---|---|---|---|---|---|"]
    for r in c:
        script = f"{r['transformers_script_s'] * 1000:.0f} ms" if "transformers_script_s" in r else "not timed"
        speedup = f"**{r['speedup_vs_script']:.1f}x**" if "speedup_vs_script" in r else ""
        lines.append(f"| {r['preset']} | {r['checkpoint_bytes'] / 1e6:.1f} MB | {r['cp_s'] * 1000:.0f} ms |"
                     f" {r['convert_end_to_end_s'] * 1000:.0f} ms | {script} | {speedup} |")
    lines += ["", "<!-- side-by-side:end -->"]
    path = os.path.join(ROOT, "benchmarks", "README.md")
    text = open(path).read()
    start, end = text.find("<!-- side-by-side:start -->"), text.find("<!-- side-by-side:end -->")
    block = "\n".join(lines)
    text = text[:start] + block + text[end + len("<!-- side-by-side:end -->"):] if start >= 0 else text + "\n" + block + "\n"
    open(path, "w").write(text)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--hf-worker":
        preset, batch, seconds, threads, iterations = sys.argv[2:7]
        hf_worker(preset, int(batch), float(seconds), int(threads), int(iterations))
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--hf-convert":
        hf_convert_worker(sys.argv[2], sys.argv[3:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--conversion-rounds", type=int, default=5)
    ap.add_argument("--transformers-script", help="convert_encodec_checkpoint_to_pytorch.py from a transformers 4.x"
                    " source tree (src/transformers/models/encodec/); not shipped in its wheels")
    ap.add_argument("--only", choices=["codec", "conversion"],
                    help="rerun one part; the other is kept from results/side_by_side.json")
    args = ap.parse_args()
    subprocess.run(["benchmarks/fullsize.sh"], cwd=ROOT, check=True)
    path = os.path.join(ROOT, "benchmarks", "results", "side_by_side.json")
    result = json.load(open(path)) if args.only else {}
    today = datetime.date.today().isoformat()
    if args.only != "conversion":
        result.update({"machine": machine(), "threads": args.threads, "rounds": args.rounds,
                       "iterations": args.iterations, "codec": codec_rows(args)})
    if args.only != "codec":
        result.update({"conversion": conversion_rows(args), "conversion_date": today})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump(result, open(path, "w"), indent=1)
    write_readme(result)


if __name__ == "__main__":
    main()
