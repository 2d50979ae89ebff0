"""State kept between requests: the journal and the shared storage (memory or Redis) behind counters."""
