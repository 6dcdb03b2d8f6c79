// Declaring an SDMX REST dataflow as a live dataset (OECD Data Explorer, and any SDMX 2.1 /
// 3.0 REST service answering SDMX-CSV). A source such as `oecd_dx` writes, in its `live`:
//
//   live: {
//     baseUrl: "https://sdmx.oecd.org/public/rest",
//     datasets: (base) => [sdmxCsvDataset(base, {
//       agency: "OECD.GOV.GIP", dataflow: "DSD_GOV@DF_GOV_DGOGD_2025", version: "1.0", fileName: "DF_GOV_DGOGD_2025.csv"
//     })]
//   }
//
// and receives, in `stage`, the same labelled SDMX-CSV ("CSV with labels") the Data Explorer
// download gives: STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,ACTION,FREQ,Frequency of observation,...
import type { LiveDataset } from "../source.ts"

export interface SdmxDataflow {
  readonly agency: string
  readonly dataflow: string
  readonly version: string
  /** Series key filter, "all" (default) or e.g. "A.MEX+USA.DG+OUR". */
  readonly key?: string
  /** Labels next to codes (the Data Explorer download layout); default true. */
  readonly labels?: boolean
  readonly startPeriod?: string
  readonly fileName: string
  /** Vintage unit; default "sdmx/<agency>/<dataflow>". */
  readonly unit?: string
}

/**
 * The SDMX 2.1 REST data URL (the OECD's `/public/rest/data/<agency>,<flow>,<version>/<key>`),
 * asking for SDMX-CSV with labels and every dimension at observation level, which is the
 * layout of the Data Explorer's "CSV with labels" download.
 */
export const sdmxCsvDataset = (baseUrl: string, flow: SdmxDataflow): LiveDataset => {
  for (const part of [flow.agency, flow.dataflow, flow.version]) {
    // SDMX ids are letters, digits, _ . @ -: all legal in a URL path as they are (the OECD
    // writes DSD_GOV@DF_... unescaped), so anything else is a typo to catch here.
    if (!/^[A-Za-z0-9_.@-]+$/.test(part)) throw new Error(`"${part}" is not an SDMX identifier`)
  }
  const labels = flow.labels ?? true
  const params = new URLSearchParams({ dimensionAtObservation: "AllDimensions", format: labels ? "csvfilewithlabels" : "csvfile" })
  if (flow.startPeriod) params.set("startPeriod", flow.startPeriod)
  return {
    unit: flow.unit ?? `sdmx/${flow.agency}/${flow.dataflow}`,
    url: `${baseUrl.replace(/\/+$/, "")}/data/${flow.agency},${flow.dataflow},${flow.version}/${flow.key ?? "all"}?${params}`,
    fileName: flow.fileName,
    paging: "none",
    accept: `application/vnd.sdmx.data+csv; charset=utf-8; version=1.0.0${labels ? "; labels=both" : ""}`,
    expect: "csv"
  }
}
