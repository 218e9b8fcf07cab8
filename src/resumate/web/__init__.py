"""The HTTP service: `create_app(settings)` in app.py, started by `resumate serve` (server.py)."""
