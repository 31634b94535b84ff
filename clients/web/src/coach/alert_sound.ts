// The optional crisis sound. Browsers let a page play sound only after a gesture, and a page
// that beeps on its own would startle a coach (and whoever sits near them), so it is off until
// the coach turns it on; turning it on is the gesture that creates the audio context.
import { signal } from "@preact/signals";

export const soundOn = signal(false);
let audio: AudioContext | null = null;

export function setSound(on: boolean): void {
  soundOn.value = on;
  if (on) {
    audio ??= new AudioContext();
    void audio.resume();
  }
}

/** Two short tones; nothing when the coach has not turned the sound on. */
export function playCrisisSound(): void {
  if (!soundOn.value || !audio) return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.3, 660],
  ] as const) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.25);
  }
}
