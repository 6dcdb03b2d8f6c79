import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("sources.html", () => [dataPaths.sources], () => import("./pages/sources.ts"))
