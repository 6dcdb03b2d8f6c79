// Where the real publisher files are. CI always has ../shared/data/raw; a test that needs it
// fails there when it is missing, and elsewhere is skipped with a message saying why.
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"

export const rawDir = resolve(process.env.BRECHA_RAW ?? join(import.meta.dirname, "..", "..", "..", "shared", "data", "raw"))
export const hasRaw = existsSync(join(rawDir, "PROVENANCE.md"))

if (!hasRaw) {
  if (process.env.CI === "true") throw new Error(`CI: the real publisher files are missing at ${rawDir}`)
  console.warn(`SKIPPED: tests over the real publisher files (none at ${rawDir}; set BRECHA_RAW)`)
}

export const raw = (...parts: Array<string>): string => join(rawDir, ...parts)
export const fixture = (...parts: Array<string>): string => join(import.meta.dirname, "..", "fixtures", ...parts)
