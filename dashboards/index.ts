import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("index.html", (s) => [dataPaths.overview(s.focus)], () => import("./pages/index.ts"))
