// Data from outside (catalogue YAML, the settings file, publisher API pages) is decoded with
// a Schema, never cast: a value of the wrong shape fails with the field it concerns.
import { Effect, Schema, SchemaIssue } from "effect"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** `status.target_year`, `[3].tracks[0].rec`: where in the input a problem lies. */
const pathText = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>): string =>
  path
    .map((step) => (typeof step === "object" ? step.key : step))
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("")

/** The first problem of a failed decode as one phrase: `status.target_year must be a number`. */
export const describeSchemaError = (error: Schema.SchemaError): string => {
  const issue = formatter(error.issue).issues[0]
  if (!issue) return error.message
  const where = pathText(issue.path ?? [])
  const what = issue.message.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase())
  if (where === "") return what
  return `${where}${/^(must|is) /.test(what) ? " " : ": "}${what}`
}

/** Decodes `input` with `schema`; a mismatch fails with `onError` of its description. */
export const decodeExternal = <A, E>(schema: Schema.Decoder<A>, input: unknown, onError: (problem: string) => E): Effect.Effect<A, E> =>
  Schema.decodeUnknownEffect(schema)(input).pipe(Effect.mapError((error) => onError(describeSchemaError(error))))
