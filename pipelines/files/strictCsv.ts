// DuckDB's read of a CSV body whose header was already parsed in JS: positional column
// names c0, c1, … all as text (a bad cell is then rejected with its reason instead of
// failing the file), no sniffing (small files defeat the sniffer, and a labelled SDMX-CSV
// has names that differ only in case, which DuckDB would rename), and strict quoting, so a
// ragged or truncated record fails with its line instead of becoming a padded row.
import type { LandedFile, StageContext } from "../source.ts"
import { csvEncoding, maxCsvLineBytes } from "./text.ts"

/** A `read_csv(...)` expression over `file` from line `skip + 1`, with `columnCount` text columns. */
export const strictReadCsv = (file: LandedFile, ctx: Pick<StageContext, "literal">, skip: number, columnCount: number): string => {
  const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ")
  return `read_csv(${ctx.literal(file.path)}, skip = ${skip}, header = false, auto_detect = false,
      columns = {${columns}}, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
      max_line_size = ${maxCsvLineBytes}, encoding = '${csvEncoding(file.head(2))}')`
}
