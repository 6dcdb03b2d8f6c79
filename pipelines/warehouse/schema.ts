// Applies the warehouse DDL kept as .sql files: tables first (idempotent CREATE IF NOT
// EXISTS), then views and marts (CREATE OR REPLACE), each folder in file-name order.
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { Sql } from "./Warehouse.ts"

export const sqlDir = join(import.meta.dirname, "..", "sql")
const folders = ["schema", "views", "marts"] as const

/** Reads one .sql file of pipelines/sql (used for load-time statements too). */
export const readSql = (relativePath: string): string => readFileSync(join(sqlDir, relativePath), "utf8")

/** Splits a file into statements on semicolons at line ends (our .sql files keep that style). */
export const statements = (text: string): Array<string> =>
  text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0)

/** The DDL files in the order they apply, with their text. */
const ddlFiles = (): Array<{ readonly name: string; readonly text: string }> =>
  folders.flatMap((folder) => {
    const dir = join(sqlDir, folder)
    // A folder may be absent in a checkout (git keeps no empty folders).
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(join(dir, f), "utf8") }))
  })

/**
 * Applies the DDL, unless the warehouse already has exactly this DDL (a fingerprint of the
 * files is kept in warehouse_meta): re-creating some sixty views on every open costs more
 * than a no-op refresh should.
 */
export const applySchema = (sql: Sql) =>
  Effect.gen(function* () {
    const files = ddlFiles()
    const fingerprint = createHash("sha256")
      .update(files.map((f) => `${f.name}\n${f.text}`).join("\n"))
      .digest("hex")
    yield* sql.run("CREATE TABLE IF NOT EXISTS warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    const current = yield* sql.query<{ value: string }>("SELECT value FROM warehouse_meta WHERE key = 'schema'")
    if (current[0]?.value === fingerprint) return
    for (const file of files) {
      for (const statement of statements(file.text)) yield* sql.run(statement)
    }
    yield* sql.run("INSERT OR REPLACE INTO warehouse_meta VALUES ('schema', ?)", [fingerprint])
    // A new schema may hold the catalogue differently (a new catalog_* table): sync it again.
    yield* sql.run("DELETE FROM warehouse_meta WHERE key = 'catalog'")
  })
