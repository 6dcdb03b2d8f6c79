// The one HTTP layer every live source goes through. It owns everything about talking to
// a publisher: a timeout per attempt, retries with capped exponential backoff and jitter
// (honouring Retry-After on 429/503), conditional requests (ETag / Last-Modified), and
// sniffing a 200 that is really an HTML error page. Retries live here and nowhere else.
import { Context, Duration, Effect, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { LiveFetchError } from "../errors.ts"
import { environment, readEnv } from "../environment.ts"

/** What a previous retrieval of the same URL told us, sent back to ask "changed since?". */
export interface Validators {
  readonly etag?: string | null
  readonly lastModified?: string | null
}

export interface HttpRequest {
  readonly sourceId: string
  readonly url: string
  /** Accept header; also what the body must look like ("json" bodies must not be HTML). */
  readonly accept?: string
  readonly expect?: "json" | "csv" | "any"
  readonly validators?: Validators
  /** Sent as a POST with this JSON body (an endpoint that answers only POST); GET otherwise. */
  readonly postJson?: unknown
}

export type HttpResult =
  | {
      readonly status: "ok"
      readonly url: string
      readonly bytes: Uint8Array
      readonly contentType: string | null
      readonly validators: Validators
      readonly attempts: number
    }
  | { readonly status: "not-modified"; readonly url: string; readonly attempts: number }

export interface HttpPolicy {
  /** Time allowed for one attempt, headers and body together. */
  readonly timeoutMs: number
  /** Attempts in all (1 = no retry). */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  /** Cap of the backoff delay before jitter. */
  readonly maxDelayMs: number
  /** Longest Retry-After we are willing to wait; a longer one ends the retrieval. */
  readonly maxRetryAfterMs: number
  readonly userAgent: string
  /** Waiting between attempts: Effect.sleep by default; tests record instead of sleeping. */
  readonly sleep?: (ms: number) => Effect.Effect<void>
  /** Jitter source in [0, 1). */
  readonly random?: () => number
}

export const defaultPolicy: HttpPolicy = {
  timeoutMs: 120_000,
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  userAgent: "brecha/0.1 (+https://github.com/; open-source OECD digital-government gap tool)"
}

/** Statuses worth another try: the publisher is busy or briefly broken, not refusing us. */
const retryableStatus = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): exponential from the base,
 * capped, with "equal jitter" (half fixed, half random) so that many clients retrying the
 * same outage do not return in lockstep, while the wait never collapses to zero.
 */
export const backoffDelay = (attempt: number, policy: Pick<HttpPolicy, "baseDelayMs" | "maxDelayMs">, random: number): number => {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(capped / 2 + (capped / 2) * random)
}

/** Retry-After is either delta-seconds or an HTTP date; returns milliseconds, or undefined. */
export const parseRetryAfter = (value: string | null | undefined, nowMs: number): number | undefined => {
  if (!value) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/** The first bytes of a body as readable text, for messages. */
const preview = (bytes: Uint8Array): string =>
  JSON.stringify(new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 120)).replace(/\s+/g, " ").trim())

const looksLikeHtml = (bytes: Uint8Array): boolean => {
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /^<\?xml[^>]*>\s*<html/.test(head)
}

/** One attempt's failure: whether to try again, and after how long at least. */
interface AttemptFailure {
  readonly problem: string
  readonly retryable: boolean
  readonly retryAfterMs?: number | undefined
  /** No answer at all (DNS, refused, reset, timeout), as opposed to a bad one. */
  readonly network?: boolean
  /** Not even a connection (DNS failure, refused, reset before an answer). */
  readonly noConnection?: boolean
}

export interface HttpService {
  readonly get: (request: HttpRequest) => Effect.Effect<HttpResult, LiveFetchError>
}

export class Http extends Context.Service<Http, HttpService>()("brecha/Http") {
  /** The real layer: fetch (undici) underneath, with the given policy. */
  static readonly layer = (policy: Partial<HttpPolicy> = {}) =>
    Layer.effect(Http, makeHttp({ ...defaultPolicy, ...policy })).pipe(Layer.provide(FetchHttpClient.layer))
}

export const makeHttp = (policy: HttpPolicy) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const sleep = policy.sleep ?? ((ms: number) => Effect.sleep(Duration.millis(ms)))
    const random = policy.random ?? Math.random

    const attempt = (request: HttpRequest): Effect.Effect<HttpResult, AttemptFailure> =>
      Effect.gen(function* () {
        const headers: Record<string, string> = { "user-agent": policy.userAgent, accept: request.accept ?? "*/*" }
        if (request.validators?.etag) headers["if-none-match"] = request.validators.etag
        if (request.validators?.lastModified) headers["if-modified-since"] = request.validators.lastModified
        const base =
          request.postJson === undefined
            ? HttpClientRequest.get(request.url)
            : HttpClientRequest.post(request.url).pipe(HttpClientRequest.bodyText(JSON.stringify(request.postJson), "application/json"))
        const response = yield* client
          .execute(base.pipe(HttpClientRequest.setHeaders(headers)))
          .pipe(
            Effect.mapError(
              (e): AttemptFailure => ({ problem: `could not connect (${transportDetail(e)})`, retryable: true, network: true, noConnection: true })
            )
          )
        if (response.status === 304) return { status: "not-modified", url: request.url, attempts: 0 } as const
        const body = yield* response.arrayBuffer.pipe(
          Effect.map((b) => new Uint8Array(b)),
          Effect.mapError(
            (e): AttemptFailure => ({
              problem: `the response body was cut off (${transportDetail(e)})`,
              retryable: true
            })
          )
        )
        if (response.status < 200 || response.status >= 300) {
          const retryAfterMs = parseRetryAfter(response.headers["retry-after"], Date.now())
          return yield* Effect.fail<AttemptFailure>({
            problem: `HTTP ${response.status}${body.length > 0 ? `, body starts ${preview(body)}` : ""}`,
            retryable: retryableStatus.has(response.status),
            retryAfterMs
          })
        }
        const declared = Number(response.headers["content-length"])
        if (Number.isFinite(declared) && declared > body.length && !response.headers["content-encoding"]) {
          return yield* Effect.fail<AttemptFailure>({
            problem: `the response body was cut off: ${body.length} of ${declared} bytes arrived`,
            retryable: true
          })
        }
        const contentType = response.headers["content-type"] ?? null
        const expect = request.expect ?? "any"
        if (expect !== "any" && (looksLikeHtml(body) || /text\/html/i.test(contentType ?? ""))) {
          // A 200 carrying an HTML page is a portal's error or maintenance page, not data.
          return yield* Effect.fail<AttemptFailure>({
            problem: `the server answered 200 with an HTML page instead of ${expect.toUpperCase()} (content-type ${contentType ?? "none"}; body starts ${preview(body)})`,
            retryable: false
          })
        }
        return {
          status: "ok",
          url: request.url,
          bytes: body,
          contentType,
          validators: { etag: response.headers.etag ?? null, lastModified: response.headers["last-modified"] ?? null },
          attempts: 0
        } as const
      }).pipe(
        Effect.scoped,
        Effect.timeoutOrElse({
          duration: Duration.millis(policy.timeoutMs),
          orElse: () =>
            Effect.fail<AttemptFailure>({ problem: `no complete answer within ${policy.timeoutMs / 1000} s (timed out)`, retryable: true, network: true })
        })
      )

    const get = Effect.fn("Http.get")(function* (request: HttpRequest): Effect.fn.Return<HttpResult, LiveFetchError> {
      const history: Array<string> = []
      for (let n = 1; ; n++) {
        const result = yield* Effect.result(attempt(request))
        if (result._tag === "Success") return { ...result.success, attempts: n }
        const failure = result.failure
        history.push(failure.problem)
        const fail = (extra = "") =>
          new LiveFetchError({
            sourceId: request.sourceId,
            url: request.url,
            attempts: n,
            network: failure.network === true,
            noConnection: failure.noConnection === true,
            problem: failure.problem + extra + (n > 1 && history[0] !== failure.problem ? ` (first attempt: ${history[0]})` : "")
          })
        if (!failure.retryable) return yield* fail()
        if (n >= policy.maxAttempts) return yield* fail()
        if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) {
          return yield* fail(
            `; the server asked to retry after ${Math.round(failure.retryAfterMs / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s brecha waits`
          )
        }
        const delay = failure.retryAfterMs ?? backoffDelay(n, policy, random())
        yield* Effect.logDebug(`${request.sourceId}: ${request.url}: ${failure.problem}; retrying in ${delay} ms`)
        yield* sleep(delay)
      }
    })

    return Http.of({ get })
  })

/** The innermost readable cause of a transport failure (ECONNREFUSED, socket closed, ...). */
const transportDetail = (error: unknown): string => {
  const seen = new Set<unknown>()
  const parts: Array<string> = []
  let current: unknown = error
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current)
    const e = current as { message?: unknown; code?: unknown; reason?: unknown; cause?: unknown }
    if (typeof e.code === "string") parts.push(e.code)
    else if (typeof e.message === "string" && e.message && !/^(Transport error|RequestError|ResponseError)/.test(e.message)) parts.push(e.message)
    current = e.reason ?? e.cause
  }
  const unique = [...new Set(parts.map((p) => p.split("\n")[0]))]
  return unique.slice(-2).join(": ") || String(error)
}

/**
 * Policy overrides from the environment (seconds would be friendlier, but tests that spawn
 * the CLI against 127.0.0.1 need millisecond delays): BRECHA_HTTP_TIMEOUT_MS,
 * BRECHA_HTTP_ATTEMPTS, BRECHA_HTTP_BASE_DELAY_MS, BRECHA_HTTP_MAX_DELAY_MS.
 */
export const policyFromEnv = (env: Record<string, string | undefined> = process.env): Partial<HttpPolicy> => {
  const out: { -readonly [K in keyof HttpPolicy]?: HttpPolicy[K] } = {}
  const timeout = readEnv(environment.httpTimeoutMs, env)
  const attempts = readEnv(environment.httpAttempts, env)
  const base = readEnv(environment.httpBaseDelayMs, env)
  const max = readEnv(environment.httpMaxDelayMs, env)
  if (timeout !== undefined) out.timeoutMs = timeout
  if (attempts !== undefined) out.maxAttempts = attempts
  if (base !== undefined) out.baseDelayMs = base
  if (max !== undefined) out.maxDelayMs = max
  return out
}
