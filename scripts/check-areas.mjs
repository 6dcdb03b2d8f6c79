// check-areas.mjs — does every area in the raw publisher files resolve to the catalogue?
//
// Run from the repository:
//   sh scripts/node.sh scripts/check-areas.mjs --raw DIR [--verbose]
//
// It walks every .csv / .parquet (and the Open Data Barometer .xlsx) under the raw
// directory DIR (the publisher files; see PROVENANCE.md there), takes the distinct values of
// every area column (see CODE_COLUMNS / NAME_COLUMNS), and resolves each value, trimmed and
// case-insensitively, against:
//   1. countries.csv     iso3, iso2, m49 (leading zeros ignored), name_en
//   2. area_aliases.csv  alias
//   3. aggregates.csv    code, name_en
// Output (stdout) is empty when everything resolves. Otherwise it prints
//   UNMAPPED  <value>  <files>            value resolves to nothing
//   DISAGREE  <code> -> X  <name> -> Y    a row's code and name resolve to different countries
//   CATALOGUE <problem>                   the catalogue files themselves are inconsistent
// and exits with status 1. A one-line summary goes to stderr.
//
// Deliberately unmapped (listed in DELIBERATELY_UNMAPPED below, skipped silently):
//   - historical entities that no longer exist as economies:
//       ANT  Netherlands Antilles (dissolved 2010; WB WGI via Data360, 2004–2017)
//       YUG  Serbia and Montenegro / former Yugoslavia (ITU code via Data360, 2000–2004)
//       UN SDG 530 Netherlands Antilles [former], 736 Sudan [former],
//              890 Yugoslavia [former], 891 Serbia and Montenegro [former]
//   - sub-national parts that UN SDG lists next to the country itself:
//       369 Iraq (Central Iraq), 370 Iraq (Kurdistan Region),
//       827/828/829 United Kingdom (England and Wales / Northern Ireland / Scotland),
//       835/836 United Republic of Tanzania (Mainland / Zanzibar),
//       920 Azores Islands, 680 Sark
//   - 10 Antarctica (UN SDG code list): no economy and no continent to group it under.
//   These appear only in ddf--entities--geo_area.csv (a code list) except ANT and YUG.
//
// Known code/name disagreements inside publisher files (KNOWN_DISAGREEMENTS, not printed):
//   - Open Data Barometer workbook, sheets ODB-2013-Datasets-Scored and
//     ODB-2014-Datasets-Scored: "South Africa" carries ISO3 SVK (its ISO2 is ZA).
//   - Open Data Barometer workbook, sheet ODB-2013-Scores: the names "Uganda" and "UAE"
//     are swapped against their ISO2/ISO3 codes (AE/ARE is labelled Uganda, UG/UGA UAE).
//   Code-based joins should trust ISO2 over ISO3 for the first case; the second needs
//   checking against the 2013 Rankings sheet before use.
//
// File-specific quirks handled here: WDI bulk CSVs have 4 preamble lines (skip=4); the ODIN
// CSV has 4 footer lines and is Latin-1, not UTF-8 (the © in the footer AND "Türkiye" in
// 23 data rows are single bytes 0xA9 / 0xFC): trailing lines that do not look like data rows
// are stripped and files that are not valid UTF-8 are read with encoding='latin-1'
// (DuckDB's ignore_errors on that file silently drops Türkiye's rows, and selecting the
// Country column without the encoding crashes DuckDB 1.5); the OECD broadband-derived
// files have no header.

import { DuckDBInstance } from "@duckdb/node-api"
import { readdir, readFile, writeFile, mkdtemp, rm } from "node:fs/promises"
import { join, relative, dirname } from "node:path"
import { tmpdir } from "node:os"
import { fileURLToPath } from "node:url"

const catalogDir = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "catalog")
const args = process.argv.slice(2)
const RAW = args.includes("--raw") ? args[args.indexOf("--raw") + 1] : undefined
if (!RAW) {
  console.error("usage: sh scripts/node.sh scripts/check-areas.mjs --raw DIR [--verbose]  (DIR: the raw publisher files)")
  process.exit(2)
}
const VERBOSE = args.includes("--verbose")

// Columns holding an area code (ISO3, ISO2, M49 number, publisher code).
const CODE_COLUMNS = ["Country Code", "REF_AREA", "CODE", "country-code", "cc_iso3c", "iso3c", "geoUnit", "geo_area", "ref_area", "ISO3", "ISO2"]
// Columns holding an area name. `country` is a name when the file also has a code column
// (SPI) and is checked as a plain area value otherwise (EdStats: lower-case ISO3).
const NAME_COLUMNS = ["Country Name", "Country", "country-name", "Reference area", "name", "country"]

// Files with no area data although a column name looks like one (dictionaries, code lists of other dimensions).
const SKIP_FILES = [
  /wb-spi\/index description\.csv$/, // variable dictionary without header; first column is sniffed as "country"
  /open-data-barometer\/indicators\.csv$/,
  /un-sdg\/ddf--concepts--/,
  /un-sdg\/ddf--entities--(?!geo_area)/
]
// Per-file read options.
const OVERRIDES = [{ re: /oecd-broadband-derived\/.*\.csv$/, opts: { header: false }, names: ["column0"] }]

const DELIBERATELY_UNMAPPED = new Set(["ANT", "YUG", "530", "736", "890", "891", "369", "370", "827", "828", "829", "835", "836", "920", "680", "10"])
const KNOWN_DISAGREEMENTS = new Set([
  "SVK|South Africa",
  "SVK|ZA", // ODB 2013/2014 Datasets-Scored
  "ARE|Uganda",
  "UGA|UAE",
  "AE|Uganda",
  "UG|UAE" // ODB-2013-Scores
])

const norm = (v) => {
  const s = String(v).trim().toLowerCase()
  return /^\d+$/.test(s) ? String(Number(s)) : s
}
const sq = (s) => `'${String(s).replaceAll("'", "''")}'`

const db = await DuckDBInstance.create(":memory:")
const con = await db.connect()
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS()

// ---------- catalogue ----------
const problems = []
const readCat = (f) => rows(`select * from read_csv(${sq(join(catalogDir, f))}, header=true, delim=',', all_varchar=true, quote='"', escape='"')`)
const countries = await readCat("countries.csv")
const aggregates = await readCat("aggregates.csv")
const aliases = await readCat("area_aliases.csv")

const country = new Map() // normalised key -> iso3
const claim = (key, iso3, what) => {
  if (key == null || key === "") return
  const k = norm(key)
  const prev = country.get(k)
  if (prev && prev !== iso3) problems.push(`${what} "${key}" points to ${iso3} but already means ${prev}`)
  else country.set(k, iso3)
}
const iso3s = new Set()
let oecdCount = 0
for (const c of countries) {
  if (!/^[A-Z]{3}$/.test(c.iso3 ?? "")) problems.push(`bad iso3 "${c.iso3}"`)
  if (iso3s.has(c.iso3)) problems.push(`duplicate iso3 ${c.iso3}`)
  iso3s.add(c.iso3)
  if (c.iso2 && !/^[A-Z]{2}$/.test(c.iso2)) problems.push(`bad iso2 "${c.iso2}" (${c.iso3})`)
  if (c.m49 && !/^[1-9]\d*$/.test(c.m49)) problems.push(`bad m49 "${c.m49}" (${c.iso3})`)
  if (!["africa", "americas", "asia", "europe", "oceania"].includes(c.region)) problems.push(`bad region "${c.region}" (${c.iso3})`)
  if (!c.name_en || !c.name_es) problems.push(`missing name (${c.iso3})`)
  if (c.oecd_member_since) {
    oecdCount++
    if (!/^(19[6-9]\d|20\d\d)$/.test(c.oecd_member_since)) problems.push(`bad oecd_member_since "${c.oecd_member_since}" (${c.iso3})`)
  }
  for (const [k, what] of [
    [c.iso3, "iso3"],
    [c.iso2, "iso2"],
    [c.m49, "m49"],
    [c.name_en, "name_en"]
  ])
    claim(k, c.iso3, what)
}
if (oecdCount !== 38) problems.push(`${oecdCount} rows have oecd_member_since, expected 38`)
const seenAlias = new Set()
for (const a of aliases) {
  if (!iso3s.has(a.iso3)) problems.push(`alias "${a.alias}" points to unknown iso3 ${a.iso3}`)
  if (a.alias !== a.alias.trim()) problems.push(`alias "${a.alias}" has surrounding spaces`)
  const k = norm(a.alias)
  if (seenAlias.has(k)) problems.push(`alias "${a.alias}" listed twice`)
  seenAlias.add(k)
  const own = countries.find((c) => c.iso3 === a.iso3)
  if (own && norm(own.name_en) === k) problems.push(`alias "${a.alias}" equals name_en of ${a.iso3}`)
  claim(a.alias, a.iso3, "alias")
}
const aggregate = new Map()
const KINDS = ["wb_aggregate", "oecd_aggregate", "un_m49_region", "other"]
for (const g of aggregates) {
  if (!KINDS.includes(g.kind)) problems.push(`aggregate ${g.code} has bad kind "${g.kind}"`)
  const k = norm(g.code)
  if (aggregate.has(k)) problems.push(`aggregate code ${g.code} listed twice`)
  if (country.has(k)) problems.push(`aggregate code ${g.code} is also a country key (${country.get(k)})`)
  aggregate.set(k, g.code)
  const kn = norm(g.name_en)
  if (!aggregate.has(kn)) aggregate.set(kn, g.code)
}

const resolve = (v) => {
  const k = norm(v)
  if (country.has(k)) return { country: country.get(k) }
  if (aggregate.has(k)) return { aggregate: aggregate.get(k) }
  if (DELIBERATELY_UNMAPPED.has(String(v).trim().toUpperCase())) return { ignored: true }
  return null
}

// ---------- raw files ----------
async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else yield p
  }
}

const tmp = await mkdtemp(join(tmpdir(), "check-areas-"))
let tmpN = 0

// Strip trailing lines that are not data rows (ODIN's 4-line footer) and report whether the
// remaining bytes are valid UTF-8 (the ODIN file is Latin-1: "Türkiye" is byte 0xFC).
async function prepareCsv(path) {
  const buf = await readFile(path)
  const lines = []
  let start = 0
  for (let i = 0; i < buf.length; i++)
    if (buf[i] === 0x0a) {
      lines.push(buf.subarray(start, i + 1))
      start = i + 1
    }
  if (start < buf.length) lines.push(buf.subarray(start))
  const commas = (b) => b.reduce((n, x) => n + (x === 0x2c), 0)
  const need = Math.max(1, Math.floor(commas(lines[0]) / 2))
  let end = lines.length
  while (end > 1 && (commas(lines[end - 1]) < need || lines[end - 1].toString("latin1").trim() === "")) end--
  const body = end === lines.length ? buf : Buffer.concat(lines.slice(0, end))
  let utf8 = true
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body)
  } catch {
    utf8 = false
  }
  if (end === lines.length) return { file: path, utf8 }
  const file = join(tmp, `f${tmpN++}.csv`)
  await writeFile(file, body)
  return { file, utf8 }
}

async function csvSource(path) {
  const ov = OVERRIDES.find((o) => o.re.test(path))
  const first = (await readFile(path)).subarray(0, 200).toString("utf8")
  const opts = { all_varchar: "true", ...(ov?.opts ?? {}) }
  if (/^\uFEFF?"?Data Source"?,/.test(first)) Object.assign(opts, { skip: 4, header: true })
  const { file, utf8 } = await prepareCsv(path)
  if (!utf8) opts.encoding = "'latin-1'"
  const o = Object.entries(opts)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")
  if (VERBOSE) console.error(`  read_csv(${file}, ${o})`)
  return { rel: `read_csv(${sq(file)}, ${o})`, forcedNames: ov?.names }
}

const occurrences = new Map() // raw value -> Set(file)
const disagreements = new Map()
let files = 0
const note = (v, f) => {
  const s = String(v).trim()
  if (!s) return
  if (!occurrences.has(s)) occurrences.set(s, new Set())
  occurrences.get(s).add(f)
}

async function checkTable(label, cols, getRows) {
  const codes = CODE_COLUMNS.filter((c) => cols.includes(c))
  // `name` (UN SDG code list) is only taken as an area name next to a code column.
  const names = NAME_COLUMNS.filter((c) => cols.includes(c) && (c !== "name" || codes.length))
  if (!codes.length && !names.length) return false
  files++
  // Where a file has a code column, the code is what must resolve; its names are only
  // compared with it (publisher names for aggregates change between vintages). Files
  // without any code column (UN EGOV 2022/2024, OECD broadband-derived, ...) are checked by name.
  const checked = codes.length ? codes : names
  const data = await getRows([...codes, ...names])
  for (const r of data) {
    for (const c of checked) if (r[c] != null) note(r[c], label)
    // Pair check: every code and name on a row that resolves to a country must agree.
    const found = [...codes, ...names]
      .map((c) => r[c])
      .filter((v) => v != null && String(v).trim() !== "")
      .map((v) => [String(v).trim(), resolve(v)?.country])
      .filter(([, iso]) => iso)
    for (const [v, iso] of found)
      for (const [w, iso2] of found) {
        if (iso < iso2 && !KNOWN_DISAGREEMENTS.has(`${v}|${w}`) && !KNOWN_DISAGREEMENTS.has(`${w}|${v}`)) {
          const key = [v, w].sort().join(" / ")
          if (!disagreements.has(key)) disagreements.set(key, `DISAGREE\t${v} -> ${iso}\t${w} -> ${iso2}\t${label}`)
        }
      }
  }
  return true
}

for await (const path of walk(RAW)) {
  const label = relative(RAW, path)
  if (SKIP_FILES.some((re) => re.test(path))) continue
  if (VERBOSE && /\.(csv|parquet|xlsx)$/i.test(path)) console.error(`reading ${label}`)
  if (/\.(csv|parquet)$/i.test(path)) {
    let rel, forcedNames
    if (/\.parquet$/i.test(path)) rel = `read_parquet(${sq(path)})`
    else ({ rel, forcedNames } = await csvSource(path))
    const cols = (await rows(`describe select * from ${rel}`)).map((c) => c.column_name)
    const useCols = forcedNames ?? cols
    await checkTable(label, useCols, async (wanted) => {
      const sel = (forcedNames ?? wanted).map((c) => `"${c.replaceAll('"', '""')}"::varchar as "${c.replaceAll('"', '""')}"`).join(", ")
      return rows(`select distinct ${sel} from ${rel}`)
    })
  } else if (/\.xlsx$/i.test(path)) {
    let readXlsx
    try {
      readXlsx = (await import("read-excel-file/node")).default
    } catch {
      if (VERBOSE) console.error(`skip ${label}: read-excel-file not installed`)
      continue
    }
    for (const sheet of await readXlsx(path)) {
      const [head, ...body] = sheet.data
      if (!head) continue
      const cols = head.map((h) => String(h ?? ""))
      await checkTable(`${label} [${sheet.sheet}]`, cols, async (wanted) => body.map((row) => Object.fromEntries(wanted.map((c) => [c, row[cols.indexOf(c)]]))))
    }
  }
}
await rm(tmp, { recursive: true, force: true })

// ---------- report ----------
const out = problems.map((p) => `CATALOGUE\t${p}`)
let unmapped = 0,
  ignored = 0
for (const [v, where] of [...occurrences].sort(([a], [b]) => a.localeCompare(b))) {
  const r = resolve(v)
  if (r?.ignored) {
    ignored++
    if (VERBOSE) console.error(`ignored\t${v}\t${[...where].join(", ")}`)
    continue
  }
  if (r) continue
  unmapped++
  out.push(`UNMAPPED\t${v}\t${[...where].sort().join(", ")}`)
}
out.push(...disagreements.values())
if (out.length) console.log(out.join("\n"))
console.error(
  `check-areas: ${files} files, ${occurrences.size} distinct area values, ${unmapped} unmapped, ${ignored} deliberately unmapped, ${disagreements.size} code/name disagreements, ${problems.length} catalogue problems`
)
process.exitCode = out.length ? 1 : 0
