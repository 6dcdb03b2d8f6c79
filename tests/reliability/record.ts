// Each reliability case appends its verdict to a JSON-lines file when
// BRECHA_RELIABILITY_OUT is set (scripts/test-reliability.ts sets it and sums them up).
import { appendFileSync } from "node:fs"

export interface Verdict {
  readonly id: string
  /** The declared outcome happened exactly. */
  readonly handled: boolean
  /** Something wrong reached the warehouse: a failed load changed it, a rejected or
   * impossible value reached observations, or a good value went missing. */
  readonly lostData: boolean
  /** An exception or defect instead of a typed failure, or a process that died. */
  readonly crash: boolean
  readonly problems: ReadonlyArray<string>
}

export const record = (verdict: Verdict): void => {
  const out = process.env.BRECHA_RELIABILITY_OUT
  if (out) appendFileSync(out, `${JSON.stringify(verdict)}\n`)
}

/** Records the verdict and returns its problems (the test asserts there are none). */
export const verdict = (id: string, problems: Array<string>, flags: { lostData?: boolean; crash?: boolean } = {}): Array<string> => {
  record({ id, handled: problems.length === 0, lostData: flags.lostData ?? false, crash: flags.crash ?? false, problems })
  return problems
}
