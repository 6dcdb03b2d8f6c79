// `brecha check` (npm run check:integrity): a clean warehouse passes every invariant; each
// kind of corruption, made by direct SQL on a copy, fails the right check with a message
// that says what is wrong.
import { execFile } from "node:child_process"
import { copyFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { Effect, ManagedRuntime } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { checkIntegrity, formatIntegrity, integrityFailed, type CheckResult } from "../../pipelines/integrity.ts"
import { syncCatalogFromDisk } from "../../pipelines/catalog/syncFromDisk.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { fixture } from "../support/raw.ts"
import { ingest, tempDbPath } from "../support/warehouse.ts"
import { verdict } from "./record.ts"

const repo = join(import.meta.dirname, "..", "..")
const run = promisify(execFile)

/** Opens a copy of `db`, applies the tampering SQL, and runs the checks in that session. */
const checkAfter = async (db: string, tamper: ReadonlyArray<string>): Promise<Array<CheckResult>> => {
  const copy = tempDbPath("tampered")
  copyFileSync(db, copy)
  const runtime = ManagedRuntime.make(Warehouse.layer({ path: copy }))
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        yield* syncCatalogFromDisk
        const wh = yield* Warehouse
        for (const statement of tamper) yield* wh.run(statement)
        return yield* checkIntegrity()
      })
    )
  } finally {
    await runtime.dispose()
  }
}

const failing = (results: ReadonlyArray<CheckResult>) => Object.fromEntries(results.filter((r) => r.violations > 0).map((r) => [r.id, r.examples.join(" | ")]))

describe("integrity checks", () => {
  const db = tempDbPath("clean")
  beforeAll(async () => {
    // Two vintages of the same indicator, so the warehouse has revisions and aggregates.
    await ingest(db, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    await ingest(db, "wdi", fixture("wdi", "long", "it.net.bbnd.p2", "data.csv"))
    await ingest(db, "wdi", fixture("wdi", "API_IT.NET.USER.ZS_badcells.csv"))
  })

  it("a clean warehouse passes every check", async () => {
    const results = await checkAfter(db, [])
    expect(results.length).toBeGreaterThanOrEqual(8)
    expect(failing(results)).toEqual({})
    expect(integrityFailed(results)).toBe(false)
    expect(formatIntegrity(results)).toMatch(/all invariants hold/)
  })

  const tamperings: Array<[string, ReadonlyArray<string>, string, RegExp]> = [
    ["a vintage deleted under its values", ["DELETE FROM vintage_log WHERE vintage_id = 2"], "010_values_have_a_vintage", /values of unknown vintage 2/],
    [
      "a key twice in one vintage",
      ["INSERT INTO observation_log SELECT indicator_id, country_iso3, year, value + 1, flag, vintage_id FROM observation_log WHERE vintage_id = 1 LIMIT 1"],
      "020_unique_keys_per_vintage",
      /appears 2 times in vintage 1/
    ],
    [
      "a current value that is not the newest vintage's",
      [
        "CREATE OR REPLACE VIEW observations AS SELECT indicator_id, country_iso3, year, value, flag, source_id, vintage_id FROM observation_history WHERE vintage_id = 1"
      ],
      "030_current_and_revisions_match_history",
      /but the newest vintage holds/
    ],
    [
      "a revision that history does not show",
      [
        "CREATE OR REPLACE VIEW revisions AS SELECT indicator_id, country_iso3, year, value AS old_value, value + 5 AS new_value, 1 AS old_vintage_id, 2 AS new_vintage_id FROM observation_log WHERE vintage_id = 1 LIMIT 1"
      ],
      "030_current_and_revisions_match_history",
      /revisions: .* but history holds/
    ],
    [
      "an indicator the catalogue does not know",
      ["INSERT INTO observation_log VALUES ('FAKE.INDICATOR', 'MEX', 2020, 1.5, NULL, 1)"],
      "040_indicators_in_catalogue",
      /FAKE\.INDICATOR \(1 current values, source wdi\) is not in the catalogue/
    ],
    [
      "a country the catalogue does not know",
      ["INSERT INTO observation_log VALUES ('IT.NET.BBND.P2', 'ZZZ', 2020, 1.5, NULL, 1)"],
      "050_countries_in_catalogue",
      /ZZZ \(1 values\) is not in the countries catalogue/
    ],
    [
      "a NaN value",
      ["UPDATE observation_log SET value = 'NaN'::DOUBLE WHERE country_iso3 = 'MEX' AND year = 2018 AND vintage_id = 1"],
      "060_finite_values",
      /MEX 2018 = nan/i
    ],
    ["a sentinel value", ["UPDATE observation_log SET value = -999 WHERE country_iso3 = 'KOR' AND vintage_id = 1"], "060_finite_values", /KOR \d+ = -999/],
    [
      "a vintage whose row counts lie",
      ["UPDATE vintage_log SET rows_rejected = rows_rejected + 1 WHERE vintage_id = 3"],
      "070_vintage_row_counts",
      /vintage 3 \(wdi\) records 3 values, \d+ aggregate values, 6 rejected rows; present: 3, \d+, 5/
    ],
    [
      "a value outside the catalogue bounds",
      ["UPDATE observation_log SET value = 140 WHERE indicator_id = 'IT.NET.USER.ZS' AND vintage_id = 3 AND country_iso3 = 'MEX'"],
      "080_values_within_catalogue_bounds",
      /IT\.NET\.USER\.ZS MEX \d+ = 140\.0 is outside \[0\.0, 100\.0\]/
    ]
  ]
  for (const [name, tamper, id, message] of tamperings) {
    it(`fails on ${name}`, async () => {
      const results = await checkAfter(db, tamper)
      const failed = failing(results)
      const problems: Array<string> = []
      if (!(id in failed)) problems.push(`${id} did not fail; failing: ${JSON.stringify(failed)}`)
      else if (!message.test(failed[id])) problems.push(`${id}: ${failed[id]} does not match ${message}`)
      if (!integrityFailed(results)) problems.push("integrityFailed is false")
      expect(verdict(`check/${id}/${name}`, problems)).toEqual([])
    })
  }

  it("an interrupted run is a warning, not a failure", async () => {
    const results = await checkAfter(db, ["INSERT INTO run_log VALUES (99, TIMESTAMP '2026-01-01 00:00:00', NULL, 'manual', 'mirror', 'running')"])
    expect(failing(results)).toEqual({ "090_interrupted_runs": expect.stringMatching(/run 99 started 2026-01-01 00:00:00 never finished/) })
    expect(integrityFailed(results)).toBe(false)
    expect(formatIntegrity(results)).toMatch(/WARN .*1 violation/)
  })

  it("the CLI exits 0 on a clean warehouse and 1 with the failing check on a corrupted one", async () => {
    const clean = await run(join(repo, "bin", "brecha"), ["check", "--db", db])
    expect(clean.stdout).toMatch(/all invariants hold/)
    const bad = tempDbPath("bad")
    copyFileSync(db, bad)
    const runtime = ManagedRuntime.make(Warehouse.layer({ path: bad }))
    await runtime.runPromise(Warehouse.use((wh) => wh.run("UPDATE vintage_log SET rows_loaded = 0 WHERE vintage_id = 1")))
    await runtime.dispose()
    const failure = await run(join(repo, "bin", "brecha"), ["check", "--db", bad]).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stdout).toMatch(/FAIL {2}each vintage's recorded row counts match the rows present — 1 violation/)
    expect(failure?.stdout).toMatch(/vintage 1 \(wdi\) records 0 values/)
    expect(failure?.stderr).toMatch(/breaks its invariants/)
  })
})
