// Finds a source's files inside a mirror folder (a local copy of the publishers' files).
import { Effect } from "effect"
import { existsSync, globSync, statSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { InputMissingError } from "../errors.ts"
import type { Source } from "../source.ts"

export interface MirrorFile {
  readonly unit: string
  readonly path: string
}

export const mirrorFiles = (source: Source, mirrorDir: string): Effect.Effect<Array<MirrorFile>, InputMissingError> =>
  Effect.gen(function* () {
    const root = resolve(mirrorDir)
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      return yield* new InputMissingError({ sourceId: source.id, path: root, detail: "the mirror folder does not exist" })
    }
    const found = new Map<string, string>()
    for (const pattern of source.mirror) {
      // Publisher file names carry (, ), %, commas: a pattern without * is a literal path.
      const matches = pattern.includes("*") ? globSync(pattern, { cwd: root }) : existsSync(join(root, pattern)) ? [pattern] : []
      for (const match of matches) {
        const path = join(root, match)
        if (statSync(path).isFile()) found.set(relative(root, path), path)
      }
    }
    if (found.size === 0) {
      return yield* new InputMissingError({
        sourceId: source.id,
        path: root,
        detail: `no file of this source in the mirror (looked for ${source.mirror.join(", ")})`
      })
    }
    return [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unit, path]) => ({ unit, path }))
  })
