import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("indicator.html", (s) => (s.id ? [dataPaths.indicator(s.id)] : []), () => import("./pages/indicator.ts"))
