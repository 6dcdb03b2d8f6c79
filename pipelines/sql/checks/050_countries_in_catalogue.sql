-- check: every country with values is in data/catalog/countries.csv
SELECT country_iso3 || ' (' || count(*) || ' values) is not in the countries catalogue' AS detail
FROM observation_log WHERE country_iso3 NOT IN (SELECT iso3 FROM catalog_countries)
GROUP BY country_iso3;
