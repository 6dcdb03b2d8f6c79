// A page's tiny entry: start fetching the data the page will need at once, in parallel
// with downloading the page's code (Plot and the charts), then run the page. Without this
// the data requests would wait for all of the code to arrive and run first.
import { dataPaths } from "../site/paths.ts"
import { loadJson } from "./data.ts"
import { parseState, type ViewState } from "./state.ts"
import type { PageContext } from "./page.ts"
import { DEFAULT_FOCUS } from "../site/defaultFocus.ts"


export interface PageModule {
  readonly render: (ctx: PageContext) => Promise<void>
}

export const boot = (page: string, prefetch: (state: ViewState & { focus: string }) => ReadonlyArray<string>, load: () => Promise<PageModule>): void => {
  const parsed = parseState(location.search)
  const state = { ...parsed, focus: parsed.focus ?? DEFAULT_FOCUS }
  // A guess that turns out wrong (an unknown focus) is only a wasted request: never an error.
  for (const path of [dataPaths.meta, ...prefetch(state)]) loadJson(path).catch(() => {})
  void Promise.all([load(), import("./page.ts")]).then(([module, { startPage }]) => startPage(page, module.render))
}
