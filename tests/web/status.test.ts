import { describe, expect, it } from "vitest"
import { statusLook } from "../../src/web/ui/status.ts"

describe("status badges", () => {
  it("give every status of the marts words, a shape and a tone, in both languages", () => {
    for (const status of [
      "above_benchmark",
      "below_benchmark",
      "on_track",
      "moderate",
      "insufficient",
      "moving_away",
      "not_enough_data",
      "no_data",
      "no_open_indicator"
    ]) {
      for (const lang of ["es", "en"] as const) {
        const look = statusLook(lang, status)
        expect(look.label).not.toContain("_")
        expect(look.shape).not.toBe("●")
      }
    }
    expect(statusLook("es", "moving_away")).toEqual({ label: "Se aleja", shape: "▼", tone: "bad" })
  })
  it("shows a status it does not know yet in its own words rather than hiding it", () => {
    expect(statusLook("en", "brand_new_state")).toEqual({ label: "brand new state", shape: "●", tone: "none" })
  })
})
