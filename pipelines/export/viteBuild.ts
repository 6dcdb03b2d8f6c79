// The static site: a programmatic `vite build` of the one page shell (dashboards/index.html)
// with root dashboards/. Paths are relative (base "./") so the folder works from any host
// path or straight from disk.
import { Effect } from "effect"
import { join, resolve } from "node:path"

export const dashboardsDir = resolve(import.meta.dirname, "..", "..", "dashboards")

export class ViteBuildError extends Error {
  readonly _tag = "ViteBuildError"
}

/** One shell serves every page: the pages are drawn from their path (or an old query URL). */
export const pageEntries = (): Record<string, string> => ({ index: join(dashboardsDir, "index.html") })

export const viteBuild = (outDir: string) =>
  Effect.tryPromise({
    try: async () => {
      const { build } = await import("vite")
      await build({
        configFile: false,
        root: dashboardsDir,
        base: "./",
        publicDir: false,
        logLevel: "warn",
        build: {
          outDir,
          emptyOutDir: true,
          target: "es2022",
          // Every page needs the same small core; no inline polyfill, no external requests.
          modulePreload: { polyfill: false },
          assetsInlineLimit: 0,
          rolldownOptions: { input: pageEntries() }
        }
      })
    },
    catch: (cause) => new ViteBuildError(`vite build failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  })
