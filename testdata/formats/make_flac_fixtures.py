#!/usr/bin/env python3
"""Writes the FLAC fixtures that dev.encodecparity.audio.FlacReader is checked against, and flac_expected.json.

Run once from the repository root (standard library only; needs the `flac` command, Debian's package `flac`, which
scripts/system-packages installs):

    python3 testdata/formats/make_flac_fixtures.py

Two kinds of file:

* flac16_*.flac: cut from the reference clips in testdata/audio by the reference encoder itself (`flac`, the command
  line of libFLAC), with the options in ENCODED below. flac_expected.json names the clip and the sample range; the
  tests compare with the clip as WavReader reads it.
* synthetic_*.flac: what the reference encoder never writes (escaped residual partitions, Rice2 parameters chosen by
  hand, variable block sizes, a 33-bit side channel, every header code for the sample rate, ID3 tags around the
  stream), packed bit by bit below following the FLAC format (RFC 9639). flac_expected.json holds their integer
  samples; the tests also decode them with `flac -d`, the reference decoder, so this writer is checked too.

Re-running it gives the same bytes (with the same `flac` version for the flac16_* files: 1.4.2 here).
"""
import hashlib
import json
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
AUDIO = os.path.join(os.path.dirname(HERE), "audio")

# name: (clip, first sample, end sample or None for the clip's end, flac options)
ENCODED = {
    "flac16_speech_24k_best.flac": ("speech_24000hz_1ch.wav", 4800, 9600, ["--best"]),
    "flac16_music_48k_stereo_fast.flac": ("music_48000hz_2ch.wav", 24000, 26400, ["--fast"]),
    "flac16_odd_32k_lax.flac": ("odd_32000hz_1ch.wav", 21640, None, ["--lax", "-b", "1000", "-l", "32", "-r", "15"]),
    "flac16_silence_48k_metadata.flac": ("silence_48000hz_2ch.wav", 0, 4800,
                                         ["-5", "--padding=64", "-S", "10x", "-T", "TITLE=silence",
                                          "-T", "COMMENT=encodec-parity fixture"]),
}


def encode(name, clip, start, end, options):
    cmd = ["flac", "-s", "-f", "--no-seektable", "--no-padding"] + options + ["--skip=%d" % start]
    if end is not None:
        cmd.append("--until=%d" % end)
    if "-S" in options:
        cmd.remove("--no-seektable")
    if any(o.startswith("--padding") for o in options):
        cmd.remove("--no-padding")
    subprocess.run(cmd + ["-o", os.path.join(HERE, name), os.path.join(AUDIO, clip)], check=True)


# ---------------------------------------------------------------- a bit writer and the FLAC structures

class Bits:
    def __init__(self):
        self.bits = []

    def put(self, n, v):
        if n and not (-(1 << n) <= v < (1 << n)):
            raise ValueError("%d does not fit %d bits" % (v, n))
        for i in reversed(range(n)):
            self.bits.append((v >> i) & 1)

    def signed(self, n, v):
        if n and not (-(1 << (n - 1)) <= v < (1 << (n - 1))):
            raise ValueError("%d does not fit %d signed bits" % (v, n))
        self.put(n, v & ((1 << n) - 1) if n else 0)

    def unary(self, q):
        self.bits.extend([0] * q + [1])

    def align(self):
        while len(self.bits) % 8:
            self.bits.append(0)

    def data(self):
        assert len(self.bits) % 8 == 0
        return bytes(int("".join(map(str, self.bits[i:i + 8])), 2) for i in range(0, len(self.bits), 8))


def crc8(data):
    crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def coded_number(v):
    """The UTF-8-like frame or sample number."""
    if v < 0x80:
        return bytes([v])
    for n in range(2, 8):
        if v < 1 << (5 * n + 1):
            out = []
            for _ in range(n - 1):
                out.append(0x80 | (v & 0x3F))
                v >>= 6
            return bytes([((0xFF00 >> n) & 0xFF) | v] + out[::-1])
    raise ValueError(v)


def residuals(samples, order, predict):
    return [samples[i] - predict(samples, i) for i in range(order, len(samples))]


def fixed_predictor(order):
    coefficients = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]][order]
    return lambda s, i: sum(c * s[i - 1 - j] for j, c in enumerate(coefficients))


def lpc_predictor(coefficients, shift):
    return lambda s, i: sum(c * s[i - 1 - j] for j, c in enumerate(coefficients)) >> shift


def put_residual(b, res, n, order, partition_order, method, params):
    """params: one per partition, an int (Rice parameter) or ("escape", width)."""
    b.put(2, method)
    b.put(4, partition_order)
    per = n >> partition_order
    assert len(params) == 1 << partition_order
    at = 0
    for p, param in enumerate(params):
        count = per - order if p == 0 else per
        part = res[at:at + count]
        at += count
        if isinstance(param, tuple):
            b.put(4 + method, (1 << (4 + method)) - 1)
            b.put(5, param[1])
            for r in part:
                b.signed(param[1], r)
        else:
            b.put(4 + method, param)
            for r in part:
                u = 2 * r if r >= 0 else -2 * r - 1
                b.unary(u >> param)
                b.put(param, u & ((1 << param) - 1))
    assert at == len(res)


def subframe(b, samples, bps, kind, wasted=0, **kw):
    b.put(1, 0)
    code = {"constant": 0, "verbatim": 1}.get(kind)
    if kind == "fixed":
        code = 8 + kw["order"]
    elif kind == "lpc":
        code = 31 + len(kw["coefficients"])
    b.put(6, code)
    if wasted:
        b.put(1, 1)
        b.unary(wasted - 1)
        assert all(s % (1 << wasted) == 0 for s in samples)
        samples = [s >> wasted for s in samples]
    else:
        b.put(1, 0)
    bits = bps - wasted
    if kind == "constant":
        assert len(set(samples)) == 1
        b.signed(bits, samples[0])
        return
    if kind == "verbatim":
        for s in samples:
            b.signed(bits, s)
        return
    if kind == "fixed":
        order = kw["order"]
        predict = fixed_predictor(order)
    else:
        order = len(kw["coefficients"])
        predict = lpc_predictor(kw["coefficients"], kw["shift"])
    for s in samples[:order]:
        b.signed(bits, s)
    if kind == "lpc":
        b.put(4, kw["precision"] - 1)
        b.signed(5, kw["shift"])
        for c in kw["coefficients"]:
            b.signed(kw["precision"], c)
    put_residual(b, residuals(samples, order, predict), len(samples), order, kw.get("partition_order", 0),
                 kw.get("method", 0), kw.get("params", [kw.get("k", 4)]))


BLOCK_CODES = {192: 1, 576: 2, 1152: 3, 2304: 4, 4608: 5, 256: 8, 512: 9, 1024: 10, 2048: 11, 4096: 12}
RATE_CODES = {88200: 1, 176400: 2, 192000: 3, 8000: 4, 16000: 5, 22050: 6, 24000: 7, 32000: 8, 44100: 9,
              48000: 10, 96000: 11}
SIZE_CODES = {8: 1, 12: 2, 16: 4, 20: 5, 24: 6, 32: 7}
STEREO = {"left/side": 8, "side/right": 9, "mid/side": 10}


def frame(number, channels, bps, rate, subframes, stereo=None, variable=False, rate_code=None, size_code=None):
    """channels: planar ints; subframes: per coded channel, (kind, options); returns the frame's bytes."""
    n = len(channels[0])
    coded = list(channels)
    bits = [bps] * len(channels)
    if stereo:
        left, right = channels
        side = [a - c for a, c in zip(left, right)]
        coded = {"left/side": [left, side], "side/right": [side, right],
                 "mid/side": [[(a + c) >> 1 for a, c in zip(left, right)], side]}[stereo]
        bits = [bps, bps + 1] if stereo != "side/right" else [bps + 1, bps]
    head = Bits()
    head.put(16, 0xFFF9 if variable else 0xFFF8)
    block_code = BLOCK_CODES.get(n, 6 if n <= 256 else 7)
    head.put(4, block_code)
    if rate_code is None:
        rate_code = RATE_CODES.get(rate, 0)
    head.put(4, rate_code)
    head.put(4, STEREO[stereo] if stereo else len(channels) - 1)
    head.put(3, SIZE_CODES.get(bps, 0) if size_code is None else size_code)
    head.put(1, 0)
    header = head.data() + coded_number(number)
    if block_code == 6:
        header += bytes([n - 1])
    elif block_code == 7:
        header += (n - 1).to_bytes(2, "big")
    if rate_code == 12:
        header += bytes([rate // 1000])
    elif rate_code == 13:
        header += rate.to_bytes(2, "big")
    elif rate_code == 14:
        header += (rate // 10).to_bytes(2, "big")
    header += bytes([crc8(header)])
    body = Bits()
    for samples, sample_bits, (kind, options) in zip(coded, bits, subframes):
        subframe(body, samples, sample_bits, kind, **options)
    body.align()
    data = header + body.data()
    return data + crc16(data).to_bytes(2, "big")


def stream(channels, bps, rate, frames, md5=True, total=True, before=b"", after=b"", blocks=()):
    """frames: list of (planar samples, frame bytes). blocks: extra metadata blocks as (type, bytes)."""
    sizes = [len(f[0][0]) for f in frames]
    all_samples = [sum((f[0][c] for f in frames), []) for c in range(channels)]
    digest = bytes(16)
    if md5:
        width = (bps + 7) // 8
        h = hashlib.md5()
        for i in range(len(all_samples[0])):
            for c in range(channels):
                h.update((all_samples[c][i] & ((1 << (8 * width)) - 1)).to_bytes(width, "little"))
        digest = h.digest()
    smallest = min(sizes[:-1]) if len(sizes) > 1 else sizes[0]
    info = Bits()
    info.put(16, smallest)
    info.put(16, max(sizes))
    info.put(24, 0)  # smallest and largest frame sizes: 0, "not known", as the format allows
    info.put(24, 0)
    info.put(20, rate)
    info.put(3, channels - 1)
    info.put(5, bps - 1)
    info.put(36, len(all_samples[0]) if total else 0)
    blocks = [(0, info.data() + digest)] + list(blocks)
    out = before + b"fLaC"
    for i, (kind, body) in enumerate(blocks):
        out += bytes([kind | (0x80 if i == len(blocks) - 1 else 0)]) + len(body).to_bytes(3, "big") + body
    for _, data in frames:
        out += data
    return out + after, all_samples


def constant_frames(channels, block, frames, declared):
    """8-bit CONSTANT frames of `block` samples on every channel (10 + 2 * channels bytes each), no MD5, STREAMINFO
    declaring `declared` samples: with 8 channels of 65,535 samples, the densest frames but for 4-bit samples."""
    info = Bits()
    for v, n in ((block, 16), (block, 16), (0, 24), (0, 24), (8000, 20), (channels - 1, 3), (7, 5), (declared, 36)):
        info.put(n, v)
    out = b"fLaC" + bytes([0x80, 0, 0, 34]) + info.data() + bytes(16)
    for number in range(frames):
        header = bytes([0xFF, 0xF8, 0x70, (channels - 1) << 4 | 2]) + coded_number(number)
        header += (block - 1).to_bytes(2, "big")
        data = header + bytes([crc8(header)]) + b"".join(bytes([0, (30 * c - 100) & 0xFF]) for c in range(channels))
        out += data + crc16(data).to_bytes(2, "big")
    return out


def ramp(n, start, step):
    return [start + step * i for i in range(n)]


def synthetic():
    rnd = random.Random(20260101)
    files = {}

    # 16-bit mono: an order-2 FIXED subframe in Rice2 with escaped partitions (width 0 over an exact ramp, then raw
    # 16-bit values) and a parameter above 14 (only Rice2 can say it); LPC in Rice with an escape; VERBATIM and
    # CONSTANT with wasted bits; block sizes by table, 8-bit and 16-bit header codes.
    a = ramp(128, -3000, 37) + [rnd.randint(-20000, 20000) for _ in range(128)]
    b = [int(8000 * ((i % 24) / 12 - 1)) for i in range(192)]
    c = [8 * rnd.randint(-4000, 4000) for _ in range(576)]
    d = [-20] * 100
    frames = [
        ([a], frame(0, [a], 16, 8000, [("fixed", dict(order=2, method=1, partition_order=2,
                                                       params=[("escape", 0), ("escape", 0), ("escape", 18), 20]))])),
        ([b], frame(1, [b], 16, 8000, [("lpc", dict(coefficients=[1843, -1024, 200], precision=12, shift=10,
                                                        partition_order=1, params=[9, ("escape", 17)]))])),
        ([c], frame(2, [c], 16, 8000, [("verbatim", dict(wasted=3))])),
        ([d], frame(3, [d], 16, 8000, [("constant", dict(wasted=2))])),
    ]
    files["synthetic_rice2_escape_16bit.flac"] = stream(1, 16, 8000, frames) + (16,)

    # 32-bit stereo: a 33-bit side channel in each stereo mode (the extremes of 32 bits), FIXED and LPC predictors
    # over 32-bit samples, an odd mid + side sum.
    top, bottom = (1 << 31) - 1, -(1 << 31)
    left = [top, bottom, top, 0] * 16
    right = [bottom, top, 0, top] * 16
    l2 = ramp(64, -(1 << 30), 1 << 24)
    r2 = ramp(64, 1 << 29, -(1 << 23))
    l3 = [rnd.randint(-(1 << 30), 1 << 30) | 1 for _ in range(64)]
    r3 = [v - rnd.randint(0, 2000) for v in l3]
    frames = [
        ([left, right], frame(0, [left, right], 32, 48000, [("verbatim", {}), ("verbatim", {})], stereo="left/side")),
        ([l2, r2], frame(1, [l2, r2], 32, 48000, [("fixed", dict(order=1, method=1, k=24)),
                                                  ("fixed", dict(order=2, k=0))], stereo="side/right")),
        ([l3, r3], frame(2, [l3, r3], 32, 48000, [("verbatim", {}),
                                                  ("lpc", dict(coefficients=[1], precision=2, shift=0, k=10))],
                         stereo="mid/side")),
    ]
    files["synthetic_32bit_stereo.flac"] = stream(2, 32, 48000, frames) + (32,)

    # 20-bit, 8 channels, variable block sizes (sample numbers above 127: two-byte codes), no MD5 and no total; the
    # sample rate said each way a header can say it (table, kHz, Hz, tens of Hz, "as STREAMINFO"); every predictor.
    def channel(c, n, base):
        if c == 0:
            return [base] * n
        if c == 1:
            return [rnd.randint(-(1 << 19), (1 << 19) - 1) for _ in range(n)]
        # a triangle wave (a different slope per channel) plus a little noise: what predictors are for
        return [3000 * min((i * c) % 400, 400 - (i * c) % 400) - 300000 + rnd.randint(-40, 40) for i in range(n)]

    kinds = [("constant", {}), ("verbatim", {}), ("fixed", dict(order=0, k=14)), ("fixed", dict(order=1, k=14)),
             ("fixed", dict(order=2, k=10)), ("fixed", dict(order=3, k=10)), ("fixed", dict(order=4, k=10)),
             ("lpc", dict(coefficients=[4096, -2048, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], precision=14, shift=11, k=10))]
    frames = []
    start = 0
    for n, rate_code in [(16, 10), (70, 12), (48, 13), (32, 14), (20, 0)]:
        planar = [channel(c, n, -7 * n) for c in range(8)]
        frames.append((planar, frame(start, planar, 20, 48000, kinds, variable=True, rate_code=rate_code)))
        start += n
    files["synthetic_variable_8ch_20bit.flac"] = stream(8, 20, 48000, frames, md5=False, total=False) + (20,)

    # 12-bit mono behind an ID3v2 tag and before an ID3v1 tag, with metadata blocks of kinds the reader skips.
    e = [rnd.randint(-2048, 2047) for _ in range(300)]
    title = b"\x03fixture"
    tag = b"TIT2" + len(title).to_bytes(4, "big") + b"\x00\x00" + title
    id3v2 = b"ID3\x04\x00\x00" + len(tag).to_bytes(4, "big") + tag  # under 128 bytes: the syncsafe size is plain
    id3v1 = b"TAG" + b"fixture".ljust(125, b"\x00")
    frames = [([e], frame(0, [e], 12, 16000, [("fixed", dict(order=1, k=11))]))]
    blocks = [(2, b"TEST" + b"application data"), (10, b"a block of a reserved type"), (1, bytes(16))]
    files["synthetic_id3_12bit.flac"] = stream(1, 12, 16000, frames, before=id3v2, after=id3v1, blocks=blocks) + (12,)
    return files


def main():
    expected = {}
    for name, (clip, start, end, options) in ENCODED.items():
        encode(name, clip, start, end, options)
        expected[name] = {"clip": "audio/" + clip, "start": start, "end": end, "flac": options}
    for name, (data, samples, bits) in synthetic().items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        expected[name] = {"bits": bits, "samples": samples}
    with open(os.path.join(HERE, "flac_expected.json"), "w") as f:
        json.dump(expected, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
