// Every source brecha knows, by id. A new source is one file in this folder and one line here.
import type { Source } from "../source.ts"
import { data360 } from "./data360.ts"
import { oecdDgi } from "./oecd_dgi.ts"
import { oecdOurdata } from "./oecd_ourdata.ts"
import { odin } from "./odin.ts"
import { unEgov } from "./un_egov.ts"
import { wdi } from "./wdi.ts"

export const sources: ReadonlyArray<Source> = [
  wdi,
  unEgov,
  oecdDgi,
  oecdOurdata,
  odin,
  data360
]

export const sourceById = (id: string): Source | undefined => sources.find((s) => s.id === id)
