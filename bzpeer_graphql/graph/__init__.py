"""The Strawberry schema, one module per domain."""
