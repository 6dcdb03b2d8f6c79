// The sources page, rendered with a DOM (linkedom) from the data `brecha build` exports: a
// final source reads "final edition (year), no further releases expected" with its reason,
// a live one lists its publisher endpoints, and both show cadence and staleness, in es and en.
import { describe, expect, it } from "vitest"
import type { SourceFreshness, SourcesData } from "../../src/contract/types.ts"
import { withDocument } from "../../src/web/ui/dom.ts"
import { serverDocument } from "../support/dom.ts"

const base = {
  publishers: ["p"],
  licences: ["CC BY 4.0"],
  indicators: [],
  vintages: [],
  rows_current: 0,
  rows_rejected: 0,
  rejections: [],
  last_run: null,
  stale_since: null,
  last_success: null,
  stale_reason: null
} as const

const data: SourcesData = {
  sources: [
    {
      ...base,
      source_id: "odb",
      kind: "final",
      cadence: "annual",
      endpoints: [],
      stale: false,
      final: { reason: "Discontinued after the Leaders Edition.", edition: "2017 (Leaders Edition)", year: "2017", released: "2018-09", live_counterpart: null }
    },
    {
      ...base,
      source_id: "un_egov",
      kind: "live",
      cadence: "biennial",
      final: null,
      stale: true,
      stale_reason: "publisher unreachable: un_egov: could not connect",
      endpoints: ["https://data360api.worldbank.org/data360/data?DATABASE_ID=UN_EGDI&INDICATOR=UN_EGDI_EGDI"],
      last_run: { run_id: 3, finished_at: "2026-11-30 04:00:00", outcome: "unreachable", error: "un_egov: could not connect" },
      stale_since: "2026-11-30 04:00:00"
    }
  ] satisfies Array<SourceFreshness>,
  runs: []
}

describe("the sources page", () => {
  // The page is drawn as the build draws it: in a server-side document bound for `el`, its
  // data read through ctx.load.
  const render = async (lang: "es" | "en"): Promise<string> => {
    const doc = serverDocument()
    const main = doc.createElement("main")
    doc.body.append(main)
    const { render } = await import("../../dashboards/pages/sources.ts")
    await withDocument(doc, () =>
      render({
        lang,
        main,
        doc,
        setHead: () => {},
        load: async <T>() => data as T,
        href: (page: string, id?: string | null) => `${page}?id=${id ?? ""}`
      } as never)
    )
    return main.textContent ?? ""
  }

  it("says in English that a final source has no further releases, and lists a live source's endpoints", async () => {
    const text = await render("en")
    expect(text).toContain("Final edition (2017), no further releases expected")
    expect(text).toContain("2017 (Leaders Edition), published 2018-09. Discontinued after the Leaders Edition.")
    expect(text).toContain("https://data360api.worldbank.org/data360/data?DATABASE_ID=UN_EGDI&INDICATOR=UN_EGDI_EGDI")
    expect(text).toContain("Biennial")
    expect(text).toContain("Stale · publisher unreachable")
    expect(text).not.toMatch(/no live URL/i)
  })

  it("says the same in Spanish", async () => {
    const text = await render("es")
    expect(text).toContain("Edición final (2017); no se esperan nuevas publicaciones")
    expect(text).toContain("Bienal")
    expect(text).toContain("Desactualizada · publisher unreachable")
    expect(text).toContain("Editor inaccesible")
  })
})
