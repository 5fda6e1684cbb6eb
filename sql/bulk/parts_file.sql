-- The import file rows of the parts read (:LoadedPart), stamped now.
SELECT path AS "path:ID(LoadedPart)", size AS "size:long", sha256,
       strftime(now() AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') || '+00:00' AS at,
       'LoadedPart' AS ":LABEL" FROM raw_parts
