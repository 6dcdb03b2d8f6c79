// Every BRECHA_* environment variable brecha reads, in one place: its name, what it does, and
// how its value is checked (Effect Config). The CLI checks them all before running a command,
// lists them in --help, and the README lists them too. Modules read a value through `readEnv`.
import { Config, ConfigProvider, Effect, Option, Schema } from "effect"
import { EnvironmentError } from "./errors.ts"

export interface Variable<A> {
  readonly name: string
  /** One line for --help and the README. */
  readonly help: string
  /** The value, None when the variable is unset or empty. */
  readonly config: Config.Config<Option.Option<A>>
}

const variable = <A>(name: string, help: string, codec: Schema.ConstraintCodec<A, unknown>): Variable<A> => ({
  name,
  help,
  config: Config.option(Config.schema(codec, name))
})

const text = Schema.String.pipe(Schema.decodeTo(Schema.Trim))
const path = text.check(Schema.isNonEmpty())
const milliseconds = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const flag = Schema.Literals(["1", "0", "true", "false", "yes", "no", "on", "off"])

export const environment = {
  db: variable("BRECHA_DB", "warehouse file (default data/warehouse.duckdb; --db wins)", path),
  catalog: variable("BRECHA_CATALOG", "catalogue folder (default data/catalog)", path),
  settings: variable("BRECHA_SETTINGS", "settings file (default data/settings.yaml)", path),
  focus: variable(
    "BRECHA_FOCUS",
    "focus country, an ISO3 code (overrides settings.yaml)",
    text.check(Schema.isPattern(/^[A-Za-z]{3}$/, { expected: "an ISO3 code such as MEX" }))
  ),
  peers: variable(
    "BRECHA_PEERS",
    "peer countries, ISO3 codes separated by commas or spaces (overrides settings.yaml)",
    text.check(Schema.isPattern(/^[A-Za-z]{3}([,\s]+[A-Za-z]{3})*[,\s]*$/, { expected: "ISO3 codes separated by commas, such as CHL,COL" }))
  ),
  national: variable("BRECHA_NATIONAL", "folder of your own indicators, <ID>.csv + <ID>.yaml (default data/national; --national wins)", path),
  targets: variable("BRECHA_TARGETS", "targets file (default data/targets.yaml; --targets wins)", path),
  mirror: variable("BRECHA_MIRROR", "folder of publisher files to read instead of the network (--mirror wins)", path),
  siteUrl: variable(
    "BRECHA_SITE_URL",
    "public address of the built site, for absolute links (--site-url wins)",
    text.check(Schema.isPattern(/^https?:\/\/\S+$/, { expected: "an http(s) address" }))
  ),
  duckdbMemoryLimit: variable(
    "BRECHA_DUCKDB_MEMORY_LIMIT",
    "DuckDB memory budget (default 500MB)",
    text.check(Schema.isPattern(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, { expected: "a size such as 500MB or 2GB" }))
  ),
  httpTimeoutMs: variable("BRECHA_HTTP_TIMEOUT_MS", "HTTP request timeout in milliseconds", milliseconds),
  httpAttempts: variable("BRECHA_HTTP_ATTEMPTS", "HTTP attempts per request, retries included", Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  httpBaseDelayMs: variable("BRECHA_HTTP_BASE_DELAY_MS", "first HTTP retry delay in milliseconds (doubles each retry)", milliseconds),
  httpMaxDelayMs: variable("BRECHA_HTTP_MAX_DELAY_MS", "longest HTTP retry delay in milliseconds", milliseconds),
  traceSql: variable("BRECHA_TRACE_SQL", "1 prints each SQL statement's duration to stderr", flag),
  profile: variable("BRECHA_PROFILE", "1 prints the time and memory of each load phase to stderr (bench:etl --profile)", flag),
  keepOrder: variable("BRECHA_KEEP_ORDER", "1 makes loads keep the file's row order in the history (slower; for comparisons)", flag),
  reportRss: variable("BRECHA_REPORT_RSS", "1 prints the peak memory (peak_rss_kb) to stderr on exit", flag)
} satisfies Record<string, Variable<unknown>>

/** The variable that overrides a live source's base URL: BRECHA_OECD_DX_URL for oecd_dx. */
export const sourceUrlVariable = (sourceId: string): Variable<string> =>
  variable(
    `BRECHA_${sourceId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`,
    `base URL of source ${sourceId}'s live API`,
    text.check(Schema.isPattern(/^https?:\/\/\S+$/, { expected: "an http(s) address" }))
  )

type Env = Record<string, string | undefined>

// The provider is given the one variable read: built from the whole environment it indexes
// every variable there, on each read (tens of milliseconds over a refresh that reads flags
// often). A variable's name is one path segment, so the result is the same.
const parse = <A>(v: Variable<A>, env: Env): Effect.Effect<Option.Option<A>, EnvironmentError> =>
  v.config.parse(ConfigProvider.fromEnvRecord({ [v.name]: env[v.name] })).pipe(
    Effect.mapError(
      (e) =>
        new EnvironmentError({
          variable: v.name,
          detail: `${JSON.stringify(env[v.name])} is not ${e.cause.message.split("\n")[0].replace(/^Expected /, "")}`
        })
    )
  )

/** A variable's value (undefined when unset or empty), or its EnvironmentError. */
export const envValue = <A>(v: Variable<A>, env: Env = process.env): Effect.Effect<A | undefined, EnvironmentError> =>
  parse(v, env).pipe(Effect.map(Option.getOrUndefined))

/**
 * A variable's value, or undefined when it is unset or empty, for code outside Effect. An
 * unacceptable value throws
 * its EnvironmentError: the CLI has checked every variable before a command runs.
 */
export const readEnv = <A>(v: Variable<A>, env: Env = process.env): A | undefined => {
  const result = Effect.runSync(Effect.result(envValue(v, env)))
  if (result._tag === "Failure") throw result.failure
  return result.success
}

/** Whether an on/off variable is on. */
export const isOn = (v: Variable<string>, env: Env = process.env): boolean => ["1", "true", "yes", "on"].includes(readEnv(v, env) ?? "0")

/** Checks every variable, the live sources' URL variables included; fails naming the first bad one. */
export const checkEnvironment = (sourceIds: ReadonlyArray<string>, env: Env = process.env): Effect.Effect<void, EnvironmentError> =>
  Effect.forEach([...Object.values(environment), ...sourceIds.map(sourceUrlVariable)], (v: Variable<unknown>) => parse(v, env), { discard: true })

/** The variables as --help and the README list them. */
export const environmentHelp = (): string =>
  [...Object.values(environment), { name: "BRECHA_<SOURCE>_URL", help: "base URL of a live source's API (e.g. BRECHA_WDI_URL)" }]
    .map((v) => `  ${v.name.padEnd(28)} ${v.help}`)
    .join("\n")
