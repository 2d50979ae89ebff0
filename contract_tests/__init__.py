"""The conformance suite: the sandbox (or any API Entreprise) checked against the published contract.

Run in-process against the application by ``make test``, or against a base URL with
``make contract BASE_URL=... TOKEN=...``: the same checks then tell whether a running
sandbox, or the real staging, drifted from the OpenAPI documents the catalogue generates.
"""
