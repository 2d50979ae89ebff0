"""The HTTP layer: where a request enters (app factory, pipeline, storage route, admin API, console, access log)."""
