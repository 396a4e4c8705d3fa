import { AUDIO_FEATURES_VERSION, FRAME_RATE, PEAKS_PER_SECOND, type AudioFeatures } from './features'

/** Pitch is searched between these: the range of adult voices. */
const MIN_PITCH_HZ = 60
const MAX_PITCH_HZ = 400
/**
 * The autocorrelation runs on audio decimated to about this rate: telephone speech keeps
 * harmonics below 1 kHz that carry its periodicity, and a quarter of the samples is a sixteenth
 * of the work.
 */
const PITCH_RATE = 2000
/** Frames quieter than this are not searched for a pitch (line noise, silence). */
const PITCH_GATE_DB = -50
/** Below this the best autocorrelation is noise, not a pitch. */
const MIN_PERIODICITY = 0.3
/** A shorter lag scoring at least this share of the best is the period; the best is a multiple. */
const OCTAVE_TOLERANCE = 0.95

/** Growable Float32Array: feature arrays of unknown length without holding the audio. */
class FloatList {
  private data: Float32Array
  length = 0
  constructor(capacity = 4096) {
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
  set(index: number, value: number): void {
    this.data[index] = value
  }
  toArray(): Float32Array {
    return this.data.slice(0, this.length)
  }
}

/**
 * Turns a stream of mono samples (-1..1) into AudioFeatures a chunk at a time, so a 40-minute
 * recording never has to be in memory whole. Works a hop (one frame, 20 ms) at a time: its
 * energy, its min/max peak (peaks and frames share a rate), and the pitch of the last two hops.
 */
export class FrameAnalyzer {
  private readonly hop: number
  private readonly decimation: number
  private readonly pitchRate: number
  /** Decimated samples a hop, and the autocorrelation window: the last two hops. */
  private readonly hopDecimated: number
  private readonly window: number
  private readonly minLag: number
  private readonly maxLag: number
  /** Samples of the hop being filled. */
  private readonly pending: Float32Array
  private pendingFill = 0
  /** The last `window` decimated samples, oldest first. */
  private readonly decimated: Float32Array
  private decimatedFill = 0
  private readonly squares: Float64Array
  private readonly scores: Float64Array
  private samples = 0
  /** Whether the first hop of the current pitch window was loud enough to search. */
  private loudInWindow = false
  private lastPitch = 0
  private readonly energy = new FloatList()
  private readonly pitch = new FloatList()
  private readonly periodicity = new FloatList()
  private readonly peakMins = new FloatList()
  private readonly peakMaxs = new FloatList()

  constructor(private readonly sampleRate: number) {
    if (!(sampleRate >= 4000 && sampleRate <= 384_000)) throw new Error(`Unsupported sample rate ${sampleRate} Hz: expected 4,000–384,000 Hz.`)
    if (PEAKS_PER_SECOND !== FRAME_RATE) throw new Error('Peaks are taken a hop at a time: PEAKS_PER_SECOND must equal FRAME_RATE.')
    this.decimation = Math.max(1, Math.round(sampleRate / PITCH_RATE))
    // Whole decimated samples a hop, so hops never straddle a decimated sample.
    this.hopDecimated = Math.max(1, Math.round(sampleRate / FRAME_RATE / this.decimation))
    this.hop = this.hopDecimated * this.decimation
    this.pitchRate = sampleRate / this.decimation
    this.window = 2 * this.hopDecimated
    this.minLag = Math.max(2, Math.floor(this.pitchRate / MAX_PITCH_HZ))
    this.maxLag = Math.min(this.window - 4, Math.ceil(this.pitchRate / MIN_PITCH_HZ))
    this.pending = new Float32Array(this.hop)
    this.decimated = new Float32Array(this.window)
    this.squares = new Float64Array(this.window + 1)
    this.scores = new Float64Array(this.maxLag + 2)
  }

  /** Frames a second actually used: the hop is rounded to whole decimated samples. */
  get frameRate(): number {
    return this.sampleRate / this.hop
  }

  push(samples: Float32Array): void {
    let at = 0
    if (this.pendingFill > 0) {
      const take = Math.min(this.hop - this.pendingFill, samples.length)
      this.pending.set(samples.subarray(0, take), this.pendingFill)
      this.pendingFill += take
      at = take
      if (this.pendingFill === this.hop) {
        this.frame(this.pending, 0, this.hop)
        this.pendingFill = 0
      }
    }
    for (; at + this.hop <= samples.length; at += this.hop) this.frame(samples, at, this.hop)
    if (at < samples.length) {
      this.pending.set(samples.subarray(at), 0)
      this.pendingFill = samples.length - at
    }
  }

  finish(): AudioFeatures {
    if (this.pendingFill > 0) {
      // The last, partial hop: its energy and peak count; it is too short to carry a pitch.
      this.pending.fill(0, this.pendingFill)
      this.frame(this.pending, 0, this.pendingFill)
      this.pendingFill = 0
    }
    return {
      version: AUDIO_FEATURES_VERSION,
      durationSec: this.samples / this.sampleRate,
      frameRate: this.frameRate,
      energyDb: this.energy.toArray(),
      pitchHz: this.pitch.toArray(),
      periodicity: this.periodicity.toArray(),
      peaks: { perSecond: this.frameRate, min: this.peakMins.toArray(), max: this.peakMaxs.toArray() }
    }
  }

  private frame(x: Float32Array, from: number, length: number): void {
    // One pass over the hop: energy, peak, and the box-car average of every `decimation`
    // samples written into the end of the pitch window, which first slides a hop on.
    const d = this.decimated
    const keep = this.window - this.hopDecimated
    d.copyWithin(0, this.hopDecimated)
    const step = this.decimation
    let sum = 0
    let lo = 0
    let hi = 0
    let acc = 0
    let k = keep
    for (let i = from, j = 0; i < from + length; i++) {
      const s = x[i] as number
      sum += s * s
      if (s < lo) lo = s
      else if (s > hi) hi = s
      acc += s
      if (++j === step) {
        d[k++] = acc / step
        acc = 0
        j = 0
      }
    }
    this.samples += length
    this.peakMins.push(lo)
    this.peakMaxs.push(hi)
    const rms = Math.sqrt(sum / length)
    const db = rms > 1e-5 ? 20 * Math.log10(rms) : -100
    this.energy.push(db)

    this.decimatedFill = Math.min(this.window, this.decimatedFill + this.hopDecimated)

    // Pitch is taken once a window (two hops) and given to both: half the autocorrelations,
    // the bulk of the analysis time, for a resolution of 40 ms that placement does not miss.
    const frames = this.energy.length
    if (frames % 2 === 1) {
      this.pitch.push(0)
      this.periodicity.push(0)
      this.loudInWindow = db > PITCH_GATE_DB
      return
    }
    let pitch = 0
    let strength = 0
    if ((this.loudInWindow || db > PITCH_GATE_DB) && this.decimatedFill === this.window && length === this.hop) {
      strength = this.autocorrelate()
      pitch = this.lastPitch
    }
    this.pitch.push(pitch)
    this.periodicity.push(strength)
    this.pitch.set(frames - 2, pitch)
    this.periodicity.set(frames - 2, strength)
  }

  /**
   * Normalised autocorrelation over the window: returns its strength (0–1) at the best lag and
   * leaves that lag's pitch in lastPitch (0 when too weak to be one); no tuple a window.
   */
  private autocorrelate(): number {
    const x = this.decimated
    const n = this.window
    let mean = 0
    for (let i = 0; i < n; i++) mean += x[i] as number
    mean /= n
    const sq = this.squares
    sq[0] = 0
    for (let i = 0; i < n; i++) {
      const v = (x[i] as number) - mean
      x[i] = v
      sq[i + 1] = (sq[i] as number) + v * v
    }
    const scores = this.scores
    const total = sq[n] as number
    for (let lag = this.minLag - 1; lag <= this.maxLag + 1; lag++) {
      let dot = 0
      for (let i = 0, j = lag; j < n; i++, j++) dot += (x[i] as number) * (x[j] as number)
      // Energies of the two overlapping parts, from the running sums of squares.
      const e0 = sq[n - lag] as number
      const e1 = total - (sq[lag] as number)
      scores[lag] = e0 > 0 && e1 > 0 ? dot / Math.sqrt(e0 * e1) : 0
    }
    // Restore the mean: the window slides on and must hold the samples, not their deviations.
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) + mean
    let top = this.minLag
    for (let lag = this.minLag + 1; lag <= this.maxLag; lag++) if ((scores[lag] as number) > (scores[top] as number)) top = lag
    // Every multiple of the period correlates about as well as the period itself: take the
    // shortest lag that peaks nearly as high as the best, or pure tones read an octave or two low.
    let best = top
    for (let lag = this.minLag; lag < top; lag++) {
      const s = scores[lag] as number
      if (s >= OCTAVE_TOLERANCE * (scores[top] as number) && s >= (scores[lag - 1] as number) && s >= (scores[lag + 1] as number)) {
        best = lag
        break
      }
    }
    const peak = scores[best] as number
    if (peak <= MIN_PERIODICITY) {
      this.lastPitch = 0
      return Math.max(0, peak)
    }
    // Parabolic interpolation between lags: decimated lags are 10 % apart near 200 Hz.
    const l = scores[best - 1] as number
    const r = scores[best + 1] as number
    const denom = l - 2 * peak + r
    const shift = denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denom)) : 0
    this.lastPitch = this.pitchRate / (best + shift)
    return peak
  }
}
