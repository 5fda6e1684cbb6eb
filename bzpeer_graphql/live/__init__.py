"""Live changes: what each write changed, in one ordered log every server process reads."""
