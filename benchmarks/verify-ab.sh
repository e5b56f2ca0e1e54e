#!/usr/bin/env bash
# A/B: `verify` of two builds of this project over one corpus, interleaved in one run on one machine, for the "what
# each change bought" table. BASE is another checkout (a git worktree of the commit before the change, built with
# `mvn -q package -DskipTests -pl cli -am`); this checkout is the change. The corpus is
# side_by_side_corpus.make_corpus's (CLIPS clips of seeded lengths uniform in 1 to 30 s), the model a full-size
# preset (benchmarks/fullsize.sh), every bandwidth, JOBS jobs of THREADS threads. Prints one tab-separated line per
# run: round, side, wall seconds (JVM start, conversion and loading included), the report's seconds, peak RSS (MB),
# the verdict.
#
#   benchmarks/verify-ab.sh /tmp/wt-base                      # encodec_24khz, 12 clips, 2 rounds, 2 jobs of 1 thread
#   PRESET=encodec_48khz CLIPS=6 ROUNDS=3 JOBS=1 THREADS=2 benchmarks/verify-ab.sh ../base
#   BASE_OPTS=-Dencodecparity.channelsLast=false benchmarks/verify-ab.sh .   # one build, a setting off on the base side
#
# Nothing else may run meanwhile: on 2 cores another libtorch process inflates times several-fold.
set -euo pipefail
base="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${PRESET:-encodec_24khz}"
clips="${CLIPS:-12}"
rounds="${ROUNDS:-2}"
jobs="${JOBS:-2}"
threads="${THREADS:-1}"
cd "$root"
python="$(scripts/python-env)"
. scripts/launcher/environment.sh
. benchmarks/corpus-lib.sh
corpus_work "$preset" "$clips"

printf 'round\tside\twall_s\treport_s\tpeak_rss_mb\tverdict\n'
for round in $(seq 1 "$rounds"); do
  for side in base change; do
    dir="$root"
    [ "$side" = base ] && dir="$base"
    rm -f "$work/report.json"
    opts=""
    [ "$side" = base ] && opts="${BASE_OPTS:-}"
    CLI_OPTS="$opts" /usr/bin/time -f '%e %M' -o "$work/time" bash -c "$(declare -f cli); cli \"\$@\"" _ "$dir" verify \
      --checkpoint "$root/target/fullsize/$preset/$preset.th" --model "$preset" --audio "$work/clips" --device cpu \
      --threads "$threads" --jobs "$jobs" --report "$work/report.json" --quiet >/dev/null 2>&1 || true
    read -r wall rss < "$work/time"
    "$python" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join(sys.argv[2:4] + [sys.argv[4], "%.2f" % r["seconds"], "%.0f" % (int(sys.argv[5]) / 1024),
      r["verdict"]]))' "$work/report.json" "$round" "$side" "$wall" "$rss"
  done
done
