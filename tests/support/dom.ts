// The server-side DOM the export renders pages with (linkedom), for chart and page tests:
// the same document Plot gets at build time.
import { parseHTML } from "linkedom"

/** A fresh document, typed as the DOM one for Plot's `document` option. */
export const serverDocument = (): Document => parseHTML("<!doctype html><html><head></head><body></body></html>").document as unknown as Document

/** The markup of a rendered chart, with Intl's no-break spaces ("72,4 %") as plain spaces. */
export const markup = (node: unknown): string => (node as { outerHTML: string }).outerHTML.replace(/[\u00a0\u202f]|&#160;|&#8239;/g, " ")
