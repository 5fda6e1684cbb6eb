-- Adds to wanted the comparable pairs of crowded records that are in each other's
-- collaboration network.
INSERT INTO wanted SELECT DISTINCT p.a, p.b FROM crowded p
JOIN coauthor x ON x.a = p.a JOIN coauthor y ON y.a = x.b AND y.b = p.b
