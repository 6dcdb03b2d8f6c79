// The Source contract. A source is a plain value: what it is (publisher, licence), which
// files of a mirror folder belong to it, how to fetch it live, and how to turn one
// retrieved file into staged rows. Everything after staging (validation, rejection,
// vintages, the transaction) is shared and lives in pipelines/load.
import type { Effect } from "effect"
import type { InputMissingError, SourceFormatError, WarehouseError } from "./errors.ts"
import type { FileBytes } from "./files/fileBytes.ts"
import type { Params, Sql } from "./warehouse/Warehouse.ts"

/**
 * One retrieved unit of a source (a file, or one API dataset), its bytes already on disk.
 * Its content (FileBytes) offers the size, head, tail and chunks; `bytes`, the whole file,
 * is for small files decoded in JS: a bulk file is checked in chunks and read by DuckDB.
 * Build one with `landedFile` (pipelines/load/land.ts).
 */
export interface LandedFile extends FileBytes {
  /** Stable name of what was retrieved: the path inside the mirror, or a dataset key. */
  readonly unit: string
  /** Where it came from: a file path or a URL. */
  readonly origin: string
  /** Local path of the raw bytes (DuckDB reads from here). */
  readonly path: string
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
  /**
   * A relation (indicator_id, area, line) giving the line of cells staged without one: a
   * wide file numbers its rows, not its 25 million cells; rejected cells get their line here.
   */
  readonly lines?: string
  /**
   * The source verified that no (indicator, country, year) can repeat in this file, so the
   * loader may skip looking for repeated keys (a full aggregation on a big file).
   */
  readonly uniqueKeys?: boolean
  /**
   * Any refused value fails the whole file (with its line and field) instead of being kept
   * in rejected_rows: for a user's own files, which should be fixed rather than half-loaded.
   */
  readonly strict?: boolean
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

/**
 * One dataset a source retrieves from its publisher (see pipelines/live/retrieve.ts).
 * The HTTP layer (pipelines/live/Http.ts) does timeouts, retries and conditional requests;
 * a dataset only says where it is and how its pages are put together.
 */
export interface LiveDataset {
  /** Stable key of the dataset; becomes the vintage's unit (e.g. "api/IT.NET.USER.ZS"). */
  readonly unit: string
  /** Full URL of the dataset (page parameters are added by the paging, not here). */
  readonly url: string
  /** File name the landed bytes are stored under; its extension tells `stage` the format. */
  readonly fileName: string
  /**
   * How the answer is assembled:
   *  - "none" (default): one GET, the body is the file (CSV, SDMX-CSV, ...);
   *  - "worldbank-v2": World Bank Indicators API v2 JSON, `[pageInfo, rows]` per page, `&page=N`;
   *  - "data360": World Bank Data360 API, `{count, value:[...]}` per page, `&skip=N&top=M`;
   *  - "un-sdg": UN SDG API v1, `{totalElements, totalPages, pageNumber, ..., data:[...]}` per
   *    page, `&page=N&pageSize=M` (pages count from 1).
   * Paged answers land as canonical JSON of all pages, so the sha256 only changes with content.
   */
  readonly paging?: "none" | "worldbank-v2" | "data360" | "un-sdg"
  /** Rows per page for paged APIs (WB: per_page is in the URL; Data360: `top`; UN SDG: `pageSize`). */
  readonly pageSize?: number
  /** Accept header sent (e.g. "application/vnd.sdmx.data+csv; labels=both"). */
  readonly accept?: string
  /** What the body must be; a 200 with an HTML page is then refused. */
  readonly expect?: "json" | "csv" | "any"
  /** A POST with this JSON body instead of a GET (endpoints that only answer POST, e.g. ODIN's). */
  readonly postJson?: unknown
}

/** Where a source lives on the web. */
export interface LiveSpec {
  /** Default base URL; `BRECHA_<SOURCE_ID>_URL` (upper-case id) overrides it, e.g. for tests. */
  readonly baseUrl: string
  readonly datasets: (baseUrl: string) => ReadonlyArray<LiveDataset>
}

/**
 * A finished publication: discontinued, or a one-off extract. Its data is what it is; a
 * refresh records it as `final` and never reports it failed, unreachable or stale.
 */
export interface FinalSpec {
  /** Why no further releases are expected, and where live data on the subject comes from, if anywhere. */
  readonly reason: string
  /** The last edition, as the publisher names it; starts with its year ("2017 (Leaders Edition)"). */
  readonly lastEdition: string
  /** When that edition was published: YYYY-MM-DD or YYYY-MM. */
  readonly releasedOn: string
  /** The registry source that carries the same subject live, when there is one. */
  readonly liveCounterpart?: string
}

/**
 * Every publisher's source is either live (it declares its publisher endpoints) or final (it
 * declares why there will be nothing new); a local source is a folder the user keeps (their
 * own indicators), read on every refresh. A source with none of these is a gap to fill,
 * reported as such.
 */
export type SourceKind = "live" | "final" | "local" | "undeclared"

export const sourceKind = (source: Pick<Source, "live" | "final" | "localFolder">): SourceKind =>
  source.live ? "live" : source.final ? "final" : source.localFolder ? "local" : "undeclared"

/** The year of a final source's last edition (the leading four digits of `lastEdition`). */
export const finalYear = (spec: FinalSpec): string => /^\d{4}/.exec(spec.lastEdition)?.[0] ?? spec.lastEdition

export interface Source {
  readonly id: string
  readonly title: string
  readonly publisher: string
  readonly licence: string
  readonly homepage: string
  /** Files of this source inside a mirror folder: glob patterns relative to the mirror root. */
  readonly mirror: ReadonlyArray<string>
  /** Live datasets, resolved against the base URL (overridable by BRECHA_<ID>_URL). */
  readonly live?: LiveSpec
  /** Set instead of `live` for a finished or one-off publication. */
  readonly final?: FinalSpec
  /**
   * A source the user keeps in a local folder rather than a publisher: refresh reads this
   * folder (with the `mirror` patterns) in every mode, and an absent folder is nothing to load.
   */
  readonly localFolder?: () => string
  /** How a local file of this source is landed, when more than its own bytes make a vintage. */
  readonly landLocal?: (path: string, unit: string) => Effect.Effect<LandedFile, InputMissingError>
  readonly stage: (file: LandedFile, ctx: StageContext) => Effect.Effect<StageResult, SourceFormatError | WarehouseError>
}
