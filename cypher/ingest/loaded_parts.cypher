// The snapshot parts loaded whole so far. In: nothing. Out: path, size, sha256.
MATCH (part:LoadedPart)
RETURN part.path AS path, part.size AS size, part.sha256 AS sha256
