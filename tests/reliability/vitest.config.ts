// The reliability suite alone (npm run test:reliability): corpus, properties, faults, checks.
import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/reliability/**/*.test.ts"],
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 300_000
  }
})
