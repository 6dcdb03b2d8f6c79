// The formats the reliability corpus mutates: one entry per publisher layout, naming the
// source that reads it, a real file of ../shared/data/raw, and where its values are. A new
// source format is one entry here; the mutations in corpus.ts apply to it by `kind`.
import { gtmiIndicatorId } from "../../pipelines/sources/gtmi.ts"
import { dgiVariables } from "../../pipelines/sources/oecd_dgi.ts"
import { ourdataVariables } from "../../pipelines/sources/oecd_ourdata.ts"
import { spiIndicators } from "../../pipelines/sources/spi.ts"
export type FormatKind = "csv" | "parquet" | "xlsx"

/** A CSV record by header name, with its 1-based line. */
export type CsvRow = Readonly<Record<string, string>> & { readonly __line: number }

export interface CsvLayout {
  /** 1-based line of the header. */
  readonly headerLine: number
  /** Column holding the area (ISO3 code or name). */
  readonly area: string
  /** Column holding the year (long layouts); wide layouts have years as column names. */
  readonly year?: string
  /** Long: the one value column. Wide: columns whose header matches the pattern (years).
   * Measures: several value columns, each an indicator, the year in `year`. */
  readonly value: { readonly column: string } | { readonly wide: RegExp } | { readonly measures: Readonly<Record<string, string>> }
  /** false: the source derives its values from several cells (e.g. ODIN's tallies), so only
   * whole-file and structural mutations apply, not cell-level ones. */
  readonly cells?: boolean
  /** The indicator id: a column, fixed for the whole file, or derived from the row. */
  readonly indicator: { readonly column: string } | { readonly fixed: string } | { readonly fn: (row: CsvRow) => string }
  /** Rows the source stages (others are left aside by design); default all. */
  readonly staged?: (row: CsvRow) => boolean
  /** A value the source derives from this cell (e.g. a share), rejected along with it. */
  readonly derived?: (
    cell: { readonly line: number; readonly year: string; readonly row: CsvRow },
    rows: ReadonlyArray<CsvRow>
  ) => { readonly line: number; readonly year: string; readonly outcome: "rejected" | "missing" } | undefined
  /** Missing-value codes the source itself turns into null (e.g. SPI's -99). */
  readonly missingCodes?: ReadonlyArray<string>
  /** What a header-only file fails with, when the source words it its own way. */
  readonly headerOnlyProblem?: RegExp
  /** Mutations that do not apply to this layout, each with the reason. */
  readonly skip?: Readonly<Record<string, string>>
  /** Columns the source requires (removing or renaming one must fail naming it). */
  readonly required: ReadonlyArray<string>
  /** Keep only this many data lines of the real file (small, fast cases). */
  readonly sampleRows: number
  /** Lines after the data (a footer) to keep from the end of the real file. */
  readonly footerLines?: number
  /** Include the 100 MB line case (slow: once per reader, not per file of the same reader). */
  readonly hugeLine?: boolean
}

export interface ParquetLayout {
  /** SQL condition selecting the rows the source stages (the series it reads). */
  readonly staged: string
  readonly area: string
  readonly year: string
  readonly value: string
  readonly indicatorId: string
  readonly required: ReadonlyArray<string>
}

export interface FormatEntry {
  /** Short name of the layout, used in case ids. */
  readonly id: string
  readonly sourceId: string
  readonly kind: FormatKind
  /** Path inside the mirror (../shared/data/raw); it is also the vintage unit. */
  readonly file: string
  /** Files copied beside the mutated one (e.g. datapackage.json naming the indicator). */
  readonly siblings?: ReadonlyArray<string>
  readonly csv?: CsvLayout
  readonly parquet?: ParquetLayout
}

const blavatnik = (id: (variable: string) => string) => ({
  headerLine: 1,
  area: "cc_iso3c",
  year: "ref_year",
  value: { column: "value" },
  indicator: { fn: (row: CsvRow) => id(row.variable) },
  required: ["cc_iso3c", "ref_year", "variable", "value"]
})

export const formats: ReadonlyArray<FormatEntry> = [
  {
    id: "wdi-bulk",
    sourceId: "wdi",
    kind: "csv",
    file: "wb-wdi/bulk-csv-original/API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv",
    csv: {
      headerLine: 5,
      area: "Country Code",
      value: { wide: /^\d{4}$/ },
      indicator: { column: "Indicator Code" },
      required: ["Country Code", "Indicator Code"],
      sampleRows: 40,
      hugeLine: true
    }
  },
  {
    id: "wdi-long",
    sourceId: "wdi",
    kind: "csv",
    file: "wb-wdi/datasets-wdi/it.net.bbnd.p2/data.csv",
    siblings: ["datapackage.json"],
    csv: {
      headerLine: 1,
      area: "Country Code",
      year: "Year",
      value: { column: "Value" },
      indicator: { fixed: "IT.NET.BBND.P2" },
      required: ["Country Code", "Year", "Value"],
      sampleRows: 300
    }
  },
  {
    id: "un-sdg-broadband",
    sourceId: "un_sdg",
    kind: "csv",
    file: "un-sdg/ddf--datapoints--it_net_bbnd--by--age--freq--geo_area--location--nature--sex--type_of_speed--units--year.csv",
    csv: {
      headerLine: 1,
      area: "geo_area",
      year: "year",
      value: { column: "it_net_bbnd" },
      indicator: { fn: (row) => `SDG.IT_NET_BBND.${row.type_of_speed.trim().toUpperCase()}` },
      required: ["geo_area", "year", "type_of_speed", "it_net_bbnd"],
      sampleRows: 400
    }
  },
  {
    id: "ilostat-ddf",
    sourceId: "ilostat",
    kind: "csv",
    file: "ilostat/ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-mex--sex--classif1--time.csv",
    csv: {
      headerLine: 1,
      area: "ref_area",
      year: "time",
      value: { column: "emp_temp_sex_oc2_nb" },
      indicator: { fn: (row) => (({ oc2_isco08_25: "ILO.EMP_ISCO08_25", oc2_isco08_35: "ILO.EMP_ISCO08_35" }) as Record<string, string>)[row.classif1] ?? "" },
      staged: (row) => row.sex === "sex_t" && (row.classif1 === "oc2_isco08_25" || row.classif1 === "oc2_isco08_35"),
      // The ICT share of the same year is derived from this count (and staged on the total's line).
      derived: (cell, rows) => {
        const total = rows.find((r) => r.sex === "sex_t" && r.classif1 === "oc2_isco08_total" && r.time === cell.row.time)
        const other = rows.find(
          (r) =>
            r.sex === "sex_t" &&
            r.time === cell.row.time &&
            r.classif1 !== cell.row.classif1 &&
            (r.classif1 === "oc2_isco08_25" || r.classif1 === "oc2_isco08_35")
        )
        return total && other && total.emp_temp_sex_oc2_nb !== "" && other.emp_temp_sex_oc2_nb !== ""
          ? { line: total.__line, year: cell.year, outcome: "rejected" }
          : undefined
      },
      skip: {
        "duplicate-different-value": "two values of one group give two derived shares on the total's line: covered by the ilostat tests",
        "year-2899": "moving a group to another year removes that year's derived share (missing, not rejected)",
        "year-1800": "same as year-2899",
        "year-fractional": "same as year-2899"
      },
      required: ["ref_area", "sex", "classif1", "time", "emp_temp_sex_oc2_nb"],
      sampleRows: 2000
    }
  },
  {
    id: "piaac-ddf",
    sourceId: "piaac",
    kind: "csv",
    file: "wb-edstats/ddf--datapoints--lo_piaac_lit--by--country--year.csv",
    csv: {
      headerLine: 1,
      area: "country",
      year: "year",
      value: { column: "lo_piaac_lit" },
      indicator: { fixed: "LO.PIAAC.LIT" },
      required: ["country", "year", "lo_piaac_lit"],
      sampleRows: 100
    }
  },
  {
    id: "oecd-dx-sdmx",
    sourceId: "oecd_dx",
    kind: "csv",
    file: "oecd-dgogd/oecd_dgi_full.csv",
    csv: {
      headerLine: 1,
      area: "REF_AREA",
      year: "TIME_PERIOD",
      value: { column: "OBS_VALUE" },
      indicator: { fn: (row) => `OECD.DX.${row.MEASURE.trim().toUpperCase()}` },
      required: ["REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE"],
      sampleRows: 500
    }
  },
  {
    id: "un-egov-download",
    sourceId: "un_egov",
    kind: "csv",
    file: "un-egdi/pluralitybook/EGOV_DATA_2022.csv",
    csv: {
      headerLine: 1,
      area: "Country Name",
      year: "Survey Year",
      value: {
        measures: {
          "E-Government Index": "UN.EGDI",
          "Online Service Index": "UN.EGDI.OSI",
          "Human Capital Index": "UN.EGDI.HCI",
          "Telecommunication Infrastructure Index": "UN.EGDI.TII",
          "E-Participation Index": "UN.EPI"
        }
      },
      indicator: { fixed: "UN.EGDI" },
      required: ["Country Name", "E-Government Index", "Online Service Index"],
      sampleRows: 200
    }
  },
  {
    id: "oecd-dgi-blavatnik",
    sourceId: "oecd_dgi",
    kind: "csv",
    file: "oecd-dgi/oecd_dgi_2023.csv",
    csv: { ...blavatnik((v) => dgiVariables[v] ?? `OECD.DGI.${v.toUpperCase()}`), sampleRows: 300 }
  },
  {
    id: "oecd-ourdata-blavatnik",
    sourceId: "oecd_ourdata",
    kind: "csv",
    file: "oecd-ourdata/oecd_ourdata_2023.csv",
    csv: {
      ...blavatnik((v) => ourdataVariables[v] ?? `OECD.OURDATA.${v.toUpperCase()}`),
      sampleRows: 500,
      // The composite is the mean of the three pillar scores: a bad pillar leaves no composite (missing).
      derived: (cell) =>
        ["availability_score", "accessibility_score", "reuse_score"].includes(cell.row.variable)
          ? { line: cell.line, year: cell.year, outcome: "missing" }
          : undefined,
      skip: { "duplicate-different-value": "a pillar given twice with two values leaves no composite: covered by the oecd_ourdata tests" }
    }
  },
  {
    id: "gtmi-blavatnik",
    sourceId: "gtmi",
    kind: "csv",
    file: "wb-gtmi/gtmi_2022_metadata.csv",
    csv: { ...blavatnik(gtmiIndicatorId), sampleRows: 400 }
  },
  {
    id: "spi-wide",
    sourceId: "spi",
    kind: "csv",
    file: "wb-spi/SPI_index.csv",
    csv: {
      headerLine: 1,
      area: "iso3c",
      year: "date",
      value: { measures: Object.fromEntries(spiIndicators.map((i) => [i, i])) },
      indicator: { fixed: "SPI.INDEX" },
      missingCodes: ["-99"],
      required: ["iso3c", "date", "SPI.INDEX"],
      sampleRows: 300
    }
  },
  {
    id: "unesco-uis-api",
    sourceId: "unesco_uis",
    kind: "csv",
    file: "unesco-uis/data_ICT_f.csv",
    csv: {
      headerLine: 1,
      area: "geoUnit",
      year: "year",
      value: { column: "value" },
      indicator: { column: "indicatorId" },
      staged: (row) => row.magnitude.toUpperCase() !== "NA",
      required: ["indicatorId", "geoUnit", "year", "value", "qualifier", "magnitude"],
      sampleRows: 400
    }
  },
  {
    id: "odin-csv",
    sourceId: "odin",
    kind: "csv",
    file: "odin/ODIN_03222024.csv",
    csv: {
      headerLine: 1,
      area: "Country Code",
      year: "Year",
      value: { column: "Overall" },
      indicator: { fixed: "ODIN.OVERALL" },
      cells: false,
      footerLines: 4,
      headerOnlyProblem: /no "All Categories" row/,
      required: ["Country Code", "Data categories", "Machine readable"],
      sampleRows: 230
    }
  },
  {
    id: "governance-parquet",
    sourceId: "governance",
    kind: "parquet",
    file: "wb-data360/governance/worldwide_governance_government_effectiveness.parquet",
    parquet: {
      staged: `INDICATOR = 'GOV_WGI_GE' AND COMP_BREAKDOWN_1 = 'WGI_EST'`,
      area: "REF_AREA",
      year: "TIME_PERIOD",
      value: "OBS_VALUE",
      indicatorId: "WB.WGI.GE.EST",
      required: ["REF_AREA", "TIME_PERIOD", "OBS_VALUE", "INDICATOR"]
    }
  },
  {
    id: "odb-xlsx",
    sourceId: "odb",
    kind: "xlsx",
    file: "open-data-barometer/Open Data Barometer - Historical Data (All five Editions) - Public.xlsx"
  },
  {
    id: "data360-parquet",
    sourceId: "data360",
    kind: "parquet",
    file: "wb-data360/internet/percentage_individuals_using_internet_(itu).parquet",
    parquet: {
      staged: `INDICATOR = 'IT_NET_USER' AND SEX = '_T' AND AGE = '_T' AND URBANISATION = '_T'`,
      area: "REF_AREA",
      year: "TIME_PERIOD",
      value: "OBS_VALUE",
      indicatorId: "ITU.IT_NET_USER",
      required: ["REF_AREA", "TIME_PERIOD", "OBS_VALUE", "INDICATOR"]
    }
  }
]
