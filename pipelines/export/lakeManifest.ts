// `_brecha_manifest.json`: what a lake export holds, written last. Readers (and the next
// export) trust a file only through it: schema, rows, partition column, and for every file
// its size, sha256 and the vintages it covers.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { LakeColumn } from "./lakeTables.ts"

export const manifestName = "_brecha_manifest.json"
export const lakeFormat = "brecha-lake/1"

export interface VintageRange {
  readonly min: number
  readonly max: number
}

export interface LakeFile {
  /** Relative to the lake folder, with forward slashes. */
  readonly path: string
  /** The partition value (null for an unpartitioned table). */
  readonly partition: string | null
  readonly rows: number
  readonly bytes: number
  readonly sha256: string
  readonly vintages: VintageRange | null
  /** When this file was written (an unchanged partition keeps its earlier file and time). */
  readonly written_at: string
  /** Content fingerprint of the rows (column types included): equal means no rewrite needed. */
  readonly fingerprint: string
}

export interface LakeTableEntry {
  readonly name: string
  readonly partition_column: string | null
  readonly schema: ReadonlyArray<LakeColumn>
  readonly rows: number
  readonly vintages: VintageRange | null
  readonly files: ReadonlyArray<LakeFile>
}

export interface LakeManifest {
  readonly format: typeof lakeFormat
  readonly generated_at: string
  readonly generated_by: string
  readonly vintages: (VintageRange & { readonly count: number }) | null
  readonly tables: ReadonlyArray<LakeTableEntry>
}

/** The manifest in `dir`, undefined when there is none, or a reason it is not a brecha manifest. */
export const readLakeManifest = (dir: string): LakeManifest | undefined | { readonly problem: string } => {
  const path = join(dir, manifestName)
  if (!existsSync(path)) return undefined
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { format?: unknown; tables?: unknown }
    if (parsed.format !== lakeFormat || !Array.isArray(parsed.tables)) {
      return { problem: `${manifestName} is not a ${lakeFormat} manifest (format ${JSON.stringify(parsed.format)})` }
    }
    return parsed as LakeManifest
  } catch (e) {
    return { problem: `${manifestName} cannot be read: ${(e as Error).message}` }
  }
}

export const renderManifest = (manifest: LakeManifest): string => JSON.stringify(manifest, null, 1) + "\n"
