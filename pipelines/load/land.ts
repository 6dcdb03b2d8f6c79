// Lands a local file: reads its bytes once and fingerprints them (sha256), which is what
// decides whether a retrieval is a new vintage.
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync, statSync } from "node:fs"
import { resolve } from "node:path"
import { InputMissingError } from "../errors.ts"
import type { LandedFile, Source } from "../source.ts"

export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

export const landLocalFile = (sourceId: string, path: string, unit: string, retrievedAt = new Date()) =>
  Effect.try({
    try: (): LandedFile => {
      const full = resolve(path)
      if (!statSync(full).isFile()) throw new Error("not a regular file")
      const bytes = readFileSync(full)
      return { unit, origin: full, path: full, bytes, sha256: sha256(bytes), retrievedAt }
    },
    catch: (cause) => new InputMissingError({ sourceId, path, detail: cause instanceof Error ? cause.message.replace(/^[A-Z]+: /, "") : String(cause) })
  })

/** Lands a local file the way its source wants (`landLocal`), else by its bytes alone. */
export const landForSource = (source: Source, path: string, unit: string) =>
  source.landLocal ? source.landLocal(path, unit) : landLocalFile(source.id, path, unit)
