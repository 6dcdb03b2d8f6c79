import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("recommendation.html", (s) => [dataPaths.overview(s.focus), dataPaths.benchmarks, ...(s.id ? [dataPaths.recommendation(s.id)] : [])], () => import("./pages/recommendation.ts"))
