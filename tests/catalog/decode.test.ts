// The catalogue files are decoded, not cast: an entry of the wrong shape fails naming the
// file, the entry and the field, and the settings file likewise.
import { Effect } from "effect"
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { defaultCatalogDir, readCatalog } from "../../pipelines/catalog/read.ts"
import { defaultSettingsFile, readSettings } from "../../pipelines/catalog/settings.ts"

/** A copy of data/catalog with one file edited. */
const catalogWith = (file: string, edit: (text: string) => string) => {
  const dir = mkdtempSync(join(tmpdir(), "brecha-catalog-"))
  cpSync(defaultCatalogDir(), dir, { recursive: true })
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")))
  return dir
}
const failure = async <A, E extends { message: string }>(effect: Effect.Effect<A, E>) => {
  const result = await Effect.runPromise(Effect.result(effect))
  if (result._tag === "Success") throw new Error("expected a failure")
  return result.failure.message
}

describe("catalogue decoding", () => {
  it("reads data/catalog as it is", async () => {
    const catalog = await Effect.runPromise(readCatalog())
    expect(catalog.indicators.length).toBeGreaterThan(100)
    expect(catalog.indicators.every((i) => Array.isArray(i.tracks))).toBe(true)
    expect(catalog.frameworks.map((f) => f.id)).toContain("dgpf")
  })

  it("names the file, the entry and the field of an indicator with an unknown pillar", async () => {
    const dir = catalogWith("indicators/wdi.yaml", (t) => t.replace(/pillar: connectivity/, "pillar: plumbing"))
    const message = await failure(readCatalog(dir))
    expect(message).toContain(join(dir, "indicators", "wdi.yaml"))
    expect(message).toMatch(/entry 1 \(id [^)]+\): pillar: expected "connectivity" \| "data_capability"/)
  })

  it("names a bound that is not a number and a link without its recommendation", async () => {
    const bound = await failure(readCatalog(catalogWith("indicators/wdi.yaml", (t) => t.replace(/valid_max: 100/, "valid_max: a hundred"))))
    expect(bound).toMatch(/wdi\.yaml: entry \d+ \(id [^)]+\): valid_max: /)
    const link = await failure(readCatalog(catalogWith("indicators/wdi.yaml", (t) => t.replace(/- rec: /, "- recommendation: "))))
    expect(link).toMatch(/entry \d+ \(id [^)]+\): tracks\[0\]\.rec: missing key/)
  })

  it("names a peer group whose members are not a list", async () => {
    const message = await failure(readCatalog(catalogWith("peer_groups.yaml", (t) => t.replace("members: [MEX, CHL, COL, CRI]", "members: MEX"))))
    expect(message).toMatch(/peer_groups\.yaml: entry 1 \(id latam_oecd\): members: expected array/)
  })
})

describe("settings decoding", () => {
  const settingsWith = (edit: (text: string) => string) => {
    const file = join(mkdtempSync(join(tmpdir(), "brecha-settings-")), "settings.yaml")
    writeFileSync(file, edit(readFileSync(defaultSettingsFile(), "utf8")))
    return file
  }
  it("names a status parameter that is text, and a peer list that is not a list", async () => {
    const file = settingsWith((t) => t.replace(/target_year: 2030/, "target_year: soon"))
    const message = await failure(readSettings(file, {}))
    expect(message).toContain(file)
    expect(message).toMatch(/status\.target_year must be a number/)
    expect(
      await failure(
        readSettings(
          settingsWith((t) => t.replace(/^peers: .*$/m, "peers: {a: 1}")),
          {}
        )
      )
    ).toMatch(/peers: expected array/)
  })
})
