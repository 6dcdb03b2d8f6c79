import "./style.css"
import { boot } from "../src/web/ui/boot.ts"

// Each page's code loads only when the page is enhanced; the HTML paints without it.
boot({
  index: () => import("./pages/index.ts"),
  indicator: () => import("./pages/indicator.ts"),
  recommendation: () => import("./pages/recommendation.ts"),
  pillar: () => import("./pages/pillar.ts"),
  sources: () => import("./pages/sources.ts"),
  changes: () => import("./pages/changes.ts")
})
