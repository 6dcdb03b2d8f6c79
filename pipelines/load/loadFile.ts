// Loads one landed file of a source as a new vintage, in one transaction. The source stages
// its cells as a relation (usually a view over DuckDB's read of the file); validation is
// shared SQL over that. One read peels off the few cells that are not country values
// (aggregates and rejections): cheap tests spare the plainly good cells (suspects.sql) and
// the full rules judge the rest (validate.sql). Another read writes the country values
// straight into the history. Nothing holds every cell of the file at once. Any failure
// rolls everything back. A file whose sha256 equals the latest vintage of the same unit
// writes nothing and reports "unchanged".
import { Effect } from "effect"
import { environment, isOn } from "../environment.ts"
import { SourceFormatError, type WarehouseError } from "../errors.ts"
import type { LandedFile, Source, StageResult } from "../source.ts"
import { firstLongLine, maxCsvLineBytes, unterminatedLastNumber } from "../files/text.ts"
import { readSql, statements } from "../warehouse/schema.ts"
import { Warehouse, type Params, type Sql } from "../warehouse/Warehouse.ts"
import { judgePlausibility, previousVintage } from "./plausibility.ts"
import { phase, phasesDone, withOperatorProfile } from "./profile.ts"
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

const validateSql = readSql("load/validate.sql")
const suspectsSql = readSql("load/suspects.sql")
const areaFormsSql = readSql("load/area_forms.sql")
const repeatedKeysStatements = statements(readSql("load/repeated_keys.sql"))

/** DuckDB's own CSV/Parquet read errors become format errors naming the file and line. */
const asFormatError = (source: Source, file: LandedFile) => (error: WarehouseError | SourceFormatError) => {
  if (error._tag !== "WarehouseError") return error
  const detail = error.detail
  if (/Parallel CSV Reader currently does not support a full read|Maximum line size/i.test(detail)) {
    let line: number | undefined
    try {
      line = firstLongLine(file, maxCsvLineBytes)
    } catch {
      line = undefined // the file cannot be read again: DuckDB's own words below
    }
    if (line !== undefined) {
      return new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        line,
        problem: `the line is longer than ${maxCsvLineBytes / 2 ** 20} MB, too long for a record of this source (a damaged file?); nothing was loaded`
      })
    }
  }
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
    : /Expected Number of Columns/i.test(detail)
      ? " (a record has a different number of columns than the header)"
      : ""
  return new SourceFormatError({
    sourceId: source.id,
    file: file.origin,
    line: lineMatch ? Number(lineMatch[1]) : undefined,
    problem: ((explanation || detail.split("\n")[0]).replace(/^[A-Za-z ]*Error:\s*/, "") + hint).slice(0, 400)
  })
}

/** A strict source's file fails on its first refused value or repeated key, naming line and field. */
const refuseAnyRejection = (sql: Sql, source: Source, file: LandedFile, uniqueKeys: boolean | undefined) =>
  Effect.gen(function* () {
    const refused = yield* sql.query<{ reason: string; line: number | null; field: string | null; n: number }>(
      "SELECT reason, line, field, count(*) OVER () AS n FROM peeled WHERE reason IS NOT NULL ORDER BY line LIMIT 1"
    )
    if (refused.length > 0) {
      const r = refused[0]
      // The reason says which cell was at fault; name that column.
      const column = /^year/.test(r.reason) ? "year" : /^area/.test(r.reason) ? "area" : (r.field ?? undefined)
      const more = Number(r.n) > 1 ? ` (and ${Number(r.n) - 1} more refused value${Number(r.n) > 2 ? "s" : ""})` : ""
      return yield* new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        line: r.line ?? undefined,
        column,
        problem: `${r.reason}${more}; nothing of the file was loaded`
      })
    }
    if (uniqueKeys) return
    const repeated = yield* sql.query<{ first_line: number; last_line: number }>("SELECT first_line, last_line FROM repeated_keys ORDER BY first_line LIMIT 1")
    if (repeated.length > 0) {
      return yield* new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        line: Number(repeated[0].last_line),
        problem: `the same country and year is given twice (lines ${repeated[0].first_line} and ${repeated[0].last_line}); nothing of the file was loaded`
      })
    }
  })

/** Runs an INSERT and returns how many rows it wrote (DuckDB reports it as the result). */
const insertCount = (sql: Sql, statement: string, params: Params) =>
  sql.query<{ Count: number }>(statement, params).pipe(Effect.map((rows) => Number(rows[0]?.Count ?? 0)))

const count = (sql: Sql, query: string) => sql.query<{ n: number }>(query).pipe(Effect.map((rows) => Number(rows[0]?.n ?? 0)))

export const latestSha = (sourceId: string, unit: string) =>
  Effect.gen(function* () {
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
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const rows = yield* wh.query<{ unit: string; content_sha256: string }>(
      `SELECT unit, arg_max(content_sha256, vintage_id) AS content_sha256 FROM vintage_log WHERE source_id = ? GROUP BY unit`,
      [sourceId]
    )
    return new Map(rows.map((r) => [r.unit, r.content_sha256]))
  })

export const loadFile = (source: Source, file: LandedFile, options: LoadOptions = {}) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const previous = options.latestShas ? options.latestShas.get(file.unit) : yield* latestSha(source.id, file.unit)
    if (previous === file.sha256) {
      return { unit: file.unit, origin: file.origin, outcome: "unchanged", rowsLoaded: 0, rowsRejected: 0, rowsAggregate: 0 } satisfies FileOutcome
    }
    return yield* wh.transaction((tx) => loadVintage(source, file, options, tx).pipe(Effect.mapError(asFormatError(source, file))))
  }).pipe(Effect.ensuring(phasesDone))

/** The load of one new vintage, inside the caller's transaction; its phases in order. */
const loadVintage = (source: Source, file: LandedFile, options: LoadOptions, tx: Sql) =>
  Effect.gen(function* () {
    yield* refuseCutShort(source, file)
    const temporaries = yield* temporaryObjects(tx)
    yield* phase("stage (source: header, row index)")
    const staged = yield* stage(source, file, tx)
    yield* defineChecks(tx, file)
    if (!staged.uniqueKeys) {
      yield* phase("find repeated keys")
      for (const statement of repeatedKeysStatements) yield* tx.run(statement)
    }
    const previous = yield* previousVintage(tx, source.id, file.unit)
    const vintageId = yield* count(tx, "SELECT coalesce(max(vintage_id), 0) + 1 AS n FROM vintage_log")
    yield* phase("peel off aggregates and rejected cells (read 1: validate, resolve areas)")
    yield* peel(tx)
    if (staged.strict) yield* refuseAnyRejection(tx, source, file, staged.uniqueKeys)
    yield* phase("write the history (read 2)")
    const peeledCounts = yield* countPeeled(tx)
    const rowsLoaded = yield* writeHistory(tx, staged, [vintageId], peeledCounts.refused > 0)
    const tally = yield* countCells(tx, staged, rowsLoaded, peeledCounts)
    yield* refuseUnusable(source, file, tx, { ...tally, rowsLoaded, hasPrevious: previous !== undefined })
    yield* phase("compare with the previous vintage")
    const statusReason = previous ? yield* judgePlausibility(tx, previous, vintageId) : null
    yield* phase("write aggregates and rejections")
    const rowsAggregate = yield* insertCount(
      tx,
      `INSERT INTO aggregate_log SELECT indicator_id, aggregate_code, year, value, flag, ?, ?
       FROM (${goodCells("peeled", staged, "iso3 IS NULL")})`,
      [vintageId, source.id]
    )
    const rowsRejected = yield* writeRejections(tx, staged, [vintageId, source.id, file.origin])
    yield* phase("write the vintage and indicator names")
    const releasedAt = staged.releasedAt ?? file.releasedAtHint ?? null
    yield* tx.run(
      `INSERT INTO vintage_log (vintage_id, source_id, unit, origin, content_sha256, retrieved_at, released_at,
         rows_loaded, rows_rejected, rows_aggregate, format, status, status_reason, run_id)
       VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?)`,
      [
        vintageId,
        source.id,
        file.unit,
        file.origin,
        file.sha256,
        warehouseTimestamp(file.retrievedAt),
        releasedAt,
        rowsLoaded,
        rowsRejected,
        rowsAggregate,
        staged.format,
        statusReason ? "quarantined" : "current",
        statusReason,
        options.runId ?? null
      ]
    )
    yield* writeIndicatorNames(tx, source, staged, vintageId)
    yield* dropTemporaries(tx, temporaries)
    yield* phase("commit")
    return {
      unit: file.unit,
      origin: file.origin,
      outcome: statusReason ? "quarantined" : "loaded",
      vintageId,
      rowsLoaded,
      rowsRejected,
      rowsAggregate,
      format: staged.format,
      releasedAt,
      ...(statusReason ? { statusReason } : {})
    } satisfies FileOutcome
  })

/**
 * A file that ends in the middle of a number was most likely cut short (an interrupted
 * download or copy turns "20.6070256" into a believable "20.6"). Refused before any
 * staging, so no value derived from it (a share, a composite) can slip through.
 */
const refuseCutShort = (source: Source, file: LandedFile) =>
  Effect.gen(function* () {
    // The file is read again here (its tail): one gone since landing is named, not thrown.
    const cut = yield* Effect.try({
      try: () => unterminatedLastNumber(file),
      catch: (cause) =>
        new SourceFormatError({
          sourceId: source.id,
          file: file.origin,
          problem: `the landed file could not be read again (${cause instanceof Error ? cause.message : String(cause)}); nothing was loaded`
        })
    })
    if (!cut) return
    return yield* new SourceFormatError({
      sourceId: source.id,
      file: file.origin,
      line: cut.line,
      problem: `the file ends right after the number "${cut.text.slice(0, 40)}" with no line break: it looks cut short (truncated download or copy?), so nothing was loaded; if the file is complete, end it with a line break`
    })
  })

/** The source's part: it defines `staged` (a view over the file, or a table of decoded rows). */
const stage = (source: Source, file: LandedFile, tx: Sql) =>
  Effect.gen(function* () {
    // An empty relation to start from: a source that finds no rows stages nothing, and
    // that must read as "no data rows", not as a missing table.
    yield* tx.run(`CREATE OR REPLACE TEMP VIEW staged AS SELECT CAST(NULL AS VARCHAR) AS indicator_id, CAST(NULL AS VARCHAR) AS area,
      CAST(NULL AS VARCHAR) AS year, CAST(NULL AS VARCHAR) AS value, CAST(NULL AS VARCHAR) AS flag, CAST(NULL AS BIGINT) AS line,
      CAST(NULL AS VARCHAR) AS field WHERE false`)
    return yield* source.stage(file, makeStageContext(tx))
  })

/** The shared validation, as the view `checked` (nothing is read yet). */
const defineChecks = (tx: Sql, file: LandedFile) => defineValidation(tx, file.retrievedAt.getUTCFullYear() + 1)

/**
 * The validation views over `staged`: `suspect_cells`, `checked` (every cell) and
 * `checked_suspects` (the suspects only). Years up to `lastYear` are acceptable.
 */
export const defineValidation = (tx: Sql, lastYearNumber: number) =>
  Effect.gen(function* () {
    const lastYear = String(lastYearNumber)
    yield* tx.run(areaFormsSql)
    yield* tx.run(suspectsSql.replaceAll("$1", lastYear))
    for (const [view, cells] of [
      ["checked", "staged"],
      ["checked_suspects", "suspect_cells"]
    ]) {
      yield* tx.run(validateSql.replaceAll("$view", view).replaceAll("$cells", cells).replaceAll("$1", lastYear))
    }
  })

/**
 * Good cells of `relation` (checked or peeled) matching `where`, each key once: keys given
 * once, plus one copy of exact repeats. A source that ruled repeats out needs no join.
 */
const goodCells = (relation: string, staged: StageResult, where: string) =>
  staged.uniqueKeys
    ? `SELECT indicator_id, iso3, aggregate_code, year, value, flag FROM ${relation} WHERE reason IS NULL AND ${where}`
    : `SELECT c.indicator_id, c.iso3, c.aggregate_code, c.year, c.value, c.flag FROM ${relation} c
       WHERE c.reason IS NULL AND c.${where} AND NOT EXISTS (
         SELECT 1 FROM repeated_keys r WHERE r.indicator_id = c.indicator_id AND r.year = c.year
           AND r.iso3 IS NOT DISTINCT FROM c.iso3 AND r.aggregate_code IS NOT DISTINCT FROM c.aggregate_code)
       UNION ALL
       SELECT c.indicator_id, c.iso3, c.aggregate_code, c.year, c.value, c.flag FROM ${relation} c JOIN repeated_keys r
         ON r.indicator_id = c.indicator_id AND r.year = c.year AND r.iso3 IS NOT DISTINCT FROM c.iso3
        AND r.aggregate_code IS NOT DISTINCT FROM c.aggregate_code
       WHERE c.reason IS NULL AND c.${where} AND NOT r.conflict AND c.line = r.first_line`

/**
 * Keeps the cells that are not country values (aggregates, rejections: a small share of a
 * file). Only suspects can be such cells, so the full rules run on those alone.
 */
const peel = (tx: Sql) =>
  smallSideBuilds(
    tx,
    withOperatorProfile(tx, "peel", tx.run("CREATE OR REPLACE TEMP TABLE peeled AS SELECT * FROM checked_suspects WHERE reason IS NOT NULL OR iso3 IS NULL"))
  )

/**
 * Writes the good country cells to observation_log in one read of the file. Without
 * repeats, a cell's (indicator, area, year) as staged is its key, so the cells validation
 * refused can be left out by that key (they are all in `peeled`): the history then needs no
 * validation of its own, only the cast and the join to the country keys that validation
 * would have made (the same empty-cell rule, the same cast of a plain number; a cell with
 * no indicator or year was refused, and cannot match a key, so it is left out by name). With
 * repeats, the history reads `checked` like everything else.
 */
const writeHistory = (tx: Sql, staged: StageResult, ids: Params, anyRefused: boolean) =>
  dictionaryStrings(
    tx,
    anyOrder(
      tx,
      smallSideBuilds(
        tx,
        withOperatorProfile(
          tx,
          "history",
          insertCount(
            tx,
            staged.uniqueKeys
              ? `INSERT INTO observation_log
       SELECT s.indicator_id, coalesce(f.iso3, k.iso3), CAST(TRY_CAST(s.year AS DOUBLE) AS SMALLINT), s.number, s.flag, ?
       FROM (SELECT *, TRY_CAST(value AS DOUBLE) AS number FROM staged) s
         LEFT JOIN area_forms f ON f.form = s.area
         LEFT JOIN catalog_area_keys k ON k.area_key = CASE WHEN f.form IS NULL THEN lower(trim(s.area)) END
       ${
         // A clean file (the usual case) has no refused cell to leave out: no anti join to probe.
         anyRefused
           ? `ANTI JOIN (SELECT indicator_id, key_area, key_year FROM peeled WHERE reason IS NOT NULL) r
           ON r.indicator_id = s.indicator_id AND r.key_area = s.area AND r.key_year = s.year`
           : ""
       }
       WHERE s.number IS NOT NULL AND s.indicator_id IS NOT NULL AND s.year IS NOT NULL AND coalesce(f.iso3, k.iso3) IS NOT NULL`
              : `INSERT INTO observation_log SELECT indicator_id, iso3, year, value, flag, ?
       FROM (${goodCells("checked", staged, "iso3 IS NOT NULL")})`,
            ids
          )
        )
      )
    )
  )

/**
 * The file's cells and how many were refused: without repeats, every cell is either in the
 * history or peeled off; with them, counting takes another (small-file) read.
 */
const countCells = (tx: Sql, staged: StageResult, rowsLoaded: number, peeled: PeeledCounts) =>
  Effect.gen(function* () {
    const cells = staged.uniqueKeys ? rowsLoaded + peeled.cells : yield* count(tx, "SELECT count(*) AS n FROM checked")
    return { cells, refused: peeled.refused }
  })

interface PeeledCounts {
  readonly cells: number
  readonly refused: number
}

/** How many cells were peeled off, and how many of them refused (read once, used twice). */
const countPeeled = (tx: Sql) =>
  tx
    .query<{ n: number; refused: number }>("SELECT count(*) AS n, count(*) FILTER (WHERE reason IS NOT NULL) AS refused FROM peeled")
    .pipe(Effect.map((rows): PeeledCounts => ({ cells: Number(rows[0]?.n ?? 0), refused: Number(rows[0]?.refused ?? 0) })))

/**
 * DuckDB cannot tell how many cells a file read will yield, and may then build its hash
 * table on the file's cells and probe it with the small area and catalogue tables: millions
 * of cells held in memory to look up a thousand keys. Keeping the planned sides (the small
 * table builds) holds only the small tables while the cells stream past.
 */
const smallSideBuilds = <A, E, R>(tx: Sql, body: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* tx.run("SET disabled_optimizers = 'build_side_probe_side'")
    return yield* body
  }).pipe(Effect.ensuring(tx.run("RESET disabled_optimizers").pipe(Effect.ignore)))

/**
 * The history's rows need no particular order (every reader sorts or groups by key), and
 * an insert that must keep the order of the file holds finished row groups back until the
 * ones before them are done: memory that grows with the file. Unordered, each thread
 * writes its row groups as they fill.
 */
const anyOrder = <A, E, R>(tx: Sql, body: Effect.Effect<A, E, R>) =>
  isOn(environment.keepOrder)
    ? body
    : Effect.gen(function* () {
        yield* tx.run("SET preserve_insertion_order = false")
        return yield* body
      }).pipe(Effect.ensuring(tx.run("RESET preserve_insertion_order").pipe(Effect.ignore)))

/**
 * The history's text columns hold few distinct values per row group (indicator codes, ISO3
 * codes, flags), which plain dictionary compression stores as well as FSST does: the file
 * came out the same size on the benchmark. Trying FSST on every row group of a big insert
 * costs about a sixth of the write, so the insert leaves it out; the setting is global, and
 * is restored right after.
 */
const dictionaryStrings = <A, E, R>(tx: Sql, body: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* tx.run("SET disabled_compression_methods = 'fsst,dict_fsst'")
    return yield* body
  }).pipe(Effect.ensuring(tx.run("RESET disabled_compression_methods").pipe(Effect.ignore)))

/** The first few refused cells, for a message that says why a whole file failed. */
const firstReasons = (sql: Sql) =>
  sql.query<{ reason: string; line: number | null }>("SELECT reason, line FROM peeled WHERE reason IS NOT NULL ORDER BY line LIMIT 3")

/** A file that yields nothing usable, or is mostly refused, fails whole (rolled back). */
const refuseUnusable = (
  source: Source,
  file: LandedFile,
  tx: Sql,
  t: { readonly cells: number; readonly refused: number; readonly rowsLoaded: number; readonly hasPrevious: boolean }
) =>
  Effect.gen(function* () {
    // A first-ever vintage has nothing to be compared with: emptiness is then an error.
    // Later, an empty or shrunken file is kept but quarantined (see plausibility.ts).
    if (t.cells === 0 && !t.hasPrevious) {
      return yield* new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        problem: "the file has no data rows with values (header only, or every cell empty)"
      })
    }
    if (t.rowsLoaded === 0 && !t.hasPrevious) {
      const reasons = yield* firstReasons(tx)
      return yield* new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        line: reasons[0]?.line ?? undefined,
        problem: `none of the ${t.cells} values could be used for a country; first reasons: ${reasons.map((r) => r.reason).join("; ") || "only aggregates or conflicting duplicates"}`
      })
    }
    // A file whose values are mostly refused is not this source's layout (columns swapped
    // or shifted): the few that happen to pass would be wrong numbers, so nothing loads.
    if (t.refused >= 20 && t.refused > t.cells / 2) {
      const reasons = yield* firstReasons(tx)
      return yield* new SourceFormatError({
        sourceId: source.id,
        file: file.origin,
        line: reasons[0]?.line ?? undefined,
        problem:
          `${t.refused} of the ${t.cells} values were refused, so the file does not look like this source's layout ` +
          `(columns swapped or shifted?); nothing was loaded. First reasons: ${reasons.map((r) => r.reason).join("; ")}`
      })
    }
  })

/** Refused cells with their reason and line, and (with repeats) conflicting values. */
const writeRejections = (tx: Sql, staged: StageResult, ids: Params) =>
  insertCount(
    tx,
    `INSERT INTO rejected_rows
     SELECT ?, ?, ?, ${staged.lines ? "coalesce(c.line, l.line)" : "c.line"}, c.field, c.indicator_id, c.raw_area, c.raw_year, c.raw_value, c.reason
     FROM peeled c ${staged.lines ? `LEFT JOIN ${staged.lines} l ON l.indicator_id = c.indicator_id AND l.area = c.raw_area` : ""}
     WHERE c.reason IS NOT NULL` +
      (staged.uniqueKeys
        ? ""
        : `
     UNION ALL
     SELECT ?, ?, ?, c.line, c.field, c.indicator_id, coalesce(c.iso3, c.aggregate_code), CAST(c.year AS VARCHAR), CAST(c.value AS VARCHAR),
            'conflicting values for the same country and year in this file (lines ' || r.first_line || ' and ' || r.last_line || ')'
     FROM checked c JOIN repeated_keys r
       ON c.indicator_id = r.indicator_id AND c.year = r.year
      AND c.iso3 IS NOT DISTINCT FROM r.iso3 AND c.aggregate_code IS NOT DISTINCT FROM r.aggregate_code
     WHERE r.conflict AND c.reason IS NULL`),
    staged.uniqueKeys ? ids : [...ids, ...ids]
  )

/**
 * Publisher names matter only for ids the catalogue does not know; asking for them may cost
 * the source another pass over the file, so it is done only when needed. The file's ids are
 * those of its loaded values, of the cells peeled off, and of repeated keys.
 */
const writeIndicatorNames = (tx: Sql, source: Source, staged: StageResult, vintageId: number) =>
  Effect.gen(function* () {
    const unknown = (yield* tx.query<{ id: string }>(
      `SELECT DISTINCT indicator_id AS id FROM (
         SELECT DISTINCT indicator_id FROM observation_log WHERE vintage_id = ?
         UNION ALL SELECT indicator_id FROM peeled${staged.uniqueKeys ? "" : " UNION ALL SELECT indicator_id FROM repeated_keys"})
       WHERE indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)`,
      [vintageId]
    )).map((r) => r.id)
    const names =
      unknown.length === 0
        ? []
        : Object.entries(typeof staged.indicatorNames === "function" ? yield* staged.indicatorNames(unknown) : (staged.indicatorNames ?? {})).filter(([id]) =>
            unknown.includes(id)
          )
    if (names.length > 0) {
      yield* tx.append(
        "source_indicator_names",
        names.map(([id, name]) => [source.id, id, name, vintageId])
      )
    }
  })

/** The temporary tables and views of this connection (a load drops those it made). */
const temporaryObjects = (tx: Sql) =>
  tx
    .query<{ kind: string; name: string }>(
      `SELECT 'VIEW' AS kind, view_name AS name FROM duckdb_views() WHERE temporary AND NOT internal
     UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary`
    )
    .pipe(Effect.map((rows) => new Set(rows.map((r) => `${r.kind} ${r.name}`))))

/** Drops what staging and validation created, whatever the source named it. */
const dropTemporaries = (tx: Sql, before: ReadonlySet<string>) =>
  Effect.gen(function* () {
    const now = yield* tx.query<{ kind: string; name: string }>(
      `SELECT 'VIEW' AS kind, view_name AS name FROM duckdb_views() WHERE temporary AND NOT internal
       UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary ORDER BY 1 DESC`
    )
    for (const o of now) {
      if (!before.has(`${o.kind} ${o.name}`)) yield* tx.run(`DROP ${o.kind} IF EXISTS "${o.name.replaceAll('"', '""')}"`)
    }
  })
