// A user's own indicators: a folder (data/national, --national DIR, BRECHA_NATIONAL) where
// each indicator is `<ID>.csv` (country_iso3,year,value[,flag]) beside `<ID>.yaml` (its
// catalogue entry, pipelines/catalog/national.ts). It is the user's data, not a publisher's,
// so it is read strictly: one bad cell, a repeated (country, year) or a YAML mistake refuses
// the whole file with its line and field, and nothing of it is loaded.
//
// Neither live nor final: a local source with no publisher endpoint; refresh reads its
// folder in every mode (see `localFolder`).
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { readFileSync, statSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import Papa from "papaparse"
import { defaultNationalDir, readNationalIndicator } from "../catalog/national.ts"
import { InputMissingError, SourceFormatError } from "../errors.ts"
import { diskBytes } from "../files/fileBytes.ts"
import { decodeText } from "../files/text.ts"
import { hashChunks, landedFile } from "../load/land.ts"
import type { LandedFile, Source, StagedRow } from "../source.ts"

const id = "national"
const required = ["country_iso3", "year", "value"] as const
const allowed = new Set<string>([...required, "flag"])
/** The flags a value may carry (the same words the publishers' files are mapped to). */
export const nationalFlags: ReadonlyArray<string> = ["estimate", "provisional", "break", "derived"]

/** The YAML of a national CSV: `<ID>.yaml` in the same folder. */
export const yamlBeside = (csvPath: string): string => join(dirname(csvPath), basename(csvPath).replace(/\.csv$/i, "") + ".yaml")

/**
 * Lands a national CSV with its YAML: the fingerprint covers both files, so a change to
 * either is a new vintage (and the YAML is validated again).
 */
export const landNational = (path: string, unit: string, retrievedAt = new Date()) =>
  Effect.try({
    try: (): LandedFile => {
      const full = resolve(path)
      const stat = statSync(full)
      if (!stat.isFile()) throw new Error("not a regular file")
      const content = diskBytes(full, stat.size)
      const hash = hashChunks(createHash("sha256"), content)
      const yaml = yamlBeside(full)
      try {
        hash.update("\0yaml\0").update(readFileSync(yaml))
      } catch {
        // A missing YAML is refused when the file is staged, with its own message.
      }
      return landedFile({ unit, origin: full, path: full, sha256: hash.digest("hex"), retrievedAt }, content)
    },
    catch: (cause) => new InputMissingError({ sourceId: id, path, detail: cause instanceof Error ? cause.message.replace(/^[A-Z]+: /, "") : String(cause) })
  })

export const national: Source = {
  id,
  title: "National indicators (the user's own administrative data)",
  publisher: "set per indicator in its YAML file",
  licence: "set per indicator in its YAML file",
  homepage: "docs/national.md",
  mirror: ["*.csv"],
  localFolder: () => defaultNationalDir(),
  landLocal: landNational,
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const where = { sourceId: id, file: file.origin }
      const fail = (problem: string, line?: number, column?: string) =>
        new SourceFormatError({ ...where, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), problem })
      if (!/\.csv$/i.test(file.path)) return yield* fail("a national indicator's values are a .csv file named after its id (NAT.X.csv)")
      const indicatorId = basename(file.path).replace(/\.csv$/i, "")

      // The catalogue entry beside it, validated as the catalogue sync does.
      const recs = yield* ctx.sql.query<{ id: string }>("SELECT recommendation_id AS id FROM catalog_recommendations")
      const yamlFile = yamlBeside(file.path)
      const entry = yield* readNationalIndicator(yamlFile, new Set(recs.map((r) => r.id))).pipe(
        Effect.mapError((e) => fail(`its YAML ${e.file}${e.field ? `, field "${e.field}"` : ""}: ${e.detail}`, undefined, e.field))
      )
      if (entry.id !== indicatorId) return yield* fail(`the file name says ${indicatorId} but its YAML says ${entry.id}`)

      const text = yield* decodeText(file.bytes, where)
      const parsed = Papa.parse<Array<string>>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false })
      const parseError = parsed.errors.find((e) => e.type !== "Delimiter")
      if (parseError) return yield* fail(parseError.message, (parseError.row ?? 0) + 1)
      // Each record is one line: a line break inside a quoted cell would put every later
      // line number off, and no cell of this format needs one.
      if (parsed.data.some((r) => r.some((c) => /[\r\n]/.test(c)))) return yield* fail("a cell contains a line break")
      const [header, ...records] = parsed.data
      const columns = (header ?? []).map((h) => h.trim())
      for (const name of required)
        if (!columns.includes(name)) return yield* fail(`the header must be country_iso3,year,value[,flag]; "${name}" is missing`, 1, name)
      const extra = columns.find((c) => !allowed.has(c))
      if (extra !== undefined) return yield* fail(`unknown column "${extra}" (the columns are country_iso3,year,value and an optional flag)`, 1, extra)
      const at = (name: string) => columns.indexOf(name)

      const countries = new Set((yield* ctx.sql.query<{ iso3: string }>("SELECT iso3 FROM catalog_countries")).map((c) => c.iso3))
      const seen = new Map<string, number>()
      const rows: Array<StagedRow> = []
      for (const [index, record] of records.entries()) {
        const line = index + 2
        if (record.length === 1 && record[0].trim() === "") continue
        if (record.length !== columns.length) return yield* fail(`the line has ${record.length} fields but the header has ${columns.length}`, line)
        const cell = (name: string) => (at(name) < 0 ? "" : (record[at(name)] ?? "").trim())
        const iso3 = cell("country_iso3")
        if (!countries.has(iso3)) {
          return yield* fail(`"${iso3}" is not an ISO3 code of data/catalog/countries.csv (upper case, e.g. MEX)`, line, "country_iso3")
        }
        const year = cell("year")
        const key = `${iso3}|${year}`
        const first = seen.get(key)
        if (first !== undefined)
          return yield* fail(`${iso3} ${year} is given twice (lines ${first} and ${line}); keep one value per country and year`, line, "year")
        seen.set(key, line)
        const flag = cell("flag")
        if (flag !== "" && !nationalFlags.includes(flag)) {
          return yield* fail(`unknown flag "${flag}" (known: ${nationalFlags.join(", ")}, or empty)`, line, "flag")
        }
        rows.push({ indicator_id: indicatorId, area: iso3, year, value: cell("value"), flag: flag || null, line, field: "value" })
      }
      yield* ctx.stageRows(rows)
      // Every value is validated by the shared rules; `strict` makes any refusal fail the file.
      return { format: "national-csv", releasedAt: null, strict: true, indicatorNames: { [entry.id]: entry.name_en } }
    })
}
