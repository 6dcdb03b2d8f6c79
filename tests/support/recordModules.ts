// Preloaded with `node --import` into a CLI process: writes the URL of every module the process
// loaded, one a line, to the file named by $RECORD_MODULES_TO when it exits.
import { writeFileSync } from "node:fs"
import { registerHooks } from "node:module"

const file = process.env.RECORD_MODULES_TO
const loaded = new Set<string>()
registerHooks({
  load: (url, context, nextLoad) => {
    loaded.add(url)
    return nextLoad(url, context)
  }
})
if (file) process.on("exit", () => writeFileSync(file, [...loaded].join("\n")))
