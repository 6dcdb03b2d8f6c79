// `brecha up` (npm start), the main job: refresh from the publishers (or a mirror folder),
// fill every source that has no data at all from the bundled snapshot, with a clear notice,
// then build the site and serve it on localhost.
import { Effect, Layer } from "effect"
import { resolve } from "node:path"
import { Http, policyFromEnv } from "./live/Http.ts"
import { liveDatasets } from "./live/retrieve.ts"
import { type ProgressEvent, refresh, type RefreshSummary } from "./refresh.ts"
import { readManifest, restoreSnapshot } from "./snapshot.ts"
import { sources } from "./sources/registry.ts"
import { withRefreshLock } from "./warehouse/refreshLock.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export interface UpRefreshResult {
  readonly summary: RefreshSummary
  /** False when no publisher answered (offline): the refresh then failed fast, without retries. */
  readonly reachable: boolean
  /** Sources filled from the snapshot because neither the publisher nor earlier runs had data. */
  readonly fromSnapshot: Readonly<Record<string, number>>
  readonly snapshotMadeAt?: string
}

/** One quick request (no retry) to the first live dataset: can we reach the publishers at all? */
const publishersReachable = Effect.gen(function*() {
  const probe = sources.flatMap((s) => liveDatasets(s).map((d) => ({ sourceId: s.id, url: d.url })))[0]
  if (!probe) return false
  const http = yield* Http
  const answer = yield* Effect.result(http.get({ sourceId: probe.sourceId, url: probe.url, expect: "any" }))
  return answer._tag === "Success"
}).pipe(Effect.provide(Layer.suspend(() => Http.layer({ ...policyFromEnv(), maxAttempts: 1, timeoutMs: 10_000 }))))

export const refreshOrSnapshot = (options: {
  readonly dbPath: string
  readonly mirror?: string
  readonly onProgress?: (event: ProgressEvent) => void
}) => {
  const path = resolve(options.dbPath)
  return Effect.gen(function*() {
    const reachable = options.mirror !== undefined || (yield* publishersReachable)
    // Offline, every retrieval fails at once (no retries) but is still recorded, so sources
    // that had data show as stale rather than silently old.
    const httpPolicy = reachable ? policyFromEnv() : { ...policyFromEnv(), maxAttempts: 1, timeoutMs: 10_000 }
    const summary = yield* Effect.gen(function*() {
      return yield* refresh({ mirror: options.mirror, trigger: "start", onProgress: options.onProgress })
    }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path })), Layer.fresh(Http.layer(httpPolicy)))))

    const fromSnapshot = yield* Effect.gen(function*() {
      const wh = yield* Warehouse
      const withData = new Set((yield* wh.query<{ source_id: string }>(
        "SELECT DISTINCT source_id FROM vintage_log WHERE status = 'current'")).map((r) => r.source_id))
      const empty = sources.map((s) => s.id).filter((id) => !withData.has(id))
      return empty.length > 0 ? yield* restoreSnapshot({ sourceIds: empty }) : {}
    }).pipe(Effect.provide(Layer.fresh(Warehouse.layer({ path }))))
    const manifest = Object.keys(fromSnapshot).length > 0 ? yield* Effect.result(readManifest()) : undefined
    return {
      summary, reachable, fromSnapshot,
      ...(manifest?._tag === "Success" ? { snapshotMadeAt: manifest.success.made_at } : {})
    } satisfies UpRefreshResult
  }).pipe(withRefreshLock(path, "brecha up"))
}
