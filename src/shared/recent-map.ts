/**
 * A Map kept to its newest entries: a Map iterates in insertion order, so the first keys are the
 * oldest. Used where the app remembers something per recent call (a recording's last failure,
 * where a call was left, its waveform) without growing over a long session.
 */
export function keepNewest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return
    map.delete(key)
  }
}
