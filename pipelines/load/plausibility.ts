// Is a new vintage believable next to the previous vintage of the same unit? A publisher
// can answer with a file that reads perfectly and is still wrong: an empty series, most
// countries gone, every value rescaled (percent to fraction, units to thousands). Such a
// vintage is kept (quarantined, with the reason) but never made current. Runs inside the
// load transaction, once the new vintage's values are in observation_log (each key once),
// and reads only the indicators the previous vintage had.
import { Effect } from "effect"
import type { Sql } from "../warehouse/Warehouse.ts"

/** Below these, differences are too noisy to call implausible. */
export const plausibility = {
  /** A series must have had at least this many countries for a drop to count. */
  minCountries: 10,
  /** Fewer than this share of the previous countries is "most countries missing". */
  minCountryShare: 0.5,
  /** Shared (country, year) values needed to judge a change of scale. */
  minSharedValues: 10,
  /** Median |log10(new/old)| at or above this (a factor of 5) is a change of unit. */
  maxMedianLogRatio: Math.log10(5)
} as const

export interface PreviousVintage {
  readonly vintageId: number
  readonly rowsLoaded: number
}

/** The latest current vintage of this unit that held country values, if any. */
export const previousVintage = (tx: Sql, sourceId: string, unit: string) =>
  tx
    .query<{ vintage_id: number; rows_loaded: number }>(
      `SELECT vintage_id, rows_loaded FROM vintage_log
     WHERE source_id = ? AND unit = ? AND status = 'current' AND rows_loaded > 0
     ORDER BY vintage_id DESC LIMIT 1`,
      [sourceId, unit]
    )
    .pipe(
      Effect.map((rows): PreviousVintage | undefined =>
        rows[0] ? { vintageId: Number(rows[0].vintage_id), rowsLoaded: Number(rows[0].rows_loaded) } : undefined
      )
    )

/** Returns why the staged vintage is implausible, or null when it may become current. */
export const judgePlausibility = (tx: Sql, previous: PreviousVintage, newVintageId: number) =>
  Effect.gen(function* () {
    const v = previous.vintageId
    const reasons: Array<string> = []
    // Per indicator: countries before and now.
    const coverage = yield* tx.query<{ indicator_id: string; before: number; now: number }>(
      `WITH before AS (
         SELECT indicator_id, count(DISTINCT country_iso3) AS n FROM observation_log WHERE vintage_id = ? GROUP BY indicator_id
       ), now AS (
         SELECT indicator_id, count(DISTINCT country_iso3) AS n FROM observation_log
         WHERE vintage_id = ? AND indicator_id IN (SELECT indicator_id FROM before) GROUP BY indicator_id
       )
       SELECT b.indicator_id, b.n AS before, coalesce(n.n, 0) AS now
       FROM before b LEFT JOIN now n USING (indicator_id) ORDER BY b.indicator_id`,
      [v, newVintageId]
    )
    for (const c of coverage) {
      const before = Number(c.before)
      const now = Number(c.now)
      if (now === 0) reasons.push(`${c.indicator_id}: empty series (vintage ${v} had ${before} countries)`)
      else if (before >= plausibility.minCountries && now < before * plausibility.minCountryShare) {
        reasons.push(`${c.indicator_id}: only ${now} countries, vintage ${v} had ${before} (most countries missing)`)
      }
    }
    // A change of scale: most values that both vintages hold moved by the same large factor.
    const scale = yield* tx.query<{ indicator_id: string; shared: number; median_log: number; median_ratio: number }>(
      `SELECT k.indicator_id, count(*) AS shared,
              median(abs(log10(abs(k.value) / abs(o.value)))) AS median_log,
              median(k.value / o.value) AS median_ratio
       FROM observation_log k JOIN observation_log o
         ON o.vintage_id = ? AND o.indicator_id = k.indicator_id AND o.country_iso3 = k.country_iso3 AND o.year = k.year
       WHERE k.vintage_id = ? AND k.value <> 0 AND o.value <> 0
       GROUP BY k.indicator_id ORDER BY k.indicator_id`,
      [v, newVintageId]
    )
    for (const s of scale) {
      if (Number(s.shared) >= plausibility.minSharedValues && Number(s.median_log) >= plausibility.maxMedianLogRatio) {
        reasons.push(
          `${s.indicator_id}: values changed scale (median new/old = ${formatRatio(Number(s.median_ratio))} over ${s.shared} shared values): a unit change?`
        )
      }
    }
    return reasons.length > 0 ? reasons.join("; ") : null
  })

const formatRatio = (r: number): string => String(Number(r.toPrecision(3)))
