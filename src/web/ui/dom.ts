// Building DOM safely: text is always inserted as text (textContent / text nodes), never
// parsed as markup, so a publisher's name such as "<img onerror=…>" shows literally.
// The document nodes are made in: the browser's own, or, while the export renders a page at
// build time, the server-side one it passes in (see `withDocument`). One code path for both.
let bound: Document | null = null

export const activeDocument = (): Document => bound ?? document

/** True while rendering into a document that is not the browser's (a build-time render). */
export const isStaticRender = (): boolean => bound !== null && bound !== globalThis.document

/** Runs `f` with nodes made in `doc`; async `f` must not interleave with another render. */
export const withDocument = async <T>(doc: Document, f: () => Promise<T> | T): Promise<T> => {
  const previous = bound
  bound = doc
  try {
    return await f()
  } finally {
    bound = previous
  }
}

export type Child = Node | string | number | null | undefined | false
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>

export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | ReadonlyArray<Child>>
): HTMLElementTagNameMap[K] => {
  const node = activeDocument().createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (typeof value === "function") node.addEventListener(name.replace(/^on/, ""), value)
    else if (name === "href" && typeof value === "string" && /^\s*javascript:/i.test(value)) continue
    else node.setAttribute(name, value === true ? "" : String(value))
  }
  append(node, ...children)
  return node
}

export const append = (parent: Node, ...children: Array<Child | ReadonlyArray<Child>>): void => {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === "string" || typeof child === "number" ? activeDocument().createTextNode(String(child)) : child)
  }
}

export const clear = (node: Node): void => {
  while (node.firstChild) node.removeChild(node.firstChild)
}

/** Only http(s) links from the catalogue become hrefs; anything else is shown as text. */
export const safeUrl = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null)
