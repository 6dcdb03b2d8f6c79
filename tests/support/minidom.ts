// A minimal DOM, just enough for Observable Plot (and d3-selection under it) to render SVG
// in Node, so chart functions are tested without a browser. No package in the shared
// install provides one (no jsdom, happy-dom or linkedom); the browser tests cover the rest.
const XHTML = "http://www.w3.org/1999/xhtml"

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;")

class MiniNode {
  parentNode: MiniElement | null = null
  childNodes: Array<MiniNode> = []
  readonly ownerDocument: MiniDocument
  readonly nodeType: number
  constructor(doc: MiniDocument, nodeType: number) {
    this.ownerDocument = doc
    this.nodeType = nodeType
  }
  get firstChild() { return this.childNodes[0] ?? null }
  get lastChild() { return this.childNodes[this.childNodes.length - 1] ?? null }
  get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes
    if (!siblings) return null
    return siblings[siblings.indexOf(this) + 1] ?? null
  }
  get previousSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes
    if (!siblings) return null
    return siblings[siblings.indexOf(this) - 1] ?? null
  }
  appendChild<T extends MiniNode>(child: T): T { return this.insertBefore(child, null) }
  insertBefore<T extends MiniNode>(child: T, ref: MiniNode | null): T {
    if (child.nodeType === 11) {
      for (const c of [...child.childNodes]) this.insertBefore(c, ref)
      return child
    }
    child.parentNode?.removeChild(child)
    const i = ref ? this.childNodes.indexOf(ref) : -1
    if (i < 0) this.childNodes.push(child)
    else this.childNodes.splice(i, 0, child)
    child.parentNode = this as unknown as MiniElement
    return child
  }
  removeChild<T extends MiniNode>(child: T): T {
    const i = this.childNodes.indexOf(child)
    if (i >= 0) this.childNodes.splice(i, 1)
    child.parentNode = null
    return child
  }
  remove() { this.parentNode?.removeChild(this) }
  append(...nodes: Array<MiniNode | string>) {
    for (const n of nodes) this.appendChild(typeof n === "string" ? this.ownerDocument.createTextNode(n) : n)
  }
  get textContent(): string { return this.childNodes.map((c) => c.textContent).join("") }
  set textContent(value: string) {
    for (const c of this.childNodes) c.parentNode = null
    this.childNodes = []
    if (value !== "" && value != null) this.appendChild(this.ownerDocument.createTextNode(String(value)))
  }
  compareDocumentPosition(other: MiniNode): number {
    // Only siblings are compared by d3's selection.order(); 4 = following, 2 = preceding.
    const siblings = this.parentNode?.childNodes ?? []
    return siblings.indexOf(other) > siblings.indexOf(this) ? 4 : 2
  }
  serialize(): string { return "" }
}

class MiniText extends MiniNode {
  data: string
  constructor(doc: MiniDocument, data: string) {
    super(doc, 3)
    this.data = data
  }
  override get textContent() { return this.data }
  override set textContent(v: string) { this.data = String(v) }
  override serialize() { return escapeText(this.data) }
}

class MiniStyle {
  readonly props = new Map<string, string>()
  setProperty(name: string, value: string) { this.props.set(name, String(value)) }
  removeProperty(name: string) { this.props.delete(name) }
  getPropertyValue(name: string) { return this.props.get(name) ?? "" }
  get cssText() { return [...this.props].map(([k, v]) => `${k}: ${v};`).join(" ") }
}

// Simple selectors only: tag, .class, tag.class, [attr], :scope > child; comma lists.
const matches = (el: MiniElement, selector: string): boolean =>
  selector.split(",").some((part) => {
    const s = part.trim()
    const m = /^([a-zA-Z][\w-]*)?((?:\.[\w-]+)*)(?:\[([\w-]+)\])?$/.exec(s)
    if (!m) return false
    if (m[1] && el.localName !== m[1].toLowerCase()) return false
    const classes = (el.getAttribute("class") ?? "").split(/\s+/)
    for (const c of m[2].split(".").filter(Boolean)) if (!classes.includes(c)) return false
    if (m[3] && !el.hasAttribute(m[3])) return false
    return true
  })

export class MiniElement extends MiniNode {
  readonly namespaceURI: string
  readonly localName: string
  readonly attributes = new Map<string, string>()
  readonly style = new MiniStyle()
  constructor(doc: MiniDocument, ns: string, name: string) {
    super(doc, 1)
    this.namespaceURI = ns
    this.localName = name
  }
  get tagName() { return this.namespaceURI === XHTML ? this.localName.toUpperCase() : this.localName }
  get nodeName() { return this.tagName }
  get children(): Array<MiniElement> { return this.childNodes.filter((c): c is MiniElement => c instanceof MiniElement) }
  setAttribute(name: string, value: unknown) { this.attributes.set(name, String(value)) }
  setAttributeNS(_ns: string | null, name: string, value: unknown) { this.setAttribute(name, value) }
  getAttribute(name: string) { return this.attributes.get(name) ?? null }
  hasAttribute(name: string) { return this.attributes.has(name) }
  removeAttribute(name: string) { this.attributes.delete(name) }
  removeAttributeNS(_ns: string | null, name: string) { this.removeAttribute(name) }
  get classList() {
    const list = () => (this.getAttribute("class") ?? "").split(/\s+/).filter(Boolean)
    return {
      add: (...c: Array<string>) => this.setAttribute("class", [...new Set([...list(), ...c])].join(" ")),
      remove: (...c: Array<string>) => this.setAttribute("class", list().filter((x) => !c.includes(x)).join(" ")),
      contains: (c: string) => list().includes(c)
    }
  }
  querySelectorAll(selector: string): Array<MiniElement> {
    const out: Array<MiniElement> = []
    const scoped = /^:scope\s*>\s*(.+)$/.exec(selector.trim())
    if (scoped) return this.children.filter((c) => matches(c, scoped[1]))
    const walk = (n: MiniElement) => {
      for (const c of n.children) {
        if (matches(c, selector)) out.push(c)
        walk(c)
      }
    }
    walk(this)
    return out
  }
  querySelector(selector: string) { return this.querySelectorAll(selector)[0] ?? null }
  getElementsByTagName(name: string) { return this.querySelectorAll(name) }
  addEventListener() {}
  removeEventListener() {}
  dispatchEvent() { return true }
  getBBox() { return { x: 0, y: 0, width: 0, height: 0 } }
  override serialize(): string {
    const attrs = [...this.attributes].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("")
    const style = this.style.props.size ? ` style="${escapeAttr(this.style.cssText)}"` : ""
    return `<${this.localName}${attrs}${style}>${this.childNodes.map((c) => c.serialize()).join("")}</${this.localName}>`
  }
  get outerHTML() { return this.serialize() }
  get innerHTML() { return this.childNodes.map((c) => c.serialize()).join("") }
}

class MiniFragment extends MiniNode {
  constructor(doc: MiniDocument) { super(doc, 11) }
}

export class MiniDocument {
  readonly documentElement: MiniElement
  readonly defaultView = {
    getComputedStyle: (el: MiniElement) => ({ getPropertyValue: (n: string) => el.style.getPropertyValue(n) }),
    devicePixelRatio: 1,
    // Plot's pointer interaction announces its initial (empty) value with an input event.
    Event: class MiniEvent {
      readonly type: string
      constructor(type: string) { this.type = type }
    }
  }
  constructor() {
    this.documentElement = new MiniElement(this, XHTML, "html")
  }
  createElement(name: string) { return new MiniElement(this, XHTML, name.toLowerCase()) }
  createElementNS(ns: string, name: string) { return new MiniElement(this, ns, name) }
  createTextNode(data: string) { return new MiniText(this, String(data)) }
  createDocumentFragment() { return new MiniFragment(this) }
  querySelector() { return null }
  querySelectorAll() { return [] }
}

/** A fresh document, typed as the DOM one for Plot's `document` option. */
export const miniDocument = (): Document => new MiniDocument() as unknown as Document

/** The markup of a rendered chart, with Intl's no-break spaces ("72,4 %") as plain spaces. */
export const markup = (node: unknown): string => (node as { outerHTML: string }).outerHTML.replace(/[\u00a0\u202f]/g, " ")
