"""Writes checkpoints holding NaN and infinities, and prints what torch counts in them (the tests' expected values).

  --out DIR writes (nothing is committed; the tests run this at test time):
  assorted.th   a plain dict of tensors of every floating dtype (float16, bfloat16, float32, float64), with NaN,
                +Inf and -Inf at seeded places, a tensor of many of the scanner's 64 KiB chunks, an odd-length
                float16 tensor, a strided (transposed) view, a view at a storage offset, and integer tensors whose bits
                would be NaN as floats
  tiny_24khz_<dtype>.th   configs/tiny_24khz.json's checkpoint cast to bfloat16 and float16, with one NaN, one +Inf
                and one -Inf in named tensors

The last line printed is JSON: {file: {tensor: [nan, +inf, -inf, numel]}} for every floating tensor of every file,
counted by torch (isnan, isposinf, isneginf), so the Java scanner is checked against torch, not against itself.

Usage (repo root): .venv/bin/python testdata/scripts/make_non_finite.py --out /tmp/nf
"""

import argparse
import json
import os
from collections import OrderedDict

import torch

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sprinkle(t, gen, n):
    """Puts n NaN, n +Inf and n -Inf at random places of a floating tensor (in place)."""
    flat = t.view(-1)
    places = torch.randperm(flat.numel(), generator=gen)[: 3 * n]
    flat[places[:n]] = float("nan")
    flat[places[n : 2 * n]] = float("inf")
    flat[places[2 * n :]] = float("-inf")
    return t


def counts(sd):
    out = OrderedDict()
    for name, t in sd.items():
        if t.is_floating_point():
            out[name] = [int(torch.isnan(t).sum()), int(torch.isposinf(t).sum()), int(torch.isneginf(t).sum()),
                         t.numel()]
    return out


def assorted(gen):
    sd = OrderedDict()
    for dtype in (torch.float16, torch.bfloat16, torch.float32, torch.float64):
        name = str(dtype).replace("torch.", "")
        sd[name + "_finite"] = torch.randn(37, generator=gen).to(dtype) * 100
        sd[name + "_sprinkled"] = sprinkle(torch.randn(1000, generator=gen).to(dtype), gen, 3)
        # Near the top of the range but finite: float16's 65504 and bfloat16's largest value.
        sd[name + "_largest"] = torch.tensor([torch.finfo(dtype).max, -torch.finfo(dtype).max,
                                              torch.finfo(dtype).tiny], dtype=dtype)
    # 300,000 float32 values (1.2 MB): many 64 KiB chunks; one NaN at the very end.
    big = torch.randn(300_000, generator=gen)
    big[-1] = float("nan")
    big[262_144] = float("-inf")  # the first value of a chunk (byte 1 MiB)
    sd["float32_long"] = big
    odd = torch.randn(7, generator=gen).to(torch.float16)
    odd[6] = float("inf")  # the last element, in the tail shorter than 8 bytes
    sd["float16_odd_length"] = odd
    base = sprinkle(torch.randn(6, 4, generator=gen), gen, 1)
    sd["float32_transposed"] = base.t()  # a strided view: gathered, not streamed
    storage = torch.randn(20, generator=gen).to(torch.bfloat16)
    storage[2] = float("nan")  # before the view: must not be counted
    storage[12] = float("-inf")
    sd["bfloat16_offset_view"] = storage[10:16]
    sd["int32_nan_bits"] = torch.tensor([0x7FC00000, 0x7F800000, -1], dtype=torch.int32)
    sd["int16_nan_bits"] = torch.tensor([0x7E00, 0x7C00], dtype=torch.int16)
    return sd


def tiny(dtype, name):
    sd = torch.load(os.path.join(TESTDATA, "checkpoints", "tiny_24khz.th"), weights_only=True)
    sd = OrderedDict((k, v.to(dtype)) for k, v in sd.items())
    sd["encoder.model.0.conv.conv.bias"][1] = float("nan")
    sd["decoder.model.0.conv.conv.bias"][5] = float("inf")
    sd["quantizer.vq.layers.0._codebook.embed"][3, 2] = float("-inf")
    return sd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    gen = torch.Generator().manual_seed(13)
    result = OrderedDict()
    sd = assorted(gen)
    torch.save(sd, os.path.join(a.out, "assorted.th"))
    result["assorted.th"] = counts(sd)
    for dtype, name in ((torch.bfloat16, "bfloat16"), (torch.float16, "float16")):
        sd = tiny(dtype, name)
        file = "tiny_24khz_%s.th" % name
        torch.save(sd, os.path.join(a.out, file))
        result[file] = counts(sd)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
