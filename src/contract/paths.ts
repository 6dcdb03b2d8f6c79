// Where each page's data file lives inside the built site; shared by the export and the pages.
/** A catalogue id as a safe file name (ids are dotted upper-case codes; anything else becomes "_"). */
export const fileId = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_")

export const dataPaths = {
  meta: "data/meta.json",
  overview: (iso3: string) => `data/overview/${fileId(iso3)}.json`,
  indicator: (id: string) => `data/indicator/${fileId(id)}.json`,
  recommendation: (id: string) => `data/recommendation/${fileId(id)}.json`,
  benchmarks: "data/benchmarks.json",
  sources: "data/sources.json",
  changes: "data/changes.json"
} as const

/** The CSV + YAML template of a national indicator (`brecha national init` writes the same). */
export const nationalTemplates = {
  csv: "data/templates/NAT.EXAMPLE.csv",
  yaml: "data/templates/NAT.EXAMPLE.yaml"
} as const
