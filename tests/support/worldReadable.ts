// A copy of the brecha CLI that another user (uid 65534) can run, wherever the checkout lives.
// A clone inside a private folder (mode 700, or a home directory with 750) cannot be entered
// by that user, so spawning bin/brecha as it fails with EACCES. The copy sits in a
// world-readable temporary folder: hard links where the file system allows (instant; the
// files' own modes are kept), else a plain copy with fresh modes. A check run as the other
// user proves it starts, or says precisely why not, before any test relies on it.
import { execFileSync, spawnSync } from "node:child_process"
import { chmodSync, existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"

const repo = join(import.meta.dirname, "..", "..")

/** What the CLI needs at run time: its code, catalogue, settings and installed packages. */
const runtimeParts = ["package.json", "bin", "scripts", "pipelines", "src", "data/catalog", "data/settings.yaml", "node_modules"]

const copyParts = (into: string, how: "link" | "copy") => {
  for (const part of runtimeParts) {
    const from = join(repo, part)
    if (!existsSync(from)) continue
    const to = join(into, part)
    mkdirSync(join(to, ".."), { recursive: true })
    // umask 022 so directories made by cp are enterable by everyone.
    execFileSync("sh", ["-c", `umask 022 && cp ${how === "link" ? "-al" : "-r"} "$0" "$1"`, from, to], { stdio: "pipe" })
  }
}

/** Runs `brecha --help` as the user; the reason it cannot start, or undefined. */
const cannotStart = (brecha: string, user: { uid: number; gid: number }) => {
  const run = spawnSync(brecha, ["--help"], { ...user, cwd: "/", encoding: "utf8", timeout: 60_000 })
  if (run.error) return `${run.error.message}`
  if (run.status !== 0) return `exit ${run.status}: ${(run.stderr || run.stdout).slice(0, 400)}`
  return undefined
}

/**
 * Returns the path of a bin/brecha that `user` can run, under `root` (which must itself be
 * world-enterable). Throws with the reason when no copy can be made to start.
 */
export const brechaFor = (root: string, user: { uid: number; gid: number }): string => {
  mkdirSync(root, { recursive: true })
  chmodSync(root, 0o755)
  const linked = join(root, "app-linked")
  const brecha = (dir: string) => join(dir, "bin", "brecha")
  let reason: string | undefined
  try {
    copyParts(linked, "link")
    reason = cannotStart(brecha(linked), user)
    if (reason === undefined) return brecha(linked)
  } catch (e) {
    reason = (e as Error).message
  }
  const copied = join(root, "app-copied")
  copyParts(copied, "copy")
  const again = cannotStart(brecha(copied), user)
  if (again === undefined) return brecha(copied)
  throw new Error(`brecha cannot be started as uid ${user.uid}: hard-linked copy: ${reason}; plain copy: ${again}`)
}
