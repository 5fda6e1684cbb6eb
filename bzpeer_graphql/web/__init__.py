"""HTTP: the ASGI app, the /graphql endpoint, pages, security headers, logs and metrics."""
