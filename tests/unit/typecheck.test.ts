// The whole project type-checks (strict). Node runs the TypeScript directly by stripping
// types, so nothing else would catch a type error before it bites at run time.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { expect, it } from "vitest"

it("type-checks with tsc --noEmit", () => {
  const root = join(import.meta.dirname, "..", "..")
  const result = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], {
    cwd: root,
    encoding: "utf8"
  })
  expect(result.stdout + result.stderr).toBe("")
  expect(result.status).toBe(0)
})
