// `brecha sources`: every source, live or final, with its endpoints or the reason it is
// final, its release cadence, and — when a warehouse exists — its last success, current
// vintage and release date, and whether it is stale (the source_freshness view).
import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { existsSync } from "node:fs"
import { describeSources, type SourceDescription } from "../catalog/sources.ts"
import { finalYear } from "../source.ts"
import { toTable } from "./format.ts"
import { load, warehousePath } from "./root.ts"

export interface SourceStatus extends SourceDescription {
  readonly lastSuccessAt: string | null
  readonly latestVintageId: number | null
  readonly dataRetrievedAt: string | null
  readonly releasedOn: string | null
  readonly stale: boolean | null
  readonly staleReason: string | null
}

type FreshnessRow = {
  source_id: string
  last_success_at: string | null
  latest_vintage_id: number | null
  latest_vintage_at: string | null
  latest_release: string | null
  stale: boolean | null
  stale_reason: string | null
}

/** The freshness of each source from the warehouse, or nothing when there is none (or it predates the view's columns). */
const readFreshness = (path: string) =>
  Effect.gen(function* () {
    if (!existsSync(path)) return new Map<string, FreshnessRow>()
    const { Warehouse } = yield* load(() => import("../warehouse/Warehouse.ts"))
    const rows = yield* Effect.gen(function* () {
      const wh = yield* Warehouse
      return yield* wh.query<FreshnessRow>(
        `SELECT source_id, strftime(last_success_at, '%Y-%m-%d %H:%M') AS last_success_at, latest_vintage_id,
                strftime(latest_vintage_at, '%Y-%m-%d') AS latest_vintage_at, strftime(latest_release, '%Y-%m-%d') AS latest_release,
                stale, stale_reason
         FROM source_freshness`
      )
    }).pipe(
      Effect.provide(Warehouse.layer({ path, readOnly: true })),
      Effect.orElseSucceed(() => [] as Array<FreshnessRow>)
    )
    return new Map(rows.map((r) => [r.source_id, r]))
  })

export const sourceStatuses = (path: string) =>
  Effect.gen(function* () {
    const { readCatalog } = yield* load(() => import("../catalog/read.ts"))
    const catalog = yield* readCatalog()
    const freshness = yield* readFreshness(path)
    return describeSources(catalog).map((d): SourceStatus => {
      const f = freshness.get(d.sourceId)
      return {
        ...d,
        lastSuccessAt: f?.last_success_at ?? null,
        latestVintageId: f?.latest_vintage_id === null || f?.latest_vintage_id === undefined ? null : Number(f.latest_vintage_id),
        dataRetrievedAt: f?.latest_vintage_at ?? null,
        releasedOn: f?.latest_release ?? null,
        stale: f ? f.stale : null,
        staleReason: f?.stale_reason ?? null
      }
    })
  })

const kindText = (s: SourceStatus): string => (s.kind === "undeclared" ? "neither live nor final" : s.kind === "local" ? "local folder" : s.kind)

/** The table, then per source its endpoints or why it is final. */
export const renderSources = (statuses: ReadonlyArray<SourceStatus>): string => {
  const table = toTable(
    statuses.map((s) => ({
      source: s.sourceId,
      kind: kindText(s),
      cadence: s.cadence ?? "-",
      "last success": s.lastSuccessAt ?? "-",
      vintage: s.latestVintageId !== null ? `#${s.latestVintageId} (${s.dataRetrievedAt})` : "-",
      released: s.releasedOn ?? "-",
      stale: s.kind === "final" ? "no (final)" : s.stale === null ? "-" : s.stale ? "yes" : "no"
    }))
  )
  const details = statuses.map((s) => {
    const head = `${s.sourceId}: ${s.title} — ${s.publisher} (${s.licence})`
    const body = s.final
      ? [
          `  final edition (${finalYear(s.final)}), no further releases expected: ${s.final.lastEdition}, published ${s.final.releasedOn}.`,
          `  ${s.final.reason}`
        ]
      : s.kind === "live"
        ? s.endpoints.map((url, i) => `  ${i === 0 ? "live:" : "     "} ${url}`)
        : s.kind === "local"
          ? ["  local: your own indicators, read from the national folder on every refresh (docs/national.md; brecha national init ID)"]
          : ["  no publisher endpoints and no final edition declared yet; load it with --mirror DIR or brecha ingest"]
    const stale = s.stale && s.staleReason ? [`  stale: ${s.staleReason}`] : []
    return [head, ...body, ...stale].join("\n")
  })
  return `${table}\n\n${details.join("\n\n")}`
}

export const sourcesCommand = Command.make(
  "sources",
  { format: Flag.Literals("format", ["table", "json"]).pipe(Flag.withDefault("table"), Flag.withDescription("Output format")) },
  Effect.fn(function* ({ format }) {
    const statuses = yield* sourceStatuses(yield* warehousePath)
    process.stdout.write((format === "json" ? JSON.stringify(statuses, null, 2) : renderSources(statuses)) + "\n")
  })
).pipe(Command.withDescription("List the sources: live (endpoints) or final (why), cadence, last success, current vintage, stale or not"))
