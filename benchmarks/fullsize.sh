#!/usr/bin/env bash
# Makes the full-size preset checkpoints (and their transformers goldens) under target/fullsize/, the same files the
# tests make: deterministic random weights with the real names and shapes (testdata/scripts/make_goldens.py --full).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$("$root/scripts/python-env")"
for preset in "${@:-encodec_24khz encodec_48khz encodec_32khz}"; do
  for p in $preset; do
    dir="$root/target/fullsize/$p"
    [ -f "$dir/manifest.json" ] && continue
    echo "fullsize: making $dir" >&2
    (cd "$root" && "$python" testdata/scripts/make_goldens.py --full "$p" --out "$dir")
  done
done
