// `brecha serve`: a small static file server for the built site, bound to 127.0.0.1 only.
// It serves files below the folder and nothing else (no directory listing, no "..").
import { Effect } from "effect"
import { createReadStream, existsSync, statSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { extname, join, normalize, resolve, sep } from "node:path"

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/atom+xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".parquet": "application/vnd.apache.parquet",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8"
}

export interface ServeSiteOptions {
  readonly dir?: string
  /** 0 picks a free port. */
  readonly port?: number
}

export interface ServedSite {
  readonly url: string
  readonly port: number
  readonly server: Server
  readonly close: () => Promise<void>
}

export class ServeError extends Error {
  readonly _tag = "ServeError"
}

/** The file a request path maps to, or null when it would leave the folder. */
export const resolveRequest = (root: string, urlPath: string): string | null => {
  let path: string
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0])
  } catch {
    return null
  }
  if (path.includes("\0")) return null
  const target = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path))
  return target === root || target.startsWith(root + sep) ? target : null
}

export const serveSite = (options: ServeSiteOptions = {}) =>
  Effect.tryPromise({
    try: () =>
      new Promise<ServedSite>((done, fail) => {
        const root = resolve(options.dir ?? "dist")
        if (!existsSync(join(root, "index.html"))) {
          fail(new ServeError(`no built site in ${root} (run \`brecha build\` first)`))
          return
        }
        const server = createServer((req, res) => {
          const file = resolveRequest(root, req.url ?? "/")
          if (req.method !== "GET" && req.method !== "HEAD") {
            res.writeHead(405, { allow: "GET, HEAD" }).end()
            return
          }
          if (!file || !existsSync(file) || !statSync(file).isFile()) {
            res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n")
            return
          }
          res.writeHead(200, {
            "content-type": types[extname(file).toLowerCase()] ?? "application/octet-stream",
            "content-length": statSync(file).size,
            "x-content-type-options": "nosniff",
            // The site never needs another origin; say so to the browser as well.
            "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
            "cache-control": "no-cache"
          })
          if (req.method === "HEAD") res.end()
          else createReadStream(file).pipe(res)
        })
        server.once("error", (e) => fail(new ServeError(`cannot serve on 127.0.0.1:${options.port ?? 8080}: ${e.message}`)))
        server.listen(options.port ?? 8080, "127.0.0.1", () => {
          const address = server.address()
          const port = typeof address === "object" && address ? address.port : (options.port ?? 8080)
          done({
            url: `http://127.0.0.1:${port}/`,
            port,
            server,
            close: () =>
              new Promise<void>((ok) => {
                server.closeAllConnections()
                server.close(() => ok())
              })
          })
        })
      }),
    catch: (e) => (e instanceof ServeError ? e : new ServeError(String(e)))
  })
