#!/usr/bin/env bash
# Peak resident memory and speed of one encode and one decode command against the clip's length, whole-clip and
# streamed (issue 18): for each model, length and way, a clip of that many seconds is made (the bundled speech clip
# repeated, 16-bit WAV under target/stream-memory/, never committed), then `encode` and `decode` run as the launcher
# runs them (its allocator settings, the JVM's default heap), each under /usr/bin/time -v. Prints one tab-separated
# line per command: model, seconds of audio, way asked, way run (the sidecar's "streamed"), command, peak RSS in MB,
# seconds of work (as the command reports it, model loading excluded), seconds per second of audio.
#
#   benchmarks/stream-memory.sh                       # tiny models, 10 s, 1 min, 10 min, both ways
#   MODELS="encodec_24khz" LENGTHS="10 60" benchmarks/stream-memory.sh
#   WAYS=stream LENGTHS=3600 benchmarks/stream-memory.sh
#   JVM_OPTS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch" WAYS=stream benchmarks/stream-memory.sh
#       # a fixed, pre-touched Java heap: the peak then shows what the work itself holds, not the JVM's heap policy
#
# A whole-clip run the memory estimate says would not fit is streamed by the command itself (way run: streamed) or
# refused (exit 3, printed as "refused"). Timings are only fair with no other libtorch process on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
models="${MODELS:-tiny_24khz tiny_32khz tiny_48khz}"
lengths="${LENGTHS:-10 60 600}"
ways="${WAYS:-whole stream}"
jvm_opts="${JVM_OPTS:-}" # empty: the JVM's default heap (up to a quarter of memory), which it grows with garbage
work="$root/target/stream-memory"
mkdir -p "$work"
[ -f cli/target/cli.jar ] && [ -f cli/target/classpath.txt ] || mvn -B -q -DskipTests -Dcheckstyle.skip install >&2
. scripts/launcher/environment.sh
classpath="cli/target/cli.jar:$(cat cli/target/classpath.txt)"

model_args() { # checkpoint, config and the highest bandwidth of a model
  case "$1" in
    tiny_24khz) echo "--checkpoint testdata/checkpoints/tiny_24khz.th --config testdata/configs/tiny_24khz.json --bandwidth 3.6" ;;
    tiny_32khz) echo "--checkpoint testdata/checkpoints/tiny_32khz.th --config testdata/configs/tiny_32khz.json --bandwidth 1.4" ;;
    tiny_48khz) echo "--checkpoint testdata/checkpoints/tiny_48khz.th --config testdata/configs/tiny_48khz.json --bandwidth 7.2" ;;
    encodec_24khz) benchmarks/fullsize.sh encodec_24khz >&2; echo "--checkpoint target/fullsize/encodec_24khz/encodec_24khz.th --bandwidth 24" ;;
    encodec_32khz) benchmarks/fullsize.sh encodec_32khz >&2; echo "--checkpoint target/fullsize/encodec_32khz/encodec_32khz.th --bandwidth 2.2" ;;
    encodec_48khz) benchmarks/fullsize.sh encodec_48khz >&2; echo "--checkpoint target/fullsize/encodec_48khz/encodec_48khz.th --bandwidth 24" ;;
  esac
}

clip() { # the bundled speech clip of the model's rate and channels, repeated to $2 seconds
  local source
  case "$1" in
    *24khz) source=testdata/audio/speech_24000hz_1ch.wav ;;
    *32khz) source=testdata/audio/speech_32000hz_1ch.wav ;;
    *48khz) source=testdata/audio/speech_48000hz_2ch.wav ;;
  esac
  local out="$work/$(basename "$source" .wav).$2s.wav"
  [ -f "$out" ] || python3 - "$source" "$2" "$out" <<'PY'
import sys, wave
src, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
with wave.open(src) as w:
    params, frames = w.getparams(), w.readframes(w.getnframes())
need = int(seconds * params.framerate) * params.nchannels * params.sampwidth
with wave.open(out, "wb") as o:
    o.setnchannels(params.nchannels); o.setsampwidth(params.sampwidth); o.setframerate(params.framerate)
    written = 0
    while written < need:
        part = frames[: need - written]
        o.writeframes(part)
        written += len(part)
PY
  echo "$out"
}

run() { # model, seconds, way, command, args...: one line
  local model="$1" seconds="$2" way="$3" command="$4"
  shift 4
  local log="$work/time.log" out="$work/out.txt"
  local rc=0
  local opts=()
  [ -n "$jvm_opts" ] && read -r -a opts <<<"$jvm_opts"
  /usr/bin/time -v -o "$log" java "${opts[@]}" -Dai.djl.offline=true -Dencodecparity.home="$root" -cp "$classpath" \
    dev.encodecparity.cli.Main "$command" "$@" >"$out" 2>"$work/err.txt" || rc=$?
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
  if [ "$rc" != 0 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$model" "$seconds" "$way" "refused" "$command" "$rss" "-" "-"
    return 1
  fi
  local took ran
  took=$(grep -o '[0-9.]* s\(, streamed\)\?)$' "$out" | head -n 1 | grep -o '^[0-9.]*')
  ran=$(grep -q ', streamed)' "$out" && echo streamed || echo whole)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.3f\n' "$model" "$seconds" "$way" "$ran" "$command" "$rss" "$took" \
    "$(echo "$took / $seconds" | bc -l)"
}

printf '# JVM options: %s\n' "${jvm_opts:-none (the default heap)}"
printf 'model\tseconds\tasked\tran\tcommand\tpeak_rss_mb\twork_s\ts_per_s\n'
for model in $models; do
  read -r -a margs <<<"$(model_args "$model")"
  for seconds in $lengths; do
    wav="$(clip "$model" "$seconds")"
    for way in $ways; do
      flag=()
      [ "$way" = stream ] && flag=(--stream)
      codes="$work/$model.$seconds.$way.npz"
      rm -f "$codes" "$codes.json"
      run "$model" "$seconds" "$way" encode "${margs[@]}" --audio "$wav" --out "$codes" --force "${flag[@]}" || continue
      dargs=()
      for a in "${margs[@]}"; do [ "$a" = --bandwidth ] && break; dargs+=("$a"); done
      run "$model" "$seconds" "$way" decode "${dargs[@]}" --codes "$codes" --out "$work/decoded.wav" --force \
        "${flag[@]}" || true
      rm -f "$codes" "$codes.json" "$work/decoded.wav" "$work/decoded.wav.json"
    done
  done
done
