// Running the real `brecha` CLI as a child process (the same node, the same entry point as
// bin/brecha), for tests about processes: locks, kills, signals.
import { spawn, type ChildProcess } from "node:child_process"
import { join } from "node:path"

export const cliEntry = join(import.meta.dirname, "..", "..", "pipelines", "cli", "main.ts")

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliProcess {
  readonly child: ChildProcess
  /** Resolves when stderr or stdout has printed a line matching `pattern`. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  readonly done: Promise<CliResult>
  readonly output: () => { stdout: string; stderr: string }
}

export const startCli = (args: Array<string>, env: Record<string, string> = {}): CliProcess => {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", cliEntry, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = []
  const check = () => {
    for (const w of [...waiters]) {
      const match = `${stderr}\n${stdout}`.split("\n").find((l) => w.pattern.test(l))
      if (match !== undefined) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(match)
      }
    }
  }
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString()
    check()
  })
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString()
    check()
  })
  const done = new Promise<CliResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })))
  return {
    child,
    done,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stderr so far:\n${stderr}`)), timeoutMs)
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          }
        })
        done.then((r) => {
          clearTimeout(timer)
          reject(new Error(`the process ended (code ${r.code}, signal ${r.signal}) before printing ${pattern}; stderr:\n${r.stderr}`))
        })
        check()
      })
  }
}

export const runCli = (args: Array<string>, env: Record<string, string> = {}): Promise<CliResult> => startCli(args, env).done
