// What each command loads. Every command pays for every module loaded at start-up, so the
// command files load their heavy modules (DuckDB, the site builder, linkedom, Arrow, the HTTP
// client, the YAML parser, the workbook reader) only in the handler that needs them. Each
// case runs the real CLI with a hook that records every module the process loaded.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cliEntry } from "../support/cli.ts"
import { fixture } from "../support/raw.ts"

const hook = join(import.meta.dirname, "..", "support", "recordModules.ts")

const run = (args: Array<string>) => {
  const dir = mkdtempSync(join(tmpdir(), "brecha-startup-"))
  const log = join(dir, "modules.txt")
  const result = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", hook, cliEntry, ...args], {
    env: { ...process.env, RECORD_MODULES_TO: log },
    encoding: "utf8"
  })
  const modules = readFileSync(log, "utf8").split("\n")
  return { ...result, dir, modules }
}

// A module is named by the end of its URL: a package folder or a file of this repository.
const heavy = {
  duckdb: "/node_modules/@duckdb/node-api/",
  linkedom: "/node_modules/linkedom/",
  arrow: "/node_modules/apache-arrow/",
  yaml: "/node_modules/yaml/",
  workbook: "/node_modules/read-excel-file/",
  siteBuilder: "/pipelines/export/buildSite.ts",
  httpClient: "/pipelines/live/Http.ts",
  refresh: "/pipelines/refresh.ts"
}
const loadedOf = (modules: ReadonlyArray<string>) =>
  Object.entries(heavy)
    .filter(([, path]) => modules.some((url) => url.includes(path)))
    .map(([name]) => name)

describe("start-up: each command loads what it uses", () => {
  it("brecha --help loads the command definitions only", () => {
    const help = run(["--help"])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/ingest/)
    expect(loadedOf(help.modules)).toEqual([])
  })

  it("every command's help is there without loading its handler's modules", () => {
    for (const command of ["up", "refresh", "ingest", "sql", "sources", "changes", "schedule", "build", "serve", "snapshot", "check", "export", "national"]) {
      const help = run([command, "--help"])
      expect(help.status, `${command} --help: ${help.stderr}`).toBe(0)
      expect(help.stdout).toMatch(new RegExp(`brecha ${command}`))
      expect(loadedOf(help.modules), command).toEqual([])
    }
  })

  it("brecha ingest loads DuckDB and the catalogue reader, not the site, Arrow, the HTTP client or the workbook reader", () => {
    const dir = mkdtempSync(join(tmpdir(), "brecha-startup-"))
    const ingest = run(["ingest", "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"), "--db", join(dir, "w.duckdb")])
    expect(ingest.status, ingest.stderr).toBe(0)
    expect(ingest.stdout).toMatch(/values loaded/)
    expect(loadedOf(ingest.modules)).toEqual(["duckdb", "yaml"])
  })

  it("brecha sql loads Arrow only for --format arrow", () => {
    const dir = mkdtempSync(join(tmpdir(), "brecha-startup-"))
    const db = join(dir, "w.duckdb")
    expect(run(["ingest", "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"), "--db", db]).status).toBe(0)
    const table = run(["sql", "SELECT count(*) AS n FROM observations", "--db", db])
    expect(table.status, table.stderr).toBe(0)
    expect(loadedOf(table.modules)).toEqual(["duckdb"])
    const arrow = run(["sql", "SELECT count(*) AS n FROM observations", "--format", "arrow", "--out", join(dir, "n.arrow"), "--db", db])
    expect(arrow.status, arrow.stderr).toBe(0)
    expect(loadedOf(arrow.modules)).toEqual(["duckdb", "arrow"])
  })
})
