-- An empty table of VARCHAR columns. Slots: table, columns (`a VARCHAR, …`).
CREATE OR REPLACE TABLE {{ table }} ({{ columns }})
