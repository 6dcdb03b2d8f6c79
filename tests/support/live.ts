// Helpers for live-retrieval tests: `refresh` against publishers on 127.0.0.1 with a fast
// HTTP policy, a data fingerprint that ignores run logs, and the fault cases every live API
// is tested with (500 then success, 429 with Retry-After, a timeout, a truncated body, HTML
// with status 200, a changed schema, 304).
import { Effect } from "effect"
import { expect, it } from "vitest"
import { Http, type HttpPolicy } from "../../pipelines/live/Http.ts"
import { refresh, type RefreshSummary } from "../../pipelines/refresh.ts"
import { sourceUrlVariable } from "../../pipelines/environment.ts"
import { hang, htmlErrorPage, ok, retryAfter, startPublisher, status, truncated, type Publisher, type Responder } from "./publisher.ts"
import { contentFingerprint, query, runWith } from "./warehouse.ts"

export const fast: Partial<HttpPolicy> = { timeoutMs: 1_000, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }

export const liveRefresh = (db: string, sourceIds: Array<string>, policy: Partial<HttpPolicy> = fast) =>
  runWith(db, refresh({ sourceIds }).pipe(Effect.provide(Http.layer(policy)))) as Promise<RefreshSummary>

/** A publisher on 127.0.0.1 standing in for one live source: BRECHA_<ID>_URL points at it (plus `basePath`). */
export const startSourcePublisher = async (sourceId: string, basePath = ""): Promise<Publisher> => {
  const publisher = await startPublisher()
  process.env[sourceUrlVariable(sourceId).name] = `${publisher.url}${basePath}`
  return publisher
}

/** Closes it, and the source's URL is its publisher's again. */
export const stopSourcePublisher = async (sourceId: string, publisher: Publisher): Promise<void> => {
  delete process.env[sourceUrlVariable(sourceId).name]
  await publisher.close()
}

/** Everything but the run logs and the remembered validators. */
export const dataFingerprint = (db: string) => contentFingerprint(db, { excludeTables: ["run_log", "run_source_log", "http_validators"] })

export interface FaultMatrix {
  readonly sourceId: string
  readonly db: () => string
  readonly publisher: () => Publisher
  /** The route (path without query) whose answers are faulted: the source's first request. */
  readonly path: string
  /** The good body of that route for a request URL, and its content type. */
  readonly body: (url: URL) => string
  readonly contentType: string
  /** "JSON" or "CSV": what the HTML page is refused instead of. */
  readonly expect: "JSON" | "CSV"
  /** The same route with the API's layout changed, and the message the source fails with. */
  readonly changedSchema: Responder
  readonly changedSchemaMessage: RegExp
}

/**
 * Registers, inside a describe whose warehouse already holds a first live load of the source,
 * the fault cases. A publisher that recovers within the attempts leaves the source unchanged;
 * one that does not fails the source with a message naming the URL, and changes nothing.
 */
export const faultCases = (m: FaultMatrix) => {
  const good = () => ok(m.body, m.contentType)
  const restore = () => m.publisher().on(m.path, good())
  const hitsSince = (n: number) =>
    m
      .publisher()
      .hits.slice(n)
      .filter((h) => h.path === m.path)

  it("an unchanged publisher answers the conditional request with 304: unchanged, nothing written", async () => {
    restore()
    // The first ask after earlier test answers (loaded again after a quarantined one) remembers
    // this answer's validators.
    expect(["loaded", "unchanged"]).toContain((await liveRefresh(m.db(), [m.sourceId])).sources[0].outcome)
    const before = await dataFingerprint(m.db())
    const from = m.publisher().hits.length
    const summary = await liveRefresh(m.db(), [m.sourceId])
    expect(summary.sources[0].outcome).toBe("unchanged")
    expect(summary.sources[0].files.every((f) => f.notModified)).toBe(true)
    const hits = hitsSince(from)
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((h) => typeof h.headers["if-none-match"] === "string")).toBe(true)
    expect(await dataFingerprint(m.db())).toBe(before)
  })

  it("a 500, then the data: retried, and the source is unchanged", async () => {
    const before = await dataFingerprint(m.db())
    const from = m.publisher().hits.length
    m.publisher().on(m.path, status(500, "Internal Server Error"), good())
    const summary = await liveRefresh(m.db(), [m.sourceId])
    expect(summary.sources[0].outcome).toBe("unchanged")
    expect(summary.ok).toBe(true)
    expect(hitsSince(from).length).toBeGreaterThanOrEqual(2)
    expect(await dataFingerprint(m.db())).toBe(before)
    restore()
  })

  it("a 429 with Retry-After: waits what the publisher asked, then gets the data", async () => {
    const slept: Array<number> = []
    m.publisher().on(m.path, retryAfter(2), good())
    const summary = await liveRefresh(m.db(), [m.sourceId], { ...fast, sleep: (ms) => Effect.sync(() => void slept.push(ms)) })
    expect(summary.sources[0].outcome).toBe("unchanged")
    expect(slept).toEqual([2000])
    restore()
  })

  // A publisher that never answers is unreachable (network); one that answers wrongly has failed.
  const failures: Array<[string, Responder, RegExp, "failed" | "unreachable"]> = [
    ["a 500 on every attempt", status(500, "Internal Server Error"), /HTTP 500, body starts "Internal Server Error" \(gave up after 2 attempts\)/, "failed"],
    ["a timeout", hang, /no complete answer within 1 s \(timed out\)/, "unreachable"],
    ["a truncated body", (req, res, url) => truncated(m.body(url) + " ".repeat(2000))(req, res, url), /the response body was cut off/, "failed"],
    ["an HTML page with status 200", htmlErrorPage, new RegExp(`answered 200 with an HTML page instead of ${m.expect}`), "failed"],
    ["a changed schema", m.changedSchema, m.changedSchemaMessage, "failed"]
  ]
  for (const [what, responder, message, outcome] of failures) {
    it(`${what}: the source is ${outcome} with a clear message naming the URL, and nothing changes`, async () => {
      const before = await dataFingerprint(m.db())
      m.publisher().on(m.path, responder)
      const summary = await liveRefresh(m.db(), [m.sourceId])
      const source = summary.sources[0]
      expect(source.outcome).toBe(outcome)
      expect(summary.ok).toBe(false)
      expect(source.error).toMatch(message)
      expect(source.error).toContain(m.sourceId)
      expect(source.error).toContain(m.path)
      expect(await dataFingerprint(m.db())).toBe(before)
      const [fresh] = await query<{ stale: boolean; last_outcome: string }>(
        m.db(),
        `SELECT stale, last_outcome FROM source_freshness WHERE source_id = '${m.sourceId}'`
      )
      expect(fresh).toMatchObject({ stale: true, last_outcome: outcome })
      restore()
    })
  }
}
