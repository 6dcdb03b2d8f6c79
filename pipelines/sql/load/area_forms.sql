-- Each exact text a country is commonly written in (the catalogue's lower-case keys and their
-- upper-case form, "MEX"), with the key it stands for: joining the cells of a big file on
-- their raw text costs less than computing lower(trim(area)) for each of millions of cells.
-- Only forms that lower(trim()) turns into their own key are kept, so resolving by form and
-- by key always agree; a text not listed here is resolved by its key, as before.
CREATE OR REPLACE TEMP TABLE area_forms AS
SELECT DISTINCT form, area_key, iso3 FROM (
  SELECT area_key AS form, area_key, iso3 FROM catalog_area_keys
  UNION ALL
  SELECT upper(area_key), area_key, iso3 FROM catalog_area_keys)
WHERE lower(trim(form)) = area_key;
