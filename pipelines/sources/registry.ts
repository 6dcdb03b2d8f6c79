// Every source brecha knows, by id. A new source is one file in this folder and one line here.
import type { Source } from "../source.ts"
import { data360 } from "./data360.ts"
import { governance } from "./governance.ts"
import { gtmi } from "./gtmi.ts"
import { odb } from "./odb.ts"
import { spi } from "./spi.ts"
import { unescoUis } from "./unesco_uis.ts"
import { wdi } from "./wdi.ts"

export const sources: ReadonlyArray<Source> = [
  wdi,
  data360,
  spi,
  unescoUis,
  gtmi,
  odb,
  governance
]

export const sourceById = (id: string): Source | undefined => sources.find((s) => s.id === id)
