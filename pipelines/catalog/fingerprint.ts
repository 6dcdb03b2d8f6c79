// A fingerprint of everything the catalogue sync reads: the files under data/catalog, the
// settings file, the environment overrides and the source registry's declarations. Equal fingerprints mean nothing to sync.
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { defaultNationalDir, defaultTargetsFile, nationalYamlFiles } from "./national.ts"
import { defaultCatalogDir } from "./read.ts"
import { defaultSettingsFile } from "./settings.ts"
import { environment, readEnv } from "../environment.ts"
import { registryFingerprintText } from "./sources.ts"

const filesUnder = (dir: string): Array<string> =>
  !existsSync(dir)
    ? []
    : readdirSync(dir)
        .sort()
        .flatMap((name) => {
          const path = join(dir, name)
          return statSync(path).isDirectory() ? filesUnder(path) : [path]
        })

export const catalogFingerprint = (catalogDir: string = defaultCatalogDir(), settingsFile: string = defaultSettingsFile()): string => {
  const hash = createHash("sha256")
  for (const file of filesUnder(catalogDir)) hash.update(`${relative(catalogDir, file)}\n`).update(readFileSync(file))
  if (existsSync(settingsFile)) hash.update("settings\n").update(readFileSync(settingsFile))
  // The national folder's YAML files and the targets file are catalogue too.
  const nationalDir = defaultNationalDir()
  hash.update(`national ${nationalDir}\n`)
  for (const file of nationalYamlFiles(nationalDir)) hash.update(`${relative(nationalDir, file)}\n`).update(readFileSync(file))
  const targetsFile = defaultTargetsFile()
  if (existsSync(targetsFile)) hash.update(`targets ${targetsFile}\n`).update(readFileSync(targetsFile))
  for (const v of [environment.focus, environment.peers]) hash.update(`${v.name}=${readEnv(v) ?? ""}\n`)
  // catalog_sources also holds what the registry declares (live endpoints, final editions).
  hash.update("registry\n").update(registryFingerprintText())
  return hash.digest("hex")
}
