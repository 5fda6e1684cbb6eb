-- The conversion's limits: memory before spilling to the temp directory, threads, and no
-- insertion order kept; no progress bar of DuckDB's own (the build reports its progress, and
-- the bar's redraws filled a log). Slots: memory, threads, spill (SET takes no parameters).
SET memory_limit = '{{ memory }}';
SET threads = {{ threads }};
SET temp_directory = '{{ spill }}';
SET preserve_insertion_order = false;
SET enable_progress_bar = false
