// The CSV + YAML template of a national indicator, as `brecha national init ID` writes it
// and docs/national.md shows it. Names, units and the source are left empty on purpose: the
// files are refused, naming the empty field, until they are filled in.
import { directions } from "./national.ts"

/** The CSV: its header only (a header-only file is refused as having no values). */
export const nationalCsvTemplate = (): string => "country_iso3,year,value,flag\n"

export const nationalYamlTemplate = (
  id: string,
  recommendations: ReadonlyArray<string>
): string => `# ${id}: a national indicator (docs/national.md). Fill in every empty value; the
# values go in ${id}.csv beside this file, one row per value: country_iso3,year,value,flag
# e.g. MEX,2024,52.3,  (flag: empty, estimate, provisional, break or derived)
id: ${id}
name: { es: "", en: "" }          # full name, in Spanish and English
short: { es: "", en: "" }         # a short label for charts
unit: { es: "", en: "" }          # e.g. { es: "% de los trámites", en: "% of procedures" }
direction: higher_is_better       # ${directions.join(" or ")}
pillar: data_capability           # connectivity, data_capability, digital_talent or context
recommendations: [${recommendations.join(", ")}]${recommendations.length === 0 ? "              # recommendation area ids of data/catalog/recommendations.yaml, e.g. [C4-PROCURE]" : ""}
publisher: ""                     # who produces the figures
licence: ""                       # e.g. "CC BY 4.0"
source_url: ""                    # where the figures are published (http or https)
cadence: annual                   # annual, quarterly, ...
# Optional:
# valid_min: 0                    # values outside these bounds are impossible and refused
# valid_max: 100
# definition: { es: "", en: "" }
# method: { es: "", en: "" }      # how the figure is counted
`
