// The warehouse keeps times as TIMESTAMP in UTC, written as "YYYY-MM-DD HH:MM:SS.sss" text
// (what CAST(? AS TIMESTAMP) reads; ISO's T and Z are not part of it).
export const warehouseTimestamp = (date: Date = new Date()): string => date.toISOString().replace("T", " ").replace("Z", "")
