// `brecha national init ID` writes the template pair into the national folder given by
// --national; the template is refused until filled in, and once filled it loads with
// `brecha ingest national` and a target from --targets reaches target_status.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/cli.ts"

describe("brecha national init", () => {
  it("writes the template, refuses to overwrite it, and the filled template loads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "brecha-national-cli-"))
    const folder = join(dir, "national")
    const db = join(dir, "w.duckdb")
    const init = await runCli(["national", "init", "NAT.PROCURE_OPEN", "--recommendation", "C4-PROCURE", "--national", folder])
    expect(init.code).toBe(0)
    const yamlFile = join(folder, "NAT.PROCURE_OPEN.yaml")
    const csvFile = join(folder, "NAT.PROCURE_OPEN.csv")
    expect(readFileSync(csvFile, "utf8")).toBe("country_iso3,year,value,flag\n")
    expect(readFileSync(yamlFile, "utf8")).toMatch(/^recommendations: \[C4-PROCURE\]$/m)

    const again = await runCli(["national", "init", "NAT.PROCURE_OPEN", "--national", folder])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already there, left as it is/)
    const badId = await runCli(["national", "init", "PROCURE_OPEN", "--national", folder])
    expect(badId.stderr).toMatch(/must start with "NAT\."/)

    // As written, the template is refused, naming the empty field.
    const unfilled = await runCli(["ingest", "national", csvFile, "--db", db, "--national", folder])
    expect(unfilled.code).toBe(1)
    expect(unfilled.stderr).toMatch(/NAT\.PROCURE_OPEN\.yaml, field "name"/)

    writeFileSync(
      yamlFile,
      readFileSync(yamlFile, "utf8")
        .replace(/^name: .*$/m, 'name: { es: "Gasto en TI por contratación abierta", en: "IT spending through open procurement" }')
        .replace(/^short: .*$/m, 'short: { es: "Contratación abierta", en: "Open procurement" }')
        .replace(/^unit: .*$/m, 'unit: { es: "% del gasto en TI", en: "% of IT spending" }')
        .replace(/^publisher: .*$/m, 'publisher: "Digital government office"')
        .replace(/^licence: .*$/m, 'licence: "CC BY 4.0"')
        .replace(/^source_url: .*$/m, 'source_url: "https://example.org/procurement"')
    )
    writeFileSync(csvFile, "country_iso3,year,value,flag\nMEX,2020,20,\nMEX,2022,26,\nMEX,2024,31,provisional\n")
    const targets = join(dir, "targets.yaml")
    writeFileSync(
      targets,
      '- indicator: NAT.PROCURE_OPEN\n  value: 60\n  year: 2030\n  baseline_year: 2020\n  document: { title: "Plan", url: "https://example.org/plan", date: "2025-03-01" }\n'
    )
    const loaded = await runCli(["ingest", "national", csvFile, "--db", db, "--national", folder, "--targets", targets])
    expect(loaded.stderr).toBe("")
    expect(loaded.stdout).toMatch(/3 values loaded, 0 rejected/)
    const status = await runCli(["sql", "SELECT indicator_id, status, will_meet FROM target_status", "--format", "json", "--db", db])
    // 20 -> 31 over 4 years: (31/20)^(1/4) - 1 = 0.1158; needed (60/20)^(1/10) - 1 = 0.1161: ratio 0.997
    expect(JSON.parse(status.stdout)).toEqual([{ indicator_id: "NAT.PROCURE_OPEN", status: "on_track", will_meet: false }])
  }, 120_000)
})
