// Where the warehouse is when no --db is given. Kept apart from Warehouse.ts so the CLI can
// name it (help, flags) without loading DuckDB.
import { resolve } from "node:path"
import { environment, readEnv } from "../environment.ts"

export const defaultWarehousePath = (): string => resolve(readEnv(environment.db) ?? "data/warehouse.duckdb")
