// OECD Digital Government Index 2023 (the OECD publishes it only as a PDF; this is the
// Blavatnik team's extract: long "cc_iso3c","ref_year","variable","value", BOM, LF).
// The year is the file's ref_year (2023). The 2019 edition exists only as a PDF and did not
// assess Mexico, so no 2019 value can come from here.
import { Effect } from "effect"
import { readBlavatnikLong } from "../files/blavatnikLong.ts"
import type { Source } from "../source.ts"

const id = "oecd_dgi"

/** The file's variable names → our ids. Dimensions have parent OECD.DGI in the catalogue. */
export const dgiVariables: Readonly<Record<string, string>> = {
  composite_index: "OECD.DGI",
  composite_rank: "OECD.DGI.RANK",
  digital_design: "OECD.DGI.DIGITAL_BY_DESIGN",
  data_driven: "OECD.DGI.DATA_DRIVEN",
  govt_as_platform: "OECD.DGI.GOVT_AS_PLATFORM",
  open_default: "OECD.DGI.OPEN_BY_DEFAULT",
  user_driven: "OECD.DGI.USER_DRIVEN",
  proactiveness: "OECD.DGI.PROACTIVENESS"
}

// A variable we do not know yet still loads, under a readable id and its own name, so a new
// dimension shows up as "not yet reviewed" instead of vanishing.
const idOf = (variable: string) => dgiVariables[variable] ?? `OECD.DGI.${variable.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`

export const oecdDgi: Source = {
  id,
  title: "OECD Digital Government Index",
  publisher: "OECD",
  licence: "OECD terms: re-use permitted for any purpose",
  homepage: "https://www.oecd.org/en/publications/2023-oecd-digital-government-index_1a89ed5e-en.html",
  mirror: ["oecd-dgi/oecd_dgi_*.csv"],
  // Final: a one-off extract of a PDF-only edition. The same index, reference year 2022,
  // comes live from the OECD Data Explorer through oecd_dx (measures DG, DG_*).
  final: {
    reason:
      "One-off extract: the OECD publishes the Digital Government Index 2023 only as a PDF, and this file is an extract " +
      "of it. The index is refreshed live through oecd_dx (OECD Data Explorer dataflow DSD_GOV@DF_GOV_DGOGD_2025, measures DG, DG_*).",
    lastEdition: "2023",
    releasedOn: "2024-01-30",
    liveCounterpart: "oecd_dx"
  },
  stage: (file, ctx) =>
    Effect.gen(function* () {
      const { rows, variables } = yield* readBlavatnikLong(id, file, idOf)
      if (rows.length > 0) yield* ctx.stageRows(rows)
      const unknown = [...variables].filter((v) => !(v in dgiVariables))
      return { format: "blavatnik-long", releasedAt: null, indicatorNames: Object.fromEntries(unknown.map((v) => [idOf(v), `DGI ${v}`])) }
    })
}
