#!/usr/bin/env bash
# Real recordings as users have them (FLAC, at rates and channel counts other than the models'), made at test time
# from Debian packages rather than committed: the spoken channel names alsa-utils ships (recorded speech, 48 kHz mono
# 16-bit), its pink-noise recording, and espeak-ng speech (22050 Hz). sox converts rates, channel counts and sample
# sizes; the reference encoder `flac` writes the FLAC files. Every file is listed in OUT/provenance.tsv with the
# package and version it came from, the source file's SHA-256 and the command that made it.
#
# Usage: testdata/scripts/make_recordings.sh OUT_DIR     (needs alsa-utils, espeak-ng, sox, flac: scripts/system-packages)
set -euo pipefail
out="${1:?usage: make_recordings.sh OUT_DIR}"
alsa=/usr/share/sounds/alsa
for tool in sox flac espeak-ng; do
  command -v "$tool" >/dev/null || { echo "make_recordings: $tool is missing (scripts/system-packages)" >&2; exit 3; }
done
[ -f "$alsa/Front_Center.wav" ] || { echo "make_recordings: $alsa/Front_Center.wav is missing (alsa-utils)" >&2; exit 3; }
mkdir -p "$out"
version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo unknown; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
printf 'file\tpackage\tsource\tsource_sha256\tcommand\n' >"$out/provenance.tsv"
row() { # file package source command... (a source in the temporary folder is named by its file name alone)
  local file="$1" package="$2" source="$3"; shift 3
  local shown="$source"
  [[ "$source" == "$tmp"/* ]] && shown="${source##*/} (made by the command)"
  printf '%s\t%s %s\t%s\t%s\t%s\n' "$file" "$package" "$(version "$package")" "$shown" "$(sha "$source")" "$*" \
      >>"$out/provenance.tsv"
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Recorded speech as shipped: 48 kHz mono 16-bit, to FLAC unchanged.
flac -s -f -8 -o "$out/front_center_48000hz_1ch.flac" "$alsa/Front_Center.wav"
row front_center_48000hz_1ch.flac alsa-utils "$alsa/Front_Center.wav" "flac -8 Front_Center.wav"

# Two recordings as the two channels of one clip, at CD rate, 24-bit.
sox -M "$alsa/Front_Left.wav" "$alsa/Front_Right.wav" -b 24 -r 44100 "$tmp/front.wav"
flac -s -f -5 -o "$out/front_44100hz_2ch.flac" "$tmp/front.wav" 2>/dev/null # a note on sox's fact chunk
row front_44100hz_2ch.flac alsa-utils "$alsa/Front_Left.wav" \
    "sox -M Front_Left.wav Front_Right.wav -b 24 -r 44100; flac -5"

# Noise at a speech corpus's rate (16 kHz, LibriSpeech's), 16-bit.
sox "$alsa/Noise.wav" -b 16 -r 16000 "$tmp/noise.wav"
flac -s -f -8 -o "$out/noise_16000hz_1ch.flac" "$tmp/noise.wav"
row noise_16000hz_1ch.flac alsa-utils "$alsa/Noise.wav" "sox Noise.wav -b 16 -r 16000; flac -8"

# Synthetic speech at espeak-ng's own rate, and at telephone rate.
espeak-ng -v en-us -s 175 -p 40 -w "$tmp/espeak.wav" "Any length, any rate, any channel count."
flac -s -f -8 -o "$out/espeak_22050hz_1ch.flac" "$tmp/espeak.wav"
row espeak_22050hz_1ch.flac espeak-ng "$tmp/espeak.wav" \
    "espeak-ng -v en-us -s 175 -p 40 -w espeak.wav 'Any length, any rate, any channel count.'; flac -8"
sox "$tmp/espeak.wav" -r 8000 "$tmp/espeak8k.wav"
flac -s -f -8 -o "$out/espeak_8000hz_1ch.flac" "$tmp/espeak8k.wav"
row espeak_8000hz_1ch.flac espeak-ng "$tmp/espeak.wav" "sox espeak.wav -r 8000; flac -8"
