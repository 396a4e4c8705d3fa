/**
 * Audio analysis for the listening workspace, in the main process and free of Electron: features
 * of a recording (waveform peaks, per-frame energy and pitch), where transcript turns are on it,
 * and its holds and silences. The method and its measured accuracy: docs/decisions/turn-placement.md.
 */
export { AUDIO_FEATURES_VERSION, displayPeaks, type AudioFeatures } from './features'
export { analyzeAudio, analyzeAudioFile } from './analyze'
export { placeTurns, type TurnPlacement } from './placement'
export { findQuietStretches, type QuietStretch } from './quiet'
export { encodeFeatures, decodeFeatures } from './codec'
