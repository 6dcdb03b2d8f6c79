// Every chart on the site sits in this frame: the finding sentence above it, the chart
// (re-drawn when its box changes width, so it reflows at 360 px), a one-sentence text
// alternative, a table view of the same rows, a CSV of exactly those rows, and a caption
// with source, licence, vintage and the recommendations it tracks.
import { t } from "../i18n/strings.ts"
import type { Lang } from "../../contract/types.ts"
import { type CsvColumn, toCsv } from "./csv.ts"
import { activeDocument, el, isStaticRender } from "./dom.ts"

export interface TableColumn<T> {
  readonly label: string
  readonly cell: (row: T) => string
  readonly numeric?: boolean
}

export interface CaptionSource {
  readonly publisher: string
  readonly licence: string
  readonly vintage: string
}

export interface ChartFrameOptions<T> {
  readonly lang: Lang
  readonly id: string
  readonly title: string
  readonly finding: string
  readonly summary: string
  readonly render: (width: number) => Element
  readonly rows: ReadonlyArray<T>
  readonly table: ReadonlyArray<TableColumn<T>>
  readonly csv: { readonly filename: string; readonly columns: ReadonlyArray<CsvColumn<T>> }
  readonly sources: ReadonlyArray<CaptionSource>
  readonly tracks: ReadonlyArray<{ readonly id: string; readonly title: string; readonly href: string }>
  /** Heading level of the title (2 on pages with one chart per section, 3 in grids). */
  readonly level?: 2 | 3
  readonly compact?: boolean
}

/** Widths a chart is drawn at in the pre-rendered HTML (CSS scales it to its box until the browser redraws it). */
const STATIC_WIDTH = { full: 760, compact: 340 } as const

export const downloadText = (filename: string, text: string, type = "text/csv;charset=utf-8"): void => {
  // A byte-order mark tells spreadsheets the CSV is UTF-8; an SVG file must not start with one.
  const url = URL.createObjectURL(new Blob(type.startsWith("text/csv") ? ["\uFEFF", text] : [text], { type }))
  const a = el("a", { href: url, download: filename, hidden: true })
  activeDocument().body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const dataTable = <T>(columns: ReadonlyArray<TableColumn<T>>, rows: ReadonlyArray<T>, caption?: string): HTMLElement =>
  el(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption ?? null },
    el(
      "table",
      {},
      caption ? el("caption", { class: "sr-only" }, caption) : null,
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          columns.map((c) => el("th", { scope: "col", class: c.numeric ? "num" : null }, c.label))
        )
      ),
      el(
        "tbody",
        {},
        rows.map((r) =>
          el(
            "tr",
            {},
            columns.map((c) => el("td", { class: c.numeric ? "num" : null }, c.cell(r)))
          )
        )
      )
    )
  )

export const chartFrame = <T>(o: ChartFrameOptions<T>): HTMLElement => {
  // Ids stay the same from one render to the next (build time and browser alike).
  const summaryId = `summary-${o.id}`
  const chartBox = el("div", { class: "chart", role: "img", "aria-labelledby": summaryId })
  const tableBox = el("div", { class: "chart-table", hidden: true }, dataTable(o.table, o.rows, o.title))
  let drawnWidth = 0
  const draw = () => {
    if (chartBox.hidden || chartBox.clientWidth === 0) return
    const width = Math.max(280, Math.min(Math.floor(chartBox.clientWidth || 640), 880))
    if (width === drawnWidth) return
    drawnWidth = width
    const chart = o.render(width)
    chart.setAttribute("aria-hidden", "true")
    chartBox.replaceChildren(chart)
  }
  const toggle = el("button", { type: "button", class: "toggle", "aria-pressed": "false" }, t(o.lang, "show_table"))
  toggle.addEventListener("click", () => {
    const showTable = tableBox.hidden
    tableBox.hidden = !showTable
    chartBox.hidden = showTable
    toggle.setAttribute("aria-pressed", String(showTable))
    toggle.textContent = t(o.lang, showTable ? "show_chart" : "show_table")
  })
  const download = el("button", { type: "button", class: "download" }, t(o.lang, "download_csv"))
  download.addEventListener("click", () => downloadText(o.csv.filename, toCsv(o.csv.columns, o.rows)))
  const downloadSvg = el("button", { type: "button", class: "download-svg" }, t(o.lang, "download_svg"))
  downloadSvg.addEventListener("click", () => {
    const svg = chartBox.querySelector("svg")
    if (!svg) return
    const copy = svg.cloneNode(true) as SVGSVGElement
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg")
    copy.removeAttribute("aria-hidden")
    downloadText(o.csv.filename.replace(/\.csv$/, ".svg"), new XMLSerializer().serializeToString(copy), "image/svg+xml;charset=utf-8")
  })
  const Heading = o.level === 2 ? "h2" : "h3"
  const figure = el(
    "figure",
    { class: `chart-frame${o.compact ? " compact" : ""}`, id: o.id, "data-chart": o.id },
    el(Heading, { class: "chart-title" }, o.title),
    el("p", { class: "finding" }, o.finding),
    chartBox,
    tableBox,
    el("p", { class: "sr-only", id: summaryId }, o.summary),
    el("div", { class: "chart-actions" }, toggle, download, downloadSvg),
    el(
      "figcaption",
      {},
      o.sources.map((s) => el("span", { class: "caption-source" }, t(o.lang, "caption_source", { ...s }), " ")),
      o.tracks.length > 0
        ? el(
            "span",
            { class: "caption-tracks" },
            t(o.lang, "caption_tracks"),
            " ",
            o.tracks.flatMap((r, i) => [
              i > 0 ? "; " : null,
              el("a", { href: r.href }, r.title || r.id, r.title ? [" ", el("span", { class: "rec-code" }, r.id)] : null)
            ])
          )
        : null
    )
  )
  // At build time: draw now, at a fixed width, into the HTML. In the browser: once the frame
  // is laid out (its width is known; before the next paint), then on every width change.
  if (isStaticRender()) {
    const chart = o.render(o.compact ? STATIC_WIDTH.compact : STATIC_WIDTH.full)
    chart.setAttribute("aria-hidden", "true")
    chartBox.replaceChildren(chart)
  } else if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => draw()).observe(chartBox)
  else requestAnimationFrame(draw)
  return figure
}
