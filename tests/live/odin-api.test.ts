// odin live from ODIN's API on 127.0.0.1: POST client/GetRanking/{useId} with a JSON body
// (a GET is 405 there), a JSON array of countries with coverageSubscore, opennessSubscore and
// rowTotalSubscore (../shared/data/raw/api-samples/README.md §6). The scores served are the
// 0–100 scores of the real ODIN 2022/23 CSV in ../shared/data/raw (as brecha derives them),
// in the API's layout; the 400 problem+json body is the recorded one.
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { odinEditions } from "../../pipelines/sources/odin.ts"
import { faultCases, liveRefresh, startSourcePublisher, stopSourcePublisher } from "../support/live.ts"
import { odinRanking, ok, status, type Publisher } from "../support/publisher.ts"
import { hasRaw, raw } from "../support/raw.ts"
import { ingest, query, tempDbPath } from "../support/warehouse.ts"

const route = (useId: number) => `/api/api/client/GetRanking/${useId}`
const first = route(odinEditions[0].useId)

describe.skipIf(!hasRaw)("live refresh of odin from ODIN's API (POST GetRanking) on 127.0.0.1", () => {
  let publisher: Publisher
  const db = tempDbPath("odin-live")
  let ranking = ""
  const body = () => ranking

  beforeAll(async () => {
    publisher = await startSourcePublisher("odin", "/api/api")
    const viaCsv = tempDbPath("odin-csv")
    await ingest(viaCsv, "odin", raw("odin", "ODIN_03222024.csv"))
    const scores = await query<{ iso3: string; name: string; coverage: number | null; openness: number | null; overall: number | null }>(
      viaCsv,
      `
      SELECT country_iso3 AS iso3, any_value(c.name_en) AS name,
             max(value) FILTER (WHERE indicator_id = 'ODIN.COVERAGE') AS coverage,
             max(value) FILTER (WHERE indicator_id = 'ODIN.OPENNESS') AS openness,
             max(value) FILTER (WHERE indicator_id = 'ODIN.OVERALL') AS overall
      FROM observations o JOIN countries c ON c.iso3 = o.country_iso3 GROUP BY 1 ORDER BY overall DESC, 1`
    )
    ranking = odinRanking(scores)
    for (const { useId } of odinEditions) publisher.on(route(useId), ok(body))
  })
  afterAll(() => stopSourcePublisher("odin", publisher))

  it("POSTs a JSON body per edition and loads the published subscores as ODIN.SCORE.* of the edition's year", async () => {
    const summary = await liveRefresh(db, ["odin"])
    expect(summary.sources[0]).toMatchObject({ outcome: "loaded" })
    expect(summary.sources[0].files.map((f) => [f.unit, f.format])).toEqual(odinEditions.map((e) => [`api/GetRanking/${e.year}`, "odin-api-ranking-json"]))
    const hits = publisher.hits.filter((h) => h.path.startsWith("/api/api/client/GetRanking/"))
    expect(hits.map((h) => [h.method, h.path, h.body, h.headers["content-type"]])).toEqual(
      odinEditions.map((e) => ["POST", route(e.useId), "{}", "application/json"])
    )
    const mex = await query(db, "SELECT indicator_id, year, value FROM observations WHERE country_iso3 = 'MEX' AND year = 2022 ORDER BY 1")
    expect(mex).toEqual([
      { indicator_id: "ODIN.SCORE.COVERAGE", year: 2022, value: expect.closeTo(62.0, 1) },
      { indicator_id: "ODIN.SCORE.OPENNESS", year: 2022, value: expect.closeTo(82.7, 1) },
      { indicator_id: "ODIN.SCORE.OVERALL", year: 2022, value: expect.closeTo(73.1, 1) }
    ])
    const [n] = await query<{ n: number }>(
      db,
      "SELECT count(DISTINCT country_iso3)::INT AS n FROM observations WHERE indicator_id = 'ODIN.SCORE.OVERALL' AND year = 2024"
    )
    expect(n.n).toBeGreaterThan(150)
  })

  it("a 400 problem+json (the recorded validation error) fails the source with its body", async () => {
    const problem = readFileSync(raw("api-samples", "odin", "togo-opendata-audit__odin_tgo_score.json"), "utf8")
    publisher.on(first, status(400, problem, { "content-type": "application/problem+json; charset=utf-8" }))
    const summary = await liveRefresh(db, ["odin"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toContain('HTTP 400, body starts "{\\"errors\\":{\\"countryId\\":[\\"The value \'TGO\' is not valid.\\"]}')
    publisher.on(first, ok(body))
  })

  faultCases({
    sourceId: "odin",
    db: () => db,
    publisher: () => publisher,
    path: first,
    body,
    contentType: "application/json; charset=utf-8",
    expect: "JSON",
    changedSchema: ok(() => JSON.stringify({ rankings: JSON.parse(ranking) })),
    changedSchemaMessage: /odin: .*expected the GetRanking layout, a JSON array of countries/
  })
})
