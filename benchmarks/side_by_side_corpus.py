"""Corpus part of benchmarks/side_by_side.py: this project's `verify` against the Python implementations doing the
same work on a folder of clips, each a fresh process timed end to end, with its peak RSS.

The corpus: N clips (--corpus-clips) of seeded lengths, uniform in [1, 30] s, of the bundled speech clip at the
model's rate and channels, each from its own seeded start offset, written as 16-bit WAV. Per round, in turn:
  * `./encodec-parity verify --checkpoint target/fullsize/<preset>/<preset>.th --model <preset> --audio <folder>
    --device cpu --threads T/J --jobs J --report <tmp>/report.json` (J: --verify-jobs, default 1): converts the
    checkpoint, then encodes every clip with both models at the highest bandwidth and decodes every bandwidth;
  * one Python process (side_by_side_workers.corpus_worker) loading the original model and transformers' model from
    the same checkpoint and doing the same with each, clip by clip, same thread count, under the launcher's allocator
    settings.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import wave

import numpy as np

from side_by_side_workers import ROOT, speech

SEED = 20240601
MIN_S, MAX_S = 1.0, 30.0


def make_corpus(folder, preset, clips):
    """Writes the clips; returns their total length in seconds."""
    cfg = json.load(open(os.path.join(ROOT, "target", "fullsize", preset, "config.json")))
    rate, channels = cfg["sampling_rate"], cfg["audio_channels"]
    rng = np.random.default_rng(SEED)
    lengths = rng.uniform(MIN_S, MAX_S, clips)
    offsets = rng.integers(0, int(1.5 * rate), clips)
    total = 0
    for i, (seconds, offset) in enumerate(zip(lengths, offsets)):
        x = speech(rate, channels, float(seconds), int(offset))
        pcm = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2")
        with wave.open(os.path.join(folder, f"clip{i:04d}.wav"), "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm.T.tobytes())
        total += x.shape[-1]
    return total / rate


def run_measured(cmd, env):
    """A fresh process: (wall seconds, peak RSS in MB of it and the children it waited for, CPU seconds, exit status,
    its stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if rc != 0:
            sys.stderr.write(err.read().decode(errors="replace")[-3000:])
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, rc, text


def corpus_part(args, malloc, script):
    """Alternating rounds of verify and the Python worker on one corpus; returns the result dict."""
    preset = args.corpus_preset
    rounds = args.corpus_rounds or args.rounds
    ckpt = os.path.join("target", "fullsize", preset, preset + ".th")
    env = {**os.environ, **malloc}
    ours = {"wall_s": [], "cpu_s": [], "report_seconds": [], "peak_rss_mb": [], "verdicts": []}
    py = {"wall_s": [], "cpu_s": [], "in_process_s": [], "load_s": [], "orig_s": [], "hf_s": [], "peak_rss_mb": []}
    checks = {}
    with tempfile.TemporaryDirectory(prefix="sbs-corpus-") as tmp:
        folder = os.path.join(tmp, "clips")
        os.makedirs(folder)
        audio_seconds = make_corpus(folder, preset, args.corpus_clips)
        print(f"corpus: {args.corpus_clips} clips, {audio_seconds:.1f} s of {preset} audio in {folder}", flush=True)
        for r in range(rounds):
            report = os.path.join(tmp, f"report{r}.json")
            jobs = args.verify_jobs or 1  # the same threads in all: each job gets its share
            cmd = ["./encodec-parity", "verify", "--checkpoint", ckpt, "--model", preset, "--audio", folder,
                   "--device", "cpu", "--threads", str(max(1, args.threads // jobs)), "--jobs", str(jobs),
                   "--report", report, "--quiet"]
            wall, rss, cpu, rc, _ = run_measured(cmd, dict(os.environ))
            rep = json.load(open(report)) if os.path.exists(report) else {}
            if rc not in (0, 1) or not rep:
                raise RuntimeError(f"verify exited {rc} without a report: {' '.join(cmd)}")
            ours["wall_s"].append(wall)
            ours["cpu_s"].append(cpu)
            ours["report_seconds"].append(rep.get("seconds"))
            ours["peak_rss_mb"].append(rss)
            ours["verdicts"].append(rep.get("verdict", "exit %d" % rc))
            print(json.dumps({"corpus_round": r, "ours_wall_s": wall, "ours_report_s": rep.get("seconds"),
                              "ours_cpu_s": cpu,
                              "ours_peak_rss_mb": rss, "ours_exit": rc}), flush=True)
            worker = [sys.executable, script, "--corpus-worker", args.encodec_src, preset, folder, str(args.threads)]
            wall, rss, cpu, rc, text = run_measured(worker, env)
            if rc != 0:
                raise RuntimeError(f"corpus worker exited {rc}")
            w = json.loads(text.strip().splitlines()[-1])
            py["wall_s"].append(wall)
            py["cpu_s"].append(cpu)
            py["peak_rss_mb"].append(rss)
            for k in ("in_process_s", "load_s", "orig_s", "hf_s"):
                py[k].append(w[k])
            checks = {k: w[k] for k in ("clips_with_identical_codes", "max_abs_audio_diff", "bandwidths",
                                        "original_built", "torch", "transformers")}
            print(json.dumps({"corpus_round": r, "python_wall_s": wall, "python_in_process_s": w["in_process_s"],
                              "python_cpu_s": cpu,
                              "python_peak_rss_mb": rss, **checks}), flush=True)
    med = statistics.median
    result = {"preset": preset, "clips": args.corpus_clips, "audio_seconds": audio_seconds, "seed": SEED,
              "lengths_s": [MIN_S, MAX_S], "threads": args.threads, "verify_jobs": args.verify_jobs or 1,
              "rounds": rounds, "ours": ours, "python": py, "python_checks": checks,
              "ours_wall_s": med(ours["wall_s"]), "python_wall_s": med(py["wall_s"]),
              "python_in_process_s": med(py["in_process_s"]),
              "ours_peak_rss_mb": max(ours["peak_rss_mb"]), "python_peak_rss_mb": max(py["peak_rss_mb"])}
    seconds = [s for s in ours["report_seconds"] if s is not None]
    if seconds:
        result["ours_report_s"] = med(seconds)
    result["ours_throughput"] = audio_seconds / result["ours_wall_s"]
    result["python_throughput"] = audio_seconds / result["python_wall_s"]
    result["speedup_end_to_end"] = result["python_wall_s"] / result["ours_wall_s"]
    print(json.dumps({k: v for k, v in result.items() if k not in ("ours", "python")}), flush=True)
    return result


def readme_lines(c):
    """The corpus table, or a line saying it was not measured."""
    if not c:
        return ["Corpus: not measured (run with --only corpus)."]
    chk = c.get("python_checks", {})
    jobs = c.get("verify_jobs", 1)
    verify = "`encodec-parity verify`" + (f" --jobs {jobs}" if jobs > 1 else "")
    lines = [f"Corpus, measured {c.get('date', '?')}: {c['clips']} clips of {c['preset']} speech, lengths uniform in"
             f" [{c['lengths_s'][0]:.0f}, {c['lengths_s'][1]:.0f}] s (seed {c['seed']}), {c['audio_seconds']:.0f} s"
             f" of audio in all, 16-bit WAV; {c['threads']} threads on each side; median of {c['rounds']} alternating"
             f" rounds. Each side encodes every clip with two models (the original checkpoint's and transformers'),"
             f" at the highest bandwidth, and decodes every bandwidth {chk.get('bandwidths', '')} (lower bandwidths"
             f" are prefixes of the codes); verify also converts the checkpoint first. The Python process runs under"
             f" our allocator settings; its original and transformers models gave identical codes on"
             f" {chk.get('clips_with_identical_codes', '?')} of {c['clips']} clips (largest reconstruction"
             f" difference {chk.get('max_abs_audio_diff', float('nan')):.3g}). Wall: the whole process (JVM or Python"
             f" start and model loading included); in process: verify's report's `seconds` (JVM start apart;"
             f" conversion and model loading included), the Python process's clip loop (model loading apart, given"
             f" beside it).", "",
             "| corpus | process, end to end | in process | throughput (audio s / wall s) | peak RSS |",
             "|---|---|---|---|---|"]
    rep = f"{c['ours_report_s']:.1f} s" if c.get("ours_report_s") is not None else "not measured"
    lines.append(f"| this project, {verify} | {c['ours_wall_s']:.1f} s | {rep} | {c['ours_throughput']:.2f}x |"
                 f" {c['ours_peak_rss_mb']:.0f} MB |")
    py, med = c["python"], statistics.median
    lines.append(f"| original code + transformers, one Python process | {c['python_wall_s']:.1f} s |"
                 f" {c['python_in_process_s']:.1f} s (+ {med(py['load_s']):.1f} s loading; original"
                 f" {med(py['orig_s']):.1f} s, transformers {med(py['hf_s']):.1f} s) | {c['python_throughput']:.2f}x |"
                 f" {c['python_peak_rss_mb']:.0f} MB |")
    lines += ["", f"End to end, this project does the corpus **{c['speedup_end_to_end']:.2f}x** as fast as the Python"
              f" process."]
    return lines
