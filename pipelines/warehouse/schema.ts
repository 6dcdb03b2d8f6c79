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

export interface DdlFile {
  readonly name: string
  readonly text: string
}

/** The DDL files in the order they apply, with their text. */
export const ddlFiles = (): Array<DdlFile> =>
  folders.flatMap((folder) => {
    const dir = join(sqlDir, folder)
    // A folder may be absent in a checkout (git keeps no empty folders).
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(join(dir, f), "utf8") }))
  })

/** The fingerprint kept in warehouse_meta: equal fingerprints mean the same DDL. */
export const schemaFingerprint = (files: ReadonlyArray<DdlFile>): string =>
  createHash("sha256")
    .update(files.map((f) => `${f.name}\n${f.text}`).join("\n"))
    .digest("hex")

/**
 * Applies the DDL, unless the warehouse already has exactly this DDL (a fingerprint of the
 * files is kept in warehouse_meta): re-creating some sixty views on every open costs more
 * than a no-op refresh should. The statements run in one transaction: one commit instead of
 * one per statement (a fresh warehouse opens several times faster), and a statement that
 * fails leaves the warehouse with its previous schema and fingerprint.
 */
export const applySchema = (sql: Sql, files: ReadonlyArray<DdlFile> = ddlFiles()) =>
  Effect.gen(function* () {
    const fingerprint = schemaFingerprint(files)
    yield* sql.run("CREATE TABLE IF NOT EXISTS warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    const current = yield* sql.query<{ value: string }>("SELECT value FROM warehouse_meta WHERE key = 'schema'")
    if (current[0]?.value === fingerprint) return
    yield* Effect.uninterruptible(
      Effect.gen(function* () {
        yield* sql.run("BEGIN TRANSACTION")
        const exit = yield* Effect.exit(
          Effect.gen(function* () {
            for (const file of files) {
              for (const statement of statements(file.text)) yield* sql.run(statement)
            }
            yield* sql.run("INSERT OR REPLACE INTO warehouse_meta VALUES ('schema', ?)", [fingerprint])
            // A new schema may hold the catalogue differently (a new catalog_* table): sync it again.
            yield* sql.run("DELETE FROM warehouse_meta WHERE key = 'catalog'")
          })
        )
        if (exit._tag === "Failure") {
          yield* sql.run("ROLLBACK").pipe(Effect.ignore)
          return yield* exit
        }
        yield* sql.run("COMMIT")
      })
    )
  })
