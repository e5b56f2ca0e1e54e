#!/usr/bin/env bash
# A/B: `golden check` of two builds of this project, interleaved in one run on one machine, for the "what each change
# bought" table. BASE is another checkout (a git worktree of the commit before the change, built with
# `mvn -q package -DskipTests -pl cli -am`); this checkout is the change. Goldens are recorded once, by this checkout,
# from a full-size preset (benchmarks/fullsize.sh) on CLIPS clips of the corpus of side_by_side_corpus.make_corpus at
# every bandwidth; then, each round, the base's check and this one's. Prints one tab-separated line per check: round,
# side, wall seconds (JVM start and loading included), the sum of the rows' seconds, the verdict.
#
#   benchmarks/golden-check-ab.sh /tmp/wt-base                  # encodec_24khz, 4 clips, 3 rounds
#   PRESET=encodec_48khz CLIPS=6 ROUNDS=5 benchmarks/golden-check-ab.sh ../base
#
# Nothing else may run meanwhile: on 2 cores another libtorch process inflates times several-fold.
set -euo pipefail
base="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${PRESET:-encodec_24khz}"
clips="${CLIPS:-4}"
rounds="${ROUNDS:-3}"
cd "$root"
python="$(scripts/python-env)"
. scripts/launcher/environment.sh
. benchmarks/corpus-lib.sh
corpus_work "$preset" "$clips"
ckpt="$root/target/fullsize/$preset/$preset.th"

cli "$root" golden record --checkpoint "$ckpt" --model "$preset" --audio "$work/clips" --device cpu \
  --out "$work/goldens" >/dev/null 2>&1

printf 'round\tside\twall_s\trows_s\tverdict\n'
for round in $(seq 1 "$rounds"); do
  for side in base change; do
    dir="$root"
    [ "$side" = base ] && dir="$base"
    rm -f "$work/report.json"
    start=$(date +%s.%N)
    cli "$dir" golden check --checkpoint "$ckpt" --model "$preset" --goldens "$work/goldens" --device cpu \
      --report "$work/report.json" --quiet >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    "$python" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join([sys.argv[2], sys.argv[3], "%.2f" % (float(sys.argv[5]) - float(sys.argv[4])),
      "%.2f" % sum(row["seconds"] for row in r["rows"]), r["verdict"]]))' "$work/report.json" "$round" "$side" \
      "$start" "$end"
  done
done
