"""The audit log: append-only SQLite tables in one hash chain, its migrations, verify and replay."""
