// `brecha refresh`: progress per source on stderr while it runs, a summary table at the end.
import { Effect } from "effect"
import { toTable, thousands } from "./format.ts"
import type { ProgressEvent, RefreshSummary } from "../refresh.ts"

export const printProgress = (event: ProgressEvent): void => {
  switch (event.kind) {
    case "source-start":
      process.stderr.write(`[${event.index}/${event.total}] ${event.sourceId} …\n`)
      break
    case "file-done": {
      const f = event.file
      const what = f.outcome === "unchanged"
        ? "unchanged"
        : `${thousands(f.rowsLoaded)} values, ${thousands(f.rowsRejected)} rejected, ${thousands(f.rowsAggregate)} aggregate (vintage ${f.vintageId})`
      process.stderr.write(`      ${f.unit}: ${what}\n`)
      break
    }
    case "file-failed":
      process.stderr.write(`      ${event.unit}: FAILED: ${event.error}\n`)
      break
    case "source-done":
      break
  }
}

export const summaryTable = (summary: RefreshSummary): string =>
  toTable(summary.sources.map((s) => ({
    source: s.sourceId,
    vintage: s.files.filter((f) => f.outcome === "loaded").map((f) => f.vintageId).join(",") || "-",
    loaded: s.rowsLoaded,
    rejected: s.rowsRejected,
    outcome: s.outcome,
    detail: s.error ?? `${s.files.length} file(s)`
  })))

export const reportSummary = (summary: RefreshSummary) =>
  Effect.sync(() => {
    process.stdout.write(`\nrun ${summary.runId} (${summary.mode})\n${summaryTable(summary)}\n`)
    for (const s of summary.sources.filter((x) => x.outcome === "failed")) {
      process.stderr.write(`\n${s.sourceId} failed: ${s.error}\n`)
    }
  })
