// A fingerprint of everything the catalogue sync reads: the files under data/catalog, the
// settings file and the environment overrides. Equal fingerprints mean nothing to sync.
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { defaultNationalDir, defaultTargetsFile, nationalYamlFiles } from "./national.ts"
import { defaultCatalogDir } from "./read.ts"
import { defaultSettingsFile } from "./settings.ts"

const filesUnder = (dir: string): Array<string> =>
  !existsSync(dir) ? [] : readdirSync(dir).sort().flatMap((name) => {
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
  for (const key of ["BRECHA_FOCUS", "BRECHA_PEERS"]) hash.update(`${key}=${process.env[key] ?? ""}\n`)
  return hash.digest("hex")
}
