"""Re-saves model folders' configs with transformers, for a byte comparison with what the converter wrote.

  --pair SRC OUT (repeatable): EncodecConfig.from_pretrained(SRC).save_pretrained(OUT), and when SRC has a
  preprocessor_config.json, EncodecFeatureExtractor.from_pretrained(SRC).save_pretrained(OUT). OUT is created.

The Java test compares OUT's files with SRC's byte for byte: the converter must write exactly what transformers'
save_pretrained writes for the same config. The last line printed is JSON: {"transformers": version, "saved": [OUT...]}.

Usage (repo root): .venv/bin/python testdata/scripts/resave_config.py --pair converted/ /tmp/resaved
"""

import argparse
import json
import os

import transformers
from transformers import EncodecConfig, EncodecFeatureExtractor


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pair", nargs=2, action="append", required=True, metavar=("SRC", "OUT"))
    args = ap.parse_args()
    saved = []
    for src, out in args.pair:
        EncodecConfig.from_pretrained(src).save_pretrained(out)
        if os.path.exists(os.path.join(src, "preprocessor_config.json")):
            EncodecFeatureExtractor.from_pretrained(src).save_pretrained(out)
        saved.append(out)
    print(json.dumps({"transformers": transformers.__version__, "saved": saved}))


if __name__ == "__main__":
    main()
