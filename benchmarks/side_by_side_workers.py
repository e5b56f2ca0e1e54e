"""Worker processes of benchmarks/side_by_side.py: each runs in a fresh Python process and prints one JSON line.

* codec_worker: times one Python implementation (transformers' EncodecModel, or the original facebookresearch/encodec
  EncodecModel imported from a source folder) on `seconds` of the bundled speech clip, batch `batch`, the model's
  highest bandwidth: 2 warm-up runs, then `iterations` timed runs, encode and decode timed separately.
* corpus_worker: loads both Python models once, then for every clip of a folder encodes it with each at the highest
  bandwidth and decodes every bandwidth of the model (lower bandwidths are prefixes of the codes), the work
  `encodec-parity verify` does for its two models; checks that the two models' codes are identical.
* hf_convert_worker: transformers' conversion script run as its own command line would.

Both models load target/fullsize/<preset>/<preset>.th with strict=True. The original code has builders for the 24 and
48 kHz models only (encodec_model_24khz / encodec_model_48khz); encodec_32khz (an AudioCraft model) is its classes
built from the config, as testdata/scripts/crosscheck_original.py does for tiny_32khz.
"""
import json
import os
import statistics
import sys
import time
import wave

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "testdata", "scripts")


def speech(rate, channels, seconds, offset=0):
    """The bundled speech clip at the model's rate, repeated to `seconds` (what `bench` uses by default), starting
    `offset` samples into it."""
    with wave.open(os.path.join(ROOT, "testdata", "audio", f"speech_{rate}hz_{channels}ch.wav")) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, channels).T
    x = np.roll(pcm.astype(np.float32) / 32768.0, -int(offset), axis=1)
    n = int(round(seconds * rate))
    return np.resize(x, (channels, n)) if channels > 1 else np.resize(x[0], n)[None, :]


def read_wav(path):
    """16-bit PCM WAV -> float32 [channels, samples] = int16 / 32768."""
    with wave.open(path, "rb") as w:
        ch, n = w.getnchannels(), w.getnframes()
        data = np.frombuffer(w.readframes(n), dtype="<i2").reshape(n, ch).T
    return data.astype(np.float32) / 32768.0


def _layout():
    if SCRIPTS not in sys.path:
        sys.path.insert(0, SCRIPTS)
    import encodec_layout
    return encodec_layout


def _checkpoint(preset):
    import torch
    d = os.path.join(ROOT, "target", "fullsize", preset)
    cfg = json.load(open(os.path.join(d, "config.json")))
    sd = _layout().unwrap_state_dict(torch.load(os.path.join(d, preset + ".th"), weights_only=True))
    return cfg, sd


def load_hf(preset):
    """transformers' EncodecModel with the full-size checkpoint (strict); (model, cfg, versions)."""
    import torch
    import transformers
    layout = _layout()
    cfg, sd = _checkpoint(preset)
    model = transformers.EncodecModel(transformers.EncodecConfig(**cfg)).eval()
    model.load_state_dict(layout.to_hf_model_state_dict(sd), strict=True)
    return model, cfg, {"torch": torch.__version__, "transformers": transformers.__version__}


def load_original(src, preset):
    """The original EncodecModel with the full-size checkpoint (strict); (model, cfg, how it was built)."""
    import torch
    if SCRIPTS not in sys.path:
        sys.path.insert(0, SCRIPTS)
    import crosscheck_original
    absent = [m for m in ("einops", "torchaudio") if m not in sys.modules]
    crosscheck_original.install_stand_ins()
    if src not in sys.path:
        sys.path.insert(0, src)
    import encodec
    for m in absent:  # encodec keeps its references; transformers' availability checks must not see the stand-ins
        sys.modules.pop(m, None)
    cfg, sd = _checkpoint(preset)
    builders = {"encodec_24khz": encodec.EncodecModel.encodec_model_24khz,
                "encodec_48khz": encodec.EncodecModel.encodec_model_48khz}
    if preset in builders:
        model, built = builders[preset](pretrained=False), f"EncodecModel.{builders[preset].__name__}(pretrained=False)"
    else:
        model, built = crosscheck_original.build_original(encodec, cfg), "original classes built from config.json"
    model.load_state_dict(sd, strict=True)
    model.eval()
    model.set_target_bandwidth(cfg["target_bandwidths"][-1])
    return model, cfg, {"torch": torch.__version__, "built": built}


def _timed_runs(encode, decode, iterations):
    enc_t, dec_t = [], []
    for i in range(2 + iterations):
        t0 = time.perf_counter()
        codes = encode()
        t1 = time.perf_counter()
        decode(codes)
        t2 = time.perf_counter()
        if i >= 2:
            enc_t.append(t1 - t0)
            dec_t.append(t2 - t1)
    return {"encode_median_s": statistics.median(enc_t), "decode_median_s": statistics.median(dec_t)}


def codec_worker(impl, src, preset, batch, seconds, threads, iterations):
    """Times one implementation in this process; prints one JSON line. impl: 'hf' or 'orig'."""
    import torch
    torch.set_num_threads(threads)
    if impl == "hf":
        model, cfg, info = load_hf(preset)
        bw = cfg["target_bandwidths"][-1]

        def encode():
            return model.encode(x, bandwidth=bw)

        def decode(enc):
            model.decode(enc.audio_codes, enc.audio_scales, last_frame_pad_length=enc.last_frame_pad_length)
    else:
        model, cfg, info = load_original(src, preset)
        encode, decode = (lambda: model.encode(x)), model.decode
    x = torch.from_numpy(speech(cfg["sampling_rate"], cfg["audio_channels"], seconds))[None].repeat(batch, 1, 1)
    with torch.inference_mode():
        result = _timed_runs(encode, decode, iterations)
    print(json.dumps({**result, **info}))


def _original_codes(frames, t_max):
    """Original frames [(codes [B, K, T_i], scale)] -> [F, B, K, t_max] padded with zeros as transformers does."""
    import torch
    return torch.stack([torch.nn.functional.pad(c, (0, t_max - c.shape[-1])) for c, _ in frames])


def corpus_worker(src, preset, folder, threads):
    """Both Python models on every clip of `folder` (sorted): encode at the highest bandwidth, decode every
    bandwidth; prints one JSON line with the in-process times (model load apart) and the parity checks."""
    import torch
    t_start = time.perf_counter()
    torch.set_num_threads(threads)
    layout = _layout()
    orig, cfg, info = load_original(src, preset)
    hf, _, hf_info = load_hf(preset)
    bws = cfg["target_bandwidths"]
    n_qs = [layout.n_q_for_bandwidth(cfg, bw) for bw in bws]
    clips = sorted(f for f in os.listdir(folder) if f.endswith(".wav"))
    t_loaded = time.perf_counter()
    per_model = {"orig": 0.0, "hf": 0.0}
    audio_seconds, codes_equal, worst = 0.0, 0, 0.0
    with torch.inference_mode():
        for name in clips:
            x = torch.from_numpy(read_wav(os.path.join(folder, name)))[None]
            audio_seconds += x.shape[-1] / cfg["sampling_rate"]
            t0 = time.perf_counter()
            frames = orig.encode(x)
            out_o = [orig.decode([(c[:, :n], s) for c, s in frames]) for n in n_qs]
            t1 = time.perf_counter()
            enc = hf.encode(x, bandwidth=bws[-1])
            out_h = [hf.decode(enc.audio_codes[:, :, :n], enc.audio_scales,
                               last_frame_pad_length=enc.last_frame_pad_length).audio_values for n in n_qs]
            t2 = time.perf_counter()
            per_model["orig"] += t1 - t0
            per_model["hf"] += t2 - t1
            codes = _original_codes(frames, enc.audio_codes.shape[-1])
            codes_equal += int(codes.shape == enc.audio_codes.shape and torch.equal(codes, enc.audio_codes))
            for a, b in zip(out_o, out_h):
                n = min(a.shape[-1], b.shape[-1])
                worst = max(worst, float((a[..., :n] - b[..., :n]).abs().max()))
    t_end = time.perf_counter()
    print(json.dumps({"clips": len(clips), "audio_seconds": audio_seconds, "bandwidths": bws,
                      "load_s": t_loaded - t_start, "in_process_s": t_end - t_loaded,
                      "orig_s": per_model["orig"], "hf_s": per_model["hf"],
                      "clips_with_identical_codes": codes_equal, "max_abs_audio_diff": worst,
                      "original_built": info["built"], **hf_info}))


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
