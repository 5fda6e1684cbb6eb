-- Drops a table no later statement reads. Slots: table.
DROP TABLE {{ table }}
