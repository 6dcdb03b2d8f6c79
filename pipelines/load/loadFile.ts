// Loads one landed file of a source as a new vintage, in one transaction: stage (the
// source's part), validate (shared SQL), then write the vintage, its values, aggregates and
// rejected rows. Any failure rolls everything back. A file whose sha256 equals the latest
// vintage of the same unit writes nothing and reports "unchanged".
import { Effect } from "effect"
import { SourceFormatError, type WarehouseError } from "../errors.ts"
import type { LandedFile, Source } from "../source.ts"
import { unterminatedLastNumber } from "../files/text.ts"
import { readSql, statements } from "../warehouse/schema.ts"
import { Warehouse, type Params, type Sql } from "../warehouse/Warehouse.ts"
import { judgePlausibility, previousVintage } from "./plausibility.ts"
import { makeStageContext } from "./stageContext.ts"
import { warehouseTimestamp } from "../warehouse/timestamp.ts"

export interface FileOutcome {
  readonly unit: string
  readonly origin: string
  readonly outcome: "loaded" | "unchanged" | "quarantined"
  /** Live retrieval: the publisher answered 304 Not Modified (nothing was downloaded). */
  readonly notModified?: boolean
  /** Why a quarantined vintage was not made current. */
  readonly statusReason?: string
  readonly vintageId?: number
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly rowsAggregate: number
  readonly format?: string
  readonly releasedAt?: string | null
}

const validateStatements = statements(readSql("load/validate.sql"))
const repeatedKeysStatements = statements(readSql("load/repeated_keys.sql"))

/** DuckDB's own CSV/Parquet read errors become format errors naming the file and line. */
const asFormatError = (source: Source, file: LandedFile) => (error: WarehouseError | SourceFormatError) => {
  if (error._tag !== "WarehouseError") return error
  const detail = error.detail
  if (!/CSV Error|Invalid Input Error|Conversion Error|Parquet|parquet|unicode|Could not convert|No files found|Invalid Error|sniff/i.test(detail)) return error
  const lineMatch = /on line:?\s*(\d+)/i.exec(detail) ?? /line (\d+)/i.exec(detail)
  // Keep DuckDB's explanation, drop its advice about reader options (not the user's to set).
  // (DuckDB words the advice "Possible fixes" or "Possible Solution", and some errors have none.)
  const lines = detail.split("\n")
  const adviceAt = lines.findIndex((l) => /^\s*(Possible (fixes|Solution)|file = )/i.test(l))
  const explanation = lines
    .slice(0, adviceAt < 0 ? lines.length : Math.max(1, adviceAt))
    .map((l) => l.trim().replace(/^[A-Za-z ]*Error:\s*/, ""))
    .filter((l) => l.length > 0 && !/^(CSV Error on Line|Original Line|LINE \d+:|\^)/.test(l))
    .join("; ")
  const hint = /unterminated quote/i.test(detail)
    ? " (the file looks truncated in the middle of a record)"
    : /Expected Number of Columns/i.test(detail) ? " (a record has a different number of columns than the header)" : ""
  return new SourceFormatError({
    sourceId: source.id,
    file: file.origin,
    line: lineMatch ? Number(lineMatch[1]) : undefined,
    problem: ((explanation || detail.split("\n")[0]).replace(/^[A-Za-z ]*Error:\s*/, "") + hint).slice(0, 400)
  })
}

/** The first few refused cells, for a message that says why a whole file failed. */
const firstReasons = (sql: Sql) =>
  sql.query<{ reason: string; line: number | null }>("SELECT reason, line FROM checked WHERE reason IS NOT NULL ORDER BY line LIMIT 3")

/** A strict source's file fails on its first refused value or repeated key, naming line and field. */
const refuseAnyRejection = (sql: Sql, source: Source, file: LandedFile) =>
  Effect.gen(function*() {
    const refused = yield* sql.query<{ reason: string; line: number | null; field: string | null; n: number }>(
      "SELECT reason, line, field, count(*) OVER () AS n FROM checked WHERE reason IS NOT NULL ORDER BY line LIMIT 1")
    if (refused.length > 0) {
      const r = refused[0]
      // The reason says which cell was at fault; name that column.
      const column = /^year/.test(r.reason) ? "year" : /^area/.test(r.reason) ? "area" : r.field ?? undefined
      const more = Number(r.n) > 1 ? ` (and ${Number(r.n) - 1} more refused value${Number(r.n) > 2 ? "s" : ""})` : ""
      return yield* new SourceFormatError({
        sourceId: source.id, file: file.origin, line: r.line ?? undefined, column,
        problem: `${r.reason}${more}; nothing of the file was loaded`
      })
    }
    const repeated = yield* sql.query<{ first_line: number; last_line: number }>("SELECT first_line, last_line FROM repeated_keys ORDER BY first_line LIMIT 1")
    if (repeated.length > 0) {
      return yield* new SourceFormatError({
        sourceId: source.id, file: file.origin, line: Number(repeated[0].last_line),
        problem: `the same country and year is given twice (lines ${repeated[0].first_line} and ${repeated[0].last_line}); nothing of the file was loaded`
      })
    }
  })

/** Runs an INSERT and returns how many rows it wrote (DuckDB reports it as the result). */
const insertCount = (sql: Sql, statement: string, params: Params) =>
  sql.query<{ Count: number }>(statement, params).pipe(Effect.map((rows) => Number(rows[0]?.Count ?? 0)))

const count = (sql: Sql, query: string) =>
  sql.query<{ n: number }>(query).pipe(Effect.map((rows) => Number(rows[0]?.n ?? 0)))

export const latestSha = (sourceId: string, unit: string) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const rows = yield* wh.query<{ content_sha256: string }>(
      `SELECT content_sha256 FROM vintage_log WHERE source_id = ? AND unit = ? ORDER BY vintage_id DESC LIMIT 1`,
      [sourceId, unit]
    )
    return rows[0]?.content_sha256
  })

export interface LoadOptions {
  readonly runId?: number
  /** The latest sha256 per unit of this source, when the caller already looked them up. */
  readonly latestShas?: ReadonlyMap<string, string>
}

/** The latest sha256 of every unit of a source, in one query (a refresh checks many files). */
export const latestShas = (sourceId: string) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const rows = yield* wh.query<{ unit: string; content_sha256: string }>(
      `SELECT unit, arg_max(content_sha256, vintage_id) AS content_sha256 FROM vintage_log WHERE source_id = ? GROUP BY unit`,
      [sourceId])
    return new Map(rows.map((r) => [r.unit, r.content_sha256]))
  })

export const loadFile = (source: Source, file: LandedFile, options: LoadOptions = {}) =>
  Effect.gen(function*() {
    const wh = yield* Warehouse
    const previous = options.latestShas ? options.latestShas.get(file.unit) : yield* latestSha(source.id, file.unit)
    if (previous === file.sha256) {
      return { unit: file.unit, origin: file.origin, outcome: "unchanged", rowsLoaded: 0, rowsRejected: 0, rowsAggregate: 0 } satisfies FileOutcome
    }
    return yield* wh.transaction((tx) =>
      Effect.gen(function*() {
        // A file that ends in the middle of a number was most likely cut short (an interrupted
        // download or copy turns "20.6070256" into a believable "20.6"). Refused before any
        // staging, so no value derived from it (a share, a composite) can slip through.
        const cut = unterminatedLastNumber(file.bytes)
        if (cut) {
          return yield* new SourceFormatError({
            sourceId: source.id, file: file.origin, line: cut.line,
            problem: `the file ends right after the number "${cut.text.slice(0, 40)}" with no line break: it looks cut short (truncated download or copy?), so nothing was loaded; if the file is complete, end it with a line break`
          })
        }
        // An empty relation to start from: a source that finds no rows stages nothing, and
        // that must read as "no data rows", not as a missing table.
        yield* tx.run(`CREATE OR REPLACE TEMP VIEW staged AS SELECT CAST(NULL AS VARCHAR) AS indicator_id, CAST(NULL AS VARCHAR) AS area,
          CAST(NULL AS VARCHAR) AS year, CAST(NULL AS VARCHAR) AS value, CAST(NULL AS VARCHAR) AS flag, CAST(NULL AS BIGINT) AS line,
          CAST(NULL AS VARCHAR) AS field WHERE false`)
        const staged = yield* source.stage(file, makeStageContext(tx))
        const maxYear = file.retrievedAt.getUTCFullYear() + 1
        for (const statement of validateStatements) yield* tx.run(statement, statement.includes("$1") ? [maxYear] : [])

        // Looking for repeated keys aggregates every cell; a source that ruled repeats out spares it.
        if (staged.uniqueKeys) {
          yield* tx.run(`CREATE OR REPLACE TEMP TABLE repeated_keys (indicator_id VARCHAR, iso3 VARCHAR, aggregate_code VARCHAR,
            year SMALLINT, conflict BOOLEAN, first_line BIGINT, last_line BIGINT)`)
        } else {
          for (const statement of repeatedKeysStatements) yield* tx.run(statement)
        }
        if (staged.strict) yield* refuseAnyRejection(tx, source, file)
        const cells = yield* count(tx, "SELECT count(*) AS n FROM checked")
        // A first-ever vintage has nothing to be compared with: emptiness is then an error.
        // Later, an empty or shrunken file is kept but quarantined (see plausibility.ts).
        const previous = yield* previousVintage(tx, source.id, file.unit)
        if (cells === 0 && !previous) {
          return yield* new SourceFormatError({ sourceId: source.id, file: file.origin, problem: "the file has no data rows with values (header only, or every cell empty)" })
        }
        // Good cells, each key once: keys given once, plus one copy of exact repeats.
        yield* tx.run(staged.uniqueKeys ? `
          CREATE OR REPLACE TEMP VIEW good AS
          SELECT indicator_id, iso3, aggregate_code, year, value, flag FROM checked WHERE reason IS NULL` : `
          CREATE OR REPLACE TEMP VIEW good AS
          SELECT c.indicator_id, c.iso3, c.aggregate_code, c.year, c.value, c.flag FROM checked c
          WHERE c.reason IS NULL AND NOT EXISTS (
            SELECT 1 FROM repeated_keys r WHERE r.indicator_id = c.indicator_id AND r.year = c.year
              AND r.iso3 IS NOT DISTINCT FROM c.iso3 AND r.aggregate_code IS NOT DISTINCT FROM c.aggregate_code)
          UNION ALL
          SELECT c.indicator_id, c.iso3, c.aggregate_code, c.year, c.value, c.flag FROM checked c JOIN repeated_keys r
            ON r.indicator_id = c.indicator_id AND r.year = c.year AND r.iso3 IS NOT DISTINCT FROM c.iso3
           AND r.aggregate_code IS NOT DISTINCT FROM c.aggregate_code
          WHERE c.reason IS NULL AND NOT r.conflict AND c.line = r.first_line`)
        const statusReason = previous ? yield* judgePlausibility(tx, previous) : null
        const vintageId = (yield* count(tx, "SELECT coalesce(max(vintage_id), 0) + 1 AS n FROM vintage_log"))
        const releasedAt = staged.releasedAt ?? file.releasedAtHint ?? null
        const rowsLoaded = yield* insertCount(tx,
          `INSERT INTO observation_log SELECT indicator_id, iso3, year, value, flag, ?, ? FROM good WHERE iso3 IS NOT NULL`, [vintageId, source.id])
        if (rowsLoaded === 0 && !previous) {
          const reasons = yield* firstReasons(tx)
          return yield* new SourceFormatError({
            sourceId: source.id, file: file.origin, line: reasons[0]?.line ?? undefined,
            problem: `none of the ${cells} values could be used for a country; first reasons: ${reasons.map((r) => r.reason).join("; ") || "only aggregates or conflicting duplicates"}`
          })
        }
        // A file whose values are mostly refused is not this source's layout (columns swapped
        // or shifted): the few that happen to pass would be wrong numbers, so nothing loads.
        const refused = yield* count(tx, "SELECT count(*) AS n FROM checked WHERE reason IS NOT NULL")
        if (refused >= 20 && refused > cells / 2) {
          const reasons = yield* firstReasons(tx)
          return yield* new SourceFormatError({
            sourceId: source.id, file: file.origin, line: reasons[0]?.line ?? undefined,
            problem: `${refused} of the ${cells} values were refused, so the file does not look like this source's layout ` +
              `(columns swapped or shifted?); nothing was loaded. First reasons: ${reasons.map((r) => r.reason).join("; ")}`
          })
        }
        const rowsAggregate = yield* insertCount(tx,
          `INSERT INTO aggregate_log SELECT indicator_id, aggregate_code, year, value, flag, ?, ? FROM good WHERE iso3 IS NULL`, [vintageId, source.id])
        const rowsRejected = yield* insertCount(tx,
          `INSERT INTO rejected_rows
           SELECT ?, ?, ?, ${staged.lines ? "coalesce(c.line, l.line)" : "c.line"}, c.field, c.indicator_id, c.raw_area, c.raw_year, c.raw_value, c.reason
           FROM checked c ${staged.lines ? `LEFT JOIN ${staged.lines} l ON l.indicator_id = c.indicator_id AND l.area = c.raw_area` : ""}
           WHERE c.reason IS NOT NULL
           UNION ALL
           SELECT ?, ?, ?, c.line, c.field, c.indicator_id, coalesce(c.iso3, c.aggregate_code), CAST(c.year AS VARCHAR), CAST(c.value AS VARCHAR),
                  'conflicting values for the same country and year in this file (lines ' || r.first_line || ' and ' || r.last_line || ')'
           FROM checked c JOIN repeated_keys r
             ON c.indicator_id = r.indicator_id AND c.year = r.year
            AND c.iso3 IS NOT DISTINCT FROM r.iso3 AND c.aggregate_code IS NOT DISTINCT FROM r.aggregate_code
           WHERE r.conflict AND c.reason IS NULL`,
          [vintageId, source.id, file.origin, vintageId, source.id, file.origin])
        yield* tx.run(
          `INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, released_at,
             rows_loaded, rows_rejected, rows_aggregate, format, status, status_reason, run_id)
           VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?)`,
          [vintageId, source.id, file.unit, file.origin, file.sha256, warehouseTimestamp(file.retrievedAt),
            releasedAt, rowsLoaded, rowsRejected, rowsAggregate, staged.format, statusReason ? "quarantined" : "current", statusReason,
            options.runId ?? null])
        // Publisher names matter only for ids the catalogue does not know; asking for them may
        // cost the source another pass over the file, so it is done only when needed.
        const unknown = (yield* tx.query<{ id: string }>(
          "SELECT DISTINCT indicator_id AS id FROM checked WHERE indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)")).map((r) => r.id)
        const names = unknown.length === 0 ? [] : Object.entries(
          typeof staged.indicatorNames === "function" ? yield* staged.indicatorNames(unknown) : (staged.indicatorNames ?? {})
        ).filter(([id]) => unknown.includes(id))
        if (names.length > 0) {
          yield* tx.append("source_indicator_names", names.map(([id, name]) => [source.id, id, name, vintageId]))
        }
        yield* tx.run("DROP TABLE IF EXISTS checked")
        yield* tx.run("DROP VIEW IF EXISTS good")
        yield* tx.run("DROP TABLE IF EXISTS repeated_keys")
        yield* tx.run("DROP VIEW IF EXISTS staged")
        yield* tx.run("DROP TABLE IF EXISTS staged_rows")
        yield* tx.run("DROP TABLE IF EXISTS data360_api_rows")
        if (staged.lines) yield* tx.run(`DROP TABLE IF EXISTS ${staged.lines}`)
        return {
          unit: file.unit, origin: file.origin, outcome: statusReason ? "quarantined" : "loaded", vintageId, rowsLoaded, rowsRejected, rowsAggregate,
          format: staged.format, releasedAt, ...(statusReason ? { statusReason } : {})
        } satisfies FileOutcome
      }).pipe(Effect.mapError(asFormatError(source, file)))
    )
  })
