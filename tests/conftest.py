"""Shared fixtures: the application under test, its client, and sandbox tokens.

The suite reads the world on one day, pinned here: its expectations never drift with the calendar.
Servers started in another process get the same day through MOCKSERVER_CLOCK.
"""

import gc

import pytest
from hypothesis import settings as hypothesis_settings

from mockserver import clock
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules import auth
from mockserver.rules.auth import preset_token

from .helpers import RECIPIENT, TODAY, TRACEABILITY
from .layers import layer_of

clock.today = lambda: TODAY

# Property tests draw the same examples on every run and machine, as the conformance suite's seeded generation does.
hypothesis_settings.register_profile("sandbox", derandomize=True, database=None)
hypothesis_settings.load_profile("sandbox")


def pytest_collection_finish(session):
    """Leave what lives from collection to the end (modules, items, the world's tables) out of every garbage collection.

    The collector walks every tracked object on each full collection, and each test's application makes
    enough objects to start some: walking the collected suite's again and again was a large share of the CPU.
    """
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items):
    """Refuse a test whose markers put it in no layer (a `concurrent` test that starts nothing, say)."""
    for item in items:
        try:
            layer_of({mark.name for mark in item.iter_markers()})
        except ValueError as error:
            raise pytest.UsageError(f"{item.nodeid}: {error}") from None


@pytest.fixture(autouse=True)
def fresh_rules():
    """Decide every token afresh: the rules' caches are for speed, and a cached answer hides a broken rule."""
    auth.VERIFIED.clear()
    for cached in (auth.blocklists, auth.load_presets):
        cached.cache_clear()


@pytest.fixture
def settings():
    """Rate limits off: most tests send more than a minute's budget; their own tests turn them on."""
    return Settings(slow_provider_seconds=0.05, rate_limit_factor=0)


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def token():
    return preset_token("default", DEFAULT_SECRET)


@pytest.fixture
def get(client, token):
    """GET a route with the default token and the traceability parameters, unless overridden."""

    def call(path, params=None, headers=None, auth=True):
        query = {**TRACEABILITY, **(params or {})}
        query = {k: v for k, v in query.items() if v is not None}
        all_headers = {"Authorization": f"Bearer {token}"} if auth else {}
        all_headers.update(headers or {})
        return client.get(path, query_string=query, headers=all_headers)

    return call


@pytest.fixture
def v3(get):
    """GET a v3 or v4 route as ``get`` does, naming the recipient; keywords are more query parameters."""

    def call(path, headers=None, **params):
        return get(path, params={"recipient": RECIPIENT, **params}, headers=headers)

    return call


# Issue 7: a real redis-server for the tests of several replicas.
from .redis_server import breakable_redis, empty_redis, redis_url  # noqa: E402, F401 -- fixtures
