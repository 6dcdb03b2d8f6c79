import "./style.css"
import { startPage } from "../src/ui/page.ts"
startPage("indicator.html", () => {})
