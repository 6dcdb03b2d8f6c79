// The Source contract. A source is a plain value: what it is (publisher, licence), which
// files of a mirror folder belong to it, how to fetch it live, and how to turn one
// retrieved file into staged rows. Everything after staging (validation, rejection,
// vintages, the transaction) is shared and lives in pipelines/load.
import type { Effect } from "effect"
import type { SourceFormatError, WarehouseError } from "./errors.ts"
import type { Params, Sql } from "./warehouse/Warehouse.ts"

/** One retrieved unit of a source (a file, or one API dataset), its bytes already on disk. */
export interface LandedFile {
  /** Stable name of what was retrieved: the path inside the mirror, or a dataset key. */
  readonly unit: string
  /** Where it came from: a file path or a URL. */
  readonly origin: string
  /** Local path of the raw bytes (DuckDB reads from here). */
  readonly path: string
  readonly bytes: Uint8Array
  readonly sha256: string
  readonly retrievedAt: Date
  /** A release date known from outside the file (HTTP Last-Modified, an API's lastupdated). */
  readonly releasedAtHint?: string | undefined
}

/**
 * A row as the publisher gave it, before validation. Values stay text so a bad cell can be
 * rejected with its reason instead of becoming 0 or NaN. A missing value is null or "".
 */
export interface StagedRow {
  readonly indicator_id: string
  readonly area: string
  readonly year: string | number
  readonly value: string | number | null
  readonly flag?: string | null
  readonly line?: number | null
  readonly field?: string | null
}

/** The columns every staging relation has, in this order. */
export const stagedColumns = ["indicator_id", "area", "year", "value", "flag", "line", "field"] as const

export interface StageContext {
  readonly sql: Sql
  /** Stage from a SELECT that yields the staged columns (bulk files read by DuckDB). */
  readonly stageSelect: (select: string, params?: Params) => Effect.Effect<void, WarehouseError>
  /** Stage rows decoded in JS (small or irregular files). May be called several times. */
  readonly stageRows: (rows: ReadonlyArray<StagedRow>) => Effect.Effect<void, WarehouseError>
  /** A SQL string literal for a path (quotes doubled). */
  readonly literal: (text: string) => string
}

export interface StageResult {
  /** Which layout of the format was read, e.g. "wdi-bulk-wide" or "wdi-long". */
  readonly format: string
  /** The publisher's release date if the file states one (YYYY-MM-DD). */
  readonly releasedAt?: string | null
  /**
   * Indicator names as the file gives them. Only used for ids the catalogue does not know;
   * a function is called with those ids only when there are some (it may re-read the file).
   */
  readonly indicatorNames?:
    | Readonly<Record<string, string>>
    | ((unknownIds: ReadonlyArray<string>) => Effect.Effect<Readonly<Record<string, string>>, SourceFormatError | WarehouseError>)
}

/** How a source is fetched from its publisher (see pipelines/live). */
export interface LiveDataset {
  /** Stable key of the dataset; becomes the vintage's unit. */
  readonly unit: string
  readonly url: string
  /** File name the downloaded bytes are stored under (its extension tells stage the format). */
  readonly fileName: string
}

export interface Source {
  readonly id: string
  readonly title: string
  readonly publisher: string
  readonly licence: string
  readonly homepage: string
  /** Files of this source inside a mirror folder: glob patterns relative to the mirror root. */
  readonly mirror: ReadonlyArray<string>
  /** Live datasets, resolved against the base URL (overridable by BRECHA_<ID>_URL). */
  readonly live?: {
    readonly baseUrl: string
    readonly datasets: (baseUrl: string) => ReadonlyArray<LiveDataset>
  }
  readonly stage: (file: LandedFile, ctx: StageContext) => Effect.Effect<StageResult, SourceFormatError | WarehouseError>
}
