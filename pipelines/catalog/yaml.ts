// The YAML parser, loaded when a catalogue file is parsed rather than with the modules that
// parse it: every command loads the source registry (and with it the national catalogue
// reader), and most commands never parse YAML (a catalogue already in sync is not re-read).
// Loaded with require (the package is CommonJS under Node, as its static import was), so
// reading the catalogue stays synchronous: Effect.runSync(readCatalog()) works.
import { Effect } from "effect"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

export const loadYaml = Effect.sync(() => require("yaml") as typeof import("yaml"))
