// Fetching the page's data files (same origin, relative paths), once each.
const cache = new Map<string, Promise<unknown>>()

export class DataLoadError extends Error {}

export const loadJson = <T>(path: string): Promise<T> => {
  let p = cache.get(path)
  if (!p) {
    p = fetch(path).then((res) => {
      if (!res.ok) throw new DataLoadError(`${path}: HTTP ${res.status}`)
      return res.json()
    })
    cache.set(path, p)
  }
  return p as Promise<T>
}
