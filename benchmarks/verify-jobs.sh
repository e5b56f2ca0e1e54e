#!/usr/bin/env bash
# verify over a corpus: one job with every thread against JOBS jobs sharing the threads out, interleaved in one run on
# one machine, for the "what each change bought" table (issue 19: coarse-grained parallelism for corpora). The corpus
# is side_by_side_corpus.make_corpus's (the bundled speech clip at the model's rate, CLIPS clips of seeded lengths
# uniform in 1 to 30 s), the model a full-size preset (benchmarks/fullsize.sh), every bandwidth. Prints one
# tab-separated line per run: round, jobs, threads per job, wall seconds (JVM start, conversion and loading
# included), the report's seconds, peak RSS (MB) and the verdict.
#
#   benchmarks/verify-jobs.sh                           # encodec_24khz, 12 clips, 2 rounds, 2 jobs
#   PRESET=encodec_48khz CLIPS=40 ROUNDS=3 JOBS=2 benchmarks/verify-jobs.sh
#
# Nothing else may run meanwhile: on 2 cores another libtorch process inflates times several-fold.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${PRESET:-encodec_24khz}"
clips="${CLIPS:-12}"
rounds="${ROUNDS:-2}"
jobs="${JOBS:-2}"
threads="${THREADS:-$(nproc)}"
cd "$root"
python="$(scripts/python-env)"
. benchmarks/corpus-lib.sh
corpus_work "$preset" "$clips"

printf 'round\tjobs\tthreads_per_job\twall_s\treport_s\tpeak_rss_mb\tverdict\n'
for round in $(seq 1 "$rounds"); do
  for j in 1 "$jobs"; do
    t=$((threads / j))
    rm -f "$work/report.json"
    /usr/bin/time -f '%e %M' -o "$work/time" ./encodec-parity verify --checkpoint "target/fullsize/$preset/$preset.th" \
      --model "$preset" --audio "$work/clips" --device cpu --threads "$t" --jobs "$j" --report "$work/report.json" \
      --quiet >/dev/null 2>&1 || true
    read -r wall rss < "$work/time"
    "$python" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join(sys.argv[2:5] + [sys.argv[5], "%.2f" % r["seconds"], "%.0f" % (int(sys.argv[6]) / 1024),
      r["verdict"]]))' "$work/report.json" "$round" "$j" "$t" "$wall" "$rss"
  done
done
