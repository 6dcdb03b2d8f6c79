// What `brecha up` (npm start) tells a user about the refresh: one short line per source as
// it finishes and one summary at the end. The full story (every URL, every error chain,
// the run table) goes to a log file beside the warehouse, or to the terminal with --verbose.
import { appendFileSync, mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import type { ProgressEvent, RefreshSummary, SourceSummary } from "../refresh.ts"
import { thousands } from "./format.ts"

/** The log of `brecha up` runs: next to the warehouse file. */
export const refreshLogPath = (warehousePath: string): string => join(dirname(warehousePath), "brecha-refresh.log")

/** Appends lines to the log; a log that cannot be written never stops the start. */
export const logWriter = (file: string) => {
  let broken = false
  return (text: string): void => {
    if (broken) return
    try {
      mkdirSync(dirname(file), { recursive: true })
      appendFileSync(file, text.endsWith("\n") ? text : text + "\n")
    } catch {
      broken = true
    }
  }
}

const showing = (sourceId: string, retrievedOn: ReadonlyMap<string, string>): string => {
  const day = retrievedOn.get(sourceId)
  return day ? `showing data retrieved ${day}` : "no data yet"
}

/** One line for a finished source, e.g. "un_sdg: publisher unreachable, showing data retrieved 2026-11-26". */
export const sourceLine = (s: SourceSummary, retrievedOn: ReadonlyMap<string, string>): string => {
  const vintages = s.files.filter((f) => f.outcome === "loaded").length
  switch (s.outcome) {
    case "loaded":
      return `${s.sourceId}: updated (${vintages} new vintage${vintages === 1 ? "" : "s"}, ${thousands(s.rowsLoaded)} values)`
    case "unchanged":
      return `${s.sourceId}: ${s.note ?? "up to date"}`
    case "final":
      return `${s.sourceId}: ${s.note ?? "final edition, no further releases expected"}`
    case "unreachable":
      return `${s.sourceId}: publisher unreachable, ${showing(s.sourceId, retrievedOn)}`
    case "failed":
      return `${s.sourceId}: ${s.note ?? "the publisher's answer could not be used"}, ${showing(s.sourceId, retrievedOn)}`
    case "quarantined":
      return `${s.sourceId}: new data looked implausible and was held back, ${showing(s.sourceId, retrievedOn)}`
  }
}

/** The closing line: what happened to how many sources, and where the details are. */
export const startSummaryLine = (summary: RefreshSummary, options: { readonly reachable: boolean; readonly logFile?: string }): string => {
  const count = (outcome: SourceSummary["outcome"]) => summary.sources.filter((s) => s.outcome === outcome).length
  const parts = (
    [
      ["updated", count("loaded")],
      ["up to date", count("unchanged")],
      ["final", count("final")],
      ["unreachable", count("unreachable")],
      ["failed", count("failed")],
      ["quarantined", count("quarantined")]
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`)
  const head = !options.reachable
    ? "offline: the publishers could not be reached; the dashboards show the data last retrieved, marked stale"
    : summary.exitCode === 0
      ? "refresh done"
      : "refresh done with problems; sources that were not refreshed keep their data, marked stale"
  return `${head} (${summary.sources.length} sources: ${parts.join(", ")})${options.logFile && summary.exitCode !== 0 ? `. Details: ${options.logFile}` : ""}`
}

/** A progress callback that prints one line per finished source and nothing else. */
export const shortProgress =
  (write: (line: string) => void, retrievedOn: () => ReadonlyMap<string, string>) =>
  (event: ProgressEvent): void => {
    if (event.kind === "source-done") write(sourceLine(event.summary, retrievedOn()))
  }
