-- The ids of the parts read (for number_ids): their paths.
SELECT path FROM raw_parts
