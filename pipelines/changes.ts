// What changed since a run or a date, read from the `changes` view and shaped for people:
// counts per source / indicator / kind first (a first load of 100,000 values is one line,
// not 100,000), then the individual revisions and new values up to a cap, then sources that
// went stale, recovered, or had a vintage quarantined. Used by `brecha changes`.
import { Effect } from "effect"
import { Warehouse } from "./warehouse/Warehouse.ts"

export type ChangeKind = "new_value" | "revised" | "stale" | "recovered" | "quarantined"

/** One row of the `changes` view. */
export type ChangeRow = {
  readonly kind: ChangeKind
  readonly run_id: number | null
  readonly changed_at: string
  readonly source_id: string
  readonly indicator_id: string | null
  readonly country_iso3: string | null
  readonly year: number | null
  readonly old_value: number | null
  readonly new_value: number | null
  readonly old_vintage_id: number | null
  readonly new_vintage_id: number | null
  readonly error: string | null
}

export type ChangeCount = {
  readonly kind: "new_value" | "revised"
  readonly source_id: string
  readonly indicator_id: string
  readonly values: number
  readonly countries: number
  readonly first_year: number
  readonly last_year: number
}

export interface ChangesReport {
  /** What "since" meant: the runs covered, or the date. */
  readonly since: { readonly runId?: number; readonly date?: string; readonly description: string }
  readonly counts: ReadonlyArray<ChangeCount>
  /** stale / recovered / quarantined, all of them (they are few). */
  readonly events: ReadonlyArray<ChangeRow>
  /** Revisions first (largest relative change first), then new values; at most `limit`. */
  readonly details: ReadonlyArray<ChangeRow>
  /** Value changes not listed in `details`. */
  readonly omitted: number
}

export type Since = { readonly runId: number } | { readonly date: string } | { readonly latest: true }

/** "12" is a run id (that run and later ones); "2025-07-01" or an ISO time is a date. */
export const parseSince = (text: string | undefined): Since | { readonly error: string } => {
  if (text === undefined || text === "") return { latest: true }
  const t = text.trim()
  if (/^\d+$/.test(t)) return { runId: Number(t) }
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(t) && !Number.isNaN(Date.parse(t))) return { date: t.replace("T", " ").replace("Z", "") }
  return { error: `--since "${text}" is neither a run id (e.g. 12) nor a date (e.g. 2025-07-01)` }
}

export const changesReport = (since: Since, limit: number) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    let where: string
    let params: Array<string | number>
    let description: string
    let resolved: ChangesReport["since"]
    if ("runId" in since) {
      where = "run_id >= ?"
      params = [since.runId]
      description = `runs ${since.runId} and later`
      resolved = { runId: since.runId, description }
    } else if ("date" in since) {
      where = "changed_at >= CAST(? AS TIMESTAMP)"
      params = [since.date]
      description = `since ${since.date}`
      resolved = { date: since.date, description }
    } else {
      const last = yield* wh.query<{ run_id: number | null }>("SELECT max(run_id) AS run_id FROM run_log")
      const runId = last[0]?.run_id ?? null
      if (runId === null) {
        where = "true"
        params = []
        description = "everything loaded so far (no refresh run yet)"
        resolved = { description }
      } else {
        where = "run_id = ?"
        params = [Number(runId)]
        description = `the last run (${runId})`
        resolved = { runId: Number(runId), description }
      }
    }
    const counts = yield* wh.query<ChangeCount>(
      `SELECT kind, source_id, indicator_id, count(*)::INTEGER AS values, count(DISTINCT country_iso3)::INTEGER AS countries,
              min(year)::INTEGER AS first_year, max(year)::INTEGER AS last_year
       FROM changes WHERE kind IN ('new_value', 'revised') AND ${where}
       GROUP BY ALL ORDER BY source_id, indicator_id, kind DESC`,
      params
    )
    const events = yield* wh.query<ChangeRow>(
      `SELECT * FROM changes WHERE kind IN ('stale', 'recovered', 'quarantined') AND ${where} ORDER BY changed_at, source_id`,
      params
    )
    const details = yield* wh.query<ChangeRow>(
      `SELECT * FROM changes WHERE kind IN ('new_value', 'revised') AND ${where}
       ORDER BY kind = 'revised' DESC,
                CASE WHEN kind = 'revised' THEN abs(new_value - old_value) / greatest(abs(old_value), 1e-9) END DESC NULLS LAST,
                source_id, indicator_id, country_iso3, year
       ${limit > 0 ? `LIMIT ${Math.floor(limit)}` : ""}`,
      params
    )
    const total = counts.reduce((n, c) => n + Number(c.values), 0)
    return { since: resolved, counts, events, details, omitted: Math.max(0, total - details.length) } satisfies ChangesReport
  })
