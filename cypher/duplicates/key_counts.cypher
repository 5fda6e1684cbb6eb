// How many records hold each name key, as their key and as their other-order key (index counts):
// what a record's crowd is summed from (see duplicates/blocks). In: $values [key].
// Out: value, asKey, asAlt.
UNWIND $values AS value
RETURN value,
       COUNT { MATCH (o:Researcher {nameKey: value}) RETURN o } AS asKey,
       COUNT { MATCH (o:Researcher {nameKeyAlt: value}) RETURN o } AS asAlt
