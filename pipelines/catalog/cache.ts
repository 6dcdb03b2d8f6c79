// The parsed catalogue, kept as JSON beside Node's compile cache (node_modules/.cache/brecha).
// Reading data/catalog means parsing some 450 KB of YAML and decoding every entry: 0.2–0.3 s
// on a small machine, paid by every sync into a fresh warehouse (the warehouse keeps its own
// fingerprint, so an existing one skips the sync altogether). A cached catalogue is used only
// under the same key, a hash of everything it was made from: the catalogue fingerprint (every
// file the sync reads, the settings, the national folder, the targets, the environment
// overrides), the catalogue folder's path, the source of the code that parses and decodes it,
// and the versions of the libraries that code uses. Any change is a new key: the catalogue is
// read again. A catalogue that JSON cannot carry exactly is never cached; a cache that cannot
// be read or written is no cache.
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { isDeepStrictEqual } from "node:util"
import type { CatalogError } from "../errors.ts"
import { readCatalog } from "./read.ts"
import type { Catalog } from "./types.ts"

const pipelinesDir = join(import.meta.dirname, "..")
const cacheDir = join(pipelinesDir, "..", "node_modules", ".cache", "brecha")
/** Catalogues kept (several checkouts or test folders may share the cache). */
const keep = 8

/** The code a catalogue is parsed and decoded with: a change to it must not reuse an older parse. */
const readerCode = (): Array<string> => [
  ...readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(import.meta.dirname, f)),
  ...["decode.ts", "errors.ts", "environment.ts", "files/csv.ts", "files/text.ts"].map((f) => join(pipelinesDir, f))
]
const libraries = ["effect", "yaml", "papaparse"]

/** The cache key of a catalogue, or undefined when the code or a library version cannot be read (no caching then). */
const cacheKey = (fingerprint: string, catalogDir: string): string | undefined => {
  try {
    const hash = createHash("sha256").update(`${fingerprint}\n${catalogDir}\n`)
    for (const file of readerCode()) hash.update(`${file}\n`).update(readFileSync(file))
    const require = createRequire(import.meta.url)
    for (const name of libraries) hash.update(`${name}\n`).update(readFileSync(require.resolve(`${name}/package.json`)))
    return hash.digest("hex")
  } catch {
    return undefined
  }
}

const cachedFile = (key: string) => join(cacheDir, `catalog-${key}.json`)

/** Where the catalogue with these files would be cached (undefined: not cached). */
export const catalogCachePath = (fingerprint: string, catalogDir: string): string | undefined => {
  const key = cacheKey(fingerprint, catalogDir)
  return key === undefined ? undefined : cachedFile(key)
}

const readCached = (key: string): Catalog | undefined => {
  try {
    return JSON.parse(readFileSync(cachedFile(key), "utf8")) as Catalog
  } catch {
    return undefined
  }
}

/** Writes atomically (a reader never sees half a file), then keeps only the newest few. */
const writeCached = (key: string, catalog: Catalog): void => {
  const text = JSON.stringify(catalog)
  if (!isDeepStrictEqual(JSON.parse(text), catalog)) return
  try {
    mkdirSync(cacheDir, { recursive: true })
    const temporary = `${cachedFile(key)}.${process.pid}.tmp`
    writeFileSync(temporary, text)
    renameSync(temporary, cachedFile(key))
    const kept = readdirSync(cacheDir)
      .filter((f) => /^catalog-[0-9a-f]{64}\.json$/.test(f))
      .map((f) => ({ path: join(cacheDir, f), at: statSync(join(cacheDir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at)
    for (const old of kept.slice(keep)) rmSync(old.path, { force: true })
  } catch {
    // A read-only installation, a full disk: the catalogue is simply read next time too.
  }
}

/**
 * The catalogue whose files have `fingerprint` (catalogFingerprint()): from the cache when it
 * was parsed before under the same key, else read from the files (and cached).
 */
export const readCatalogCached = (fingerprint: string, catalogDir: string): Effect.Effect<Catalog, CatalogError> =>
  Effect.gen(function* () {
    const key = cacheKey(fingerprint, catalogDir)
    const cached = key === undefined ? undefined : readCached(key)
    if (cached !== undefined) return cached
    const catalog = yield* readCatalog(catalogDir)
    if (key !== undefined) writeCached(key, catalog)
    return catalog
  })
