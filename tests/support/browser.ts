// Debian's chromium through playwright-core, locked to loopback: every request that is not
// to 127.0.0.1/localhost is recorded (and aborted) so a test can assert none happened.
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium } from "playwright-core"

export const chromiumPath = process.env.BRECHA_CHROMIUM ?? "/usr/bin/chromium"
export const hasChromium = existsSync(chromiumPath)

/** Headless, offline, no first-run or background work: the same for tests and bench:web. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

if (!hasChromium) {
  if (process.env.CI === "true") throw new Error(`CI: chromium is missing at ${chromiumPath} (apt-get install -y chromium)`)
  console.warn(`SKIPPED: browser tests (no chromium at ${chromiumPath}; apt-get install -y chromium, or set BRECHA_CHROMIUM)`)
}

export interface Session {
  readonly context: BrowserContext
  /** URLs the pages tried to reach off the loopback interface. */
  readonly offHost: Array<string>
  readonly close: () => Promise<void>
}

export const isLoopback = (url: string): boolean => {
  if (url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank") return true
  try {
    const host = new URL(url).hostname
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]"
  } catch {
    return false
  }
}

export const launch = async (options: { width?: number; height?: number; javaScript?: boolean } = {}): Promise<Session> => {
  const profile = mkdtempSync(join(tmpdir(), "brecha-chromium-"))
  // A fresh profile folder each time (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    acceptDownloads: true,
    javaScriptEnabled: options.javaScript ?? true
  })
  const offHost: Array<string> = []
  await context.route("**/*", (route) => {
    const url = route.request().url()
    if (isLoopback(url)) return route.continue()
    offHost.push(url)
    return route.abort()
  })
  return {
    context,
    offHost,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}
