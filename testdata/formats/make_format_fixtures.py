#!/usr/bin/env python3
"""Writes the WAV, .npy and .npz fixtures that dev.encodecparity.audio is checked against, and expected.json.

Run once from the repository root with the project's Python (numpy 2.4.6):

    $(scripts/python-env) testdata/formats/make_format_fixtures.py

The integer PCM WAVs come from Python's own `wave` module and every .npy/.npz from numpy itself, so the Java readers
are compared with the reference writers rather than with themselves. `wave` writes only integer PCM, so the float,
WAVE_FORMAT_EXTENSIBLE and extra-chunk WAVs are packed by hand below with `struct`, following the RIFF layout.

Expected sample values are computed from the integers that went in, with numpy float32 arithmetic (x / 2^(bits-1),
8-bit (x - 128) / 128), not read back from the files. Non-finite floats are written as the strings "nan", "inf",
"-inf" because JSON has no literal for them.
"""
import io
import json
import math
import os
import re
import struct
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
GUID_TAIL = bytes.fromhex("000000001000800000aa00389b71")  # KSDATAFORMAT_SUBTYPE_* after the 2-byte format code


def path(name):
    return os.path.join(HERE, name)


def json_number(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def json_values(a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype.kind == "f":
        return [json_number(v) for v in flat]
    if a.dtype.kind == "b":
        return [bool(v) for v in flat]
    return [int(v) for v in flat]


# ---------------------------------------------------------------- WAV

def pcm_expected(frames, bits):
    """frames: [frames][channels] ints -> planar float32 lists."""
    a = np.array(frames, dtype=np.int64).T
    if bits == 8:
        f = (a.astype(np.float32) - np.float32(128)) / np.float32(128)
    else:
        f = a.astype(np.float32) / np.float32(2.0 ** (bits - 1))
    assert f.dtype == np.float32
    return [[json_number(v) for v in ch] for ch in f]


def write_with_wave(name, frames, bits, rate):
    channels = len(frames[0])
    raw = bytearray()
    for frame in frames:
        for x in frame:
            if bits == 8:
                raw += struct.pack("<B", x)
            elif bits == 24:
                raw += struct.pack("<i", x)[:3]
            else:
                raw += struct.pack({16: "<h", 32: "<i"}[bits], x)
    with wave.open(path(name), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(bits // 8)
        w.setframerate(rate)
        w.writeframes(bytes(raw))
    return {"sample_rate": rate, "channels": channels, "frames": len(frames),
            "samples": pcm_expected(frames, bits), "written_by": "python wave"}


def chunk(cid, body):
    pad = b"\0" if len(body) % 2 else b""
    return cid + struct.pack("<I", len(body)) + body + pad


def riff(chunks):
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def fmt_plain(tag, channels, rate, bits, cb_size=None):
    block = channels * bits // 8
    body = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    if cb_size is not None:
        body += struct.pack("<H", cb_size)
    return chunk(b"fmt ", body)


def fmt_extensible(sub_tag, channels, rate, bits, valid_bits, mask):
    block = channels * bits // 8
    body = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, bits, 22, valid_bits, mask)
    body += struct.pack("<H", sub_tag) + GUID_TAIL
    return chunk(b"fmt ", body)


def interleave(planar, fmt):
    frames = len(planar[0])
    return b"".join(struct.pack(fmt, planar[c][i]) for i in range(frames) for c in range(len(planar)))


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def make_wavs():
    out = {}
    out["pcm8_mono.wav"] = write_with_wave(
        "pcm8_mono.wav", [[0], [1], [127], [128], [129], [254], [255]], 8, 8000)
    out["pcm16_stereo.wav"] = write_with_wave(
        "pcm16_stereo.wav", [[-32768, 32767], [0, 1], [-1, 12345], [16384, -16384], [-2, 3]], 16, 24000)
    out["pcm24_stereo.wav"] = write_with_wave(
        "pcm24_stereo.wav", [[-8388608, 8388607], [0, 1], [-1, 4194304], [123456, -7654321]], 24, 48000)
    out["pcm32_mono.wav"] = write_with_wave(
        "pcm32_mono.wav", [[-2**31], [2**31 - 1], [0], [1], [-1], [16777217], [123456789], [-987654321]],
        32, 22050)

    # IEEE float, 32-bit: WAVEFORMATEX (cbSize 0) plus the fact chunk that non-PCM formats carry.
    f32 = np.array([[0.0, 1.0, -1.0, 0.5, 1e-8, 1.5], [-0.0, 0.25, -0.75, 3.0e-3, -1e-30, -2.0]], dtype=np.float32)
    write_bytes("float32_stereo.wav", riff([
        fmt_plain(3, 2, 24000, 32, cb_size=0),
        chunk(b"fact", struct.pack("<I", f32.shape[1])),
        chunk(b"data", interleave(f32.tolist(), "<f"))]))
    out["float32_stereo.wav"] = {"sample_rate": 24000, "channels": 2, "frames": 6,
                                 "samples": [[json_number(v) for v in ch] for ch in f32], "written_by": "struct"}

    # IEEE float, 64-bit: read as float32 by rounding to nearest, as numpy's astype(float32) does.
    f64 = np.array([[0.1, 1.0 / 3.0, -0.9999999999, 1e-40, 2.0 ** -149, 0.0]])
    write_bytes("float64_mono.wav", riff([
        fmt_plain(3, 1, 16000, 64),  # a 16-byte fmt, as some writers do even for float
        chunk(b"data", interleave(f64.tolist(), "<d"))]))
    out["float64_mono.wav"] = {"sample_rate": 16000, "channels": 1, "frames": 6,
                               "samples": [[json_number(v) for v in ch] for ch in f64.astype(np.float32)],
                               "written_by": "struct"}

    # WAVE_FORMAT_EXTENSIBLE, PCM 16-bit, 3 channels (FL FR FC).
    pcm3 = [[-32768, 0, 32767, 100], [1, -1, 2, -2], [1000, 2000, -3000, 4000]]
    write_bytes("extensible_pcm16_3ch.wav", riff([
        fmt_extensible(1, 3, 32000, 16, 16, 0x7),
        chunk(b"data", interleave(pcm3, "<h"))]))
    out["extensible_pcm16_3ch.wav"] = {"sample_rate": 32000, "channels": 3, "frames": 4,
                                       "samples": pcm_expected(list(zip(*pcm3)), 16), "written_by": "struct"}

    # WAVE_FORMAT_EXTENSIBLE, IEEE float 32-bit, stereo.
    fext = np.array([[0.125, -0.5, 0.875], [1.0, -1.0, 0.0]], dtype=np.float32)
    write_bytes("extensible_float32_stereo.wav", riff([
        fmt_extensible(3, 2, 44100, 32, 32, 0x3),
        chunk(b"fact", struct.pack("<I", 3)),
        chunk(b"data", interleave(fext.tolist(), "<f"))]))
    out["extensible_float32_stereo.wav"] = {"sample_rate": 44100, "channels": 2, "frames": 3,
                                            "samples": [[json_number(v) for v in ch] for ch in fext],
                                            "written_by": "struct"}

    # WAVE_FORMAT_EXTENSIBLE, 24 valid bits left-justified in 32-bit containers: scaled by the container, 2^31.
    v24 = [-8388608, 8388607, 1, -1, 0]
    write_bytes("extensible_pcm24in32_mono.wav", riff([
        fmt_extensible(1, 1, 48000, 32, 24, 0x4),
        chunk(b"data", interleave([[x * 256 for x in v24]], "<i"))]))
    out["extensible_pcm24in32_mono.wav"] = {"sample_rate": 48000, "channels": 1, "frames": 5,
                                            "samples": pcm_expected([[x * 256] for x in v24], 32),
                                            "written_by": "struct"}

    # Chunks the reader must skip: a LIST/INFO chunk and an odd-sized one (3 bytes + pad byte) before the data.
    info = b"INFO" + chunk(b"ISFT", b"encodec-parity\0")
    pcm = [[-32768, 32767, 7], [5, -5, 0]]
    write_bytes("chunks_list_odd_pcm16.wav", riff([
        fmt_plain(1, 2, 16000, 16),
        chunk(b"LIST", info),
        chunk(b"odd ", b"abc"),
        chunk(b"data", interleave(pcm, "<h"))]))
    out["chunks_list_odd_pcm16.wav"] = {"sample_rate": 16000, "channels": 2, "frames": 3,
                                        "samples": pcm_expected(list(zip(*pcm)), 16), "written_by": "struct"}

    # An odd-sized data chunk (5 bytes of 8-bit mono), its pad byte, then a LIST chunk after the data.
    u8 = [0, 64, 128, 192, 255]
    write_bytes("odd_data_pcm8.wav", riff([
        fmt_plain(1, 1, 11025, 8),
        chunk(b"data", bytes(u8)),
        chunk(b"LIST", info)]))
    out["odd_data_pcm8.wav"] = {"sample_rate": 11025, "channels": 1, "frames": 5,
                                "samples": pcm_expected([[x] for x in u8], 8), "written_by": "struct"}
    return out


# ---------------------------------------------------------------- npy / npz

def describe(a, version=(1, 0), fortran=False):
    return {"descr": a.dtype.str, "shape": list(a.shape), "fortran_order": fortran, "version": list(version),
            "values": json_values(a)}


def make_npys():
    arrays = {
        "f4_2x3.npy": np.array([[0.0, 1.5, -2.25], [3.4028235e38, 1e-45, -0.0]], dtype=np.float32),
        "f4_nonfinite_3.npy": np.array([np.nan, np.inf, -np.inf], dtype=np.float32),
        "f8_4.npy": np.array([0.1, -1e300, 5e-324, 1.0 / 3.0]),
        "i8_4.npy": np.array([-2**63, 2**63 - 1, 0, -1], dtype=np.int64),
        "i4_2x2.npy": np.array([[-2**31, 2**31 - 1], [0, -1]], dtype=np.int32),
        "b1_5.npy": np.array([True, False, True, True, False]),
        "u1_2x3.npy": np.array([[0, 1, 127], [128, 254, 255]], dtype=np.uint8),
        "f4_2x3x4.npy": (np.arange(24, dtype=np.float32) - 12) / 8,
        "u1_300.npy": (np.arange(300) % 256).astype(np.uint8),  # a 3-digit first axis changes numpy's header padding
        "f4_empty_0x3.npy": np.zeros((0, 3), dtype=np.float32),
        "i8_empty_0.npy": np.zeros((0,), dtype=np.int64),
        "f8_scalar.npy": np.array(2.5),
        "i8_scalar.npy": np.array(-7, dtype=np.int64),
        # Big-endian: numpy keeps the byte order in the descr ('>f4').
        "f4_be_2x2.npy": np.array([[1.0, -2.5], [1e-3, 65504.0]], dtype=">f4"),
        "f8_be_3.npy": np.array([0.1, -0.2, 1e200], dtype=">f8"),
        "i8_be_3.npy": np.array([-2**63, 2**63 - 1, 258], dtype=">i8"),
        "i4_be_3.npy": np.array([-2**31, 2**31 - 1, 258], dtype=">i4"),
    }
    arrays["f4_2x3x4.npy"] = arrays["f4_2x3x4.npy"].reshape(2, 3, 4)
    out = {}
    for name, a in arrays.items():
        np.save(path(name), a)
        out[name] = describe(a)

    # Fortran order: numpy writes the data column-major and says so in the header; values below are C order.
    f = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4) * 0.5)
    np.save(path("f4_fortran_3x4.npy"), f)
    out["f4_fortran_3x4.npy"] = describe(f, fortran=True)
    f3 = np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4) - 5)
    np.save(path("i8_fortran_2x3x4.npy"), f3)
    out["i8_fortran_2x3x4.npy"] = describe(f3, fortran=True)

    # Header versions 2.0 (4-byte length) and 3.0 (4-byte length, UTF-8 header).
    v = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    for version, name in (((2, 0), "f4_v2_2x2.npy"), ((3, 0), "f4_v3_2x2.npy")):
        with open(path(name), "wb") as fh:
            np.lib.format.write_array(fh, v, version=version)
        out[name] = describe(v, version=version)
    return out


def make_npzs():
    arrays = {
        "audio": (np.sin(np.arange(200, dtype=np.float32) / 7).reshape(2, 100)).astype(np.float32),
        "codes": (np.arange(20, dtype=np.int64) * 37 % 1024).reshape(1, 2, 10),
        "scale": np.array(0.75, dtype=np.float32),
        "mask": np.array([True, False, True]),
    }
    np.savez(path("savez.npz"), **arrays)
    np.savez_compressed(path("savez_compressed.npz"), **arrays)
    desc = {"names": list(arrays), "arrays": {k: describe(a) for k, a in arrays.items()}}
    return {"savez.npz": desc, "savez_compressed.npz": desc}


def main():
    assert np.__version__ == "2.4.6", np.__version__
    expected = {"numpy_version": np.__version__, "wav": make_wavs(), "npy": make_npys(), "npz": make_npzs()}
    text = json.dumps(expected, indent=1)
    # One line per list of numbers: the file stays small and diffs stay readable.
    text = re.sub(r"\[[^\[\]{}]*\]", lambda m: re.sub(r"\s*\n\s*", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"), text)
    with open(path("expected.json"), "w") as fh:
        fh.write(text + "\n")


if __name__ == "__main__":
    main()
