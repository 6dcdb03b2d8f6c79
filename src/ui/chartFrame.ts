// Every chart on the site sits in this frame: the finding sentence above it, the chart
// (re-drawn when its box changes width, so it reflows at 360 px), a one-sentence text
// alternative, a table view of the same rows, a CSV of exactly those rows, and a caption
// with source, licence, vintage and the recommendations it tracks.
import { t } from "../i18n/strings.ts"
import type { Lang } from "../site/types.ts"
import { type CsvColumn, toCsv } from "./csv.ts"
import { el } from "./dom.ts"

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

let downloadSeq = 0

export const downloadText = (filename: string, text: string, type = "text/csv;charset=utf-8"): void => {
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type }))
  const a = el("a", { href: url, download: filename, hidden: true })
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const dataTable = <T>(columns: ReadonlyArray<TableColumn<T>>, rows: ReadonlyArray<T>, caption?: string): HTMLElement =>
  el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption ?? null },
    el("table", {},
      caption ? el("caption", { class: "sr-only" }, caption) : null,
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, columns.map((c) => el("td", { class: c.numeric ? "num" : null }, c.cell(r))))))))

export const chartFrame = <T>(o: ChartFrameOptions<T>): HTMLElement => {
  const seq = ++downloadSeq
  const summaryId = `summary-${o.id}-${seq}`
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
  const Heading = o.level === 2 ? "h2" : "h3"
  const figure = el("figure", { class: `chart-frame${o.compact ? " compact" : ""}`, id: o.id, "data-chart": o.id },
    el(Heading, { class: "chart-title" }, o.title),
    el("p", { class: "finding" }, o.finding),
    chartBox,
    tableBox,
    el("p", { class: "sr-only", id: summaryId }, o.summary),
    el("div", { class: "chart-actions" }, toggle, download),
    el("figcaption", {},
      o.sources.map((s) => el("span", { class: "caption-source" }, t(o.lang, "caption_source", { ...s }), " ")),
      o.tracks.length > 0
        ? el("span", { class: "caption-tracks" }, t(o.lang, "caption_tracks"), " ",
            o.tracks.flatMap((r, i) => [i > 0 ? ", " : null, el("a", { href: r.href, title: r.title }, r.id)]))
        : null))
  // Draw once the frame is laid out (its width is known), then on every width change.
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => draw()).observe(chartBox)
  else requestAnimationFrame(draw)
  return figure
}
