// Reading BRECHA_* variables: a value, unset or empty as nothing, a bad value as an
// EnvironmentError naming the variable; other variables in the environment (the rest of a
// shell's, or names that extend a BRECHA_* name) never change what is read.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { checkEnvironment, environment, envValue, isOn, readEnv, sourceUrlVariable } from "../../pipelines/environment.ts"

const noise = { PATH: "/usr/bin", HOME: "/home/x", BRECHA_DB_BACKUP: "elsewhere", BRECHA: "1", BRECHA_HTTP_ATTEMPTS_MAX: "x", _: "/usr/bin/env" }

describe("environment variables", () => {
  it("reads a value, trimmed and checked; unset or empty is nothing", () => {
    expect(readEnv(environment.db, { ...noise, BRECHA_DB: " /tmp/w.duckdb " })).toBe("/tmp/w.duckdb")
    expect(readEnv(environment.db, noise)).toBeUndefined()
    expect(readEnv(environment.db, { ...noise, BRECHA_DB: "" })).toBeUndefined()
    expect(readEnv(environment.httpAttempts, { ...noise, BRECHA_HTTP_ATTEMPTS: "3" })).toBe(3)
    expect(readEnv(environment.focus, { BRECHA_FOCUS: "chl" })).toBe("chl")
    expect(isOn(environment.traceSql, { ...noise, BRECHA_TRACE_SQL: "yes" })).toBe(true)
    expect(isOn(environment.traceSql, { ...noise, BRECHA_TRACE_SQL: "0" })).toBe(false)
    expect(isOn(environment.traceSql, noise)).toBe(false)
  })

  it("a bad value is an EnvironmentError naming the variable and what it expected", () => {
    const failure = Effect.runSync(Effect.flip(envValue(environment.httpAttempts, { ...noise, BRECHA_HTTP_ATTEMPTS: "0" })))
    expect(failure._tag).toBe("EnvironmentError")
    expect(failure.variable).toBe("BRECHA_HTTP_ATTEMPTS")
    expect(failure.message).toMatch(/^environment variable BRECHA_HTTP_ATTEMPTS: "0" is not/)
    expect(() => readEnv(environment.focus, { BRECHA_FOCUS: "Mexico" })).toThrow(/BRECHA_FOCUS: "Mexico" is not an ISO3 code such as MEX/)
  })

  it("checkEnvironment checks every variable and the live sources' URL variables", () => {
    expect(Effect.runSync(Effect.result(checkEnvironment(["wdi"], { ...noise, BRECHA_WDI_URL: "http://127.0.0.1:9/v2" })))._tag).toBe("Success")
    const badUrl = Effect.runSync(Effect.flip(checkEnvironment(["wdi"], { ...noise, BRECHA_WDI_URL: "ftp://example.org" })))
    expect(badUrl.variable).toBe(sourceUrlVariable("wdi").name)
    const badSize = Effect.runSync(Effect.flip(checkEnvironment([], { ...noise, BRECHA_DUCKDB_MEMORY_LIMIT: "lots" })))
    expect(badSize.message).toMatch(/BRECHA_DUCKDB_MEMORY_LIMIT: "lots" is not a size such as 500MB or 2GB/)
  })
})
