// Every source brecha knows, by id. A new source is one file in this folder and one line here.
import type { Source } from "../source.ts"
import { data360 } from "./data360.ts"
import { ilostat } from "./ilostat.ts"
import { oecdDx } from "./oecd_dx.ts"
import { piaac } from "./piaac.ts"
import { unSdg } from "./un_sdg.ts"
import { wdi } from "./wdi.ts"

export const sources: ReadonlyArray<Source> = [
  wdi,
  data360,
  unSdg,
  ilostat,
  oecdDx,
  piaac
]

export const sourceById = (id: string): Source | undefined => sources.find((s) => s.id === id)
