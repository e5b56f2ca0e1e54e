"""Side-by-side: encodec-parity against the original EnCodec code and transformers (same machine, weights, audio).

Three parts, each in alternating rounds (a round runs every side once, in turn, so drift of the machine hits all
sides alike), every side with the same thread count and the same full-size checkpoints (benchmarks/fullsize.sh):
  * codec: for each preset and batch size, this project's `./encodec-parity bench` (DJL, libtorch 2.7.1 CPU), the
    original facebookresearch/encodec EncodecModel (--encodec-src; its `encode` and `decode`) and transformers'
    EncodecModel (pip's CPU torch), each Python one twice: with glibc's default allocator and with the allocator
    settings this project's launcher uses (MALLOC below), so that the allocator-neutral comparison can be read first.
    Each side's median over rounds of its median of --iterations runs (after 2 warm-up), highest bandwidth.
  * conversion: this project's `convert` end to end (JVM start included) against a plain `cp` and against
    transformers' conversion script. That script is not in transformers' wheels and, as written, no longer runs on
    current torch; give its text from a transformers 4.x source tree with --transformers-script, and it runs with the
    one compatibility change described in side_by_side_workers.hf_convert_worker.
  * corpus: `./encodec-parity verify` on a folder of --corpus-clips clips of 1 to 30 s against one Python process
    running the original and transformers' models over the same clips (side_by_side_corpus.py), each timed end to
    end as a fresh process, with its peak RSS.

Writes benchmarks/results/side_by_side.json and the tables between the side-by-side markers of benchmarks/README.md
(--out-json / --no-readme for a rehearsal that leaves them alone). Run from the repository root, with nothing else
running. On a 2-core machine at the default settings, about 4 hours in all: codec 1.5 to 2 hours (most of it the
Python sides with the default allocator at batch 8, 40 s a run there), conversion about 2 minutes, corpus (200 clips,
52 minutes of audio) about 40 minutes a round, 2 hours at the default 3 rounds (--corpus-rounds 1: one round):
  .venv/bin/python benchmarks/side_by_side.py --encodec-src PATH \
      --transformers-script PATH/convert_encodec_checkpoint_to_pytorch.py
PATH (--encodec-src) is the folder holding the original `encodec/` package (facebookresearch/encodec); it imports
with stand-ins for einops and torchaudio, as testdata/scripts/crosscheck_original.py does. --only codec, conversion
or corpus reruns one part and keeps the others from the results JSON.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts (this one, its siblings, testdata/scripts)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import side_by_side_corpus as corpus  # noqa: E402
import side_by_side_workers as workers  # noqa: E402

ROOT = workers.ROOT
PRESETS = ["encodec_24khz", "encodec_48khz", "encodec_32khz"]
MALLOC = {"MALLOC_ARENA_MAX": "1", "MALLOC_MMAP_THRESHOLD_": "17179869184", "MALLOC_TRIM_THRESHOLD_": "17179869184"}
SCRIPT = os.path.abspath(__file__)
# The Python sides, in the order a round runs them: (key, implementation, with our allocator settings).
PY_SIDES = [("orig", "orig", False), ("orig_malloc", "orig", True), ("hf", "hf", False), ("hf_malloc", "hf", True)]


def env_for(malloc):
    """This environment without any allocator setting, plus the launcher's when `malloc`."""
    env = {k: v for k, v in os.environ.items() if k not in MALLOC}
    return {**env, **MALLOC} if malloc else env


def run_json(cmd, env=None):
    out = subprocess.run(cmd, cwd=ROOT, env=env or dict(os.environ), capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {out.returncode}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ours(preset, batch, seconds, threads, iterations):
    ckpt = os.path.join("target", "fullsize", preset, preset + ".th")
    return run_json(["./encodec-parity", "bench", "--checkpoint", ckpt, "--threads", str(threads), "--batch",
                     str(batch), "--seconds", str(seconds), "--iterations", str(iterations), "--device", "cpu"])


def python_side(impl, src, preset, batch, seconds, threads, iterations, malloc):
    return run_json([sys.executable, SCRIPT, "--codec-worker", impl, src or "-", preset, str(batch), str(seconds),
                     str(threads), str(iterations)], env_for(malloc))


def original_available(src, preset):
    """None when the original code builds this preset and loads its checkpoint, else why not (checked once, in a
    process of its own)."""
    if not src:
        return "not measured (no --encodec-src)"
    try:
        python_side("orig", src, preset, 1, 0.2, 1, 1, False)
        return None
    except RuntimeError as e:
        return "not available: " + str(e).strip().splitlines()[-1][:200]


def spread(values):
    return (max(values) - min(values)) / statistics.median(values)


def codec_rows(args):
    rows = []
    for preset in args.presets:
        orig_note = original_available(args.encodec_src, preset)
        sides = [s for s in PY_SIDES if s[1] == "hf" or orig_note is None]
        for batch in args.batches:
            samples = {"ours": [], **{k: [] for k, _, _ in sides}}
            bench_spread, info = [], {}
            for _ in range(args.rounds):
                o = ours(preset, batch, args.seconds, args.threads, args.iterations)
                samples["ours"].append(o["encode_median_s"] + o["decode_median_s"])
                bench_spread.append(o.get("both_spread"))
                info["ours"] = o
                for key, impl, malloc in sides:
                    r = python_side(impl, args.encodec_src, preset, batch, args.seconds, args.threads,
                                    args.iterations, malloc)
                    samples[key].append(r["encode_median_s"] + r["decode_median_s"])
                    info[impl] = r
            row = {"preset": preset, "batch": batch, "seconds": args.seconds, "threads": args.threads,
                   "rounds": samples, "spread": {k: spread(v) for k, v in samples.items()},
                   "ours_bench_both_spread": bench_spread,
                   "ours_encode_gflops": info["ours"]["encode_gflops"],
                   "ours_decode_gflops": info["ours"]["decode_gflops"],
                   "matmul_peak_gflops": info["ours"]["matmul_peak_gflops"],
                   "torch": info["hf"]["torch"], "transformers": info["hf"]["transformers"],
                   "libtorch": info["ours"]["libtorch"], "djl": info["ours"]["djl"]}
            for k, v in samples.items():
                row[k + "_s"] = statistics.median(v)
            if orig_note is None:
                row["original_built"] = info["orig"]["built"]
            else:
                row.update({"orig_s": None, "orig_malloc_s": None, "orig_note": orig_note})
            row["speedup"] = row["hf_s"] / row["ours_s"]
            row["speedup_vs_hf_malloc"] = row["hf_malloc_s"] / row["ours_s"]
            faster = min(t for t in (row["orig_malloc_s"], row["hf_malloc_s"]) if t is not None)
            row["speedup_vs_faster_python_malloc"] = faster / row["ours_s"]
            print(json.dumps({k: v for k, v in row.items() if k != "rounds"}), flush=True)
            rows.append(row)
    return rows


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
    for preset in args.presets:
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
                        sys.executable, SCRIPT, "--hf-convert", args.transformers_script,
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


def source_digest(src):
    """SHA-256 of the original package's .py files (sorted by path), to name the code that was timed."""
    h = hashlib.sha256()
    pkg = os.path.join(src, "encodec")
    for base, _, files in sorted(os.walk(pkg)):
        for f in sorted(files):
            if f.endswith(".py"):
                h.update(os.path.relpath(os.path.join(base, f), pkg).encode())
                h.update(open(os.path.join(base, f), "rb").read())
    return h.hexdigest()


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "date": datetime.date.today().isoformat()}


def cell(row, key):
    """'597 ms ±3%' (± = (max - min) / median over the rounds), or why there is no number."""
    if row.get(key + "_s") is None:
        return row.get(key.split("_")[0] + "_note", "not measured") if key + "_s" in row else "not measured"
    rounds = row.get("rounds", {}).get(key)
    spread_text = f" ±{spread(rounds) * 100:.0f}%" if rounds else ""
    return f"{row[key + '_s'] * 1000:.0f} ms{spread_text}"


def codec_lines(result):
    m, codec = result["machine"], result["codec"]
    first = codec[0]
    src = result.get("encodec_src")
    orig = (f" the original code: facebookresearch/encodec, package SHA-256 {src['sha256'][:12]}... (its 24 and 48 kHz"
            f" builders; encodec_32khz, which it has no builder for, is its classes built from the config, as"
            f" crosscheck_original.py does), imported with stand-ins for einops and torchaudio;" if src else
            " the original code: not measured;")
    lines = [f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores; {result['threads']} threads on every side;"
             f" torch {first['torch']} for transformers {first['transformers']} and{orig}"
             f" this project on libtorch {first['libtorch']} through DJL {first['djl']}."
             f" Median over {result['rounds']} alternating rounds (each runs every side once, in turn) of each"
             f" side's median of {result['iterations']} runs; ± is (max - min) / median over the rounds;"
             f" {first['seconds']:g} s of speech at the model's rate, highest bandwidth, encode + decode."
             f" \"Our allocator settings\": MALLOC_ARENA_MAX=1 and both malloc thresholds at 16 GiB, as this"
             f" project's launcher sets them; \"default allocator\": glibc's defaults.", "",
             "| preset | batch | this project | original code, our allocator settings | transformers, our allocator"
             " settings | speed-up vs the faster of those two | original code, default allocator | transformers,"
             " default allocator | encode / decode GFLOP/s (matmul peak) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in codec:
        measured = [r[k] for k in ("orig_malloc_s", "hf_malloc_s") if r.get(k) is not None]
        speedup = f"**{min(measured) / r['ours_s']:.2f}x**" if measured else "not measured"
        lines.append(f"| {r['preset']} | {r['batch']} | {cell(r, 'ours')} | {cell(r, 'orig_malloc')} |"
                     f" {cell(r, 'hf_malloc')} | {speedup} | {cell(r, 'orig')} | {cell(r, 'hf')} |"
                     f" {r['ours_encode_gflops']:.0f} / {r['ours_decode_gflops']:.0f}"
                     f" ({r['matmul_peak_gflops']:.0f}) |")
    return lines


def conversion_lines(result):
    c = result.get("conversion")
    if not c:
        return ["Conversion: not measured (run with --only conversion)."]
    lines = [f"Conversion, measured {result.get('conversion_date', result['machine']['date'])}: each command a fresh"
             f" process (JVM or Python start included), the checkpoint in the page cache, median of"
             f" {len(c[0]['rounds']['cp'])} alternating rounds. transformers' script: {c[0]['transformers_script']}.",
             "", "| preset | checkpoint | `cp` | `encodec-parity convert` | transformers' script | speed-up |",
             "|---|---|---|---|---|---|"]
    for r in c:
        script = f"{r['transformers_script_s'] * 1000:.0f} ms" if "transformers_script_s" in r else "not timed"
        speedup = f"**{r['speedup_vs_script']:.1f}x**" if "speedup_vs_script" in r else ""
        lines.append(f"| {r['preset']} | {r['checkpoint_bytes'] / 1e6:.1f} MB | {r['cp_s'] * 1000:.0f} ms |"
                     f" {r['convert_end_to_end_s'] * 1000:.0f} ms | {script} | {speedup} |")
    return lines


def readme_block(result):
    codec = codec_lines(result) if result.get("codec") else ["Codec: not measured (run with --only codec)."]
    lines = ["<!-- side-by-side:start -->", ""] + codec + [""] + conversion_lines(result) + [""]
    lines += corpus.readme_lines(result.get("corpus")) + ["", "<!-- side-by-side:end -->"]
    return "\n".join(lines)


def write_readme(result):
    path = os.path.join(ROOT, "benchmarks", "README.md")
    text = open(path).read()
    start, end = text.find("<!-- side-by-side:start -->"), text.find("<!-- side-by-side:end -->")
    block = readme_block(result)
    if start >= 0:
        text = text[:start] + block + text[end + len("<!-- side-by-side:end -->"):]
    else:
        text = text + "\n" + block + "\n"
    open(path, "w").write(text)


def worker_main(argv):
    """The worker entry points (a fresh process each); True when argv named one."""
    if argv[:1] == ["--codec-worker"]:
        impl, src, preset, batch, seconds, threads, iterations = argv[1:8]
        workers.codec_worker(impl, None if src == "-" else src, preset, int(batch), float(seconds), int(threads),
                             int(iterations))
    elif argv[:1] == ["--hf-worker"]:  # the earlier entry point: transformers only
        preset, batch, seconds, threads, iterations = argv[1:6]
        workers.codec_worker("hf", None, preset, int(batch), float(seconds), int(threads), int(iterations))
    elif argv[:1] == ["--corpus-worker"]:
        src, preset, folder, threads = argv[1:5]
        workers.corpus_worker(src, preset, folder, int(threads))
    elif argv[:1] == ["--hf-convert"] and len(argv) > 1:
        workers.hf_convert_worker(argv[1], argv[2:])
    else:
        return False
    return True


def main():
    if worker_main(sys.argv[1:]):
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--presets", nargs="+", choices=PRESETS, default=PRESETS,
                    help="limit codec and conversion to these presets (their part then holds only them)")
    ap.add_argument("--conversion-rounds", type=int, default=5)
    ap.add_argument("--transformers-script", help="convert_encodec_checkpoint_to_pytorch.py from a transformers 4.x"
                    " source tree (src/transformers/models/encodec/); not shipped in its wheels")
    ap.add_argument("--encodec-src", help="folder holding the original facebookresearch/encodec `encodec/` package;"
                    " without it the original code is not timed (and the corpus part cannot run)")
    ap.add_argument("--corpus-clips", type=int, default=200)
    ap.add_argument("--corpus-preset", choices=PRESETS, default="encodec_24khz")
    ap.add_argument("--corpus-rounds", type=int, help="rounds of the corpus part (default: --rounds)")
    ap.add_argument("--verify-jobs", type=int, default=1, help="passed to verify as --jobs when above 1")
    ap.add_argument("--only", choices=["codec", "conversion", "corpus"],
                    help="rerun one part; the others are kept from the results JSON")
    ap.add_argument("--out-json", help="write the results here instead of benchmarks/results/side_by_side.json"
                    " (parts not rerun are read from it when it exists, else from the committed file)")
    ap.add_argument("--no-readme", action="store_true", help="print the README block instead of writing it")
    args = ap.parse_args()
    if args.encodec_src and not os.path.isdir(os.path.join(args.encodec_src, "encodec")):
        ap.error(f"no encodec/ package under {args.encodec_src}")
    parts = [args.only] if args.only else ["codec", "conversion", "corpus"]
    if "corpus" in parts and not args.encodec_src:
        ap.error("the corpus part needs --encodec-src")
    subprocess.run(["benchmarks/fullsize.sh"], cwd=ROOT, check=True)
    committed = os.path.join(ROOT, "benchmarks", "results", "side_by_side.json")
    path = os.path.abspath(args.out_json) if args.out_json else committed
    base = path if os.path.exists(path) else committed
    result = json.load(open(base)) if args.only and os.path.exists(base) else {}
    today = datetime.date.today().isoformat()
    if "codec" in parts:
        result.update({"machine": machine(), "threads": args.threads, "rounds": args.rounds,
                       "iterations": args.iterations, "codec": codec_rows(args)})
        result["encodec_src"] = {"sha256": source_digest(args.encodec_src)} if args.encodec_src else None
    if "conversion" in parts:
        result.update({"conversion": conversion_rows(args), "conversion_date": today})
    if "corpus" in parts:
        result["corpus"] = {**corpus.corpus_part(args, MALLOC, SCRIPT), "date": today}
    result.setdefault("machine", machine())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump(result, open(path, "w"), indent=1)
    if args.no_readme:
        print(readme_block(result))
    else:
        write_readme(result)


if __name__ == "__main__":
    main()
