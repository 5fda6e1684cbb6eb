-- duplicates/features `name`, `orcid`, `nameVariants` of the records of a table. Slots: keys
-- (a table of a). Out: key, [name, orcid], variants.
SELECT id, [name, orcid], variants FROM res WHERE id IN (SELECT a FROM {{ keys }})
