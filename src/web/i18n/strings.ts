// Every fixed text of the site and the feeds, in Spanish and English. Texts that come from
// the catalogue (indicator names, recommendation summaries) are in the data files instead.
import type { Lang } from "../../contract/types.ts"

const strings = {
  site_name: { es: "brecha", en: "brecha" },
  site_tagline: {
    es: "Qué tan lejos está el gobierno digital de {country} de la OCDE, ligado a las recomendaciones del Estudio de Gobierno Digital de la OCDE sobre México (2020).",
    en: "How far {country}'s digital government stands from the OECD, tied to the recommendations of the OECD review Digital Government in Mexico (2020)."
  },
  nav_overview: { es: "Resumen", en: "Overview" },
  nav_sources: { es: "Fuentes y actualidad", en: "Sources and freshness" },
  nav_changes: { es: "Qué cambió", en: "What changed" },
  skip_to_content: { es: "Ir al contenido", en: "Skip to content" },
  focus_country: { es: "País", en: "Country" },
  peers: { es: "Pares", en: "Peers" },
  add_peer: { es: "Añadir par…", en: "Add a peer…" },
  remove_peer: { es: "Quitar {name}", en: "Remove {name}" },
  language: { es: "Idioma", en: "Language" },
  switch_language: { es: "English", en: "Español" },
  data_as_of: { es: "Datos al {date}", en: "Data as of {date}" },
  loading: { es: "Cargando…", en: "Loading…" },
  load_failed: { es: "No se pudieron cargar los datos de esta página ({detail}).", en: "This page's data could not be loaded ({detail})." },

  pillar_connectivity: { es: "Conectividad", en: "Connectivity" },
  pillar_data_capability: { es: "Capacidad de datos", en: "Data capability" },
  pillar_digital_talent: { es: "Talento digital", en: "Digital talent" },
  pillar_context: { es: "Contexto", en: "Context" },

  col_indicator: { es: "Indicador", en: "Indicator" },
  col_latest: { es: "Último (año)", en: "Latest (year)" },
  col_benchmark: { es: "Referencia OCDE", en: "OECD benchmark" },
  col_gap: { es: "Brecha", en: "Gap" },
  col_trend: { es: "Tendencia", en: "Trend" },
  col_status: { es: "Estado", en: "Status" },
  col_tracks: { es: "Recomendaciones", en: "Recommendations" },
  col_year: { es: "Año", en: "Year" },
  col_country: { es: "País", en: "Country" },
  col_value: { es: "Valor", en: "Value" },
  col_flags: { es: "Marcas", en: "Flags" },
  col_series: { es: "Serie", en: "Series" },
  col_rank: { es: "Lugar", en: "Rank" },
  col_old: { es: "Valor anterior", en: "Old value" },
  col_new: { es: "Valor nuevo", en: "New value" },
  col_old_vintage: { es: "Versión anterior", en: "Old vintage" },
  col_new_vintage: { es: "Versión nueva", en: "New vintage" },
  col_part: { es: "Componente", en: "Part" },
  col_oecd_mean: { es: "Promedio OCDE", en: "OECD mean" },
  col_oecd_median: { es: "Mediana OCDE", en: "OECD median" },
  col_p25: { es: "Percentil 25", en: "25th percentile" },
  col_p75: { es: "Percentil 75", en: "75th percentile" },
  col_min: { es: "Mínimo", en: "Minimum" },
  col_max: { es: "Máximo", en: "Maximum" },
  col_source: { es: "Fuente", en: "Source" },
  col_publisher: { es: "Editor", en: "Publisher" },
  col_licence: { es: "Licencia", en: "Licence" },
  col_latest_vintage: { es: "Última versión", en: "Latest vintage" },
  col_released: { es: "Publicada", en: "Released" },
  col_retrieved: { es: "Obtenida", en: "Retrieved" },
  col_rows: { es: "Filas", en: "Rows" },
  col_rejected: { es: "Rechazadas", en: "Rejected" },
  col_last_run: { es: "Última ejecución", en: "Last run" },
  col_kind: { es: "Tipo", en: "Kind" },
  col_count: { es: "Cantidad", en: "Count" },
  col_years: { es: "Años", en: "Years" },
  col_countries: { es: "Países", en: "Countries" },
  col_indicators: { es: "Indicadores", en: "Indicators" },
  col_mode: { es: "Disparador y modo", en: "Trigger and mode" },
  col_when: { es: "Cuándo", en: "When" },

  status_on_track: { es: "En camino", en: "On track" },
  status_moderate: { es: "Avance moderado", en: "Moderate progress" },
  status_insufficient: { es: "Avance insuficiente", en: "Insufficient progress" },
  status_moving_away: { es: "Se aleja", en: "Moving away" },
  status_not_enough_data: { es: "Datos insuficientes", en: "Not enough data" },
  status_achieved: { es: "Alcanzado", en: "Achieved" },
  status_at_or_above: { es: "En o sobre la referencia", en: "At or above benchmark" },
  status_pending: { es: "Sin calcular", en: "Not computed" },
  status_above_benchmark: { es: "Sobre la referencia", en: "Above benchmark" },
  status_below_benchmark: { es: "Bajo la referencia", en: "Below benchmark" },
  status_no_open_indicator: { es: "Sin indicador abierto", en: "No open indicator" },
  status_no_indicator: { es: "Sin indicador abierto", en: "No open indicator" },
  status_no_data: { es: "Sin datos", en: "No data" },
  status_pending_note: {
    es: "La referencia de la OCDE y el estado aún no se calculan en este almacén (faltan las tablas de referencias).",
    en: "The OECD benchmark and status are not computed in this warehouse yet (the benchmark marts are missing)."
  },

  rec_strip_title: { es: "Áreas de recomendación del estudio", en: "The review's recommendation areas" },
  rec_strip_intro: {
    es: "Cómo está {country} frente a las recomendaciones del estudio de la OCDE: el estado de cada área y por qué.",
    en: "How {country} stands against the OECD review's recommendations: each area's status and why."
  },
  rec_why: {
    es: "{behind} de {with} indicadores con datos por debajo de la OCDE o sin avance suficiente; {away} alejándose.",
    en: "{behind} of {with} indicators with data below the OECD or not moving fast enough; {away} moving away."
  },
  rec_why_no_data: { es: "Ningún indicador con datos para este país.", en: "No indicator with data for this country." },
  changes_title: { es: "Qué cambió desde la última actualización", en: "What changed since the last refresh" },
  changes_new: { es: "{n} valores nuevos en {k} indicadores.", en: "{n} new values across {k} indicators." },
  changes_revised: { es: "{n} valores revisados por los editores.", en: "{n} values revised by the publishers." },
  changes_stale: { es: "Fuentes desactualizadas: {list}.", en: "Sources gone stale: {list}." },
  changes_all_fresh: { es: "Todas las fuentes respondieron en la última ejecución.", en: "Every source answered in the last run." },
  changes_recovered: { es: "Fuentes recuperadas: {list}.", en: "Sources recovered: {list}." },
  changes_none: { es: "Aún no hay actualizaciones registradas.", en: "No refresh has been recorded yet." },
  changes_run: { es: "Ejecución {run} · {date}", en: "Run {run} · {date}" },
  changes_more: { es: "Ver todos los cambios", en: "See every change" },
  changes_feed: { es: "Suscribirse: JSON Feed · Atom", en: "Subscribe: JSON Feed · Atom" },
  kind_new_value: { es: "Valores nuevos", en: "New values" },
  kind_revised: { es: "Revisiones", en: "Revisions" },
  kind_stale: { es: "Fuente desactualizada", en: "Source gone stale" },
  kind_recovered: { es: "Fuente recuperada", en: "Source recovered" },
  changes_download: { es: "Descargar la lista completa (CSV)", en: "Download the full list (CSV)" },
  largest_revisions: { es: "Mayores revisiones", en: "Largest revisions" },

  chart_table: { es: "Tabla", en: "Table" },
  chart_chart: { es: "Gráfica", en: "Chart" },
  show_table: { es: "Ver tabla", en: "Show table" },
  show_chart: { es: "Ver gráfica", en: "Show chart" },
  download_csv: { es: "Descargar CSV de esta gráfica", en: "Download this chart's CSV" },
  download_svg: { es: "Descargar SVG", en: "Download SVG" },
  licence_not_stated: { es: "no indicada por el editor", en: "not stated by the publisher" },
  caption_source: { es: "Fuente: {publisher}. Licencia: {licence}. Versión: {vintage}.", en: "Source: {publisher}. Licence: {licence}. Vintage: {vintage}." },
  caption_tracks: { es: "Da seguimiento a:", en: "Tracks:" },
  released_on: { es: "publicada el {date}", en: "released {date}" },
  retrieved_on: { es: "obtenida el {date}", en: "retrieved {date}" },

  chart_trend: { es: "{name}: {country} frente a la OCDE", en: "{name}: {country} against the OECD" },
  chart_ranking: { es: "Posición entre los miembros de la OCDE, {year}", en: "Ranking among OECD members, {year}" },
  chart_gap: { es: "Brecha con la mediana de la OCDE a lo largo del tiempo", en: "Gap to the OECD median over time" },
  chart_parts: { es: "Componentes del índice: {country} frente al promedio de la OCDE", en: "Parts of the index: {country} against the OECD mean" },
  chart_revisions: { es: "Revisiones entre versiones", en: "Revisions between vintages" },
  legend_median: { es: "Mediana OCDE", en: "OECD median" },
  legend_target: { es: "☆ meta y ritmo necesario", en: "☆ target and the pace it needs" },
  target_label: { es: "Meta {year}: {value}", en: "Target {year}: {value}" },
  national_source: { es: "Fuente nacional: {publisher}", en: "National source: {publisher}" },
  national_no_benchmark: {
    es: "Indicador nacional: no hay referencia de la OCDE con qué compararlo; su estado viene de la meta, si hay una, o solo de su tendencia.",
    en: "National indicator: there is no OECD benchmark to compare it with; its status comes from its target, if one is set, or from its trend alone."
  },
  finding_target: {
    es: "Meta: {value} en {year} ({document}, {date}).",
    en: "Target: {value} by {year} ({document}, {date})."
  },
  finding_target_progress: {
    es: "Desde {base_year}, {country} ha recorrido {share} del camino; al ritmo actual llegaría a {projected} en {year}:",
    en: "Since {base_year}, {country} has covered {share} of the way; at the current pace it would reach {projected} by {year}:"
  },
  finding_target_will_meet: { es: "la meta se cumpliría.", en: "the target would be met." },
  finding_target_will_not_meet: { es: "la meta no se cumpliría.", en: "the target would not be met." },
  finding_target_achieved: {
    es: "{country} ya alcanzó la meta ({latest} en {latest_year}).",
    en: "{country} has already reached the target ({latest} in {latest_year})."
  },
  finding_target_no_pace: {
    es: "Aún no hay datos suficientes desde {baseline_year} para medir el ritmo hacia la meta.",
    en: "There is not enough data since {baseline_year} yet to measure the pace towards the target."
  },
  section_targets: { es: "Metas", en: "Targets" },
  add_national_indicator: {
    es: "Si su oficina tiene las cifras, puede medir esta área con sus propios datos: la plantilla de un indicador nacional es un CSV y un YAML que escribe `brecha national init NAT.ID --recommendation {rec}` (ver docs/national.md).",
    en: "If your office holds the figures, it can measure this area with its own data: a national indicator's template is a CSV and a YAML that `brecha national init NAT.ID --recommendation {rec}` writes (see docs/national.md)."
  },
  template_csv: { es: "Plantilla CSV", en: "CSV template" },
  template_yaml: { es: "Plantilla YAML", en: "YAML template" },
  legend_iqr: { es: "Rango intercuartil OCDE", en: "OECD interquartile range" },
  legend_range: { es: "Mínimo–máximo OCDE", en: "OECD min–max" },
  legend_estimate: { es: "○ estimación", en: "○ estimate" },
  legend_break: { es: "│ ruptura de serie", en: "│ series break" },
  gap_above: { es: "sobre la mediana", en: "above the median" },
  gap_below: { es: "bajo la mediana", en: "below the median" },
  oecd_mean: { es: "Promedio OCDE", en: "OECD mean" },
  flag_estimate: { es: "estimación", en: "estimate" },
  flag_break: { es: "ruptura de serie", en: "break in series" },
  flag_derived: { es: "derivado", en: "derived" },
  flag_provisional: { es: "provisional", en: "provisional" },
  series_break_in: { es: "ruptura de serie en {year}", en: "series break in {year}" },

  finding_latest: { es: "{country}: {value} en {year}.", en: "{country}: {value} in {year}." },
  finding_vs_median: { es: "{country}: {value} en {year}; mediana de la OCDE {median}.", en: "{country}: {value} in {year}; OECD median {median}." },
  finding_gap_narrowed: { es: "La brecha se redujo {delta} desde {since}.", en: "The gap has narrowed by {delta} since {since}." },
  finding_gap_widened: { es: "La brecha se amplió {delta} desde {since}.", en: "The gap has widened by {delta} since {since}." },
  finding_gap_same: { es: "La brecha casi no cambió desde {since}.", en: "The gap has barely changed since {since}." },
  finding_change: { es: "Cambió {delta} desde {since}.", en: "It changed by {delta} since {since}." },
  finding_no_data: { es: "No hay datos de {country} para este indicador.", en: "There is no data for {country} on this indicator." },
  finding_no_benchmark: { es: "La referencia de la OCDE aún no está calculada.", en: "The OECD benchmark is not computed yet." },
  finding_rank: {
    es: "{country} ocupa el lugar {rank} de {of} miembros de la OCDE con datos en {year}.",
    en: "{country} ranks {rank} of {of} OECD members with data in {year}."
  },
  finding_rank_nonmember: {
    es: "{country} no es miembro de la OCDE; con {value} quedaría en el lugar {rank} de {of} en {year}.",
    en: "{country} is not an OECD member; at {value} it would rank {rank} of {of} in {year}."
  },
  finding_rank_missing: {
    es: "{country} no tiene dato en {year}, el año más reciente con datos para la mayoría de los miembros.",
    en: "{country} has no value for {year}, the latest year most members report."
  },
  finding_parts: { es: "La mayor brecha de {country} está en {part} ({gap}).", en: "{country}'s largest gap is in {part} ({gap})." },
  finding_revisions: {
    es: "{n} valores de {country} cambiaron entre versiones; el mayor cambio, {year}: de {old} a {new}.",
    en: "{n} values for {country} changed between vintages; the largest, {year}: from {old} to {new}."
  },
  finding_no_revisions: {
    es: "Ninguna versión posterior cambió los valores ya publicados de {country}.",
    en: "No later vintage changed {country}'s published values."
  },
  summary_trend: {
    es: "Gráfica de líneas de {name} de {from} a {to} para {country}{peers}{band}.",
    en: "Line chart of {name} from {from} to {to} for {country}{peers}{band}."
  },
  summary_trend_peers: { es: ", con {list} como pares", en: ", with peers {list}" },
  summary_trend_band: {
    es: " y la mediana de la OCDE con sus bandas intercuartil y mínimo–máximo",
    en: " and the OECD median with its interquartile and min–max bands"
  },
  summary_ranking: {
    es: "Gráfica de barras de {n} miembros de la OCDE ordenados por valor en {year}.",
    en: "Bar chart of {n} OECD members sorted by value in {year}."
  },
  summary_gap: {
    es: "Gráfica de área de la diferencia entre {country} y la mediana de la OCDE de {from} a {to}.",
    en: "Area chart of the difference between {country} and the OECD median from {from} to {to}."
  },

  section_ranking: { es: "Posición", en: "Ranking" },
  section_gap: { es: "Brecha en el tiempo", en: "Gap over time" },
  section_parts: { es: "Componentes del índice", en: "Parts of the index" },
  section_revisions: { es: "Revisiones", en: "Revisions" },
  section_tracks: { es: "Recomendaciones a las que da seguimiento", en: "Recommendations it tracks" },
  section_source: { es: "Fuente y método", en: "Source and method" },
  section_downloads: { es: "Descargas", en: "Downloads" },
  section_cite: { es: "Cómo citar", en: "Cite this" },
  section_indicators: { es: "Indicadores", en: "Indicators" },
  section_frameworks: { es: "Dimensiones de los marcos de la OCDE", en: "OECD framework dimensions" },
  section_confidence: { es: "Confianza", en: "Confidence" },
  section_measurement: { es: "Cómo se mediría", en: "How it would be measured" },
  no_open_indicator: { es: "Aún no hay un indicador abierto para esta área.", en: "No open indicator yet for this area." },
  no_parts: { es: "Este indicador no tiene componentes.", en: "This indicator has no parts." },
  definition: { es: "Definición", en: "Definition" },
  unit: { es: "Unidad", en: "Unit" },
  population: { es: "Población", en: "Population" },
  notes: { es: "Notas de método", en: "Method notes" },
  publisher: { es: "Editor", en: "Publisher" },
  licence: { es: "Licencia", en: "Licence" },
  dataset_url: { es: "Conjunto de datos", en: "Dataset" },
  vintages_used: { es: "Versiones en uso", en: "Vintages in use" },
  cadence: { es: "Periodicidad", en: "Cadence" },
  derived_yes: { es: "Derivado (calculado por brecha)", en: "Derived (computed by brecha)" },
  unreviewed: { es: "Indicador sin revisar: el nombre es el que da el editor.", en: "Unreviewed indicator: the name is the publisher's." },
  all_data_csv: { es: "Todas las observaciones (CSV)", en: "All observations (CSV)" },
  all_data_parquet: { es: "Todas las observaciones (Parquet)", en: "All observations (Parquet)" },
  all_data_arrow: { es: "Todas las observaciones (Apache Arrow)", en: "All observations (Apache Arrow)" },
  indicator_csv: { es: "Este indicador, todos los países (CSV)", en: "This indicator, every country (CSV)" },
  cite_text: {
    es: "{publisher}, «{name}» ({id}), versión {vintage}; consultado con brecha el {date}. Licencia {licence}. {url}",
    en: '{publisher}, "{name}" ({id}), vintage {vintage}; retrieved with brecha on {date}. Licence {licence}. {url}'
  },
  copy: { es: "Copiar", en: "Copy" },
  copied: { es: "Copiado", en: "Copied" },
  confidence_confirmed: { es: "Confirmada", en: "Confirmed" },
  confidence_partly_confirmed: { es: "Parcialmente confirmada", en: "Partly confirmed" },
  confidence_inferred: { es: "Inferida", en: "Inferred" },
  chapter: { es: "Capítulo {chapter}", en: "Chapter {chapter}" },
  indicators_count: { es: "{n} indicadores", en: "{n} indicators" },
  focus_has_no_data: { es: "{country} no tiene datos de este indicador.", en: "{country} has no data on this indicator." },
  why_no_data: { es: "Por qué: ", en: "Why: " },
  no_data_generic: {
    es: "El editor no publica este indicador para {country} en las versiones cargadas.",
    en: "The publisher does not publish this indicator for {country} in the loaded vintages."
  },
  pillar_page_intro: {
    es: "Indicadores del pilar {pillar} para {country}, frente a la OCDE.",
    en: "Indicators of the {pillar} pillar for {country}, against the OECD."
  },
  more_indicator: { es: "Ver el indicador", en: "Open the indicator" },
  source_ok: { es: "Correcta", en: "OK" },
  source_unchanged: { es: "Sin cambios", en: "Unchanged" },
  source_loaded: { es: "Cargada", en: "Loaded" },
  source_failed: { es: "Falló", en: "Failed" },
  source_stale_since: { es: "Desactualizada desde el {date}", en: "Stale since {date}" },
  source_never_run: { es: "Sin ejecuciones registradas", en: "No run recorded" },
  source_unreachable: { es: "Editor inaccesible", en: "Publisher unreachable" },
  source_final: { es: "Final", en: "Final" },
  source_final_edition: { es: "Edición final ({year}); no se esperan nuevas publicaciones", en: "Final edition ({year}), no further releases expected" },
  source_final_published: { es: "{edition}, publicada en {date}.", en: "{edition}, published {date}." },
  source_live_counterpart: { es: "Se actualiza a través de: ", en: "Refreshed live through: " },
  source_kind_live: { es: "Se actualiza desde el editor", en: "Refreshed from the publisher" },
  source_kind_local: { es: "Carpeta local: indicadores nacionales propios (data/national)", en: "Local folder: your own national indicators (data/national)" },
  source_kind_undeclared: { es: "Sin dirección del editor ni edición final declaradas", en: "Neither publisher endpoints nor a final edition declared" },
  source_stale_yes: { es: "Desactualizada", en: "Stale" },
  source_stale_no: { es: "Al día", en: "Current" },
  col_endpoints: { es: "Direcciones del editor", en: "Publisher endpoints" },
  col_cadence: { es: "Periodicidad", en: "Cadence" },
  col_last_success: { es: "Última actualización correcta", en: "Last success" },
  col_freshness: { es: "Vigencia", en: "Freshness" },
  cadence_annual: { es: "Anual", en: "Annual" },
  cadence_biennial: { es: "Bienal", en: "Biennial" },
  cadence_triennial: { es: "Trienal", en: "Triennial" },
  cadence_irregular: { es: "Irregular", en: "Irregular" },
  rejections_reasons: { es: "{n} filas rechazadas: motivos", en: "{n} rejected rows: reasons" },
  no_rejections: { es: "Ninguna fila rechazada", en: "No rejected rows" },
  example_rows: { es: "Ejemplos", en: "Examples" },
  line: { es: "línea", en: "line" },
  sources_intro: {
    es: "Cada fuente, su versión más reciente y cómo le fue en la última actualización.",
    en: "Each source, its latest vintage and how its last refresh went."
  },
  runs_title: { es: "Ejecuciones", en: "Runs" },
  vintages_title: { es: "Versiones", en: "Vintages" },
  feed_title: { es: "brecha: qué cambió en los datos", en: "brecha: what changed in the data" },
  feed_item_title: { es: "Ejecución {run}: {parts}", en: "Run {run}: {parts}" },
  feed_part_new: { es: "{n} valores nuevos", en: "{n} new values" },
  feed_part_revised: { es: "{n} revisados", en: "{n} revised" },
  feed_part_stale: { es: "{list} desactualizada(s)", en: "{list} stale" },
  feed_part_recovered: { es: "{list} recuperada(s)", en: "{list} recovered" },
  feed_line_values: {
    es: "{kind} · {source} · {indicator}: {n} valores, {countries} países, años {years}.",
    en: "{kind} · {source} · {indicator}: {n} values, {countries} countries, years {years}."
  },
  feed_line_source: { es: "{kind} · {source}: {error}", en: "{kind} · {source}: {error}" },
  footer: {
    es: "brecha es software libre. Los datos son de sus editores, con sus licencias. Estudio: OCDE (2020), Digital Government in Mexico, doi:10.1787/6db24495-en.",
    en: "brecha is open-source software. The data belong to their publishers, under their licences. Review: OECD (2020), Digital Government in Mexico, doi:10.1787/6db24495-en."
  },
  rank_of: { es: "{rank} de {of}", en: "{rank} of {of}" },
  years_to_parity: { es: "{n} años para alcanzar la referencia al ritmo actual", en: "{n} years to parity at the current pace" },
  benchmark_group: { es: "Referencia: {group}", en: "Benchmark: {group}" },
  not_member: { es: "no miembro", en: "non-member" }
} as const satisfies Record<string, Record<Lang, string>>

export type StringKey = keyof typeof strings

/** The text for `key` in `lang`, with {placeholders} filled in (values inserted as text, never markup). */
export const t = (lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string =>
  strings[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))

export const hasString = (key: string): key is StringKey => key in strings
