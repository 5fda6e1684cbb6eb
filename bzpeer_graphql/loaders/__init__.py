"""DataLoaders: one small class per relation, each running one named Cypher file per batch."""
