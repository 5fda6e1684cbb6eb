-- Numbers the ids of one id space for the import (--id-type=integer: the importer maps numbers
-- far faster than strings), from the ID column of the space's node files. An id given twice
-- gets one number, so that the importer still refuses the second node. In: $files.
-- Slots: space, column (the ID column). Out: ids_<space> (id, n).
CREATE OR REPLACE TABLE "ids_{{ space }}" AS
SELECT id, row_number() OVER () AS n
FROM (SELECT DISTINCT "{{ column }}" AS id FROM read_parquet($files, union_by_name = true))
