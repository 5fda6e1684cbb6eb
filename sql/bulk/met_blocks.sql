-- The name block rows the prefilter kept (ingest/bulk/prefilter.py), as rows of mates.
-- Out: r, c, linked, via.
SELECT r, c, false AS linked, via FROM met
