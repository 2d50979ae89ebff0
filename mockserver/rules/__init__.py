"""The API's rules a request meets: tokens, identifiers, errors, rate limits, scenarios, maintenance windows."""
