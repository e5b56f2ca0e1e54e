#!/usr/bin/env bash
# Runs JMH benchmarks: builds benchmarks.jar if needed, puts DJL's CPU libtorch jar on the classpath, passes the rest
# of the arguments to JMH. Run from anywhere, with nothing else running on the machine.
#   benchmarks/run.sh CodecBenchmark
#   benchmarks/run.sh ConversionBenchmark -rf json -rff benchmarks/results/conversion.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find formats conversion engine verification benchmarks -name '*.java' -newer benchmarks/target/benchmarks.jar | head -n 1)" ]; then
  mvn -B -q -DskipTests package -pl benchmarks -am >&2
fi
native="$(find "${HOME}/.m2/repository/ai/djl/pytorch/pytorch-native-cpu" -name 'pytorch-native-cpu-*-linux-x86_64.jar' | sort | tail -n 1)"
# The allocator settings the launcher uses (see ./encodec-parity): benchmarks measure the tool as users run it.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-17179869184}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
exec java -Dai.djl.offline=true -cp "benchmarks/target/benchmarks.jar:${native}" org.openjdk.jmh.Main "$@"
