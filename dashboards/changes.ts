import "./style.css"
import { boot } from "../src/ui/boot.ts"
import { dataPaths } from "../src/site/paths.ts"

boot("changes.html", () => [dataPaths.changes], () => import("./pages/changes.ts"))
