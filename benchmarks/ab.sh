#!/usr/bin/env bash
# A/B: `bench` of two builds of this project, interleaved in one run on one machine, for the "what each change
# bought" table. BASE is another checkout (a git worktree of the commit before the change, built with
# `mvn -q install -DskipTests`); this checkout is the change. For each round and preset, the base's bench then this
# one's, the same arguments (full-size presets from benchmarks/fullsize.sh, 10 s, 2 threads, 5 timed runs after 2
# warm-up). Prints one tab-separated line per bench: round, preset, side, encode, decode and both medians (s).
#
#   benchmarks/ab.sh /work/wt-base                      # 3 rounds, the three presets
#   ROUNDS=5 PRESETS=encodec_24khz benchmarks/ab.sh ../base
#   BASE_OPTS=-Dencodecparity.channelsLast=false benchmarks/ab.sh .   # one build, a setting off on the base side
#   BASE_ENV=ONEDNN_PRIMITIVE_CACHE_CAPACITY=32 benchmarks/ab.sh ../base  # the base with its own launcher setting
#
# Nothing else may run meanwhile: on 2 cores another libtorch process inflates times several-fold.
set -euo pipefail
base="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-3}"
presets="${PRESETS:-encodec_24khz encodec_32khz encodec_48khz}"
cd "$root"
. scripts/launcher/environment.sh
for p in $presets; do benchmarks/fullsize.sh "$p" >&2; done

bench() { # checkout, preset, JVM options, environment (NAME=VALUE ...): the bench JSON line
  local dir="$1" preset="$2" opts="$3" vars="$4"
  (cd "$dir" && env $vars java -Dai.djl.offline=true -Dencodecparity.home="$dir" $opts \
    -cp "cli/target/cli.jar:$(cat cli/target/classpath.txt)" dev.encodecparity.cli.Main bench \
    --checkpoint "$root/target/fullsize/$preset/$preset.th" --seconds 10 --threads 2 --iterations 5 2>/dev/null |
    grep '^{')
}

printf 'round\tpreset\tside\tencode_s\tdecode_s\tboth_s\n'
for round in $(seq 1 "$rounds"); do
  for preset in $presets; do
    for side in base change; do
      dir="$root"
      opts=""
      vars=""
      [ "$side" = base ] && dir="$base" && opts="${BASE_OPTS:-}" && vars="${BASE_ENV:-}"
      bench "$dir" "$preset" "$opts" "$vars" | python3 -c '
import json, sys
b = json.loads(sys.stdin.read())
print("\t".join([sys.argv[1], sys.argv[2], sys.argv[3]] + ["%.3f" % b[k] for k in
      ("encode_median_s", "decode_median_s", "both_median_s")]))' "$round" "$preset" "$side"
    done
  done
done
