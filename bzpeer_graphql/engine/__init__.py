"""The planned execution path: an operation is planned once, then each loader-backed field runs
once per level for all its parents, and the answer is written from the plan.

`plan` turns a document's operation into a tree of the fields it selects (or None when a field
is not covered); `fields` holds the kinds of field and `covered` how each covered field is had;
`run` executes a plan breadth first; `executor` hooks it into graphql-core, which still runs
whatever the planner does not cover or cannot answer without an error.
"""
