"""A local, offline, deterministic sandbox of API Entreprise (entreprise.api.gouv.fr)."""
