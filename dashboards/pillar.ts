import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("pillar.html", (s) => [dataPaths.overview(s.focus), dataPaths.benchmarks], () => import("./pages/pillar.ts"))
