import "./style.css"
import { startPage } from "../src/ui/page.ts"
startPage("sources.html", () => {})
