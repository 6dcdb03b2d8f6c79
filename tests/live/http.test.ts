// The Http service against a fake publisher on 127.0.0.1: retries, backoff, Retry-After,
// timeouts, cut-off bodies, HTML error pages, conditional requests. Delays are recorded,
// not slept (the policy's `sleep` is injected), so no test waits real seconds.
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { backoffDelay, Http, parseRetryAfter, policyFromEnv, type HttpPolicy, type HttpRequest } from "../../pipelines/live/Http.ts"
import { hang, htmlErrorPage, ok, startPublisher, status, truncated, type Publisher } from "../support/publisher.ts"

let publisher: Publisher
beforeAll(async () => {
  publisher = await startPublisher()
})
afterAll(() => publisher.close())

const get = (request: Omit<HttpRequest, "sourceId">, policy: Partial<HttpPolicy> = {}) => {
  const slept: Array<number> = []
  const layer = Http.layer({
    timeoutMs: 2_000,
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    random: () => 0.5,
    ...policy,
    sleep: (ms) => Effect.sync(() => void slept.push(ms))
  })
  return Effect.runPromise(
    Effect.gen(function* () {
      const http = yield* Http
      return yield* Effect.result(http.get({ sourceId: "wdi", ...request }))
    }).pipe(Effect.provide(Layer.fresh(layer)))
  ).then((result) => ({ result, slept }))
}

describe("backoff", () => {
  it("grows exponentially from the base, is capped, and jitters within [half, full]", () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 8_000 }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, 1))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000])
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, 0))).toEqual([500, 1_000, 2_000, 4_000])
  })

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-07-01T10:00:00Z")
    expect(parseRetryAfter("7", now)).toBe(7_000)
    expect(parseRetryAfter("Tue, 01 Jul 2025 10:00:30 GMT", now)).toBe(30_000)
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it("takes overrides from the environment, and refuses a value that is not a number of milliseconds", () => {
    expect(policyFromEnv({ BRECHA_HTTP_TIMEOUT_MS: "250", BRECHA_HTTP_ATTEMPTS: "2", BRECHA_HTTP_BASE_DELAY_MS: "" })).toEqual({
      timeoutMs: 250,
      maxAttempts: 2
    })
    expect(() => policyFromEnv({ BRECHA_HTTP_BASE_DELAY_MS: "x" })).toThrow(/BRECHA_HTTP_BASE_DELAY_MS: "x"/)
    expect(() => policyFromEnv({ BRECHA_HTTP_ATTEMPTS: "0" })).toThrow(/BRECHA_HTTP_ATTEMPTS/)
  })
})

describe("Http.get against 127.0.0.1", () => {
  it("retries a 500 and then succeeds, after one backoff delay", async () => {
    publisher.on("/flaky", status(500, "internal error"), ok("[1]"))
    const { result, slept } = await get({ url: `${publisher.url}/flaky`, expect: "json" })
    expect(result._tag).toBe("Success")
    if (result._tag === "Success" && result.success.status === "ok") {
      expect(new TextDecoder().decode(result.success.bytes)).toBe("[1]")
      expect(result.success.attempts).toBe(2)
    }
    expect(slept).toEqual([75]) // base 100, equal jitter at random 0.5
  })

  it("waits what Retry-After says on a 429 instead of its own backoff", async () => {
    publisher.on("/busy", status(429, "slow down", { "retry-after": "3" }), ok("[2]"))
    const { result, slept } = await get({ url: `${publisher.url}/busy` })
    expect(result._tag).toBe("Success")
    expect(slept).toEqual([3_000])
  })

  it("gives up at once when Retry-After is longer than it is willing to wait, and says so", async () => {
    publisher.on("/closed", status(503, "maintenance", { "retry-after": "86400" }))
    const { result, slept } = await get({ url: `${publisher.url}/closed` }, { maxRetryAfterMs: 60_000 })
    expect(slept).toEqual([])
    expect(result._tag).toBe("Failure")
    if (result._tag === "Failure") {
      expect(result.failure.message).toContain(`wdi: GET ${publisher.url}/closed: HTTP 503`)
      expect(result.failure.message).toMatch(/retry after 86400 s, longer than the 60 s/)
    }
  })

  it("stops after the last attempt with every delay capped", async () => {
    publisher.on("/down", status(502, "bad gateway"))
    const { result, slept } = await get({ url: `${publisher.url}/down` }, { maxAttempts: 5, baseDelayMs: 400, maxDelayMs: 1_000, random: () => 1 })
    expect(slept).toEqual([400, 800, 1_000, 1_000])
    expect(result._tag === "Failure" && result.failure.message).toBe(
      `wdi: GET ${publisher.url}/down: HTTP 502, body starts "bad gateway" (gave up after 5 attempts)`
    )
  })

  it("does not retry a 404", async () => {
    const { result, slept } = await get({ url: `${publisher.url}/nowhere` })
    expect(slept).toEqual([])
    expect(result._tag === "Failure" && result.failure.attempts).toBe(1)
    expect(result._tag === "Failure" && result.failure.message).toMatch(/HTTP 404/)
  })

  it("times out an answer that never comes, per attempt", async () => {
    publisher.on("/slow", hang)
    const { result, slept } = await get({ url: `${publisher.url}/slow` }, { timeoutMs: 150, maxAttempts: 2 })
    expect(slept).toHaveLength(1)
    expect(result._tag === "Failure" && result.failure.message).toMatch(/\/slow: no complete answer within 0.15 s \(timed out\) \(gave up after 2 attempts\)/)
  })

  it("notices a body cut off before its Content-Length, retries, and recovers", async () => {
    publisher.on("/cut", truncated(JSON.stringify({ value: "x".repeat(10_000) })), ok("[3]"))
    const { result } = await get({ url: `${publisher.url}/cut`, expect: "json" })
    expect(result._tag).toBe("Success")
    publisher.on("/cut-always", truncated(JSON.stringify({ value: "x".repeat(10_000) })))
    const again = await get({ url: `${publisher.url}/cut-always`, expect: "json" }, { maxAttempts: 2 })
    expect(again.result._tag === "Failure" && again.result.failure.message).toMatch(/cut off/)
  })

  it("refuses an HTML page sent with status 200 when data was expected, without retrying", async () => {
    publisher.on("/portal", htmlErrorPage)
    const { result, slept } = await get({ url: `${publisher.url}/portal`, expect: "json" })
    expect(slept).toEqual([])
    expect(result._tag === "Failure" && result.failure.message).toMatch(
      /wdi: GET .*\/portal: the server answered 200 with an HTML page instead of JSON \(content-type text\/html; charset=utf-8; body starts "<!DOCTYPE html><html><head><title>Service Unavailable/
    )
  })

  it("sends the remembered ETag and reports 304 Not Modified", async () => {
    publisher.on("/stable", ok("[4]"))
    const first = await get({ url: `${publisher.url}/stable` })
    expect(first.result._tag).toBe("Success")
    const etag = first.result._tag === "Success" && first.result.success.status === "ok" ? first.result.success.validators.etag : null
    expect(etag).toMatch(/^"/)
    const second = await get({ url: `${publisher.url}/stable`, validators: { etag } })
    expect(second.result._tag === "Success" && second.result.success.status).toBe("not-modified")
    expect(publisher.hitsOf("/stable").at(-1)?.headers["if-none-match"]).toBe(etag)
  })

  it("names the URL when nothing listens there", async () => {
    const gone = await startPublisher()
    await gone.close()
    const { result } = await get({ url: `${gone.url}/nothing` }, { maxAttempts: 2 })
    expect(result._tag === "Failure" && result.failure.message).toMatch(
      /wdi: GET http:\/\/127.0.0.1:\d+\/nothing: could not connect \(.*ECONNREFUSED.*\(gave up after 2 attempts\)/
    )
  })
})
