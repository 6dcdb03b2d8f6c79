// `brecha sources` lists the registry: id, title, publisher and licence.
import { Effect } from "effect"
import { Command } from "effect/cli"
import { sources } from "../sources/registry.ts"

export const sourcesCommand = Command.make("sources", {}, () =>
  Effect.sync(() => {
    for (const s of sources) process.stdout.write(`${s.id.padEnd(14)} ${s.title} — ${s.publisher} (${s.licence})\n`)
  })
).pipe(Command.withDescription("List the sources brecha knows"))
