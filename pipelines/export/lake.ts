// `brecha export --lake DIR`: the warehouse as Hive-partitioned Parquet (zstd) plus a manifest,
// for engines that already run elsewhere (Spark, Trino, BigQuery, DuckDB, polars).
//
// Incremental: a partition whose rows (and column types) are unchanged keeps its file; only the
// rest is rewritten. Atomic for readers: new files are written and synced in
// DIR/_brecha_staging (outside every table folder), a commit journal is synced there, then each
// file is renamed over its old one and the manifest is renamed in last. A process killed before
// the journal exists leaves the previous export as it was (the next export deletes the staging
// folder); one killed during the renames is completed by the next export from the journal.
import { Effect } from "effect"
import { createHash } from "node:crypto"
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs"
import { dirname, join, resolve } from "node:path"
import { LakeError } from "../errors.ts"
import { literal } from "../load/stageContext.ts"
import { processAlive } from "../warehouse/refreshLock.ts"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { lakeFormat, type LakeFile, type LakeManifest, type LakeTableEntry, manifestName, readLakeManifest, renderManifest } from "./lakeManifest.ts"
import { lakeTables, partitionFolder, typedTable } from "./lakeTables.ts"

export const stagingName = "_brecha_staging"

export interface RewrittenPartition {
  readonly table: string
  readonly partition: string | null
  readonly path: string
  readonly rows: number
  /** Why: "new" (no file before), or the vintage range before and now. */
  readonly reason: string
}

export interface LakeReport {
  readonly dir: string
  readonly manifest: LakeManifest
  readonly rewritten: ReadonlyArray<RewrittenPartition>
  readonly unchanged: ReadonlyArray<string>
  readonly removed: ReadonlyArray<string>
  /** Set when an export interrupted during its commit was completed first. */
  readonly recovered?: string
}

interface Journal {
  readonly moves: ReadonlyArray<string>
  readonly removes: ReadonlyArray<string>
  readonly manifest: LakeManifest
}

/** The user's words for what the file system said. */
const explain = (cause: unknown): string => {
  const text = cause instanceof Error ? cause.message : String(cause)
  if (/ENOSPC|No space left on device/i.test(text)) return `${text} (the disk is full: free some space and export again)`
  if (/EROFS|read-only file system/i.test(text)) return `${text} (the file system is read-only)`
  if (/EACCES|EPERM|Permission denied/i.test(text)) return `${text} (permission denied: the folder is not writable by this user)`
  return text
}

const fsyncPath = (path: string) => {
  const fd = openSync(path, "r")
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

const sha256File = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex")

const writeSynced = (path: string, text: string) => {
  const fd = openSync(path, "w")
  try {
    writeFileSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Removes a folder left empty by a removed partition, and its empty parents up to the lake. */
const pruneEmpty = (dir: string, from: string) => {
  let d = from
  while (d.startsWith(dir + "/") && d !== dir) {
    try {
      rmdirSync(d)
    } catch {
      return
    }
    d = dirname(d)
  }
}

/** Applies a synced journal: renames the staged files into place, removes gone partitions, then the manifest. */
const applyJournal = (dir: string, journal: Journal) => {
  const staging = join(dir, stagingName)
  const touched = new Set<string>()
  for (const rel of journal.moves) {
    const from = join(staging, "files", rel)
    // Already moved by an earlier, interrupted attempt: nothing to do.
    if (!existsSync(from)) continue
    mkdirSync(dirname(join(dir, rel)), { recursive: true })
    renameSync(from, join(dir, rel))
    touched.add(dirname(join(dir, rel)))
  }
  // The renames are durable before the manifest says they happened.
  for (const d of touched) fsyncPath(d)
  for (const rel of journal.removes) {
    rmSync(join(dir, rel), { force: true })
    pruneEmpty(dir, dirname(join(dir, rel)))
  }
  const tmp = join(staging, "manifest.json.tmp")
  writeSynced(tmp, renderManifest(journal.manifest))
  renameSync(tmp, join(dir, manifestName))
  fsyncPath(dir)
  rmSync(staging, { recursive: true, force: true })
}

/**
 * Checks DIR is a brecha lake or may become one, finishes or clears what an interrupted export
 * left, and takes the staging folder (which also keeps a second export out). Returns the
 * previous manifest and, if an interrupted commit was completed, a sentence saying so.
 */
const prepare = (dir: string): { previous: LakeManifest | undefined; recovered?: string } => {
  const fail = (detail: string) => new LakeError({ dir, detail })
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw fail("this is a file, not a folder; give a new or empty folder, or an earlier lake export")
  } else {
    try {
      mkdirSync(dir, { recursive: true })
    } catch (e) {
      throw fail(`cannot create the folder: ${explain(e)}`)
    }
  }
  const found = readLakeManifest(dir)
  if (found !== undefined && "problem" in found) throw fail(`${found.problem}; nothing was written`)
  if (found === undefined) {
    const others = readdirSync(dir).filter((e) => e !== stagingName)
    if (others.length > 0) {
      throw fail(
        `not a brecha lake: the folder already holds ${others.slice(0, 4).join(", ")}${others.length > 4 ? ", …" : ""} and no ${manifestName}. ` +
          "Give a new or empty folder (nothing was written)."
      )
    }
  }
  try {
    accessSync(dir, constants.W_OK)
  } catch (e) {
    throw fail(`cannot write here: ${explain(e)}; nothing was written${found ? ", the previous export is untouched" : ""}`)
  }
  const staging = join(dir, stagingName)
  let recovered: string | undefined
  if (existsSync(staging)) {
    const owner = (() => {
      try {
        return JSON.parse(readFileSync(join(staging, "owner.json"), "utf8")) as { pid: number; started_at: string }
      } catch {
        return undefined
      }
    })()
    if (owner && owner.pid !== process.pid && processAlive(owner.pid)) {
      throw fail(`another export is writing this lake (pid ${owner.pid}, started ${owner.started_at}); wait for it to finish`)
    }
    const journalPath = join(staging, "commit.json")
    const journal = (() => {
      try {
        return JSON.parse(readFileSync(journalPath, "utf8")) as Journal
      } catch {
        return undefined
      }
    })()
    if (journal) {
      applyJournal(dir, journal)
      recovered = `completed the export of ${journal.manifest.generated_at}, interrupted while its files were being put in place`
    } else {
      rmSync(staging, { recursive: true, force: true })
    }
  }
  try {
    mkdirSync(join(staging, "files"), { recursive: true })
    writeFileSync(join(staging, "owner.json"), JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }))
  } catch (e) {
    rmSync(staging, { recursive: true, force: true })
    throw fail(`cannot write here: ${explain(e)}; nothing was written${found ? ", the previous export is untouched" : ""}`)
  }
  const previous = readLakeManifest(dir) as LakeManifest | undefined
  return recovered ? { previous, recovered } : { previous }
}

const rangeText = (v: { min: number; max: number } | null) => (v ? (v.min === v.max ? `${v.min}` : `${v.min}–${v.max}`) : "none")

export interface LakeOptions {
  readonly dir: string
  /** One line per file written, as it is written (the CLI prints them). */
  readonly onProgress?: (line: string) => void
}

/** Exports the warehouse to DIR as described at the top of this file. */
export const exportLake = (options: LakeOptions) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const dir = resolve(options.dir)
    const staging = join(dir, stagingName)
    const fail = (detail: string) => new LakeError({ dir, detail })
    const fs = <A>(what: string, f: () => A) =>
      Effect.try({ try: f, catch: (e) => (e instanceof LakeError ? e : fail(`${what}: ${explain(e)}; the previous export is untouched`)) })

    const { previous, recovered } = yield* Effect.try({
      try: () => prepare(dir),
      catch: (e) => (e instanceof LakeError ? e : fail(explain(e)))
    })
    if (recovered) options.onProgress?.(`  ${recovered}`)
    let committed = false
    const now = new Date().toISOString()

    const work = Effect.gen(function* () {
      // Whatever DuckDB spills goes to the staging folder (removed after), never beside the warehouse.
      yield* wh.run(`SET temp_directory = ${literal(join(staging, "spill"))}`)
      yield* wh.run("SET preserve_insertion_order = false")
      const previousFiles = new Map<string, LakeFile>()
      for (const t of previous?.tables ?? []) for (const f of t.files) previousFiles.set(`${t.name}\u0000${f.partition ?? ""}`, f)

      const entries: Array<LakeTableEntry> = []
      const rewritten: Array<RewrittenPartition> = []
      const unchanged: Array<string> = []
      const moves: Array<string> = []
      const kept = new Set<string>()

      for (const table of lakeTables) {
        const typed = yield* typedTable(wh, table)
        const schemaKey = createHash("sha256").update(JSON.stringify(typed.columns)).digest("hex").slice(0, 16)
        const p = table.partitionBy === null ? null : `"${table.partitionBy}"`
        // The rows are computed once (a mart is costly) into a temporary table that spills to the
        // staging folder, then hashed per partition and copied from there.
        yield* wh
          .run(`CREATE OR REPLACE TEMP TABLE brecha_lake_rows AS ${typed.select}`)
          .pipe(Effect.mapError((e) => fail(`reading ${table.name} from the warehouse: ${explain(e.detail)}; the previous export is untouched`)))
        const vintageCols = typed.hasVintageId ? ", min(vintage_id) AS vmin, max(vintage_id) AS vmax" : ", NULL AS vmin, NULL AS vmax"
        // Rows and an order-independent hash of every typed row, per partition.
        const parts = yield* wh.query<{ p: string | null; n: number; h: string; vmin: number | null; vmax: number | null }>(
          p === null
            ? `SELECT NULL AS p, count(*) AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS h${vintageCols} FROM brecha_lake_rows t`
            : `SELECT ${p} AS p, count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h${vintageCols} FROM brecha_lake_rows t GROUP BY ALL ORDER BY p`
        )
        const files: Array<LakeFile> = []
        for (const part of parts) {
          const rows = Number(part.n)
          const vintages = part.vmin === null || part.vmax === null ? null : { min: Number(part.vmin), max: Number(part.vmax) }
          const fingerprint = `${schemaKey}:${rows}:${part.h}`
          const rel =
            table.partitionBy === null || part.p === null
              ? `${table.name}/part-0.parquet`
              : `${table.name}/${partitionFolder(table.partitionBy, part.p)}/part-0.parquet`
          const before = previousFiles.get(`${table.name}\u0000${part.p ?? ""}`)
          const intact =
            before !== undefined &&
            before.fingerprint === fingerprint &&
            before.path === rel &&
            (yield* fs(
              `checking ${rel}`,
              () => existsSync(join(dir, rel)) && statSync(join(dir, rel)).size === before.bytes && sha256File(join(dir, rel)) === before.sha256
            ))
          if (intact) {
            files.push(before)
            kept.add(rel)
            unchanged.push(rel)
            continue
          }
          const staged = join(staging, "files", rel)
          yield* fs(`preparing ${rel}`, () => mkdirSync(dirname(staged), { recursive: true }))
          const where = p === null ? "" : ` WHERE ${p} = ${literal(part.p ?? "")}`
          const select = p === null ? "SELECT *" : `SELECT * EXCLUDE (${p})`
          // Sorted, so the same rows give the same bytes.
          yield* wh
            .run(`COPY (${select} FROM brecha_lake_rows${where} ORDER BY ALL) TO ${literal(staged)} (FORMAT parquet, COMPRESSION zstd)`)
            .pipe(Effect.mapError((e) => fail(`writing ${rel}: ${explain(e.detail)}; the previous export is untouched`)))
          const { bytes, sha256 } = yield* fs(`reading back ${rel}`, () => {
            fsyncPath(staged)
            return { bytes: statSync(staged).size, sha256: sha256File(staged) }
          })
          files.push({ path: rel, partition: part.p, rows, bytes, sha256, vintages, written_at: now, fingerprint })
          moves.push(rel)
          kept.add(rel)
          rewritten.push({
            table: table.name,
            partition: part.p,
            path: rel,
            rows,
            reason:
              before === undefined
                ? "new"
                : before.vintages === null && vintages === null
                  ? "content changed"
                  : `vintages ${rangeText(before.vintages)} → ${rangeText(vintages)}`
          })
          options.onProgress?.(`  wrote ${rel} (${rows.toLocaleString("en-US")} rows, ${bytes.toLocaleString("en-US")} bytes)`)
        }
        yield* wh.run("DROP TABLE brecha_lake_rows")
        const all = files.map((f) => f.vintages).filter((v) => v !== null)
        entries.push({
          name: table.name,
          partition_column: table.partitionBy,
          schema: typed.columns,
          rows: files.reduce((n, f) => n + f.rows, 0),
          vintages: all.length === 0 ? null : { min: Math.min(...all.map((v) => v.min)), max: Math.max(...all.map((v) => v.max)) },
          files
        })
      }
      const removed = [...previousFiles.values()].map((f) => f.path).filter((rel) => !kept.has(rel))
      const range = yield* wh.query<{ min: number | null; max: number | null; n: number }>(
        "SELECT min(vintage_id) AS min, max(vintage_id) AS max, count(*) AS n FROM vintages"
      )
      const manifest: LakeManifest = {
        format: lakeFormat,
        generated_at: now,
        generated_by: "brecha export --lake",
        vintages: range[0].min === null ? null : { min: Number(range[0].min), max: Number(range[0].max), count: Number(range[0].n) },
        tables: entries
      }
      // The commit: the journal is synced first, so a kill from here on is completed by the next export.
      const journal: Journal = { moves, removes: removed, manifest }
      yield* fs("writing the commit journal", () => {
        fsyncPath(join(staging, "files"))
        writeSynced(join(staging, "commit.json"), JSON.stringify(journal))
      })
      committed = true
      yield* Effect.try({
        try: () => applyJournal(dir, journal),
        catch: (e) => fail(`putting the new files in place: ${explain(e)}; the next export completes it from ${stagingName}/commit.json`)
      })
      return { dir, manifest, rewritten, unchanged, removed, ...(recovered ? { recovered } : {}) } satisfies LakeReport
    })
    // A failed or interrupted export before its commit leaves only its staging folder: remove it.
    return yield* work.pipe(
      Effect.ensuring(
        Effect.sync(() => {
          if (!committed) rmSync(staging, { recursive: true, force: true })
        })
      )
    )
  })
