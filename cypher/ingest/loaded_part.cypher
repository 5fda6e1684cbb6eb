// Records that a snapshot part was loaded whole (a rerun skips it while it is unchanged).
// In: $path, $size, $sha256, $at (ISO time). Out: path.
MERGE (part:LoadedPart {path: $path})
SET part.size = $size, part.sha256 = $sha256, part.at = $at
RETURN part.path AS path
