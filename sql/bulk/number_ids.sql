-- Numbers the ids of one id space for the import (--id-type=integer: the importer maps numbers
-- far faster than strings), once: every id the space's nodes may have (more is harmless, a
-- number no node has is refused as its string was). An id given twice gets one number, so
-- that the importer still refuses a second node of it. Slots: space, source (its ids, an
-- ids_<...> statement).
-- Out: ids_<space> (id, n).
CREATE TABLE IF NOT EXISTS "ids_{{ space }}" AS
SELECT id, row_number() OVER () AS n FROM (SELECT DISTINCT id FROM ({{ source }}) s(id))
