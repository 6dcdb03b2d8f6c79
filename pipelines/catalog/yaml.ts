// The YAML parser, loaded when a catalogue file is parsed rather than with the modules that
// parse it: every command loads the source registry (and with it the national catalogue
// reader), and most commands never parse YAML (a catalogue already in sync is not re-read).
import { Effect } from "effect"

export const loadYaml = Effect.promise(() => import("yaml"))
