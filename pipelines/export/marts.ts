// Which of the benchmark marts (built on branch `bench`, merged by the lead) this warehouse
// has. Until they exist the site says "not computed yet" instead of inventing numbers.
import { Effect } from "effect"
import type { MartAvailability } from "../../src/site/types.ts"
import type { Sql } from "../warehouse/Warehouse.ts"

export const martAvailability = (sql: Sql): Effect.Effect<MartAvailability, unknown> =>
  Effect.gen(function*() {
    const rows = yield* sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'main' AND table_name IN ('benchmarks', 'indicator_status', 'recommendation_status')`)
    const names = new Set(rows.map((r) => r.table_name))
    return {
      benchmarks: names.has("benchmarks"),
      indicator_status: names.has("indicator_status"),
      recommendation_status: names.has("recommendation_status")
    }
  })
