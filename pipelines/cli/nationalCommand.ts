// `brecha national init ID [--recommendation REC]...`: writes the CSV + YAML template of a
// national indicator into the national folder (--national DIR, $BRECHA_NATIONAL, default
// data/national), never over an existing file.
import { Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { applyInputFlags, CommandFailed, load } from "./root.ts"

const initCommand = Command.make(
  "init",
  {
    id: Argument.String("id").pipe(Argument.withDescription("The indicator id: NAT. then upper-case letters, digits, _ and . (e.g. NAT.PROC_ONLINE)")),
    recommendation: Flag.String("recommendation").pipe(
      Flag.withDescription("A recommendation area the indicator tracks (repeatable), e.g. C4-PROCURE"),
      Flag.atLeast(0)
    )
  },
  Effect.fn(function* ({ id, recommendation }) {
    yield* applyInputFlags
    const [{ defaultNationalDir, nationalIdPattern }, { nationalCsvTemplate, nationalYamlTemplate }, { readCatalog }] = yield* load(() =>
      Promise.all([import("../catalog/national.ts"), import("../catalog/nationalTemplate.ts"), import("../catalog/read.ts")])
    )
    if (!nationalIdPattern.test(id)) {
      return yield* Effect.fail(
        new CommandFailed(
          `"${id}" is not a national indicator id: it must start with "NAT." and use only upper-case letters, digits, "_" and "." (e.g. NAT.PROC_ONLINE)`
        )
      )
    }
    const catalog = yield* readCatalog()
    const known = new Set(catalog.recommendations.map((r) => r.id))
    const unknown = recommendation.filter((r) => !known.has(r))
    if (unknown.length > 0)
      return yield* Effect.fail(new CommandFailed(`not a recommendation area of data/catalog/recommendations.yaml: ${unknown.join(", ")}`))
    const dir = defaultNationalDir()
    const files = [join(dir, `${id}.csv`), join(dir, `${id}.yaml`)]
    const existing = files.filter((f) => existsSync(f))
    if (existing.length > 0) return yield* Effect.fail(new CommandFailed(`already there, left as it is: ${existing.join(", ")}`))
    mkdirSync(dir, { recursive: true })
    writeFileSync(files[0], nationalCsvTemplate())
    writeFileSync(files[1], nationalYamlTemplate(id, recommendation))
    process.stdout.write(
      `wrote ${files[1]}\nwrote ${files[0]}\nFill in the empty values of the YAML and one row per value in the CSV, then run \`brecha refresh --source national\` (docs/national.md).\n`
    )
  })
).pipe(Command.withDescription("Write the CSV + YAML template of a national indicator into the national folder"))

export const nationalCommand = Command.make("national").pipe(
  Command.withDescription("Your own indicators (a folder of <ID>.csv + <ID>.yaml; see docs/national.md)"),
  Command.withSubcommands([initCommand])
)
