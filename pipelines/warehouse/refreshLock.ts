// The refresh lock: a file next to the warehouse (`<warehouse>.lock`) holding the pid, the
// command and the start time of the process writing to it. Manual `refresh`, `ingest` and
// every scheduled run take it, so two refreshes never overlap; a second one is refused with
// a message naming the first. A lock left by a process that no longer exists (SIGKILL, power
// loss) is taken over. DuckDB's own file lock would also refuse a second writer, but only
// with an opaque error and only once both have opened the file; this lock says who and why.
import { Effect } from "effect"
import { hostname } from "node:os"
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs"
import { RefreshLockedError, WarehouseError } from "../errors.ts"

export interface LockInfo {
  readonly pid: number
  readonly startedAt: string
  readonly command: string
  readonly host: string
}

export const lockPath = (warehousePath: string): string => `${warehousePath}.lock`

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export const processAlive = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

const readLock = (path: string): LockInfo | undefined => {
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as Partial<LockInfo>
    return { pid: Number(info.pid), startedAt: String(info.startedAt ?? "?"), command: String(info.command ?? "?"), host: String(info.host ?? "") }
  } catch {
    // Unreadable or half-written (the writer died between open and write): treat as abandoned.
    return undefined
  }
}

/** Creates the lock file atomically (O_EXCL): exactly one of two racing processes gets it. */
const tryCreate = (path: string, info: LockInfo): boolean => {
  let fd: number
  try {
    fd = openSync(path, "wx")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false
    throw error
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`)
  } finally {
    closeSync(fd)
  }
  return true
}

const acquire = (warehousePath: string, command: string) =>
  Effect.try({
    try: (): { readonly ok: true; readonly info: LockInfo } | { readonly ok: false; readonly holder: LockInfo } => {
      const path = lockPath(warehousePath)
      const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), command, host: hostname() }
      for (let attempt = 0; attempt < 3; attempt++) {
        if (tryCreate(path, info)) return { ok: true, info }
        const holder = readLock(path)
        // A pid from another host cannot be checked; only a lock of this host is taken over.
        const abandoned = !holder || ((holder.host === "" || holder.host === info.host) && !processAlive(holder.pid))
        if (!abandoned) return { ok: false, holder }
        // Take over by renaming it aside first: if two processes both found it abandoned,
        // only one rename succeeds and the other retries against the fresh lock.
        const aside = `${path}.stale-${process.pid}`
        try {
          renameSync(path, aside)
          unlinkSync(aside)
        } catch {
          // Someone else moved it first; try again.
        }
      }
      const holder = readLock(path)
      return holder ? { ok: false, holder } : { ok: false, holder: { pid: 0, startedAt: "?", command: "?", host: "" } }
    },
    catch: (cause) => new WarehouseError({ operation: "take the refresh lock", path: lockPath(warehousePath), detail: String(cause) })
  })

const release = (warehousePath: string) =>
  Effect.sync(() => {
    const path = lockPath(warehousePath)
    // Only remove our own lock (a takeover may have replaced it in the meantime).
    if (readLock(path)?.pid === process.pid) {
      try {
        unlinkSync(path)
      } catch {
        // Already gone.
      }
    }
  })

/** Runs `effect` holding the warehouse's refresh lock; released on success, failure and interrupt. */
export const withRefreshLock =
  (warehousePath: string, command: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | RefreshLockedError | WarehouseError, R> =>
    Effect.acquireUseRelease(
      acquire(warehousePath, command).pipe(
        Effect.flatMap((result) =>
          result.ok
            ? Effect.succeed(result.info)
            : Effect.fail(
                new RefreshLockedError({
                  lockFile: lockPath(warehousePath),
                  pid: result.holder.pid,
                  startedAt: result.holder.startedAt,
                  command: result.holder.command
                })
              )
        )
      ),
      () => effect,
      () => release(warehousePath)
    )
