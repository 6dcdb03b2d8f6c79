// Every source brecha knows, by id. A new source is one file in this folder and one line here.
import type { Source } from "../source.ts"
import { data360 } from "./data360.ts"
import { governance } from "./governance.ts"
import { national } from "./national.ts"
import { gtmi } from "./gtmi.ts"
import { ilostat } from "./ilostat.ts"
import { odb } from "./odb.ts"
import { odin } from "./odin.ts"
import { oecdDgi } from "./oecd_dgi.ts"
import { oecdDx } from "./oecd_dx.ts"
import { oecdOurdata } from "./oecd_ourdata.ts"
import { piaac } from "./piaac.ts"
import { spi } from "./spi.ts"
import { unEgov } from "./un_egov.ts"
import { unescoUis } from "./unesco_uis.ts"
import { unSdg } from "./un_sdg.ts"
import { wdi } from "./wdi.ts"

export const sources: ReadonlyArray<Source> = [
  // connectivity
  wdi,
  data360,
  // digital government and data capability
  unEgov,
  oecdDgi,
  oecdOurdata,
  odin,
  oecdDx,
  spi,
  odb,
  gtmi,
  // digital talent
  unSdg,
  unescoUis,
  ilostat,
  piaac,
  // context
  governance,
  // the user's own indicators (a local folder; see docs/national.md)
  national
]

export const sourceById = (id: string): Source | undefined => sources.find((s) => s.id === id)
