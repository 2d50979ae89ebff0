"""Renderers: map the world's entity to one endpoint's payload, for one API version."""
