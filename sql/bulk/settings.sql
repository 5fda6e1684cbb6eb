-- The conversion's limits: memory before spilling to the temp directory, threads, and no
-- insertion order kept. Slots: memory, threads, spill (SET takes no parameters).
SET memory_limit = '{{ memory }}';
SET threads = {{ threads }};
SET temp_directory = '{{ spill }}';
SET preserve_insertion_order = false
