// Brings the warehouse's copy of data/catalog and the settings up to date, unless nothing
// changed since the last sync (by fingerprint): parsing the YAML is most of a no-op refresh's
// work otherwise. A sync into a fresh warehouse takes the parsed catalogue from the cache
// when the same files were parsed before (pipelines/catalog/cache.ts).
import { Effect } from "effect"
import { Warehouse } from "../warehouse/Warehouse.ts"
import { readCatalogCached } from "./cache.ts"
import { catalogFingerprint } from "./fingerprint.ts"
import { defaultCatalogDir } from "./read.ts"
import { syncCatalog } from "./sync.ts"

/** One transaction: the catalogue tables and the fingerprint they were made from. */
export const syncCatalogFromDisk = Effect.gen(function* () {
  const wh = yield* Warehouse
  const fingerprint = catalogFingerprint()
  const current = yield* wh.query<{ value: string }>("SELECT value FROM warehouse_meta WHERE key = 'catalog'")
  if (current[0]?.value === fingerprint) return
  const catalog = yield* readCatalogCached(fingerprint, defaultCatalogDir())
  yield* wh.transaction((tx) =>
    Effect.gen(function* () {
      yield* syncCatalog(tx, catalog)
      yield* tx.run("INSERT OR REPLACE INTO warehouse_meta VALUES ('catalog', ?)", [fingerprint])
    })
  )
})
