// `brecha up` (npm start), the main job: refresh from the publishers (or a mirror folder),
// fill every source that has no data at all from the bundled snapshot, with a clear notice,
// then build the site and serve it on localhost. Before refreshing, one quick request per
// publisher host (in parallel, no retry) finds the hosts that cannot be reached, so an
// offline start records those sources unreachable at once instead of waiting on each URL.
import { Effect, Layer } from "effect"
import { resolve } from "node:path"
import { isNetworkFailure } from "./errors.ts"
import { Http, policyFromEnv } from "./live/Http.ts"
import { liveDatasets } from "./live/retrieve.ts"
import { hostOf, type ProgressEvent, refresh, type RefreshSummary } from "./refresh.ts"
import { readManifest, restoreSnapshot } from "./snapshot.ts"
import { sources } from "./sources/registry.ts"
import { withRefreshLock } from "./warehouse/refreshLock.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export interface UpRefreshResult {
  readonly summary: RefreshSummary
  /** False when no publisher answered the probe (offline). */
  readonly reachable: boolean
  /** Publisher hosts that did not answer the probe, with what was seen. */
  readonly unreachableHosts: ReadonlyMap<string, string>
  /** Sources filled from the snapshot because neither the publisher nor earlier runs had data. */
  readonly fromSnapshot: Readonly<Record<string, number>>
  readonly snapshotMadeAt?: string
  /** When each source's current data was retrieved (YYYY-MM-DD), after the run and any snapshot fill. */
  readonly retrievedOn: ReadonlyMap<string, string>
}

/** Time allowed for each probe request; they run in parallel, so the probe as a whole takes about this long at most. */
export const probeTimeoutMs = 5_000

/**
 * Can each publisher host be reached at all? One GET of the host's root per host, all at
 * once, one attempt each: any HTTP answer (even a 404) means the host is there; only a
 * network failure (DNS, refused, timeout) marks it unreachable.
 */
export const probePublishers = Effect.gen(function* () {
  const hosts = new Map<string, string>()
  for (const s of sources) {
    for (const d of liveDatasets(s)) {
      const host = hostOf(d.url)
      if (host && !hosts.has(host)) hosts.set(host, `${new URL(d.url).origin}/`)
    }
  }
  const http = yield* Http
  const results = yield* Effect.forEach(
    [...hosts],
    ([host, url]) =>
      Effect.result(http.get({ sourceId: host, url, expect: "any" })).pipe(
        Effect.map((r) => [host, r._tag === "Failure" && isNetworkFailure(r.failure) ? r.failure.problem : undefined] as const)
      ),
    { concurrency: "unbounded" }
  )
  const down = new Map<string, string>()
  for (const [host, problem] of results) {
    if (problem !== undefined) down.set(host, `publisher unreachable (a quick check of ${host} found: ${problem})`)
  }
  return { hosts: hosts.size, down }
}).pipe(Effect.provide(Layer.suspend(() => Http.layer({ ...policyFromEnv(), maxAttempts: 1, timeoutMs: probeTimeoutMs }))))

const retrievedOnQuery = Effect.gen(function* () {
  const wh = yield* Warehouse
  const rows = yield* wh.query<{ source_id: string; day: string }>(
    "SELECT source_id, strftime(max(retrieved_at), '%Y-%m-%d') AS day FROM vintage_log WHERE status = 'current' GROUP BY source_id"
  )
  return new Map(rows.map((r) => [r.source_id, r.day]))
})

export const refreshOrSnapshot = (options: {
  readonly dbPath: string
  readonly mirror?: string
  readonly onProgress?: (event: ProgressEvent) => void
  /** Called before the refresh starts with when each source's current data was retrieved. */
  readonly onStart?: (retrievedOn: ReadonlyMap<string, string>, unreachableHosts: ReadonlyMap<string, string>) => void
}) => {
  const path = resolve(options.dbPath)
  return Effect.gen(function* () {
    const probe = options.mirror !== undefined ? { hosts: 0, down: new Map<string, string>() } : yield* probePublishers
    const reachable = options.mirror !== undefined || probe.down.size < probe.hosts
    const summary = yield* Effect.gen(function* () {
      options.onStart?.(yield* retrievedOnQuery, probe.down)
      return yield* refresh({ mirror: options.mirror, trigger: "start", onProgress: options.onProgress, unreachableHosts: probe.down })
    }).pipe(Effect.provide(Layer.mergeAll(Layer.fresh(Warehouse.layer({ path })), Layer.fresh(Http.layer(policyFromEnv())))))

    const { fromSnapshot, retrievedOn } = yield* Effect.gen(function* () {
      const wh = yield* Warehouse
      const withData = new Set(
        (yield* wh.query<{ source_id: string }>("SELECT DISTINCT source_id FROM vintage_log WHERE status = 'current'")).map((r) => r.source_id)
      )
      const empty = sources.map((s) => s.id).filter((id) => !withData.has(id))
      const fromSnapshot = empty.length > 0 ? yield* restoreSnapshot({ sourceIds: empty }) : {}
      return { fromSnapshot, retrievedOn: yield* retrievedOnQuery }
    }).pipe(Effect.provide(Layer.fresh(Warehouse.layer({ path }))))
    const manifest = Object.keys(fromSnapshot).length > 0 ? yield* Effect.result(readManifest()) : undefined
    return {
      summary,
      reachable,
      unreachableHosts: probe.down,
      fromSnapshot,
      retrievedOn,
      ...(manifest?._tag === "Success" ? { snapshotMadeAt: manifest.success.made_at } : {})
    } satisfies UpRefreshResult
  }).pipe(withRefreshLock(path, "brecha up"))
}
