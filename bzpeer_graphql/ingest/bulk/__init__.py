"""Bulk build: a new database written by `neo4j-admin database import full` from the input."""
