// `brecha changes [--since RUN_ID|DATE] [--format json|table] [--limit N]`: what the last run
// (or every run since) changed: counts per source and indicator, then the largest revisions
// and the new values up to a cap, then sources gone stale, recovered or quarantined.
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import type { ChangesReport } from "../changes.ts"
import { thousands, toTable } from "./format.ts"
import { CommandFailed, load, warehousePath } from "./root.ts"

const num = (v: number | null) => (v === null ? "" : String(Number(v.toPrecision(6))))

export const renderChangesTable = (report: ChangesReport): string => {
  const out: Array<string> = [`Changes in ${report.since.description}`]
  if (report.counts.length === 0 && report.events.length === 0) {
    out.push(
      "",
      `No values changed and no source changed state.${"runId" in report.since && report.since.runId !== undefined ? " Use --since RUN_ID or --since DATE to look further back." : ""}`
    )
    return out.join("\n")
  }
  if (report.counts.length > 0) {
    out.push(
      "",
      toTable(
        report.counts.map((c) => ({
          source: c.source_id,
          indicator: c.indicator_id,
          change: c.kind === "revised" ? "revised" : "new",
          values: thousands(Number(c.values)),
          countries: c.countries,
          years: c.first_year === c.last_year ? String(c.first_year) : `${c.first_year}–${c.last_year}`
        }))
      )
    )
  }
  if (report.events.length > 0) {
    out.push(
      "",
      toTable(
        report.events.map((e) => ({
          source: e.source_id,
          event: e.kind,
          run: e.run_id ?? "",
          at: String(e.changed_at).replace("T", " ").slice(0, 19),
          detail: e.error ?? ""
        }))
      )
    )
  }
  if (report.details.length > 0) {
    out.push(
      "",
      toTable(
        report.details.map((d) => ({
          change: d.kind === "revised" ? "revised" : "new",
          source: d.source_id,
          indicator: d.indicator_id,
          country: d.country_iso3,
          year: d.year,
          old: num(d.old_value),
          new: num(d.new_value),
          vintages: d.kind === "revised" ? `${d.old_vintage_id}→${d.new_vintage_id}` : String(d.new_vintage_id)
        }))
      )
    )
  }
  if (report.omitted > 0) {
    out.push(`… and ${thousands(report.omitted)} more value changes not listed (counted above; --limit 0 lists all, --format json for machines).`)
  }
  return out.join("\n")
}

export const changesCommand = Command.make(
  "changes",
  {
    since: Flag.String("since").pipe(Flag.withDescription("A run id (that run and later) or a date YYYY-MM-DD; default: the last run"), Flag.optional),
    format: Flag.Literals("format", ["table", "json"]).pipe(Flag.withDefault("table"), Flag.withDescription("Output format")),
    limit: Flag.Int("limit").pipe(Flag.withDefault(50), Flag.withDescription("Individual value changes to list (0 = all); counts always cover everything"))
  },
  Effect.fn(function* ({ since, format, limit }) {
    const path = yield* warehousePath
    const [{ changesReport, parseSince }, { Warehouse }] = yield* load(() => Promise.all([import("../changes.ts"), import("../warehouse/Warehouse.ts")]))
    const parsed = parseSince(Option.getOrUndefined(since))
    if ("error" in parsed) return yield* Effect.fail(new CommandFailed(parsed.error))
    const report = yield* changesReport(parsed, limit).pipe(Effect.provide(Warehouse.layer({ path, readOnly: true })))
    process.stdout.write(`${format === "json" ? JSON.stringify(report, null, 2) : renderChangesTable(report)}\n`)
  })
).pipe(Command.withDescription("What changed: new values, revisions (old and new, both vintages), sources gone stale or recovered"))
