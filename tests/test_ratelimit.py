"""Per-token rate limits: fixed windows on the minute, shared groups, headers, 429."""

import time

import pytest

from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules import ratelimit
from mockserver.rules.ratelimit import RateLimiter

from .helpers import TRACEABILITY


@pytest.fixture
def limited(token):
    """A client with the real limits divided by 50 (the 250/min JSON group becomes 5/min), mid-minute."""
    app = create_app(Settings(rate_limit_factor=0.02))
    app.extensions["state"].clock = lambda: 1_800_000_030.0
    client = app.test_client()

    def call(path, raw_token=token, **params):
        return client.get(
            path, query_string={**TRACEABILITY, **params}, headers={"Authorization": f"Bearer {raw_token}"}
        )

    return call


def test_headers_on_every_response_of_a_throttled_route(limited):
    response = limited("/v2/entreprises/418166096")
    assert response.headers["RateLimit-Limit"] == "5"
    assert response.headers["RateLimit-Remaining"] == "4"
    assert int(response.headers["RateLimit-Reset"]) % 60 == 0
    assert "Retry-After" not in response.headers
    error = limited("/v2/entreprises/123")
    assert error.status_code == 422
    assert error.headers["RateLimit-Remaining"] == "3"


def test_json_group_is_one_counter_shared_by_its_routes(limited):
    limited("/v2/entreprises/418166096")
    response = limited("/v2/etablissements/41816609600069")
    assert response.headers["RateLimit-Remaining"] == "3"


def test_429_after_the_budget_with_retry_after(limited):
    for _ in range(5):
        assert limited("/v2/entreprises/418166096").status_code == 200
    response = limited("/v2/entreprises/418166096", error_format="json_api")
    assert response.status_code == 429
    assert response.json == {
        "errors": [{"code": "00429", "title": "Trop de requêtes", "detail": "Vous avez effectué trop de requêtes"}]
    }
    assert response.headers["RateLimit-Remaining"] == "0"
    assert response.headers["Retry-After"] == "30"
    assert response.headers["RateLimit-Reset"] == "1800000060"


def test_rate_limit_comes_before_the_token_check(limited):
    for _ in range(6):
        response = limited("/v2/entreprises/418166096", raw_token="garbage")
    assert response.status_code == 429


def test_a_string_longer_than_any_token_is_counted_too(limited):
    # Its digest is computed each time rather than kept; the budget is the same, then a 429.
    overlong = "x" * (ratelimit.LONGEST_KEPT_TOKEN + 1)
    answers = [limited("/v2/entreprises/418166096", raw_token=overlong) for _ in range(6)]
    assert [a.status_code for a in answers] == [401] * 5 + [429]
    assert [a.headers["RateLimit-Remaining"] for a in answers[:5]] == ["4", "3", "2", "1", "0"]


def test_budgets_are_per_token(limited, token):
    from mockserver.config import DEFAULT_SECRET
    from mockserver.rules.auth import preset_token

    for _ in range(6):
        limited("/v2/entreprises/418166096")
    other = preset_token("restricted", DEFAULT_SECRET)
    assert limited("/v2/entreprises/418166096", raw_token=other).status_code == 200


def test_unthrottled_route_has_no_headers(limited):
    assert "RateLimit-Limit" not in limited("/v2/privileges").headers


def test_no_token_no_counter(limited, token):
    response = limited("/v2/entreprises/418166096", raw_token="")
    assert response.status_code == 401
    assert "RateLimit-Limit" not in response.headers


def test_windows_are_aligned_on_the_minute():
    limiter = RateLimiter({"g": 2}, "memory://", 1)
    first = limiter.hit("g", "t", 120.0)
    assert (first.remaining, first.reset) == (1, 180)
    limiter.hit("g", "t", 179.9)
    assert limiter.hit("g", "t", 179.95).exceeded
    fresh = limiter.hit("g", "t", 180.0)
    assert (fresh.remaining, fresh.reset, fresh.exceeded) == (1, 240, False)
    assert fresh.headers(180.0) == {"RateLimit-Limit": "2", "RateLimit-Remaining": "1", "RateLimit-Reset": "240"}


def test_retry_after_counts_to_the_window_end():
    limiter = RateLimiter({"g": 1}, "memory://", 1)
    limiter.hit("g", "t", 100.0)
    exceeded = limiter.hit("g", "t", 100.5)
    assert exceeded.headers(100.5)["Retry-After"] == "20"


def test_retry_after_is_what_production_counts_in_whole_seconds():
    # siade rack_attack.rb throttled_responder: [RateLimit-Reset - Time.now.to_i, 0].max.
    budget = RateLimiter({"g": 1}, "memory://", 1).exhausted("g", 99.5)
    assert budget.retry_after(99.0) == 1
    assert budget.retry_after(99.9) == 1
    assert budget.retry_after(100.0) == 0
    assert budget.retry_after(101.2) == 0


def test_real_limits_by_default():
    limiter = RateLimiter({"json_resources": 250}, "memory://", 1)
    assert limiter.limits == {"json_resources": 250}
    assert limiter.enabled


def test_factor_zero_switches_limits_off(get):
    # The shared test settings use factor 0: a token's requests are neither counted nor refused.
    for _ in range(3):
        response = get("/v2/entreprises/418166096")
        assert response.status_code == 200
        assert "RateLimit-Limit" not in response.headers


def test_a_forced_429_spends_the_budget_until_the_next_second():
    limiter = RateLimiter({"json_resources": 250}, "memory://", factor=1)
    budget = limiter.exhausted("json_resources", 1000.4)
    assert (budget.limit, budget.remaining, budget.reset, budget.exceeded, budget.forced) == (250, 0, 1001, True, True)
    assert budget.headers(1000.4)["Retry-After"] == "1"


def test_providers_daily_quotas_count_by_the_paris_day():
    limiter = RateLimiter({}, "memory://", factor=0)
    # 2025-06-30 21:59:59 UTC is 23:59:59 in Paris; a second later it is the next Paris day.
    evening, midnight = 1751320799, 1751320800
    assert [limiter.count_today("acoss/418166096", evening) for _ in range(2)] == [1, 2]
    assert limiter.count_today("acoss/418166096", midnight) == 1
    assert limiter.count_today("acoss/552049447", evening) == 1


def test_a_counter_lasts_its_whole_window():
    limiter = RateLimiter({"json_resources": 250}, "memory://", factor=1)
    limiter.hit("json_resources", "token", 1020.0)
    time.sleep(0.05)
    assert limiter.hit("json_resources", "token", 1020.0).remaining == 248


def test_a_day_and_a_window_outlast_the_calls_that_count_in_them():
    # A quota counts the whole Paris day, a budget its whole minute, however slowly the calls come.
    limiter = RateLimiter({"g": 3}, "memory://", factor=1)
    evening = 1751320799
    first = limiter.count_today("acoss/418166096", evening)
    time.sleep(0.05)
    assert (first, limiter.count_today("acoss/418166096", evening)) == (1, 2)
    within = limiter.hit_within("g", "t", 120.0)
    time.sleep(0.05)
    assert (within.remaining, limiter.hit_within("g", "t", 120.5).remaining) == (2, 1)


def test_a_request_within_the_budget_counts_one_past_it_none():
    limiter = RateLimiter({"g": 2}, "memory://", factor=1)
    budgets = [limiter.hit_within("g", "t", 130.0) for _ in range(3)]
    assert [(b.remaining, b.exceeded, b.reset) for b in budgets[:2]] == [(1, False, 180), (0, False, 180)]
    assert budgets[2] is None
    # The refused request counted nothing: the next counted one is the third.
    assert limiter.hit("g", "t", 130.0).exceeded
    assert limiter.hit_within("g", "t", 180.0).remaining == 1
