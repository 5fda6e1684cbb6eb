"""The planned execution path: every field's one definition (`fields`), bound to the schema and
to graphql-core's resolvers (`bind`); an operation planned once (`plan`), then run breadth first,
each loader-backed field once per level for all its parents (`run`, `ahead`), its errors answered
where they happen (`failures`), and the answer written from the plan; `executor` puts it in front
of graphql-core, which runs mutations."""
