"""Author identity: names folded for comparison, how alike two records are, the one merge, trust."""
