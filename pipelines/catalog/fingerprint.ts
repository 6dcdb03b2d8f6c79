// A fingerprint of everything the catalogue sync reads: the files under data/catalog, the
// settings file, the environment overrides and the source registry's declarations. Equal fingerprints mean nothing to sync.
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { defaultCatalogDir } from "./read.ts"
import { defaultSettingsFile } from "./settings.ts"
import { environment, readEnv } from "../environment.ts"
import { registryFingerprintText } from "./sources.ts"

const filesUnder = (dir: string): Array<string> =>
  !existsSync(dir) ? [] : readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

export const catalogFingerprint = (catalogDir: string = defaultCatalogDir(), settingsFile: string = defaultSettingsFile()): string => {
  const hash = createHash("sha256")
  for (const file of filesUnder(catalogDir)) hash.update(`${relative(catalogDir, file)}\n`).update(readFileSync(file))
  if (existsSync(settingsFile)) hash.update("settings\n").update(readFileSync(settingsFile))
  for (const v of [environment.focus, environment.peers]) hash.update(`${v.name}=${readEnv(v) ?? ""}\n`)
  // catalog_sources also holds what the registry declares (live endpoints, final editions).
  hash.update("registry\n").update(registryFingerprintText())
  return hash.digest("hex")
}
