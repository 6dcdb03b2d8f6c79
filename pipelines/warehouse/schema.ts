// Applies the warehouse DDL kept as .sql files: tables first (idempotent CREATE IF NOT
// EXISTS), then views and marts (CREATE OR REPLACE), each folder in file-name order.
import { Effect } from "effect"
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

export const applySchema = (sql: Sql) =>
  Effect.gen(function*() {
    for (const folder of folders) {
      const dir = join(sqlDir, folder)
      // git keeps no empty folder: a fresh clone may have no marts/ yet.
      if (!existsSync(dir)) continue
      const files = readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()
      for (const file of files) {
        for (const statement of statements(readFileSync(join(dir, file), "utf8"))) {
          yield* sql.run(statement)
        }
      }
    }
  })
