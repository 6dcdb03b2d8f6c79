import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // DuckDB and the browser tests are heavy on a 2-core machine: few workers, generous timeouts.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: process.env.CI ? ["default", ["json", { outputFile: "tests/artifacts/vitest.json" }]] : ["default"]
  }
})
