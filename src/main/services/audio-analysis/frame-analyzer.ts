import { FRAME_RATE, PEAKS_PER_SECOND, AUDIO_FEATURES_VERSION, type AudioFeatures } from './features'

/** Pitch is searched between these: the range of adult voices, and of hold tones' periodicity. */
const MIN_PITCH_HZ = 60
const MAX_PITCH_HZ = 400
/**
 * The autocorrelation runs on audio decimated to about this rate: telephone speech keeps its
 * harmonics below 1 kHz, and a quarter of the samples is a sixteenth of the work.
 */
const PITCH_RATE = 2000
/** Frames quieter than this are not searched for a pitch (line noise, silence). */
const PITCH_GATE_DB = -50

/** Growable Float32Array: feature arrays of unknown length without holding the audio. */
class FloatList {
  private data: Float32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Float32Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }
  toArray(): Float32Array {
    return this.data.slice(0, this.length)
  }
}

/**
 * Turns a stream of mono samples (-1..1) into AudioFeatures, a chunk at a time, so a 40-minute
 * recording never has to be in memory whole.
 */
export class FrameAnalyzer {
  private readonly hop: number
  private readonly peakSize: number
  private readonly decimation: number
  private readonly window: number
  private readonly minLag: number
  private readonly maxLag: number
  private readonly pitchRate: number
  /** Decimated samples of the current and previous hops: the autocorrelation window. */
  private readonly ring: Float32Array
  private ringFill = 0
  /** Where the next decimated sample goes: the oldest one in a full ring. */
  private ringHead = 0
  private readonly centred: Float32Array
  private readonly scores: Float32Array
  private hopFill = 0
  private hopSquares = 0
  private decimSum = 0
  private decimFill = 0
  private peakFill = 0
  private peakMin = 0
  private peakMax = 0
  private samples = 0
  private readonly energy = new FloatList()
  private readonly pitch = new FloatList()
  private readonly periodicity = new FloatList()
  private readonly peakMins = new FloatList()
  private readonly peakMaxs = new FloatList()

  constructor(private readonly sampleRate: number) {
    if (!(sampleRate >= 1000 && sampleRate <= 384_000)) throw new Error(`Unsupported sample rate ${sampleRate} Hz: expected 1,000–384,000 Hz.`)
    this.hop = Math.max(1, Math.round(sampleRate / FRAME_RATE))
    this.peakSize = Math.max(1, Math.round(sampleRate / PEAKS_PER_SECOND))
    this.decimation = Math.max(1, Math.round(sampleRate / PITCH_RATE))
    this.pitchRate = sampleRate / this.decimation
    // Two hops (40 ms): long enough for two periods of a 60 Hz voice's harmonics pattern.
    this.window = Math.max(8, Math.floor((2 * this.hop) / this.decimation))
    this.minLag = Math.max(2, Math.floor(this.pitchRate / MAX_PITCH_HZ))
    this.maxLag = Math.min(this.window - 4, Math.ceil(this.pitchRate / MIN_PITCH_HZ))
    this.ring = new Float32Array(this.window)
    this.centred = new Float32Array(this.window)
    this.scores = new Float32Array(this.maxLag + 2)
  }

  push(samples: Float32Array): void {
    const hop = this.hop
    const decimation = this.decimation
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i] as number
      this.hopSquares += s * s
      if (s < this.peakMin) this.peakMin = s
      if (s > this.peakMax) this.peakMax = s
      if (++this.peakFill === this.peakSize) this.flushPeak()
      this.decimSum += s
      if (++this.decimFill === decimation) {
        this.pushDecimated(this.decimSum / decimation)
        this.decimSum = 0
        this.decimFill = 0
      }
      if (++this.hopFill === hop) this.flushFrame()
    }
    this.samples += samples.length
  }

  finish(): AudioFeatures {
    if (this.peakFill > 0) this.flushPeak()
    if (this.hopFill > 0) this.flushFrame()
    return {
      version: AUDIO_FEATURES_VERSION,
      durationSec: this.samples / this.sampleRate,
      frameRate: FRAME_RATE,
      energyDb: this.energy.toArray(),
      pitchHz: this.pitch.toArray(),
      periodicity: this.periodicity.toArray(),
      peaks: { perSecond: PEAKS_PER_SECOND, min: this.peakMins.toArray(), max: this.peakMaxs.toArray() }
    }
  }

  private pushDecimated(value: number): void {
    this.ring[this.ringHead] = value
    this.ringHead = (this.ringHead + 1) % this.window
    if (this.ringFill < this.window) this.ringFill++
  }

  private flushPeak(): void {
    this.peakMins.push(this.peakMin)
    this.peakMaxs.push(this.peakMax)
    this.peakMin = 0
    this.peakMax = 0
    this.peakFill = 0
  }

  private flushFrame(): void {
    const rms = Math.sqrt(this.hopSquares / Math.max(1, this.hopFill))
    const db = rms > 1e-5 ? 20 * Math.log10(rms) : -100
    this.energy.push(db)
    let pitch = 0
    let strength = 0
    if (db > PITCH_GATE_DB && this.ringFill === this.window) [pitch, strength] = this.autocorrelate()
    this.pitch.push(pitch)
    this.periodicity.push(strength)
    this.hopSquares = 0
    this.hopFill = 0
  }

  /** Normalised autocorrelation over the window: [pitch Hz, strength 0–1] at the best lag. */
  private autocorrelate(): [number, number] {
    const x = this.ring
    const n = this.window
    let mean = 0
    for (let i = 0; i < n; i++) mean += x[i] as number
    mean /= n
    const centred = this.centred
    for (let i = 0; i < n; i++) centred[i] = (x[(this.ringHead + i) % n] as number) - mean
    const scores = this.scores
    for (let lag = this.minLag - 1; lag <= this.maxLag + 1; lag++) {
      let dot = 0
      let e0 = 0
      let e1 = 0
      for (let i = 0; i + lag < n; i++) {
        const a = centred[i] as number
        const b = centred[i + lag] as number
        dot += a * b
        e0 += a * a
        e1 += b * b
      }
      scores[lag] = e0 > 0 && e1 > 0 ? dot / Math.sqrt(e0 * e1) : 0
    }
    let best = this.minLag
    for (let lag = this.minLag; lag <= this.maxLag; lag++) if ((scores[lag] as number) > (scores[best] as number)) best = lag
    const peak = scores[best] as number
    if (peak <= 0.3) return [0, Math.max(0, peak)]
    // Parabolic interpolation between lags: decimated lags are 10 % apart near 200 Hz.
    const l = scores[best - 1] as number
    const r = scores[best + 1] as number
    const denom = l - 2 * peak + r
    const shift = denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denom)) : 0
    return [this.pitchRate / (best + shift), peak]
  }
}
