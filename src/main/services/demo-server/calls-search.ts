/**
 * Finds the calls a list query matches, newest first, over the compact dataset. Route-level
 * filters (scope, org unit, campaign, route, tracking number, ring-to) are folded into one
 * lookup table of allowed routes, so the per-call test is a few array reads.
 */
import { DISPOSITIONS } from '@shared/convirza/schemas'
import { campaignById, ROUTES, subtreeOf, type DemoUser } from './accounts'
import type { ListQuery } from './calls-query'
import { indexOfCallId, type Dataset } from './dataset'

const ROUTE_ORG_UNIT = ROUTES.map((r) => campaignById(r.campaign_id).org_unit_id)

/** Whether the user may see the call at `index` (its org unit is in the user's subtree). */
export function visibleTo(dataset: Dataset, index: number, user: DemoUser): boolean {
  return subtreeOf(user.org_unit_id).has(ROUTE_ORG_UNIT[dataset.route[index] as number] as number)
}

/** The dataset position of a call the user may see, or -1. */
export function findCall(dataset: Dataset, callId: number, user: DemoUser): number {
  const index = indexOfCallId(dataset, callId)
  return index >= 0 && visibleTo(dataset, index, user) ? index : -1
}

/** First position whose call started before `ms` (times are sorted newest first). */
function firstBefore(startedMs: Float64Array, ms: number): number {
  let lo = 0
  let hi = startedMs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((startedMs[mid] as number) < ms) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Every matching position, newest first (ties keep the dataset order, so pages never overlap). */
export function searchCalls(dataset: Dataset, query: ListQuery, user: DemoUser): number[] {
  const scope = subtreeOf(user.org_unit_id)
  const allowedRoute = ROUTES.map((route, r) => {
    const orgUnit = ROUTE_ORG_UNIT[r] as number
    return (
      scope.has(orgUnit) &&
      (!query.orgUnits || query.orgUnits.has(orgUnit)) &&
      (query.campaignId === undefined || route.campaign_id === query.campaignId) &&
      (query.provisionedRouteId === undefined || route.provisioned_route_id === query.provisionedRouteId) &&
      (query.phoneNumber === undefined || route.tracking_number === query.phoneNumber) &&
      (query.ringTo === undefined || route.ring_to === query.ringTo)
    )
  })
  const allowedDisposition = DISPOSITIONS.map((d) => !query.dispositions || query.dispositions.has(d))
  const caller = query.callerId === undefined ? null : Number(query.callerId)
  const matches: number[] = []
  if (!allowedRoute.some(Boolean)) return matches
  const from = firstBefore(dataset.startedMs, query.endMs)
  const to = firstBefore(dataset.startedMs, query.startMs)
  for (let i = from; i < to; i++) {
    if (!allowedRoute[dataset.route[i] as number] || !allowedDisposition[dataset.disposition[i] as number]) continue
    if (caller !== null && dataset.callerNumbers[dataset.caller[i] as number] !== caller) continue
    matches.push(i)
  }
  return matches
}
