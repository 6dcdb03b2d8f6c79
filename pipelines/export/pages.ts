// Builds each page's data file from a warehouse extract. Pure functions: the same extract
// always gives the same files, and tests feed them small hand-made extracts.
import type {
  Benchmark,
  BenchmarksData,
  Bilingual,
  ChangeGroup,
  ChangeSummary,
  ChangesData,
  IndicatorData,
  IndicatorPart,
  IndicatorStatus,
  OverviewData,
  Point,
  RecommendationData,
  SiteMeta,
  SourceFreshness,
  SourcesData,
  TargetRef,
  VintageRef
} from "../../src/contract/types.ts"
import type { ChangeRow, IndicatorRow, ObservationRow, WarehouseExtract } from "./extract.ts"
import { DEFAULT_FOCUS } from "../../src/contract/defaultFocus.ts"

const OECD_GROUP = "oecd"

const bi = (en: string | null | undefined, es: string | null | undefined): Bilingual => ({ en: en ?? null, es: es ?? en ?? null })

const groupBy = <T, K>(rows: ReadonlyArray<T>, key: (row: T) => K): Map<K, Array<T>> => {
  const out = new Map<K, Array<T>>()
  for (const row of rows) {
    const k = key(row)
    const list = out.get(k)
    if (list) list.push(row)
    else out.set(k, [row])
  }
  return out
}

/** Observations indexed indicator -> country -> points, sorted by year. */
export const indexObservations = (rows: ReadonlyArray<ObservationRow>) => {
  const byIndicator = new Map<string, Map<string, Array<ObservationRow>>>()
  for (const row of rows) {
    let byCountry = byIndicator.get(row.indicator_id)
    if (!byCountry) {
      byCountry = new Map()
      byIndicator.set(row.indicator_id, byCountry)
    }
    const list = byCountry.get(row.country_iso3)
    if (list) list.push(row)
    else byCountry.set(row.country_iso3, [row])
  }
  for (const byCountry of byIndicator.values()) for (const list of byCountry.values()) list.sort((a, b) => a.year - b.year)
  return byIndicator
}

/** Values rounded to 6 significant digits: the publishers' own precision, and far smaller files. */
export const round = (v: number): number => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6)))

const toPoint = (o: ObservationRow): Point => [o.year, round(o.value), o.flag && o.flag !== "" ? o.flag : null]

const vintageRef = (v: WarehouseExtract["vintages"][number]): VintageRef => ({
  vintage_id: v.vintage_id,
  source_id: v.source_id,
  unit: v.unit,
  origin: v.origin,
  retrieved_at: v.retrieved_at,
  released_at: v.released_at
})

// Grouped once per extract: the overview of every country reuses it.
const benchmarkIndex = new WeakMap<WarehouseExtract, Map<string, Array<Benchmark & { indicator_id: string }>>>()
const oecdBenchmarks = (extract: WarehouseExtract) => {
  const known = benchmarkIndex.get(extract)
  if (known) return known
  const index = groupBy(
    extract.benchmarks.filter((b) => b.group_id === OECD_GROUP),
    (b) => b.indicator_id
  )
  benchmarkIndex.set(extract, index)
  return index
}

const stripBenchmark = ({ indicator_id: _, ...rest }: Benchmark & { indicator_id: string }): Benchmark => ({
  ...rest,
  mean: rest.mean === null ? null : round(rest.mean),
  median: rest.median === null ? null : round(rest.median),
  p25: rest.p25 === null ? null : round(rest.p25),
  p75: rest.p75 === null ? null : round(rest.p75),
  min: rest.min === null ? null : round(rest.min),
  max: rest.max === null ? null : round(rest.max)
})

const stripTarget = ({ indicator_id: _i, country_iso3: _c, ...rest }: TargetRef & { indicator_id: string; country_iso3: string }): TargetRef => rest

const stripStatus = ({ indicator_id: _i, country_iso3: _c, ...rest }: IndicatorStatus & { indicator_id: string; country_iso3: string }): IndicatorStatus => rest

/** The changes of the most recent run that changed anything, in a few numbers. */
export const lastChange = (changes: ReadonlyArray<ChangeRow>): ChangeSummary => {
  const runIds = changes.map((c) => c.run_id).filter((r): r is number => r !== null)
  if (runIds.length === 0) return { run_id: null, changed_at: null, new_values: 0, revised: 0, stale: [], recovered: [], indicators: [] }
  const run = runIds.reduce((a, b) => Math.max(a, b))
  const rows = changes.filter((c) => c.run_id === run)
  const dates = rows.map((r) => r.changed_at).sort()
  return {
    run_id: run,
    changed_at: dates[dates.length - 1] ?? null,
    new_values: rows.filter((r) => r.kind === "new_value").length,
    revised: rows.filter((r) => r.kind === "revised").length,
    stale: [...new Set(rows.filter((r) => r.kind === "stale").map((r) => r.source_id))].sort(),
    recovered: [...new Set(rows.filter((r) => r.kind === "recovered").map((r) => r.source_id))].sort(),
    indicators: [...new Set(rows.map((r) => r.indicator_id).filter((x): x is string => x !== null))].sort()
  }
}

/** Peers of a focus other than the settings': the other members of the first catalogue group that lists it (at most four). */
const PEERS_SHOWN = 4
export const peersFor = (extract: WarehouseExtract): Record<string, Array<string>> => {
  const out: Record<string, Array<string>> = {}
  for (const [, members] of groupBy(extract.peerGroups, (p) => p.group_id)) {
    const iso3s = members.map((m) => m.iso3)
    for (const iso3 of iso3s) out[iso3] ??= iso3s.filter((m) => m !== iso3).slice(0, PEERS_SHOWN)
  }
  return out
}

export const buildMeta = (extract: WarehouseExtract, generatedAt: string, downloads: SiteMeta["downloads"]): SiteMeta => {
  const obs = indexObservations(extract.observations)
  const linksByIndicator = groupBy(extract.links, (l) => l.indicator_id)
  const focusable = [...new Set(extract.observations.map((o) => o.country_iso3))].sort()
  const current = extract.vintages.filter((v) => v.status === "current")
  const lastGoodRun = [...extract.runs].reverse().find((r) => r.status === "ok" || r.status === "partial")
  const dataAsOf =
    lastGoodRun?.finished_at ??
    current
      .map((v) => v.retrieved_at)
      .sort()
      .at(-1) ??
    null
  const peerGroups = groupBy(extract.peerGroups, (p) => p.group_id)
  return {
    generated_at: generatedAt,
    data_as_of: dataAsOf,
    default_focus: extract.settings.focus_iso3 || DEFAULT_FOCUS,
    default_peers: extract.settings.peers,
    benchmark_group: (() => {
      const g = extract.benchmarkGroups.find((b) => b.group_id === extract.settings.benchmark_group)
      return { id: extract.settings.benchmark_group, name: bi(g?.name_en ?? extract.settings.benchmark_group, g?.name_es), n_members: g?.n_members ?? null }
    })(),
    countries: extract.countries.map((c) => ({ iso3: c.iso3, name_en: c.name_en, name_es: c.name_es, oecd: c.oecd_member_since })),
    focusable,
    indicators: extract.indicators.map((i) => ({
      id: i.indicator_id,
      pillar: i.pillar,
      name: bi(i.name_en, i.name_es),
      short: bi(i.short_en ?? i.name_en, i.short_es ?? i.name_es),
      unit: i.unit,
      unit_label: bi(i.unit_en, i.unit_es),
      higher_is_better: i.higher_is_better,
      parent_id: i.parent_id,
      source_id: i.source_id,
      publisher: i.publisher,
      licence: i.licence,
      tracks: (linksByIndicator.get(i.indicator_id) ?? []).map((l) => l.recommendation_id),
      countries_with_data: obs.get(i.indicator_id)?.size ?? 0,
      reviewed: i.reviewed
    })),
    recommendations: extract.recommendations.map((r) => ({
      id: r.recommendation_id,
      chapter: r.chapter,
      title: bi(r.title_en, r.title_es),
      confidence: r.confidence
    })),
    peer_groups: [...peerGroups].map(([id, members]) => {
      const g = extract.benchmarkGroups.find((b) => b.group_id === id)
      return { id, name: bi(g?.name_en ?? id, g?.name_es), members: members.map((m) => m.iso3) }
    }),
    peers_for: peersFor(extract),
    last_change: lastChange(extract.changes),
    downloads
  }
}

export const buildIndicator = (extract: WarehouseExtract, indicator: IndicatorRow, index = indexObservations(extract.observations)): IndicatorData => {
  const obs = index.get(indicator.indicator_id) ?? new Map<string, Array<ObservationRow>>()
  const vintageIds = new Set<number>()
  const series: Record<string, Array<Point>> = {}
  const seriesVintages: Record<string, Array<number>> = {}
  for (const [iso3, rows] of [...obs].sort(([a], [b]) => a.localeCompare(b))) {
    series[iso3] = rows.map(toPoint)
    seriesVintages[iso3] = [...new Set(rows.map((r) => r.vintage_id))].sort((a, b) => a - b)
    for (const r of rows) vintageIds.add(r.vintage_id)
  }
  const bench = oecdBenchmarks(extract)
  const statusRows = extract.status.filter((s) => s.indicator_id === indicator.indicator_id)
  const revisions: Record<string, Array<IndicatorData["revisions"][string][number]>> = {}
  for (const r of extract.revisions.filter((r) => r.indicator_id === indicator.indicator_id)) {
    revisions[r.country_iso3] ??= []
    revisions[r.country_iso3].push({
      year: r.year,
      old_value: round(r.old_value),
      new_value: round(r.new_value),
      old_vintage: r.old_vintage_id,
      new_vintage: r.new_vintage_id
    })
    vintageIds.add(r.old_vintage_id)
    vintageIds.add(r.new_vintage_id)
  }
  const recs = new Map(extract.recommendations.map((r) => [r.recommendation_id, r]))
  const parts = extract.indicators
    .filter((i) => i.parent_id === indicator.indicator_id)
    .map((part): IndicatorPart => {
      const partObs = index.get(part.indicator_id)
      const latest: Record<string, readonly [number, number]> = {}
      for (const [iso3, rows] of partObs ?? []) {
        const last = rows[rows.length - 1]
        latest[iso3] = [last.year, round(last.value)]
      }
      const partBench = bench.get(part.indicator_id)?.filter((b) => b.mean !== null) ?? []
      const lastBench = partBench[partBench.length - 1]
      return {
        id: part.indicator_id,
        short: bi(part.short_en ?? part.name_en, part.short_es ?? part.name_es),
        latest,
        oecd_mean: lastBench?.mean ?? null,
        oecd_year: lastBench?.year ?? null
      }
    })
  return {
    id: indicator.indicator_id,
    meta: {
      name: bi(indicator.name_en, indicator.name_es),
      short: bi(indicator.short_en ?? indicator.name_en, indicator.short_es ?? indicator.name_es),
      definition: bi(indicator.definition_en, indicator.definition_es),
      unit: indicator.unit,
      unit_label: bi(indicator.unit_en, indicator.unit_es),
      population: bi(indicator.population_en, indicator.population_es),
      notes: bi(indicator.notes_en, indicator.notes_es),
      higher_is_better: indicator.higher_is_better,
      pillar: indicator.pillar,
      source_id: indicator.source_id,
      publisher: indicator.publisher,
      licence: indicator.licence,
      url: indicator.url,
      cadence: indicator.cadence,
      derived: indicator.derived,
      parent_id: indicator.parent_id,
      target: indicator.target,
      reviewed: indicator.reviewed
    },
    tracks: extract.links
      .filter((l) => l.indicator_id === indicator.indicator_id)
      .map((l) => {
        const rec = recs.get(l.recommendation_id)
        return {
          rec: l.recommendation_id,
          why: bi(l.why_en, l.why_es),
          title: bi(rec?.title_en, rec?.title_es),
          summary: bi(rec?.summary_en, rec?.summary_es),
          confidence: rec?.confidence ?? null
        }
      }),
    vintages: extract.vintages.filter((v) => vintageIds.has(v.vintage_id)).map((v) => ({ ...vintageRef(v), rows_loaded: v.rows_loaded })),
    series,
    series_vintages: seriesVintages,
    benchmarks: (bench.get(indicator.indicator_id) ?? []).map(stripBenchmark),
    status: Object.fromEntries(statusRows.map((s) => [s.country_iso3, stripStatus(s)])),
    revisions,
    parts,
    trends: Object.fromEntries(
      (extract.trends ?? []).filter((t) => t.indicator_id === indicator.indicator_id).map(({ indicator_id: _i, country_iso3, ...rest }) => [country_iso3, rest])
    ),
    targets: Object.fromEntries((extract.targets ?? []).filter((t) => t.indicator_id === indicator.indicator_id).map((t) => [t.country_iso3, stripTarget(t)]))
  }
}

export const buildOverview = (extract: WarehouseExtract, iso3: string, index = indexObservations(extract.observations)): OverviewData => {
  const vintages = new Map(extract.vintages.map((v) => [v.vintage_id, v]))
  const status = new Map(extract.status.filter((s) => s.country_iso3 === iso3).map((s) => [s.indicator_id, s]))
  const targets = new Map((extract.targets ?? []).filter((t) => t.country_iso3 === iso3).map((t) => [t.indicator_id, t]))
  const trends = new Map(
    (extract.trends ?? []).filter((t) => t.country_iso3 === iso3).map(({ indicator_id, country_iso3: _c, ...rest }) => [indicator_id, rest])
  )
  return {
    iso3,
    rows: extract.indicators.map((i) => {
      const rows = index.get(i.indicator_id)?.get(iso3) ?? []
      const last = rows[rows.length - 1]
      const v = last ? vintages.get(last.vintage_id) : undefined
      const s = status.get(i.indicator_id)
      return {
        id: i.indicator_id,
        series: rows.map(toPoint),
        status: s ? stripStatus(s) : null,
        vintage: v ? vintageRef(v) : null,
        ...(targets.has(i.indicator_id) ? { target: stripTarget(targets.get(i.indicator_id)!) } : {}),
        ...(trends.has(i.indicator_id) ? { trend: trends.get(i.indicator_id)! } : {})
      }
    }),
    recommendations: extract.recommendationStatus
      .filter((r) => r.country_iso3 === undefined || r.country_iso3 === iso3)
      .map(({ recommendation_id, country_iso3: _, status, ...detail }) => ({
        recommendation_id: String(recommendation_id),
        status: status === null || status === undefined ? null : String(status),
        detail
      }))
  }
}

export const buildBenchmarks = (extract: WarehouseExtract): BenchmarksData =>
  Object.fromEntries([...oecdBenchmarks(extract)].map(([id, rows]) => [id, rows.map(stripBenchmark)]))

export const buildRecommendation = (extract: WarehouseExtract, rec: WarehouseExtract["recommendations"][number]): RecommendationData => {
  const wanted = new Set(rec.frameworks ?? [])
  return {
    id: rec.recommendation_id,
    chapter: rec.chapter,
    section: bi(rec.section_en, rec.section_es),
    title: bi(rec.title_en, rec.title_es),
    summary: bi(rec.summary_en, rec.summary_es),
    confidence: rec.confidence,
    confidence_note: bi(rec.confidence_note_en, rec.confidence_note_es),
    measurement: bi(rec.measurement_en, rec.measurement_es),
    frameworks: extract.frameworkItems
      .filter((f) => wanted.has(f.item_id))
      .map((f) => ({ framework_id: f.framework_id, item_id: f.item_id, name: bi(f.name_en, f.name_es), summary: bi(f.summary_en, f.summary_es) })),
    source: extract.recommendationSources.filter((r) => r.recommendation_id === rec.recommendation_id).map((r) => r.url),
    indicators: extract.links.filter((l) => l.recommendation_id === rec.recommendation_id).map((l) => ({ id: l.indicator_id, why: bi(l.why_en, l.why_es) }))
  }
}

export const buildSources = (extract: WarehouseExtract): SourcesData => {
  const sourceIds = [...new Set([...extract.vintages.map((v) => v.source_id), ...extract.freshness.map((r) => r.source_id)])].sort()
  const current = extract.observations
  const sources = sourceIds.map((id): SourceFreshness => {
    const indicators = extract.indicators.filter((i) => i.source_id === id)
    // Staleness is the warehouse's judgement (source_freshness): failures and quarantines alike.
    const fresh = extract.freshness.find((f) => f.source_id === id)
    const vintages = extract.vintages.filter((v) => v.source_id === id)
    const currentIds = new Set(vintages.filter((v) => v.status === "current").map((v) => v.vintage_id))
    return {
      source_id: id,
      publishers: [...new Set(indicators.map((i) => i.publisher).filter((p): p is string => !!p))],
      licences: [...new Set(indicators.map((i) => i.licence).filter((p): p is string => !!p))],
      indicators: indicators.map((i) => i.indicator_id),
      vintages: vintages.map((v) => ({ ...vintageRef(v), rows_loaded: v.rows_loaded, rows_rejected: v.rows_rejected, status: v.status, format: v.format })),
      rows_current: current.filter((o) => currentIds.has(o.vintage_id)).length,
      rows_rejected: vintages.filter((v) => v.status === "current").reduce((n, v) => n + v.rows_rejected, 0),
      rejections: extract.rejections
        .filter((r) => r.source_id === id)
        .map((r) => ({ reason: r.reason, count: r.n, examples: r.examples as SourceFreshness["rejections"][number]["examples"] })),
      last_run:
        fresh?.last_run_id != null
          ? { run_id: fresh.last_run_id, finished_at: fresh.last_run_at ?? "", outcome: fresh.last_outcome ?? "", error: fresh.last_error }
          : null,
      stale_since: fresh?.stale_since ?? null,
      last_success: fresh?.last_success_at ?? fresh?.last_checked_at ?? null,
      kind: fresh?.kind === "live" || fresh?.kind === "final" || fresh?.kind === "local" ? fresh.kind : "undeclared",
      cadence: fresh?.cadence ?? null,
      endpoints: fresh?.endpoints ?? [],
      final:
        fresh?.kind === "final" && fresh.final_edition
          ? {
              reason: fresh.final_reason ?? "",
              edition: fresh.final_edition,
              year: /^\d{4}/.exec(fresh.final_edition)?.[0] ?? fresh.final_edition,
              released: fresh.final_released ?? null,
              live_counterpart: fresh.live_counterpart ?? null
            }
          : null,
      stale: fresh?.stale ?? fresh?.stale_since != null,
      stale_reason: fresh?.stale_reason ?? null
    }
  })
  return { sources, runs: extract.runs }
}

const EXAMPLES = 5

/** Changes grouped by run, kind, source and indicator; each revision group keeps its largest changes. */
export const buildChanges = (changes: ReadonlyArray<ChangeRow>): ChangesData => {
  const groups = groupBy(changes, (c) => `${c.run_id}\u0000${c.kind}\u0000${c.source_id}\u0000${c.indicator_id ?? ""}`)
  const out: Array<ChangeGroup> = []
  for (const rows of groups.values()) {
    const first = rows[0]
    let minYear: number | null = null
    let maxYear: number | null = null
    for (const r of rows) {
      if (r.year === null) continue
      if (minYear === null || r.year < minYear) minYear = r.year
      if (maxYear === null || r.year > maxYear) maxYear = r.year
    }
    const relative = (r: ChangeRow) =>
      r.old_value === null || r.new_value === null ? 0 : Math.abs(r.new_value - r.old_value) / Math.max(Math.abs(r.old_value), 1e-9)
    out.push({
      run_id: first.run_id ?? 0,
      kind: first.kind,
      changed_at:
        rows
          .map((r) => r.changed_at)
          .sort()
          .at(-1) ?? first.changed_at,
      source_id: first.source_id,
      indicator_id: first.indicator_id,
      n: rows.length,
      countries: new Set(rows.map((r) => r.country_iso3).filter(Boolean)).size,
      min_year: minYear,
      max_year: maxYear,
      error: first.error,
      examples:
        first.kind === "revised"
          ? [...rows]
              .sort((a, b) => relative(b) - relative(a))
              .slice(0, EXAMPLES)
              .map((r) => ({
                country_iso3: r.country_iso3 ?? "",
                year: r.year ?? 0,
                old_value: r.old_value === null ? null : round(r.old_value),
                new_value: r.new_value === null ? null : round(r.new_value)
              }))
          : []
    })
  }
  out.sort(
    (a, b) =>
      b.run_id - a.run_id ||
      a.kind.localeCompare(b.kind) ||
      a.source_id.localeCompare(b.source_id) ||
      (a.indicator_id ?? "").localeCompare(b.indicator_id ?? "")
  )
  return { groups: out }
}
