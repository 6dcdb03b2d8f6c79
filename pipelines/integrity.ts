// The warehouse's invariants, checked by `brecha check` (npm run check:integrity): each
// file of pipelines/sql/checks is one check, a query returning one `detail` row per
// violation (none = the check passes). Its first comment line `-- check: ...` says what
// must hold; `-- severity: warning` marks a check that reports without failing.
import { Effect } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { sqlDir } from "./warehouse/schema.ts"
import { Warehouse } from "./warehouse/Warehouse.ts"

export interface CheckResult {
  readonly id: string
  readonly description: string
  readonly severity: "error" | "warning"
  readonly violations: number
  /** The first few violations, as sentences. */
  readonly examples: ReadonlyArray<string>
}

export interface IntegrityCheck {
  readonly id: string
  readonly description: string
  readonly severity: "error" | "warning"
  readonly sql: string
}

export const integrityChecks = (): Array<IntegrityCheck> => {
  const dir = join(sqlDir, "checks")
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8")
      const description = /^--\s*check:\s*(.+)$/m.exec(text)?.[1].trim() ?? file
      const severity = /^--\s*severity:\s*warning\s*$/m.test(text) ? "warning" : "error"
      const sql = text
        .replace(/^\s*--.*$/gm, "")
        .trim()
        .replace(/;\s*$/, "")
      return { id: file.replace(/\.sql$/, ""), description, severity, sql }
    })
}

export const checkIntegrity = (exampleLimit = 5) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const results: Array<CheckResult> = []
    for (const check of integrityChecks()) {
      const count = yield* wh.query<{ n: number }>(`SELECT count(*) AS n FROM (${check.sql})`)
      const examples = yield* wh.query<{ detail: string }>(`SELECT detail FROM (${check.sql}) ORDER BY detail LIMIT ${exampleLimit}`)
      results.push({
        id: check.id,
        description: check.description,
        severity: check.severity,
        violations: Number(count[0]?.n ?? 0),
        examples: examples.map((e) => String(e.detail))
      })
    }
    return results
  })

export const integrityFailed = (results: ReadonlyArray<CheckResult>): boolean => results.some((r) => r.severity === "error" && r.violations > 0)

export const formatIntegrity = (results: ReadonlyArray<CheckResult>): string => {
  const lines: Array<string> = []
  for (const r of results) {
    const status = r.violations === 0 ? "ok  " : r.severity === "warning" ? "WARN" : "FAIL"
    lines.push(`${status}  ${r.description}${r.violations > 0 ? ` — ${r.violations} violation${r.violations === 1 ? "" : "s"}` : ""}`)
    for (const e of r.examples.slice(0, r.violations)) lines.push(`        ${e}`)
    if (r.violations > r.examples.length) lines.push(`        … and ${r.violations - r.examples.length} more`)
  }
  const failed = results.filter((r) => r.severity === "error" && r.violations > 0).length
  const warned = results.filter((r) => r.severity === "warning" && r.violations > 0).length
  lines.push(
    `${results.length} checks: ${failed === 0 ? "all invariants hold" : `${failed} failed`}${warned > 0 ? `, ${warned} warning${warned === 1 ? "" : "s"}` : ""}`
  )
  return lines.join("\n")
}
