// Tagged errors shared by the pipelines. Each carries the context a user needs to act
// (source, file, line, column, url) and renders itself as one readable sentence.
import { Schema } from "effect"

/** The file of a source cannot be read as that source's format at all. */
export class SourceFormatError extends Schema.TaggedError<SourceFormatError>()("SourceFormatError", {
  sourceId: Schema.String,
  file: Schema.String,
  line: Schema.optional(Schema.Number),
  column: Schema.optional(Schema.String),
  problem: Schema.String
}) {
  override get message(): string {
    const where = [this.file, this.line !== undefined ? `line ${this.line}` : undefined, this.column !== undefined ? `column "${this.column}"` : undefined]
      .filter(Boolean)
      .join(", ")
    return `${this.sourceId}: ${where}: ${this.problem}`
  }
}

/** The warehouse refused an operation (locked, read-only, disk full, SQL error). */
export class WarehouseError extends Schema.TaggedError<WarehouseError>()("WarehouseError", {
  operation: Schema.String,
  path: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `warehouse ${this.path}: ${this.operation} failed: ${this.detail}`
  }
}

/** A source id that is not in the registry. */
export class UnknownSourceError extends Schema.TaggedError<UnknownSourceError>()("UnknownSourceError", {
  sourceId: Schema.String,
  known: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `unknown source "${this.sourceId}"; known sources: ${this.known.join(", ")}`
  }
}

/** A mirror folder or input file that is not there. */
export class InputMissingError extends Schema.TaggedError<InputMissingError>()("InputMissingError", {
  sourceId: Schema.String,
  path: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.sourceId}: ${this.path}: ${this.detail}`
  }
}

/** A catalogue file under data/catalog is malformed. */
export class CatalogError extends Schema.TaggedError<CatalogError>()("CatalogError", {
  file: Schema.String,
  /** The key at fault, when one is (e.g. "recommendations" of a national indicator file). */
  field: Schema.optional(Schema.String),
  detail: Schema.String
}) {
  override get message(): string {
    return `catalogue ${this.file}${this.field !== undefined ? `, field "${this.field}"` : ""}: ${this.detail}`
  }
}

/** A publisher could not be reached or answered something that is not data (after retries). */
export class LiveFetchError extends Schema.TaggedError<LiveFetchError>()("LiveFetchError", {
  sourceId: Schema.String,
  url: Schema.String,
  attempts: Schema.Number,
  problem: Schema.String,
  /**
   * True when the publisher was never reached (DNS failure, connection refused or reset,
   * timeout): the run records the source `unreachable`, not `failed`.
   */
  network: Schema.optional(Schema.Boolean),
  /** Of those, no connection could be made at all (DNS failure, refused): the host is down for every URL. */
  noConnection: Schema.optional(Schema.Boolean)
}) {
  override get message(): string {
    return `${this.sourceId}: GET ${this.url}: ${this.problem}${this.attempts > 1 ? ` (gave up after ${this.attempts} attempts)` : ""}`
  }
}

/** Another refresh holds the warehouse's lock file. */
export class RefreshLockedError extends Schema.TaggedError<RefreshLockedError>()("RefreshLockedError", {
  lockFile: Schema.String,
  pid: Schema.Number,
  startedAt: Schema.String,
  command: Schema.String
}) {
  override get message(): string {
    return (
      `another refresh is running on this warehouse (pid ${this.pid}, "${this.command}", started ${this.startedAt}); ` +
      `wait for it to finish. The lock is ${this.lockFile}; it is taken over automatically once that process has ended.`
    )
  }
}

/** The publisher could not be reached at all (as opposed to answering something that is not data). */
export const isNetworkFailure = (error: unknown): boolean => error instanceof LiveFetchError && error.network === true

/** A lake export (`brecha export --lake DIR`) cannot be written; the previous export is untouched. */
export class LakeError extends Schema.TaggedError<LakeError>()("LakeError", {
  dir: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `lake ${this.dir}: ${this.detail}`
  }
}

export const describeError = (error: unknown): string => {
  if (error instanceof Error) return error.message
  if (typeof error === "object" && error !== null && "message" in error) return String((error as { message: unknown }).message)
  return String(error)
}

/** A BRECHA_* environment variable whose value is not acceptable. */
export class EnvironmentError extends Schema.TaggedError<EnvironmentError>()("EnvironmentError", {
  variable: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `environment variable ${this.variable}: ${this.detail}`
  }
}
