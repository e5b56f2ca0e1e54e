"""Writes the reference clips under testdata/audio/ (16-bit PCM WAV, <kind>_<rate>hz_<ch>ch.wav).

Rates and channels follow the three models: 24000 Hz mono, 32000 Hz mono, 48000 Hz stereo.
Kinds: speech (espeak-ng, 1.5 s), music (chords + melody, 1.5 s), noise (seeded pink noise, 1 s),
silence (0.5 s zeros), odd (0.77 s + 7 samples sweep; an odd
length, a multiple of neither 320 nor 640), long (2.5 s: speech
then music; three 48 kHz chunks at stride 47520).

Everything except speech is computed here with numpy and is deterministic. Speech needs the espeak-ng
program (Debian package espeak-ng 1.51+dfsg-10+deb12u2 was used); without it the committed speech files
and the speech part of `long` are left as they are, so CI never needs espeak-ng.

Usage (repo root): .venv/bin/python testdata/scripts/make_audio.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import wave

import numpy as np

TESTDATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUDIO = os.path.join(TESTDATA, "audio")
FORMATS = [(24000, 1), (32000, 1), (48000, 2)]
ESPEAK_TEXT = "Testing the audio codec."
# One command per channel; the second (stereo right) channel is the same sentence at a higher pitch.
ESPEAK_CMDS = [["espeak-ng", "-v", "en-us", "-s", "175", "-p", "40", "-w", "{out}", ESPEAK_TEXT],
               ["espeak-ng", "-v", "en-us", "-s", "175", "-p", "75", "-w", "{out}", ESPEAK_TEXT]]
SEED = 20240611


def write_wav(path, x, rate):
    """x: float [channels, samples] in [-1, 1) -> 16-bit PCM (round to nearest, clip)."""
    pcm = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(x.shape[0])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.T.tobytes())  # interleaved frames


def read_wav(path):
    """16-bit PCM WAV -> (float32 [channels, samples] = int16 / 32768, rate)."""
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2, path
        ch, rate, n = w.getnchannels(), w.getframerate(), w.getnframes()
        data = np.frombuffer(w.readframes(n), dtype="<i2").reshape(n, ch).T
    return (data.astype(np.float32) / 32768.0), rate


def resample(x, rate_in, rate_out, n_out):
    """Band-limited resampling by zero-padding the spectrum (like scipy.signal.resample), then the
    first n_out samples; the input is padded with silence first so the periodic wrap stays silent."""
    pad = int(0.1 * rate_in)
    x = np.concatenate([x, np.zeros(pad)])
    n_in = len(x)
    m = int(round(n_in * rate_out / rate_in))
    spec = np.fft.rfft(x)
    out_spec = np.zeros(m // 2 + 1, dtype=complex)
    k = min(len(spec), len(out_spec))
    out_spec[:k] = spec[:k]
    return np.fft.irfft(out_spec, m)[:n_out] * (m / n_in)


def espeak(rate, channels, seconds):
    """Speech from espeak-ng (22050 Hz), resampled to `rate`, exactly `seconds` long, or None."""
    if shutil.which("espeak-ng") is None:
        return None
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for cmd in ESPEAK_CMDS[:channels]:
            path = os.path.join(tmp, "s.wav")
            subprocess.run([a.format(out=path) for a in cmd], check=True)
            x, r = read_wav(path)
            out.append(resample(x[0].astype(np.float64), r, rate, int(seconds * rate)))
    x = np.stack(out)
    return 0.6 * x / np.abs(x).max()


def music(rate, channels, seconds, seed_offset=0):
    """Four chords (I-vi-IV-V) with a melody on top; stereo: chords left-heavy, melody right-heavy."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    chords = [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]
    melody = [72, 74, 76, 79, 77, 76, 74, 72]
    if seed_offset:
        chords, melody = chords[::-1], melody[::-1]

    def tone(midi, start, dur, harmonics):
        f = 440.0 * 2 ** ((midi - 69) / 12)
        env = np.clip((t - start) / 0.01, 0, 1) * np.exp(-3.0 * np.clip(t - start, 0, None))
        env *= (t >= start) & (t < start + dur)
        return env * sum(a * np.sin(2 * np.pi * f * h * t) for h, a in harmonics)

    chord_dur, note_dur = seconds / len(chords), seconds / len(melody)
    pad = sum(tone(m, i * chord_dur, chord_dur, [(1, 1.0), (2, 0.4), (3, 0.2)])
              for i, c in enumerate(chords) for m in c)
    lead = sum(tone(m, i * note_dur, note_dur, [(1, 1.0), (2, 0.5), (4, 0.25)]) for i, m in enumerate(melody))
    if channels == 1:
        x = (pad + lead)[None]
    else:
        x = np.stack([0.8 * pad + 0.3 * lead, 0.3 * pad + 0.8 * lead])
    return 0.6 * x / np.abs(x).max()


def noise(rate, channels, seconds, seed):
    """Pink (1/f power) noise, independent per channel, RMS 0.1."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    spec = np.fft.rfft(rng.standard_normal((channels, n)), axis=1)
    f = np.fft.rfftfreq(n, 1 / rate)
    spec[:, 1:] /= np.sqrt(f[1:])
    spec[:, 0] = 0
    x = np.fft.irfft(spec, n, axis=1)
    return 0.1 * x / np.sqrt((x ** 2).mean(axis=1, keepdims=True))


def sweep(rate, channels, seconds):
    """Exponential sine sweep 100 Hz -> 8 kHz; the right channel sweeps down.
    7 samples more than `seconds`: an odd length, a multiple of neither 320 nor 640 at any rate."""
    n = int(round(seconds * rate)) + 7
    seconds = n / rate
    t = np.arange(n) / rate
    f0, f1 = 100.0, 8000.0
    k = np.log(f1 / f0) / seconds
    up = np.sin(2 * np.pi * f0 * (np.exp(k * t) - 1) / k)
    down = np.sin(2 * np.pi * f1 * (1 - np.exp(-k * t)) / k)
    fade = np.clip(np.minimum(t, seconds - t) / 0.01, 0, 1)
    return 0.4 * fade * (np.stack([up, down])[:channels])


def main():
    os.makedirs(AUDIO, exist_ok=True)
    if shutil.which("espeak-ng") is None:
        print("espeak-ng not found: keeping the committed speech clips", file=sys.stderr)
    for rate, ch in FORMATS:
        stem = f"{rate}hz_{ch}ch"
        speech = espeak(rate, ch, 1.5)
        if speech is None:  # reuse the committed clip for both speech and the head of `long`
            speech, _ = read_wav(os.path.join(AUDIO, f"speech_{stem}.wav"))
        else:
            write_wav(os.path.join(AUDIO, f"speech_{stem}.wav"), speech, rate)
        write_wav(os.path.join(AUDIO, f"music_{stem}.wav"), music(rate, ch, 1.5), rate)
        write_wav(os.path.join(AUDIO, f"noise_{stem}.wav"), noise(rate, ch, 1.0, SEED + rate), rate)
        write_wav(os.path.join(AUDIO, f"silence_{stem}.wav"), np.zeros((ch, rate // 2)), rate)
        odd = sweep(rate, ch, 0.77)
        assert odd.shape[1] % 320 and odd.shape[1] % 640
        write_wav(os.path.join(AUDIO, f"odd_{stem}.wav"), odd, rate)
        long = np.concatenate([speech, 0.5 * music(rate, ch, 1.0, seed_offset=1)], axis=1)
        assert long.shape[1] == int(2.5 * rate)
        write_wav(os.path.join(AUDIO, f"long_{stem}.wav"), long, rate)
    for name in sorted(os.listdir(AUDIO)):
        print(name, os.path.getsize(os.path.join(AUDIO, name)))


if __name__ == "__main__":
    main()
