// The focus country when the settings name none: the export builds its overview, and a page
// opened without ?focus= shows it. data/settings.yaml is where the focus is chosen.
export const DEFAULT_FOCUS = "MEX"
