"""Golden codes and decoded audio made by transformers' EncodecModel on CPU (1 thread).

Default mode: for each tiny model (configs/<m>.json + checkpoints/<m>.th), every clip in audio/ at that
model's rate and channel count and every bandwidth in target_bandwidths, write under goldens/<m>/:
  <clip-stem>.bw<kbps>.codes.npz   np.savez: codes_0..codes_{K-1} int64 [n_q, frames] per chunk (the
                                   last chunk without its zero padding); scales float32 [K] only when
                                   the model normalises
  <clip-stem>.bw<kbps>.audio.npy   float32 [channels, samples], model.decode(...) output
  manifest.json                    inputs, hashes, versions, command
The waveform is the WAV's int16 samples / 32768 as float32, encoded raw: no padding mask, no feature
extractor. The decoded length is asserted to equal the original EnCodec decode length.

--full NAME --out DIR [--clip PATH] [--seed N]: makes the full-size preset checkpoint
(make_checkpoints.make_full_checkpoint) and its goldens for one clip (default: the first 1.0 s of
audio/speech_<rate>hz_<ch>ch.wav, written to DIR/clip.wav) at every bandwidth, same layout, in DIR.

Usage (repo root): .venv/bin/python testdata/scripts/make_goldens.py
                   .venv/bin/python testdata/scripts/make_goldens.py --full encodec_24khz --out /tmp/g24
"""

import argparse
import datetime
import json
import os
import platform
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encodec_layout as L  # noqa: E402
import make_checkpoints  # noqa: E402
from make_audio import read_wav, write_wav  # noqa: E402

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = ["tiny_24khz", "tiny_48khz", "tiny_32khz"]
KINDS = ["speech", "music", "noise", "silence", "odd", "long"]


def load_model(cfg, checkpoint):
    """EncodecModel with the checkpoint's tensors, renamed with hf_name, loaded strictly."""
    from transformers import EncodecConfig, EncodecModel
    torch.manual_seed(0)  # the random init is overwritten, but keep it reproducible anyway
    sd = L.unwrap_state_dict(torch.load(checkpoint, weights_only=True))
    model = EncodecModel(EncodecConfig(**cfg))
    model.load_state_dict(L.to_hf_model_state_dict(sd), strict=True)
    return model.eval()


def original_decode_length(cfg, chunk_frames):
    """Length the original EnCodec decode returns: frames*hop without chunking; with chunking the
    overlap-add length stride*(n_chunks-1) + frames_last*hop."""
    hop = L.hop_length(cfg)
    _, stride = L.chunking(cfg)
    if stride is None:
        assert len(chunk_frames) == 1
        return chunk_frames[0] * hop
    return stride * (len(chunk_frames) - 1) + chunk_frames[-1] * hop


def expected_chunk_frames(cfg, length):
    """Frames per chunk of the original encode loop (range(0, L, stride), short last chunk)."""
    hop = L.hop_length(cfg)
    chunk, stride = L.chunking(cfg)
    if chunk is None:
        return [-(-length // hop)]
    return [-(-min(chunk, length - off) // hop) for off in range(0, length, stride)]


def bw_tag(bandwidth):
    return f"bw{float(bandwidth)}"


def golden(model, cfg, x, stem, bandwidth, out_dir, write_audio=True):
    """Encode + decode one clip at one bandwidth; write the two files (the audio only when
    write_audio; the manifest then says "audio": null); return the manifest entry."""
    with torch.inference_mode():
        enc = model.encode(x[None], bandwidth=bandwidth)
        audio = model.decode(enc.audio_codes, enc.audio_scales, last_frame_pad_length=enc.last_frame_pad_length)[0][0]
    codes = enc.audio_codes  # [n_chunks, 1, n_q, T], last chunk zero-padded to T
    n_chunks, pad = codes.shape[0], enc.last_frame_pad_length
    chunks = [codes[i, 0] for i in range(n_chunks)]
    if pad > 0:
        assert torch.all(chunks[-1][:, -pad:] == 0)
        chunks[-1] = chunks[-1][:, :-pad]
    frames = [c.shape[-1] for c in chunks]
    assert frames == expected_chunk_frames(cfg, x.shape[-1]), (frames, x.shape)
    assert audio.shape == (L.get(cfg, "audio_channels"), original_decode_length(cfg, frames)), audio.shape
    n_q = L.n_q_for_bandwidth(cfg, bandwidth)
    assert all(c.shape[0] == n_q and c.dtype == torch.int64 for c in chunks)

    arrays = {f"codes_{i}": c.contiguous().numpy() for i, c in enumerate(chunks)}
    if L.get(cfg, "normalize"):
        arrays["scales"] = np.array([s.reshape(()).item() for s in enc.audio_scales], dtype=np.float32)
    else:
        assert all(s is None for s in enc.audio_scales)
    codes_file = f"{stem}.{bw_tag(bandwidth)}.codes.npz"
    audio_file = f"{stem}.{bw_tag(bandwidth)}.audio.npy"
    np.savez(os.path.join(out_dir, codes_file), **arrays)
    if write_audio:
        np.save(os.path.join(out_dir, audio_file), np.ascontiguousarray(audio.numpy().astype(np.float32)))
    else:
        audio_file = None
    return {"bandwidth": float(bandwidth), "n_q": n_q, "n_chunks": n_chunks, "frames": frames,
            "last_frame_pad_length": pad, "input_samples": int(x.shape[-1]), "output_samples": int(audio.shape[-1]),
            "codes": codes_file, "audio": audio_file,
            "audio_peak": round(float(audio.abs().max()), 4)}


def versions():
    import transformers
    return {"python": platform.python_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "numpy": np.__version__}


def write_manifest(out_dir, model_name, config_file, checkpoint, checkpoint_rel, seed, entries):
    manifest = {
        "model": model_name,
        "config": config_file,
        "checkpoint": checkpoint_rel,
        "checkpoint_sha256": L.sha256_file(checkpoint),
        "seed": seed,
        "input": "WAV int16 samples / 32768 as float32 [channels, samples]; model.encode(x[None], bandwidth=bw) "
                 "without padding mask or feature extractor; model.decode(codes, scales, "
                 "last_frame_pad_length=...)[0]",
        "entries": entries,
        "versions": versions(),
        "threads": torch.get_num_threads(),
        "device": "cpu",
        "command": " ".join([".venv/bin/python", os.path.relpath(os.path.abspath(sys.argv[0]), os.getcwd())]
                            + sys.argv[1:]),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


def clip_files(cfg):
    rate, ch = L.get(cfg, "sampling_rate"), L.get(cfg, "audio_channels")
    return [os.path.join(TESTDATA, "audio", f"{k}_{rate}hz_{ch}ch.wav") for k in KINDS]


def make_tiny(name, audio_bandwidths="all"):
    config_file = f"configs/{name}.json"
    with open(os.path.join(TESTDATA, config_file)) as f:
        cfg = json.load(f)
    checkpoint = os.path.join(TESTDATA, "checkpoints", f"{name}.th")
    model = load_model(cfg, checkpoint)
    out_dir = os.path.join(TESTDATA, "goldens", name)
    os.makedirs(out_dir, exist_ok=True)
    entries = []
    for clip in clip_files(cfg):
        x, rate = read_wav(clip)
        assert rate == L.get(cfg, "sampling_rate")
        stem = os.path.basename(clip)[: -len(".wav")]
        for bw in L.get(cfg, "target_bandwidths"):
            write_audio = audio_bandwidths == "all" or bw == L.get(cfg, "target_bandwidths")[-1]
            entry = golden(model, cfg, torch.from_numpy(x), stem, bw, out_dir, write_audio)
            entries.append(dict({"clip": os.path.relpath(clip, TESTDATA), "clip_sha256": L.sha256_file(clip)}, **entry))
    write_manifest(out_dir, name, config_file, checkpoint, f"checkpoints/{name}.th",
                   make_checkpoints.TINY_SEEDS[name], entries)
    print(f"goldens/{name}: {len(entries)} entries")


def make_full(name, out_dir, clip=None, seed=0):
    cfg = L.PRESETS[name]
    os.makedirs(out_dir, exist_ok=True)
    checkpoint = os.path.join(out_dir, f"{name}.th")
    make_checkpoints.make_full_checkpoint(name, checkpoint, seed)
    rate, ch = L.get(cfg, "sampling_rate"), L.get(cfg, "audio_channels")
    if clip is None:  # first second of the committed speech clip, copied next to the goldens
        x, _ = read_wav(os.path.join(TESTDATA, "audio", f"speech_{rate}hz_{ch}ch.wav"))
        clip = os.path.join(out_dir, "clip.wav")
        write_wav(clip, x[:, :rate], rate)  # int16 -> float -> int16 is exact
    x, clip_rate = read_wav(clip)
    assert clip_rate == rate and x.shape[0] == ch, (clip, clip_rate, x.shape)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    model = load_model(cfg, checkpoint)
    stem = os.path.basename(clip)[: -len(".wav")]
    entries = [dict({"clip": os.path.relpath(clip, out_dir), "clip_sha256": L.sha256_file(clip)},
                    **golden(model, cfg, torch.from_numpy(x), stem, bw, out_dir))
               for bw in L.get(cfg, "target_bandwidths")]
    write_manifest(out_dir, name, "config.json", checkpoint, f"{name}.th", seed, entries)
    print(json.dumps({"model": name, "out": out_dir, "entries": len(entries)}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", choices=sorted(L.PRESETS), help="full-size preset: checkpoint + goldens in --out")
    ap.add_argument("--out", help="output folder for --full")
    ap.add_argument("--clip", help="WAV clip for --full (default: 1 s of the speech clip)")
    ap.add_argument("--seed", type=int, default=0, help="weights seed for --full")
    ap.add_argument("--model", choices=TINY, action="append", help="only these tiny models")
    ap.add_argument("--audio-bandwidths", choices=["all", "largest"], default="all",
                    help="tiny goldens: decoded audio for every bandwidth (default) or only the largest "
                         "(about 4.9 MB instead of 12.5 MB; codes are always written for every bandwidth)")
    args = ap.parse_args()
    torch.set_num_threads(1)  # goldens are made single-threaded (BLAS results can depend on threads)
    if args.full:
        if not args.out:
            ap.error("--full needs --out")
        make_full(args.full, args.out, args.clip, args.seed)
        return
    for name in args.model or TINY:
        make_tiny(name, args.audio_bandwidths)


if __name__ == "__main__":
    main()
