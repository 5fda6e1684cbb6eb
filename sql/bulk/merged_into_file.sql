-- The import file rows of MERGED_INTO, from each absorbed record to its survivor.
-- In: $by (who merged them).
SELECT old AS ":START_ID(Merged)", new AS ":END_ID(Researcher)", $by AS by FROM folded
