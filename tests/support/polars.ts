// nodejs-polars: Arrow and Parquet readers written outside this project (polars, in Rust), so
// a test can show that brecha's files open in another engine, not only in the library that
// wrote them. Its native part installs through `npm run setup`; under CI=true a missing one
// is a failure, elsewhere the tests that need it say that they skipped.
import { createRequire } from "node:module"

type Polars = typeof import("nodejs-polars").default

const load = (): { polars?: Polars; problem?: string } => {
  try {
    return { polars: createRequire(import.meta.url)("nodejs-polars") as Polars }
  } catch (e) {
    return { problem: (e as Error).message.split("\n")[0] }
  }
}

const loaded = load()
if (!loaded.polars) {
  if (process.env.CI === "true") throw new Error(`CI: nodejs-polars cannot be loaded (${loaded.problem}); npm run setup installs it`)
  console.warn(`SKIPPED: tests read with polars need nodejs-polars (${loaded.problem}); run npm run setup`)
}

export const polars = loaded.polars
export const hasPolars = polars !== undefined
