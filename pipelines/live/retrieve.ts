// Live retrieval of one dataset of a source: resolve its URL (BRECHA_<ID>_URL overrides the
// base), ask the publisher through the Http service (conditionally, when we remember its
// ETag / Last-Modified), assemble paged API answers into one canonical JSON document, and
// land the bytes next to the warehouse. Loading is refresh's job; this module only retrieves.
import { Effect, Schema } from "effect"
import { mkdirSync, writeFileSync, existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { decodeExternal } from "../decode.ts"
import { LiveFetchError } from "../errors.ts"
import { worldBankApiMessages } from "../files/worldbankApi.ts"
import { diskBytes } from "../files/fileBytes.ts"
import { landedFile, sha256 } from "../load/land.ts"
import { latestSha } from "../load/loadFile.ts"
import type { LandedFile, LiveDataset, Source } from "../source.ts"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { Http, type HttpResult, type Validators } from "./Http.ts"
import { readEnv, sourceUrlVariable } from "../environment.ts"
import { warehouseTimestamp } from "../warehouse/timestamp.ts"

export type LiveItem =
  | {
      readonly kind: "landed"
      readonly file: LandedFile
      /** To remember once the file is loaded, so the next retrieval can be conditional. */
      readonly validators: Validators
      readonly url: string
    }
  | { readonly kind: "not-modified"; readonly unit: string; readonly url: string }

export const liveDatasets = (source: Source): ReadonlyArray<LiveDataset> => {
  if (!source.live) return []
  const base = (readEnv(sourceUrlVariable(source.id)) ?? source.live.baseUrl).replace(/\/+$/, "")
  return source.live.datasets(base)
}

const isJsonObject = (v: unknown): v is Readonly<Record<string, unknown>> => v !== null && typeof v === "object" && !Array.isArray(v)

/** JSON with object keys sorted, no spaces: equal content gives equal bytes. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (!isJsonObject(v)) return v
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  })

const withParams = (url: string, params: Record<string, string | number>): string => {
  const u = new URL(url)
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v))
  return u.toString()
}

const parseJson = (sourceId: string, url: string, bytes: Uint8Array) =>
  Effect.try({
    try: (): unknown => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)),
    catch: (cause) =>
      new LiveFetchError({
        sourceId,
        url,
        attempts: 1,
        problem:
          `the response is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}; ${bytes.length} bytes` +
          `${bytes.length > 0 ? `, ends ${JSON.stringify(new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 40))))}` : ""})`
      })
  })

const shapeError = (sourceId: string, url: string, problem: string) => new LiveFetchError({ sourceId, url, attempts: 1, problem })

/** The paging fields of a World Bank page; the other keys of the page info are kept as they come. */
const WbPageInfo = Schema.StructWithRest(
  Schema.Struct({ page: Schema.Number, pages: Schema.Number, total: Schema.Number, lastupdated: Schema.optionalKey(Schema.NullOr(Schema.String)) }),
  [Schema.Record(Schema.String, Schema.Unknown)]
)

/** One page of the World Bank API v2: `[pageInfo, rows]` (rows null when there are none). */
const WbPage = Schema.Tuple([WbPageInfo, Schema.NullOr(Schema.Array(Schema.Unknown))])

/** One page of the World Bank API v2: `[pageInfo, rows]`, or `[{message:[...]}]` for an API error. */
const wbPage = (sourceId: string, url: string, body: unknown) =>
  Effect.gen(function* () {
    if (!Array.isArray(body)) return yield* shapeError(sourceId, url, `expected a JSON array [page info, rows], got ${typeof body}`)
    // The API reports its own errors (unknown indicator, bad parameter) with status 200.
    const messages = worldBankApiMessages(body)
    if (messages) return yield* shapeError(sourceId, url, `the World Bank API answered with an error: ${messages.join("; ")}`)
    const [info, rows] = yield* decodeExternal(WbPage, body, (problem) =>
      shapeError(
        sourceId,
        url,
        `unexpected World Bank API layout: expected [{page, pages, per_page, total, lastupdated}, [rows]] (${problem}), got ${JSON.stringify(body).slice(0, 120)}`
      )
    )
    return { info, rows: rows ?? [] }
  })

/** Data360 API page: `{count, value:[...]}`; the rows are passed on as they come. */
const D360Page = Schema.Struct({ count: Schema.Number, value: Schema.Array(Schema.Unknown) })

const d360Page = (sourceId: string, url: string, body: unknown) =>
  decodeExternal(D360Page, body, (problem) =>
    shapeError(sourceId, url, `unexpected Data360 API layout: expected {count, value:[...]} (${problem}), got ${JSON.stringify(body).slice(0, 120)}`)
  )

/** UN SDG API v1 page: `{totalElements, totalPages, pageNumber, ..., data:[...]}`; the other keys (code lists) are kept. */
const SdgPage = Schema.StructWithRest(Schema.Struct({ totalElements: Schema.Number, totalPages: Schema.Number, data: Schema.Array(Schema.Unknown) }), [
  Schema.Record(Schema.String, Schema.Unknown)
])

const sdgPage = (sourceId: string, url: string, body: unknown) =>
  decodeExternal(SdgPage, body, (problem) =>
    shapeError(
      sourceId,
      url,
      `unexpected UN SDG API layout: expected {totalElements, totalPages, pageNumber, data:[...]} (${problem}), got ${JSON.stringify(body).slice(0, 120)}`
    )
  )

interface Assembled {
  readonly bytes: Uint8Array
  readonly releasedAtHint?: string
}

const assembleWorldBank = (source: Source, dataset: LiveDataset, first: Extract<HttpResult, { status: "ok" }>) =>
  Effect.gen(function* () {
    const http = yield* Http
    const firstPage = yield* wbPage(source.id, first.url, yield* parseJson(source.id, first.url, first.bytes))
    const pages = [firstPage]
    for (let n = 2; n <= firstPage.info.pages; n++) {
      const url = withParams(dataset.url, { page: n })
      const res = yield* http.get({ sourceId: source.id, url, accept: dataset.accept ?? "application/json", expect: "json" })
      if (res.status !== "ok") return yield* shapeError(source.id, url, "the server answered 304 Not Modified to an unconditional request")
      const page = yield* wbPage(source.id, url, yield* parseJson(source.id, url, res.bytes))
      if (page.info.lastupdated !== firstPage.info.lastupdated) {
        return yield* shapeError(
          source.id,
          url,
          `the indicator was updated while it was being paged (lastupdated ${firstPage.info.lastupdated} on page 1, ${page.info.lastupdated} on page ${n}); retry later`
        )
      }
      pages.push(page)
    }
    const rows = pages.reduce((n, p) => n + p.rows.length, 0)
    if (rows !== firstPage.info.total) {
      return yield* shapeError(
        source.id,
        dataset.url,
        `the pages hold ${rows} rows but the API announced total ${firstPage.info.total} (a page is missing or cut short)`
      )
    }
    const lastUpdated = firstPage.info.lastupdated
    // All rows as one page, with the paging fields describing that one page: the same
    // content gives the same bytes whatever the page size was.
    const info = { ...firstPage.info, page: 1, pages: 1, per_page: rows, total: rows }
    return {
      bytes: new TextEncoder().encode(canonicalJson([info, pages.flatMap((p) => p.rows)])),
      ...(typeof lastUpdated === "string" && /^\d{4}-\d{2}-\d{2}$/.test(lastUpdated) ? { releasedAtHint: lastUpdated } : {})
    } satisfies Assembled
  })

const assembleData360 = (source: Source, dataset: LiveDataset, first: Extract<HttpResult, { status: "ok" }>) =>
  Effect.gen(function* () {
    const http = yield* Http
    const pageSize = dataset.pageSize ?? 1000
    const firstPage = yield* d360Page(source.id, first.url, yield* parseJson(source.id, first.url, first.bytes))
    const rows = [...firstPage.value]
    while (rows.length < firstPage.count) {
      const url = withParams(dataset.url, { skip: rows.length, top: pageSize })
      const res = yield* http.get({ sourceId: source.id, url, accept: dataset.accept ?? "application/json", expect: "json" })
      if (res.status !== "ok") return yield* shapeError(source.id, url, "the server answered 304 Not Modified to an unconditional request")
      const page = yield* d360Page(source.id, url, yield* parseJson(source.id, url, res.bytes))
      if (page.value.length === 0) {
        return yield* shapeError(source.id, url, `the API announced ${firstPage.count} rows but stopped after ${rows.length}`)
      }
      rows.push(...page.value)
    }
    return { bytes: new TextEncoder().encode(canonicalJson({ count: rows.length, value: rows })) } satisfies Assembled
  })

const assembleUnSdg = (source: Source, dataset: LiveDataset, first: Extract<HttpResult, { status: "ok" }>) =>
  Effect.gen(function* () {
    const http = yield* Http
    const pageSize = dataset.pageSize ?? 1000
    const firstPage = yield* sdgPage(source.id, first.url, yield* parseJson(source.id, first.url, first.bytes))
    const rows = [...firstPage.data]
    for (let n = 2; n <= firstPage.totalPages; n++) {
      const url = withParams(dataset.url, { page: n, pageSize })
      const res = yield* http.get({ sourceId: source.id, url, accept: dataset.accept ?? "application/json", expect: "json" })
      if (res.status !== "ok") return yield* shapeError(source.id, url, "the server answered 304 Not Modified to an unconditional request")
      const page = yield* sdgPage(source.id, url, yield* parseJson(source.id, url, res.bytes))
      if (page.totalElements !== firstPage.totalElements) {
        return yield* shapeError(
          source.id,
          url,
          `the series changed while it was being paged (totalElements ${firstPage.totalElements} on page 1, ${page.totalElements} on page ${n}); retry later`
        )
      }
      rows.push(...page.data)
    }
    if (rows.length !== firstPage.totalElements) {
      return yield* shapeError(
        source.id,
        dataset.url,
        `the pages hold ${rows.length} records but the API announced totalElements ${firstPage.totalElements} (a page is missing or cut short)`
      )
    }
    // All records as one page (code lists of page 1 kept): the same content gives the same
    // bytes whatever the page size was.
    const whole = { ...firstPage, size: rows.length, totalElements: rows.length, totalPages: 1, pageNumber: 1, data: rows }
    return { bytes: new TextEncoder().encode(canonicalJson(whole)) } satisfies Assembled
  })

const firstUrl = (dataset: LiveDataset): string =>
  dataset.paging === "worldbank-v2"
    ? withParams(dataset.url, { page: 1 })
    : dataset.paging === "data360"
      ? withParams(dataset.url, { skip: 0, top: dataset.pageSize ?? 1000 })
      : dataset.paging === "un-sdg"
        ? withParams(dataset.url, { page: 1, pageSize: dataset.pageSize ?? 1000 })
        : dataset.url

/** "Wed, 21 Oct 2015 07:28:00 GMT" → "2015-10-21". */
const httpDateToDay = (value: string | null | undefined): string | undefined => {
  if (!value) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10)
}

/** Where landed bytes are kept: beside the warehouse, one folder per source, named by content. */
export const landingPath = (warehousePath: string, sourceId: string, sha: string, fileName: string): string =>
  join(dirname(warehousePath), "landing", sourceId, `${sha.slice(0, 16)}-${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}`)

/** Remembered validators of a unit, only if they belong to the content we hold as latest. */
export const rememberedValidators = (source: Source, unit: string, url: string) =>
  Effect.gen(function* () {
    const wh = yield* Warehouse
    const rows = yield* wh.query<{ etag: string | null; last_modified: string | null; content_sha256: string }>(
      "SELECT etag, last_modified, content_sha256 FROM http_validators WHERE source_id = ? AND unit = ? AND url = ?",
      [source.id, unit, url]
    )
    const row = rows[0]
    if (!row) return undefined
    if ((yield* latestSha(source.id, unit)) !== row.content_sha256) return undefined
    return { etag: row.etag, lastModified: row.last_modified } satisfies Validators
  })

export const rememberValidators = (sourceId: string, unit: string, url: string, validators: Validators, contentSha: string) =>
  Effect.gen(function* () {
    if (!validators.etag && !validators.lastModified) return
    const wh = yield* Warehouse
    yield* wh.transaction((tx) =>
      tx.run(`INSERT OR REPLACE INTO http_validators VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP))`, [
        sourceId,
        unit,
        url,
        validators.etag ?? null,
        validators.lastModified ?? null,
        contentSha,
        warehouseTimestamp()
      ])
    )
  })

/** Retrieves one dataset; a conditional request answered 304 costs one small request. */
export const retrieveDataset = (source: Source, dataset: LiveDataset) =>
  Effect.gen(function* () {
    const http = yield* Http
    const wh = yield* Warehouse
    const url = firstUrl(dataset)
    const expect = dataset.expect ?? (dataset.paging && dataset.paging !== "none" ? "json" : "any")
    const validators = yield* rememberedValidators(source, dataset.unit, url).pipe(Effect.orElseSucceed(() => undefined))
    const retrievedAt = new Date()
    const first = yield* http.get({
      sourceId: source.id,
      url,
      expect,
      accept: dataset.accept ?? (expect === "json" ? "application/json" : "*/*"),
      ...(validators ? { validators } : {}),
      ...(dataset.postJson !== undefined ? { postJson: dataset.postJson } : {})
    })
    if (first.status === "not-modified") return { kind: "not-modified", unit: dataset.unit, url } satisfies LiveItem
    const assembled: Assembled =
      dataset.paging === "worldbank-v2"
        ? yield* assembleWorldBank(source, dataset, first)
        : dataset.paging === "data360"
          ? yield* assembleData360(source, dataset, first)
          : dataset.paging === "un-sdg"
            ? yield* assembleUnSdg(source, dataset, first)
            : { bytes: first.bytes, ...(httpDateToDay(first.validators.lastModified) ? { releasedAtHint: httpDateToDay(first.validators.lastModified)! } : {}) }
    if (assembled.bytes.length === 0) return yield* shapeError(source.id, url, "the response body is empty")
    const sha = sha256(assembled.bytes)
    const path = landingPath(wh.path, source.id, sha, dataset.fileName)
    yield* Effect.try({
      try: () => {
        mkdirSync(dirname(path), { recursive: true })
        if (!existsSync(path)) writeFileSync(path, assembled.bytes)
      },
      catch: (cause) => shapeError(source.id, url, `could not store the response at ${path} (${String(cause)})`)
    })
    // Read back from the landed copy when a source asks, so retrieved answers are not all held at once.
    const file: LandedFile = landedFile(
      { unit: dataset.unit, origin: dataset.url, path, sha256: sha, retrievedAt, releasedAtHint: assembled.releasedAtHint },
      diskBytes(path, assembled.bytes.length)
    )
    return { kind: "landed", file, validators: first.validators, url } satisfies LiveItem
  })
