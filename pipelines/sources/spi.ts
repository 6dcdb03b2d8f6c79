// World Bank Statistical Performance Indicators (SPI), in two forms:
//  - live: the World Bank Indicators API v2, which serves the overall score and the five
//    pillar scores in WDI as IQ.SPI.OVRL and IQ.SPI.PIL1..5:
//    `GET https://api.worldbank.org/v2/country/all/indicator/IQ.SPI.OVRL?format=json&per_page=20000`,
//    `[{page, pages, per_page, total, sourceid, lastupdated}, [rows]]`, paged by `page`
//    (landed as one page; read by pipelines/files/worldbankApi.ts). Each API code is loaded
//    under the id the SPI file gives it (IQ.SPI.OVRL → SPI.INDEX, IQ.SPI.PILn → SPI.INDEX.PILn),
//    so the live and file vintages are one series. Documentation:
//    https://datahelpdesk.worldbank.org/knowledgebase/articles/898581-api-basic-call-structure
//    and the indicator pages https://data.worldbank.org/indicator/IQ.SPI.OVRL.
//    Data360's WB_SPI database was not used: it holds the 72 dimension and sub-indicator
//    series (SPI_DIM…), which brecha does not catalogue; the six scores it does catalogue
//    are the Indicators API's (also served in Data360 as WB_WDI_IQ_SPI_*, a re-publication).
//    Regional aggregates (SSA, WLD, …) come with null values and are kept apart as aggregates.
//  - files: the wide `SPI_index.csv` of the
// publisher's output data (one row per economy and year, ~79 columns). Only the overall
// score and its five pillar scores are loaded; the dimension and sub-indicator columns are
// left aside. Two spellings of "missing" exist in this file: `NA`, and a `-99` sentinel
// (in some dimension columns); both become null here, because a -99 that reached the
// warehouse would be a plausible-looking (if out-of-range) number.
// DuckDB reads the file (BOM, CRLF, quoted names with commas); the header is parsed in JS
// so a missing column fails with its name before anything is read.
import { Effect } from "effect"
import { SourceFormatError } from "../errors.ts"
import { parseCsv } from "../files/csv.ts"
import { strictReadCsv } from "../files/strictCsv.ts"
import { decodeText, firstByteWhere, firstLine, requireUtf8 } from "../files/text.ts"
import { stageWorldBankApiJson } from "../files/worldbankApi.ts"
import type { LandedFile, Source, StageContext } from "../source.ts"

const id = "spi"

/** The columns loaded, by the publisher's codes (which are also our indicator ids). */
export const spiIndicators = ["SPI.INDEX", "SPI.INDEX.PIL1", "SPI.INDEX.PIL2", "SPI.INDEX.PIL3", "SPI.INDEX.PIL4", "SPI.INDEX.PIL5"] as const
const keyColumns = ["iso3c", "date"] as const

/** The World Bank API codes of the SPI scores, and the SPI file's id for each. */
export const spiApiCodes: Readonly<Record<string, (typeof spiIndicators)[number]>> = {
  "IQ.SPI.OVRL": "SPI.INDEX",
  "IQ.SPI.PIL1": "SPI.INDEX.PIL1",
  "IQ.SPI.PIL2": "SPI.INDEX.PIL2",
  "IQ.SPI.PIL3": "SPI.INDEX.PIL3",
  "IQ.SPI.PIL4": "SPI.INDEX.PIL4",
  "IQ.SPI.PIL5": "SPI.INDEX.PIL5"
}

/** The header line only: the file may be large and the rest is DuckDB's to read. */
const readHeader = (file: LandedFile) =>
  Effect.gen(function* () {
    const text = yield* decodeText(firstLine(file), { sourceId: id, file: file.origin })
    yield* requireUtf8(file, { sourceId: id, file: file.origin })
    const records = yield* parseCsv(text, { sourceId: id, file: file.origin })
    return (records[0]?.fields ?? []).map((f) => f.trim())
  })

const stage = (file: LandedFile, ctx: StageContext) =>
  Effect.gen(function* () {
    const header = yield* readHeader(file)
    for (const name of [...keyColumns, ...spiIndicators]) {
      if (!header.includes(name)) {
        return yield* new SourceFormatError({
          sourceId: id,
          file: file.origin,
          line: 1,
          column: name,
          problem: `required column "${name}" is missing from the header (found: ${header.slice(0, 10).join(", ")}${header.length > 10 ? ", …" : ""})`
        })
      }
    }
    const col = (name: string) => `c${header.indexOf(name)}`
    // Every cell as text and no sniffing: strict, so a ragged record fails with its line.
    const read = strictReadCsv(file, ctx, 1, header.length)
    const picked = spiIndicators.map((name) => `${col(name)} AS "${name}"`).join(", ")
    const names = spiIndicators.map((name) => `"${name}"`).join(", ")
    yield* ctx.stageSelect(`
      SELECT indicator_id, area, year,
             -- NA and the -99 sentinel are the publisher's "no value", not numbers.
             CASE WHEN upper(trim(value)) = 'NA' OR TRY_CAST(trim(value) AS DOUBLE) = -99 THEN NULL ELSE value END AS value,
             NULL AS flag, 1 + rn AS line, indicator_id AS field
      FROM (
        UNPIVOT (
          SELECT ${col("iso3c")} AS area, ${col("date")} AS year, row_number() OVER () AS rn, ${picked}
          FROM ${read})
        ON ${names} INTO NAME indicator_id VALUE value
      )`)
    return { format: "spi-wide-csv", releasedAt: null }
  })

export const spi: Source = {
  id,
  title: "Statistical Performance Indicators",
  publisher: "World Bank",
  licence: "not stated in the copy held (a third-party GitHub copy of the World Bank output file)",
  homepage: "https://www.worldbank.org/en/programs/statistical-performance-indicators",
  mirror: ["wb-spi/SPI_index.csv"],
  live: {
    baseUrl: "https://api.worldbank.org/v2",
    datasets: (base) =>
      Object.keys(spiApiCodes).map((code) => ({
        unit: `api/${code}`,
        url: `${base}/country/all/indicator/${code}?format=json&per_page=20000`,
        fileName: `${code}.json`,
        paging: "worldbank-v2" as const,
        expect: "json" as const
      }))
  },
  stage: (file, ctx) => {
    const first = firstByteWhere(file, (b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)
    if (first !== 0x5b /* [ */) return stage(file, ctx)
    return stageWorldBankApiJson(id, file, ctx, (code) => spiApiCodes[code] ?? code).pipe(Effect.map((staged) => ({ format: "spi-api-json", ...staged })))
  }
}
