"""Load benchmark: the portal under gunicorn with production settings on PostgreSQL, driven by
a closed-loop HTTP load generator in a second process (see bench/README.md)."""
