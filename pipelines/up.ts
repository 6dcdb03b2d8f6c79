// `brecha up` (npm start): the main job. Refresh from the publishers (or a mirror folder),
// fill any source that has no data at all from the bundled snapshot with a clear notice,
// then build the site and serve it on localhost.
import { Effect } from "effect"
import { type ProgressEvent, refresh, type RefreshSummary } from "./refresh.ts"
import { restoreSnapshot } from "./snapshot.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export interface UpResult {
  readonly summary: RefreshSummary
  /** Sources filled from the snapshot because neither the publisher nor earlier runs had data. */
  readonly fromSnapshot: Readonly<Record<string, number>>
}

export const refreshOrSnapshot = (options: { readonly mirror?: string; readonly onProgress?: (e: ProgressEvent) => void }) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const summary = yield* refresh({ mirror: options.mirror, trigger: "start", onProgress: options.onProgress })
    const failed = summary.sources.filter((s) => s.outcome === "failed").map((s) => s.sourceId)
    if (failed.length === 0) return { summary, fromSnapshot: {} } satisfies UpResult
    const withData = new Set((yield* wh.query<{ source_id: string }>(
      "SELECT DISTINCT source_id FROM vintage_log WHERE status = 'current'")).map((r) => r.source_id))
    const empty = failed.filter((id) => !withData.has(id))
    const fromSnapshot = empty.length > 0 ? yield* restoreSnapshot({ sourceIds: empty }) : {}
    return { summary, fromSnapshot } satisfies UpResult
  })
