// The bundled snapshot: written from a warehouse, restored into an empty one, it gives the
// same current values; restoring twice adds nothing.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { restoreSnapshot, writeSnapshot } from "../../pipelines/snapshot.ts"
import { fixture } from "../support/raw.ts"
import { ingest, query, runWith, tempDbPath } from "../support/warehouse.ts"

const current = (db: string) => query(db, "SELECT indicator_id, country_iso3, year, value, flag, source_id FROM observations ORDER BY ALL")

describe("snapshot", () => {
  it("round-trips current values and provenance, and restores idempotently", async () => {
    const source = tempDbPath("source")
    await ingest(source, "wdi", fixture("wdi", "API_IT.NET.BBND.P2_DS2_original.csv"))
    await ingest(source, "wdi", fixture("wdi", "long", "it.net.bbnd.p2", "data.csv"))
    const dir = join(mkdtempSync(join(tmpdir(), "brecha-snap-")), "snapshot")
    const manifest = await runWith(source, writeSnapshot(dir))
    expect(manifest.vintages).toHaveLength(2)

    const target = tempDbPath("target")
    const restored = await runWith(target, restoreSnapshot({ dir }))
    expect(restored).toEqual({ wdi: 2 })
    expect(await current(target)).toEqual(await current(source))
    const vintages = await query<{ origin: string; released_at: string | null; status_reason: string }>(
      target,
      "SELECT origin, CAST(released_at AS VARCHAR) AS released_at, status_reason FROM vintages ORDER BY vintage_id"
    )
    expect(vintages[0].released_at).toBe("2021-03-04")
    expect(vintages[0].origin).toMatch(/API_IT.NET.BBND.P2_DS2_original.csv$/)
    expect(vintages[0].status_reason).toBe("restored from the bundled snapshot")
    expect(await query(target, "SELECT count(*)::INT AS n FROM revisions")).toEqual([{ n: 3 }])

    expect(await runWith(target, restoreSnapshot({ dir }))).toEqual({})
    expect(await query(target, "SELECT count(*)::INT AS n FROM vintages")).toEqual([{ n: 2 }])
  })

  it("says clearly when there is no snapshot", async () => {
    const db = tempDbPath()
    await expect(runWith(db, restoreSnapshot({ dir: join(tmpdir(), "no-such-snapshot") }))).rejects.toThrow(/no bundled snapshot/)
  })
})

describe("the bundled snapshot in data/snapshot", () => {
  it("restores into an empty warehouse with Mexico's headline figures, every indicator catalogued", async () => {
    const db = tempDbPath("bundled")
    const restored = await runWith(db, restoreSnapshot())
    expect(Object.keys(restored).length).toBeGreaterThanOrEqual(10)
    const mex = await query<{ indicator_id: string; value: number }>(
      db,
      `
      SELECT indicator_id, value FROM observations WHERE country_iso3 = 'MEX'
        AND ((indicator_id = 'IT.NET.BBND.P2' AND year = 2024) OR (indicator_id = 'OECD.DGI' AND year = 2023) OR (indicator_id = 'UN.EGDI' AND year = 2024))
      ORDER BY indicator_id`
    )
    expect(mex.map((r) => r.indicator_id)).toEqual(["IT.NET.BBND.P2", "OECD.DGI", "UN.EGDI"])
    expect(mex[1].value).toBeCloseTo(0.536, 3)
    const uncatalogued = await query(
      db,
      "SELECT DISTINCT indicator_id FROM observations WHERE indicator_id NOT IN (SELECT indicator_id FROM catalog_indicators)"
    )
    expect(uncatalogued).toEqual([])
    const origins = await query<{ origin: string }>(db, "SELECT origin FROM vintages WHERE origin LIKE '/%'")
    expect(origins).toEqual([])
  })
})
