// Lands a local file: fingerprints its bytes (sha256), which is what decides whether a
// retrieval is a new vintage. The file is hashed in chunks and never held whole: a bulk
// file is for DuckDB to read.
import { Effect } from "effect"
import { createHash, type Hash } from "node:crypto"
import { statSync } from "node:fs"
import { resolve } from "node:path"
import { InputMissingError } from "../errors.ts"
import { asFileBytes, diskBytes, type FileBytes } from "../files/fileBytes.ts"
import type { LandedFile, Source } from "../source.ts"

/** Feeds bytes, or a file chunk by chunk, to a hash. */
export const hashChunks = (hash: Hash, input: Uint8Array | FileBytes): Hash => {
  for (const chunk of asFileBytes(input).chunks()) hash.update(chunk)
  return hash
}

export const sha256 = (input: Uint8Array | FileBytes): string => hashChunks(createHash("sha256"), input).digest("hex")

/**
 * A LandedFile over its content. Built field by field: spreading a FileBytes would read
 * its `bytes` getter, that is the whole file.
 */
export const landedFile = (fields: Omit<LandedFile, keyof FileBytes>, content: FileBytes): LandedFile => ({
  ...fields,
  size: content.size,
  head: content.head,
  tail: content.tail,
  chunks: content.chunks,
  get bytes() {
    return content.bytes
  }
})

export const landLocalFile = (sourceId: string, path: string, unit: string, retrievedAt = new Date()) =>
  Effect.try({
    try: (): LandedFile => {
      const full = resolve(path)
      const stat = statSync(full)
      if (!stat.isFile()) throw new Error("not a regular file")
      const content = diskBytes(full, stat.size)
      return landedFile({ unit, origin: full, path: full, sha256: sha256(content), retrievedAt }, content)
    },
    catch: (cause) => new InputMissingError({ sourceId, path, detail: cause instanceof Error ? cause.message.replace(/^[A-Z]+: /, "") : String(cause) })
  })

/** Lands a local file the way its source wants (`landLocal`), else by its bytes alone. */
export const landForSource = (source: Source, path: string, unit: string) =>
  source.landLocal ? source.landLocal(path, unit) : landLocalFile(source.id, path, unit)
