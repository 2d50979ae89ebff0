"""The integrator kit: the pytest plugin and the in-process or background sandbox it drives."""
