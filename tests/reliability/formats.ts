// The formats the reliability corpus mutates: one entry per publisher layout, naming the
// source that reads it, a real file of ../shared/data/raw, and where its values are. A new
// source format is one entry here; the mutations in corpus.ts apply to it by `kind`.
export type FormatKind = "csv" | "parquet" | "xlsx"

export interface CsvLayout {
  /** 1-based line of the header. */
  readonly headerLine: number
  /** Column holding the area (ISO3 code or name). */
  readonly area: string
  /** Column holding the year (long layouts); wide layouts have years as column names. */
  readonly year?: string
  /** Long: the one value column. Wide: columns whose header matches the pattern. */
  readonly value: { readonly column: string } | { readonly wide: RegExp }
  /** The indicator id: a column, or fixed for the whole file. */
  readonly indicator: { readonly column: string } | { readonly fixed: string }
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
