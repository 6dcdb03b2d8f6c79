// A user's own indicators (a national folder, data/national by default) and the targets
// file (data/targets.yaml by default): both are read strictly, and an error names the file
// and the key at fault. The catalogue sync adds the national indicators to `indicators` and
// the targets to `targets`; the `national` source re-reads the YAML beside each CSV it loads.
import { Effect } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { basename, join, resolve } from "node:path"
import { pillars, type Indicator, type Pillar, type Target } from "./types.ts"
import { environment, readEnv } from "../environment.ts"
import { CatalogError } from "../errors.ts"
import { loadYaml } from "./yaml.ts"

export const defaultNationalDir = (): string => resolve(readEnv(environment.national) ?? join(import.meta.dirname, "..", "..", "data", "national"))

export const defaultTargetsFile = (): string => resolve(readEnv(environment.targets) ?? join(import.meta.dirname, "..", "..", "data", "targets.yaml"))

/** National indicator ids: `NAT.` then upper-case letters, digits, `_` and `.`. */
export const nationalIdPattern = /^NAT\.[A-Z0-9][A-Z0-9_.]*$/

export const directions = ["higher_is_better", "lower_is_better"] as const

/** Reads a YAML file into a plain value, with the line counter for later messages. */
const parseYamlFile = (file: string) =>
  Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => readFileSync(file, "utf8").replace(/^\uFEFF/, ""),
      catch: (cause) => new CatalogError({ file, detail: `cannot be read: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
    const { LineCounter, parseDocument } = yield* loadYaml
    const lineCounter = new LineCounter()
    const doc = parseDocument(text, { lineCounter })
    if (doc.errors.length > 0) {
      const e = doc.errors[0]
      return yield* new CatalogError({ file, detail: `not valid YAML at line ${e.linePos?.[0].line ?? "?"}: ${e.message.split("\n")[0]}` })
    }
    return doc.toJS() as unknown
  })

type Record_ = Readonly<Record<string, unknown>>
const isRecord = (v: unknown): v is Record_ => typeof v === "object" && v !== null && !Array.isArray(v)
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== ""

/** A `{ es, en }` pair of non-empty texts. */
const bilingual = (file: string, raw: Record_, key: string, optional = false) =>
  Effect.gen(function* () {
    const v = raw[key]
    if (v === undefined || v === null) {
      if (optional) return null
      return yield* new CatalogError({ file, field: key, detail: 'is missing (give { es: "...", en: "..." })' })
    }
    if (!isRecord(v) || !nonEmpty(v.es) || !nonEmpty(v.en)) {
      return yield* new CatalogError({ file, field: key, detail: 'must have a non-empty text in both languages: { es: "...", en: "..." }' })
    }
    return { es: v.es.trim(), en: v.en.trim() }
  })

const requiredBilingual = (file: string, raw: Record_, key: string) => bilingual(file, raw, key).pipe(Effect.map((pair) => pair!))

const text = (file: string, raw: Record_, key: string) =>
  nonEmpty(raw[key]) ? Effect.succeed((raw[key] as string).trim()) : Effect.fail(new CatalogError({ file, field: key, detail: "is missing or empty" }))

const optionalNumber = (file: string, raw: Record_, key: string) =>
  raw[key] === undefined || raw[key] === null
    ? Effect.succeed(null)
    : typeof raw[key] === "number" && Number.isFinite(raw[key])
      ? Effect.succeed(raw[key] as number)
      : Effect.fail(new CatalogError({ file, field: key, detail: `must be a number, not ${JSON.stringify(raw[key])}` }))

/**
 * Validates one national indicator file (`<ID>.yaml`) into a catalogue entry. `knownRecs`
 * are the recommendation area ids of the catalogue.
 */
export const readNationalIndicator = (file: string, knownRecs: ReadonlySet<string>) =>
  Effect.gen(function* () {
    if (!existsSync(file))
      return yield* new CatalogError({
        file,
        detail: "file is missing: every national indicator needs its <ID>.yaml beside its <ID>.csv (`brecha national init ID` writes both)"
      })
    const raw = yield* parseYamlFile(file)
    if (!isRecord(raw)) return yield* new CatalogError({ file, detail: "must be a mapping of keys (id, name, short, unit, direction, ...)" })
    const id = yield* text(file, raw, "id")
    if (!nationalIdPattern.test(id)) {
      return yield* new CatalogError({
        file,
        field: "id",
        detail: `"${id}" must start with "NAT." and use only upper-case letters, digits, "_" and "." (e.g. NAT.PROC_ONLINE)`
      })
    }
    const expected = basename(file).replace(/\.ya?ml$/i, "")
    if (id !== expected)
      return yield* new CatalogError({ file, field: "id", detail: `"${id}" differs from the file name: the files of ${id} are ${id}.yaml and ${id}.csv` })
    const name = yield* requiredBilingual(file, raw, "name")
    const short = yield* requiredBilingual(file, raw, "short")
    const unit = yield* requiredBilingual(file, raw, "unit")
    const direction = yield* text(file, raw, "direction")
    if (!(directions as ReadonlyArray<string>).includes(direction)) {
      return yield* new CatalogError({ file, field: "direction", detail: `"${direction}" is not one of ${directions.join(", ")}` })
    }
    const pillar = yield* text(file, raw, "pillar")
    if (!(pillars as ReadonlyArray<string>).includes(pillar)) {
      return yield* new CatalogError({ file, field: "pillar", detail: `"${pillar}" is not one of ${pillars.join(", ")}` })
    }
    const recs = raw.recommendations
    if (!Array.isArray(recs) || recs.length === 0 || !recs.every(nonEmpty)) {
      return yield* new CatalogError({
        file,
        field: "recommendations",
        detail: "must list the recommendation area ids the indicator tracks, e.g. [C4-STANDARDS]"
      })
    }
    for (const rec of recs as Array<string>) {
      if (!knownRecs.has(rec.trim())) {
        return yield* new CatalogError({ file, field: "recommendations", detail: `"${rec}" is not a recommendation area of data/catalog/recommendations.yaml` })
      }
    }
    const publisher = yield* text(file, raw, "publisher")
    const licence = yield* text(file, raw, "licence")
    const url = yield* text(file, raw, "source_url")
    if (!/^https?:\/\/\S+$/.test(url)) return yield* new CatalogError({ file, field: "source_url", detail: `"${url}" is not an http(s) address` })
    const cadence = yield* text(file, raw, "cadence")
    const definition = yield* bilingual(file, raw, "definition", true)
    const method = yield* bilingual(file, raw, "method", true)
    const validMin = yield* optionalNumber(file, raw, "valid_min")
    const validMax = yield* optionalNumber(file, raw, "valid_max")
    if (validMin !== null && validMax !== null && validMin > validMax) {
      return yield* new CatalogError({ file, field: "valid_max", detail: `${validMax} is below valid_min ${validMin}` })
    }
    const indicator: Indicator = {
      id,
      pillar: pillar as Pillar,
      name_en: name.en,
      name_es: name.es,
      short_en: short.en,
      short_es: short.es,
      ...(definition ? { definition_en: definition.en, definition_es: definition.es } : {}),
      ...(method ? { notes_en: method.en, notes_es: method.es } : {}),
      unit: unit.en,
      unit_en: unit.en,
      unit_es: unit.es,
      higher_is_better: direction === "higher_is_better",
      source_id: "national",
      publisher,
      licence,
      url,
      cadence,
      valid_min: validMin,
      valid_max: validMax,
      tracks: [...new Set((recs as Array<string>).map((r) => r.trim()))].map((rec) => ({
        rec,
        why_en: `Set by ${publisher} in the indicator's file.`,
        why_es: `Indicado por ${publisher} en el archivo del indicador.`
      }))
    }
    return indicator
  })

/** The YAML files of a national folder, sorted (an absent folder has none). */
export const nationalYamlFiles = (dir: string): Array<string> =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => join(dir, f))
    : []

/**
 * The national folder's indicators. A file that does not validate is left out and
 * returned in `problems`: the `national` source refuses its CSV with the same message, so a
 * mistake in one user file never stops the catalogue (and every other source) from syncing.
 */
export const readNationalCatalog = (dir: string, knownRecs: ReadonlySet<string>) =>
  Effect.gen(function* () {
    const indicators: Array<Indicator> = []
    const problems: Array<CatalogError> = []
    for (const file of nationalYamlFiles(dir)) {
      const result = yield* Effect.result(readNationalIndicator(file, knownRecs))
      if (result._tag === "Success") indicators.push(result.success)
      else problems.push(result.failure)
    }
    return { indicators, problems }
  })

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/**
 * Reads the targets file: a list of { indicator, value, year, baseline_year, document:
 * { title, url, date } } with an optional `country` (ISO3; the focus country when absent).
 * `knownIndicators` are the catalogue's ids (open and national). An absent file is no targets.
 */
export const readTargets = (file: string, knownIndicators: ReadonlySet<string>, knownCountries: ReadonlySet<string>) =>
  Effect.gen(function* () {
    if (!existsSync(file)) return [] as Array<Target>
    const raw = yield* parseYamlFile(file)
    if (raw === null || raw === undefined) return [] as Array<Target>
    if (!Array.isArray(raw)) return yield* new CatalogError({ file, detail: "must be a list of targets (- indicator: ..., value: ..., year: ...)" })
    const targets: Array<Target> = []
    const seen = new Set<string>()
    for (const [index, entry] of raw.entries()) {
      const where = `target ${index + 1}`
      const fail = (field: string, detail: string) => Effect.fail(new CatalogError({ file, field: `${where}.${field}`, detail }))
      if (!isRecord(entry)) return yield* fail("indicator", "each target must be a mapping of keys")
      const indicator = nonEmpty(entry.indicator) ? entry.indicator.trim() : ""
      if (!indicator) return yield* fail("indicator", "is missing")
      if (!knownIndicators.has(indicator)) return yield* fail("indicator", `"${indicator}" is not an indicator of the catalogue or of the national folder`)
      const country = entry.country === undefined || entry.country === null ? null : String(entry.country).trim().toUpperCase()
      if (country !== null && !knownCountries.has(country))
        return yield* fail("country", `"${entry.country}" is not an ISO3 code of data/catalog/countries.csv`)
      const value = entry.value
      if (typeof value !== "number" || !Number.isFinite(value)) return yield* fail("value", `must be a number, not ${JSON.stringify(value)}`)
      const year = entry.year
      if (typeof year !== "number" || !Number.isInteger(year) || year < 1950 || year > 2100)
        return yield* fail("year", `must be a whole year between 1950 and 2100, not ${JSON.stringify(year)}`)
      const baseline = entry.baseline_year
      if (typeof baseline !== "number" || !Number.isInteger(baseline) || baseline < 1950)
        return yield* fail("baseline_year", `must be a whole year from 1950, not ${JSON.stringify(baseline)}`)
      if (baseline >= year) return yield* fail("baseline_year", `${baseline} must be before the target year ${year}`)
      const doc = entry.document
      if (!isRecord(doc)) return yield* fail("document", "is missing: give { title, url, date } of the document that set the target")
      if (!nonEmpty(doc.title)) return yield* fail("document.title", "is missing or empty")
      if (!nonEmpty(doc.url) || !/^https?:\/\/\S+$/.test(doc.url.trim()))
        return yield* fail("document.url", `${JSON.stringify(doc.url)} is not an http(s) address`)
      // YAML reads an unquoted 2025-01-15 as a date.
      const date = doc.date instanceof Date ? doc.date.toISOString().slice(0, 10) : typeof doc.date === "string" ? doc.date.trim() : ""
      if (!isoDate.test(date) || Number.isNaN(Date.parse(date)))
        return yield* fail("document.date", `${JSON.stringify(doc.date)} is not a date written YYYY-MM-DD`)
      const key = `${indicator}|${country ?? ""}`
      if (seen.has(key)) return yield* fail("indicator", `${indicator} already has a target${country ? ` for ${country}` : ""} earlier in the file`)
      seen.add(key)
      targets.push({
        indicator_id: indicator,
        country_iso3: country,
        value,
        year,
        baseline_year: baseline,
        document_title: doc.title.trim(),
        document_url: doc.url.trim(),
        document_date: date
      })
    }
    return targets
  })
