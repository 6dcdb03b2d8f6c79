// Opening a warehouse skips work that is already done, and never uses a stale result: the
// DDL is applied only when its fingerprint differs from the one kept in warehouse_meta (in
// one transaction, so a failing statement leaves the previous schema), and the catalogue is
// synced only when a file it is read from changed.
import { Effect, Layer } from "effect"
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { catalogCachePath, readCatalogCached } from "../../pipelines/catalog/cache.ts"
import { catalogFingerprint } from "../../pipelines/catalog/fingerprint.ts"
import { syncCatalogFromDisk } from "../../pipelines/catalog/syncFromDisk.ts"
import { defaultCatalogDir, readCatalog } from "../../pipelines/catalog/read.ts"
import { applySchema, ddlFiles, type DdlFile, schemaFingerprint } from "../../pipelines/warehouse/schema.ts"
import { Warehouse } from "../../pipelines/warehouse/Warehouse.ts"
import { tempDbPath } from "../support/warehouse.ts"

const withWarehouse = <A, E>(path: string, program: Effect.Effect<A, E, Warehouse>): Promise<A> =>
  Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(Warehouse.layer({ path })))))

const meta = (key: string) =>
  Effect.gen(function* () {
    const rows = yield* (yield* Warehouse).query<{ value: string }>("SELECT value FROM warehouse_meta WHERE key = ?", [key])
    return rows[0]?.value
  })

const viewNames = Effect.gen(function* () {
  const rows = yield* (yield* Warehouse).query<{ view_name: string }>("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")
  return rows.map((r) => r.view_name)
})

const probe = (text: string): DdlFile => ({ name: "views/999_probe.sql", text })

describe("warehouse open: the schema", () => {
  it("a fresh warehouse gets every view and the fingerprint of the DDL it was given", async () => {
    const db = tempDbPath("schema")
    const { fingerprint, views } = await withWarehouse(db, Effect.all({ fingerprint: meta("schema"), views: viewNames }))
    expect(fingerprint).toBe(schemaFingerprint(ddlFiles()))
    expect(views).toEqual(expect.arrayContaining(["observations", "revisions", "changes", "source_freshness", "indicator_status", "focus_status"]))
  })

  it("changed DDL is applied at the next open; the same DDL again is not re-applied", async () => {
    const db = tempDbPath("schema")
    const first = [...ddlFiles(), probe("CREATE OR REPLACE VIEW startup_probe AS SELECT 1 AS x;")]
    const second = [...ddlFiles(), probe("CREATE OR REPLACE VIEW startup_probe AS SELECT 2 AS x;")]
    const x = Effect.gen(function* () {
      const rows = yield* (yield* Warehouse).query<{ x: number }>("SELECT x FROM startup_probe")
      return rows[0].x
    })
    await withWarehouse(
      db,
      Effect.gen(function* () {
        const wh = yield* Warehouse
        yield* applySchema(wh, first)
        expect(yield* x).toBe(1)
        // Same DDL: skipped (the view dropped by hand stays dropped).
        yield* wh.run("DROP VIEW startup_probe")
        yield* applySchema(wh, first)
        expect(yield* viewNames).not.toContain("startup_probe")
        // Changed DDL: applied.
        yield* applySchema(wh, second)
        expect(yield* x).toBe(2)
        expect(yield* meta("schema")).toBe(schemaFingerprint(second))
      })
    )
  })

  it("a statement that fails leaves the previous schema, fingerprint and catalogue sync as they were", async () => {
    const db = tempDbPath("schema")
    const before = await withWarehouse(
      db,
      Effect.gen(function* () {
        yield* syncCatalogFromDisk
        return { schema: yield* meta("schema"), catalog: yield* meta("catalog") }
      })
    )
    expect(before.catalog).toBeDefined()
    const broken = [
      ...ddlFiles(),
      { name: "views/998_fine.sql", text: "CREATE OR REPLACE VIEW startup_fine AS SELECT 1 AS x;" },
      { name: "views/999_broken.sql", text: "CREATE OR REPLACE VIEW startup_broken AS SELECT * FROM no_such_table;" }
    ]
    const after = await withWarehouse(
      db,
      Effect.gen(function* () {
        const failure = yield* Effect.flip(applySchema(yield* Warehouse, broken))
        return { failure, schema: yield* meta("schema"), catalog: yield* meta("catalog"), views: yield* viewNames }
      })
    )
    expect(after.failure._tag).toBe("WarehouseError")
    expect(after.failure.message).toMatch(/no_such_table/)
    expect(after.views).not.toContain("startup_fine")
    expect(after.schema).toBe(before.schema)
    expect(after.catalog).toBe(before.catalog)
  })

  it("a warehouse made by an earlier schema (a column missing, another fingerprint) is brought up to date", async () => {
    const db = tempDbPath("schema")
    await withWarehouse(
      db,
      Effect.gen(function* () {
        yield* syncCatalogFromDisk
        const wh = yield* Warehouse
        yield* wh.run("ALTER TABLE catalog_indicators DROP COLUMN missing_codes_are_values")
        yield* wh.run("UPDATE warehouse_meta SET value = 'an earlier schema' WHERE key = 'schema'")
      })
    )
    const columns = await withWarehouse(
      db,
      Effect.gen(function* () {
        yield* syncCatalogFromDisk
        return yield* (yield* Warehouse).query<{ n: number; set: number }>(
          "SELECT count(*) AS n, count(missing_codes_are_values) AS set FROM catalog_indicators"
        )
      })
    )
    expect(columns[0].n).toBeGreaterThan(100)
    // The column is back, and the catalogue was synced again to fill it.
    expect(columns[0].set).toBe(columns[0].n)
  })
})

describe("warehouse open: the catalogue", () => {
  const saved = process.env.BRECHA_CATALOG
  afterEach(() => {
    if (saved === undefined) delete process.env.BRECHA_CATALOG
    else process.env.BRECHA_CATALOG = saved
  })

  it("a changed catalogue file is picked up by the next sync; an unchanged one is not re-read", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "brecha-catalog-")), "catalog")
    cpSync(defaultCatalogDir(), dir, { recursive: true })
    process.env.BRECHA_CATALOG = dir
    const db = tempDbPath("catalog")
    const nameOf = Effect.gen(function* () {
      yield* syncCatalogFromDisk
      const rows = yield* (yield* Warehouse).query<{ name_en: string }>("SELECT name_en FROM catalog_indicators WHERE indicator_id = 'IT.NET.USER.ZS'")
      return rows[0].name_en
    })
    expect(await withWarehouse(db, nameOf)).toBe("Individuals using the internet (% of population)")

    // Unchanged files: the sync is skipped (an edit made in the warehouse by hand survives it).
    await withWarehouse(
      db,
      Effect.flatMap(Warehouse, (wh) => wh.run("UPDATE catalog_indicators SET name_en = 'edited' WHERE indicator_id = 'IT.NET.USER.ZS'"))
    )
    expect(await withWarehouse(db, nameOf)).toBe("edited")

    // A changed file: synced again, from the file.
    const file = join(dir, "indicators", "wdi.yaml")
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("name_en: Individuals using the internet (% of population)", "name_en: People online (% of population)")
    )
    expect(await withWarehouse(db, nameOf)).toBe("People online (% of population)")
  })

  it("the parsed catalogue is cached exactly; a changed file is read again, in a fresh warehouse too", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "brecha-catalog-")), "catalog")
    cpSync(defaultCatalogDir(), dir, { recursive: true })
    process.env.BRECHA_CATALOG = dir
    const before = catalogFingerprint()
    const cacheFile = catalogCachePath(before, dir)
    expect(cacheFile).toBeDefined()
    expect(existsSync(cacheFile!)).toBe(false)
    const read = await Effect.runPromise(readCatalog(dir))
    expect(await Effect.runPromise(readCatalogCached(before, dir))).toEqual(read)
    expect(existsSync(cacheFile!)).toBe(true)
    // From the cache: the same catalogue, value for value.
    expect(await Effect.runPromise(readCatalogCached(before, dir))).toStrictEqual(read)

    const nameIn = (db: string) =>
      withWarehouse(
        db,
        Effect.gen(function* () {
          yield* syncCatalogFromDisk
          const rows = yield* (yield* Warehouse).query<{ name_en: string }>("SELECT name_en FROM catalog_indicators WHERE indicator_id = 'IT.NET.USER.ZS'")
          return rows[0].name_en
        })
      )
    expect(await nameIn(tempDbPath("catalog"))).toBe("Individuals using the internet (% of population)")
    const file = join(dir, "indicators", "wdi.yaml")
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("name_en: Individuals using the internet (% of population)", "name_en: People online (% of population)")
    )
    expect(catalogFingerprint()).not.toBe(before)
    expect(await nameIn(tempDbPath("catalog"))).toBe("People online (% of population)")

    // A damaged cache file is no cache: the files are read again.
    const now = catalogFingerprint()
    writeFileSync(catalogCachePath(now, dir)!, "{ not json")
    expect((await Effect.runPromise(readCatalogCached(now, dir))).indicators.find((i) => i.id === "IT.NET.USER.ZS")?.name_en).toBe(
      "People online (% of population)"
    )
  })
})
