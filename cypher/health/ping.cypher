// Readiness probe. In: nothing. Out: ok (always 1).
RETURN 1 AS ok
