// A publisher page of the wrong shape is decoded, not cast: the failure names the source, the
// URL and the field at fault (World Bank v2 page info, UN SDG paging), and a World Bank file
// whose row has a field of the wrong type names the page, the row and the field.
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spiApiCodes } from "../../pipelines/sources/spi.ts"
import { liveRefresh } from "../support/live.ts"
import { ok, startPublisher, type Publisher } from "../support/publisher.ts"
import { ingestFailure, tempDbPath } from "../support/warehouse.ts"

const wbRow = { indicator: { id: "IQ.SPI.OVRL", value: "SPI" }, country: { id: "MX", value: "Mexico" }, countryiso3code: "MEX", date: "2022", value: 71.5 }

describe("wrong-shaped publisher pages", () => {
  let publisher: Publisher
  beforeAll(async () => {
    publisher = await startPublisher()
    process.env.BRECHA_SPI_URL = `${publisher.url}/v2`
    process.env.BRECHA_UN_SDG_URL = `${publisher.url}/SDGAPI`
  })
  afterAll(async () => {
    delete process.env.BRECHA_SPI_URL
    delete process.env.BRECHA_UN_SDG_URL
    await publisher.close()
  })

  it("a World Bank page whose `pages` is text fails naming the source, the URL and [0].pages", async () => {
    const page = JSON.stringify([{ page: 1, pages: "1", per_page: 1000, total: 1, lastupdated: "2025-12-16" }, [wbRow]])
    for (const code of Object.keys(spiApiCodes)) publisher.on(`/v2/country/all/indicator/${code}`, ok(page))
    const summary = await liveRefresh(tempDbPath("wb-shape"), ["spi"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toMatch(
      /spi: GET http:\/\/127\.0\.0\.1:\d+\/v2\/country\/all\/indicator\/IQ\.SPI\.\S+: unexpected World Bank API layout: .*\(\[0\]\.pages: expected number\)/
    )
  })

  it("a UN SDG page without totalPages fails naming the field", async () => {
    publisher.on("/SDGAPI/v1/sdg/Series/Data", ok(JSON.stringify({ totalElements: 0, pageNumber: 1, data: [] })))
    const summary = await liveRefresh(tempDbPath("sdg-shape"), ["un_sdg"])
    expect(summary.sources[0].outcome).toBe("failed")
    expect(summary.sources[0].error).toMatch(/un_sdg: GET .*\/SDGAPI\/v1\/sdg\/Series\/Data\S*: unexpected UN SDG API layout: .*\(totalPages: missing/)
  })

  it("a World Bank file whose row has a numeric date fails naming the page, the row and the field", async () => {
    const file = join(tmpdir(), `wb-shape-${process.pid}.json`)
    writeFileSync(file, JSON.stringify([{ page: 1, pages: 1, per_page: 1, total: 1, lastupdated: "2025-12-16" }, [{ ...wbRow, date: 2022 }]]))
    const failure = await ingestFailure(tempDbPath("wb-row-shape"), "spi", file)
    expect(failure.message).toContain("page 1, row 1: date: expected string")
  })
})
