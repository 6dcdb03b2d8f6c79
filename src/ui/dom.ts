// Building DOM safely: text is always inserted as text (textContent / text nodes), never
// parsed as markup, so a publisher's name such as "<img onerror=…>" shows literally.
export type Child = Node | string | number | null | undefined | false
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Child | ReadonlyArray<Child>>): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag)
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
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child)
  }
}

export const clear = (node: Node): void => {
  while (node.firstChild) node.removeChild(node.firstChild)
}

/** Only http(s) links from the catalogue become hrefs; anything else is shown as text. */
export const safeUrl = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null)
