// The formats the reliability corpus mutates: one entry per publisher layout, naming the
// source that reads it, a real file of ../shared/data/raw, and where its values are. A new
// source format is one entry here; the mutations in corpus.ts apply to it by `kind`.
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
  /** Long: the one value column. Wide: columns whose header matches the pattern. */
  readonly value: { readonly column: string } | { readonly wide: RegExp }
  /** The indicator id: a column, fixed for the whole file, or derived from the row. */
  readonly indicator: { readonly column: string } | { readonly fixed: string } | { readonly fn: (row: CsvRow) => string }
  /** Rows the source stages (others are left aside by design); default all. */
  readonly staged?: (row: CsvRow) => boolean
  /** A value the source derives from this cell (e.g. a share), rejected along with it. */
  readonly derived?: (cell: { readonly line: number; readonly year: string; readonly row: CsvRow }, rows: ReadonlyArray<CsvRow>) => { readonly line: number; readonly year: string } | undefined
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

export const formats: ReadonlyArray<FormatEntry> = [
  {
    id: "wdi-bulk",
    sourceId: "wdi",
    kind: "csv",
    file: "wb-wdi/bulk-csv-original/API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv",
    csv: {
      headerLine: 5, area: "Country Code", value: { wide: /^\d{4}$/ }, indicator: { column: "Indicator Code" },
      required: ["Country Code", "Indicator Code"], sampleRows: 40, hugeLine: true
    }
  },
  {
    id: "wdi-long",
    sourceId: "wdi",
    kind: "csv",
    file: "wb-wdi/datasets-wdi/it.net.bbnd.p2/data.csv",
    siblings: ["datapackage.json"],
    csv: {
      headerLine: 1, area: "Country Code", year: "Year", value: { column: "Value" }, indicator: { fixed: "IT.NET.BBND.P2" },
      required: ["Country Code", "Year", "Value"], sampleRows: 300
    }
  },
  {
    id: "un-sdg-broadband",
    sourceId: "un_sdg",
    kind: "csv",
    file: "un-sdg/ddf--datapoints--it_net_bbnd--by--age--freq--geo_area--location--nature--sex--type_of_speed--units--year.csv",
    csv: {
      headerLine: 1, area: "geo_area", year: "year", value: { column: "it_net_bbnd" },
      indicator: { fn: (row) => `SDG.IT_NET_BBND.${row.type_of_speed.trim().toUpperCase()}` },
      required: ["geo_area", "year", "type_of_speed", "it_net_bbnd"], sampleRows: 400
    }
  },
  {
    id: "ilostat-ddf",
    sourceId: "ilostat",
    kind: "csv",
    file: "ilostat/ddf--datapoints--emp_temp_sex_oc2_nb--by--ref_area-mex--sex--classif1--time.csv",
    csv: {
      headerLine: 1, area: "ref_area", year: "time", value: { column: "emp_temp_sex_oc2_nb" },
      indicator: { fn: (row) => ({ oc2_isco08_25: "ILO.EMP_ISCO08_25", oc2_isco08_35: "ILO.EMP_ISCO08_35" } as Record<string, string>)[row.classif1] ?? "" },
      staged: (row) => row.sex === "sex_t" && (row.classif1 === "oc2_isco08_25" || row.classif1 === "oc2_isco08_35"),
      // The ICT share of the same year is derived from this count (and staged on the total's line).
      derived: (cell, rows) => {
        const total = rows.find((r) => r.sex === "sex_t" && r.classif1 === "oc2_isco08_total" && r.time === cell.row.time)
        const other = rows.find((r) => r.sex === "sex_t" && r.time === cell.row.time && r.classif1 !== cell.row.classif1 &&
          (r.classif1 === "oc2_isco08_25" || r.classif1 === "oc2_isco08_35"))
        return total && other && total.emp_temp_sex_oc2_nb !== "" && other.emp_temp_sex_oc2_nb !== "" ? { line: total.__line, year: cell.year } : undefined
      },
      skip: {
        "duplicate-different-value": "two values of one group give two derived shares on the total's line: covered by the ilostat tests",
        "year-2899": "moving a group to another year removes that year's derived share (missing, not rejected)",
        "year-1800": "same as year-2899",
        "year-fractional": "same as year-2899"
      },
      required: ["ref_area", "sex", "classif1", "time", "emp_temp_sex_oc2_nb"], sampleRows: 2000
    }
  },
  {
    id: "piaac-ddf",
    sourceId: "piaac",
    kind: "csv",
    file: "wb-edstats/ddf--datapoints--lo_piaac_lit--by--country--year.csv",
    csv: {
      headerLine: 1, area: "country", year: "year", value: { column: "lo_piaac_lit" }, indicator: { fixed: "LO.PIAAC.LIT" },
      required: ["country", "year", "lo_piaac_lit"], sampleRows: 100
    }
  },
  {
    id: "oecd-dx-sdmx",
    sourceId: "oecd_dx",
    kind: "csv",
    file: "oecd-dgogd/oecd_dgi_full.csv",
    csv: {
      headerLine: 1, area: "REF_AREA", year: "TIME_PERIOD", value: { column: "OBS_VALUE" },
      indicator: { fn: (row) => `OECD.DX.${row.MEASURE.trim().toUpperCase()}` },
      required: ["REF_AREA", "MEASURE", "TIME_PERIOD", "OBS_VALUE"], sampleRows: 500
    }
  },
  {
    id: "data360-parquet",
    sourceId: "data360",
    kind: "parquet",
    file: "wb-data360/internet/percentage_individuals_using_internet_(itu).parquet",
    parquet: {
      staged: `INDICATOR = 'IT_NET_USER' AND SEX = '_T' AND AGE = '_T' AND URBANISATION = '_T'`,
      area: "REF_AREA", year: "TIME_PERIOD", value: "OBS_VALUE", indicatorId: "ITU.IT_NET_USER",
      required: ["REF_AREA", "TIME_PERIOD", "OBS_VALUE", "INDICATOR"]
    }
  }
]
