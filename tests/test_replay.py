"""Replayed answers are the pipeline's answers: same bytes, same journal, same counters, same refusals."""

import io
import threading

import pytest

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.http.replay import MAX_KEY_CHARS, Answer, AnswerMemo
from mockserver.rules.auth import mint, preset_token
from mockserver.rules.ratelimit import RateLimiter

from .helpers import TRACEABILITY, steady_headers

TOKEN = preset_token("default", DEFAULT_SECRET)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
V3_TRACEABILITY = {**TRACEABILITY, "recipient": "13002526500013"}
# (path, query, headers): answers the pipeline offers for replay, of every kind a client repeats.
REPLAYABLE = [
    ("/v2/entreprises/418166096", TRACEABILITY, AUTH),
    ("/v3/insee/sirene/unites_legales/418166096", V3_TRACEABILITY, AUTH),
    ("/v3/insee/sirene/etablissements/41816609600051", V3_TRACEABILITY, AUTH),
    ("/v3/insee/sirene/unites_legales/418166097", V3_TRACEABILITY, AUTH),  # 422: fails Luhn
    ("/v3/insee/sirene/unites_legales/418166096", V3_TRACEABILITY, {**AUTH, "X-Mock-Scenario": "not_found"}),
    ("/v2/entreprises/005572466", TRACEABILITY, AUTH),  # reserved: non-diffusible, 451
    ("/v2/entreprises/418166096", {"context": "c"}, AUTH),  # 422: traceability missing, a violation
    ("/v3/insee/sirene/unites_legales/418166096", {**V3_TRACEABILITY, "token": TOKEN}, {}),  # token in query
    ("/v2/entreprises/418166096", TRACEABILITY, {**AUTH, "Prefer": "code=502"}),
    ("/v3/insee/sirene/unites_legales/418166096", V3_TRACEABILITY, {"X-Api-Key": TOKEN}),
]


def app_counting_pipeline_calls(settings: Settings):
    """Return the application, its state and the list of catalogue calls that reached the pipeline."""
    app = create_app(settings)
    pipeline = app.extensions["pipeline"]
    reached = []
    answer = pipeline.answer

    def counting_answer(endpoint, path_params, request):
        reached.append(request.path)
        return answer(endpoint, path_params, request)

    pipeline.answer = counting_answer
    return app, pipeline.state, reached


def journal(state) -> list[dict]:
    """Return the journal without the times, and each kept answer without its rate-limit headers (they count down)."""
    entries = []
    for entry in (kept.to_json() for kept in state.journal.entries()):
        answer = entry["response"]
        headers = [[name, value] for name, value in answer["headers"] if not name.startswith("RateLimit-")]
        entries.append({**{k: v for k, v in entry.items() if k != "time"}, "response": {**answer, "headers": headers}})
    return entries


@pytest.mark.parametrize(("path", "query", "headers"), REPLAYABLE)
def test_a_repeated_request_is_replayed_with_the_same_bytes_and_journal(path, query, headers):
    app, state, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=1))
    client = app.test_client()
    first, second, third = (client.get(path, query_string=query, headers=headers) for _ in range(3))
    assert reached == [path, path], "the third request must not reach the pipeline"
    assert (third.status, third.data) == (second.status, second.data) == (first.status, first.data)
    remaining = int(first.headers["RateLimit-Remaining"])
    expected_headers = [
        (name, str(remaining - 2) if name == "RateLimit-Remaining" else value)
        for name, value in steady_headers(first.headers)
    ]
    assert steady_headers(third.headers) == expected_headers
    # Each answer, the replayed one too, has an id of its own.
    assert len({answer.headers["x-request-id"] for answer in (first, second, third)}) == 3
    first_entry, second_entry, third_entry = journal(state)
    assert third_entry == second_entry == first_entry
    assert third_entry["params"] is not second_entry["params"]


def test_replayed_requests_count_against_the_budget_and_the_429_comes_from_the_pipeline():
    # 250 per minute x 0.012 = 3 requests per minute on the JSON group; an answer is replayed from its 3rd request.
    app, state, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0.012))
    client = app.test_client()
    answers = [client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=AUTH) for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert [a.headers["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0", "0"]
    assert len(reached) == 4, "the 3rd is replayed; the 429s and what follows them go through the pipeline"
    rules = [[found["rule"] for found in entry["violations"]] for entry in journal(state)]
    assert rules == [[], [], [], ["rate_limit_exceeded"], ["retry_after_ignored"]]


def test_a_token_past_its_expiry_is_refused_by_the_pipeline_not_replayed():
    app, state, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    now = state.clock()
    token = mint(DEFAULT_SECRET, ["entreprises"], issued_at=int(now), expires_at=int(now) + 60)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(3):
        assert client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=headers).status_code == 200
    assert len(reached) == 2
    state.clock = lambda: now + 120
    expired = client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=headers)
    assert expired.status_code == 401
    assert "expiré" in expired.json["errors"][0]
    assert len(reached) == 3


def test_a_forced_scenario_wins_over_a_memoised_answer():
    app, state, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    for _ in range(3):
        assert client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=AUTH).status_code == 200
    client.post("/__admin/scenario", json={"scenario": "provider_error", "times": 1})
    assert client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=AUTH).status_code == 502
    assert client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=AUTH).status_code == 200
    assert len(reached) == 3, "only the forced call reaches the pipeline once the answer is memoised"


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v2/attestations_fiscales_dgfip/418166096", AUTH),  # a document URL: depends on the time
        ("/v3/inpi/rne/unites_legales/open_data/130025265/actes_bilans", AUTH),  # INPI proxy links: the time too
        ("/v3/inpi/rne/unites_legales/552049447/extrait_rne", AUTH),
        ("/v2/entreprises/418166096", {**AUTH, "X-Mock-Scenario": "slow_provider"}),
        ("/v2/entreprises/418166096", {"Authorization": "Bearer not-a-token"}),
    ],
)
def test_answers_that_depend_on_more_than_the_request_are_not_memoised(path, headers):
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0, slow_provider_seconds=0.01))
    client = app.test_client()
    for _ in range(3):
        client.get(path, query_string=TRACEABILITY, headers=headers)
    assert len(reached) == 3
    assert len(app.extensions["replay"].memo) == 0


def test_the_access_log_names_the_route_and_scenario_of_a_replayed_answer():
    app = create_app(Settings(rate_limit_factor=0, access_log="text"))
    stream = io.StringIO()
    app.wsgi_app._stream = stream
    client = app.test_client()
    for _ in range(3):
        client.get("/v2/entreprises/005572466", query_string=TRACEABILITY, headers=AUTH)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert all(line.endswith(" entreprises non_diffusible") for line in lines)


def test_each_request_has_its_own_memo_entry():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    path = "/v3/insee/sirene/unites_legales/418166096"
    variants = [
        (path, V3_TRACEABILITY, AUTH),
        (path, {**V3_TRACEABILITY, "object": "autre"}, AUTH),
        (path, V3_TRACEABILITY, {**AUTH, "X-Mock-Scenario": "not_found"}),
        (path, V3_TRACEABILITY, {**AUTH, "Host": "sandbox.example"}),
    ]
    bodies, kept, replayed = ([client.get(p, query_string=q, headers=h).data for p, q, h in variants] for _ in range(3))
    assert replayed == kept == bodies
    assert len(reached) == 2 * len(variants)
    # The links of the answer name the host it was asked on.
    assert b"http://sandbox.example/v3/" in bodies[3] and b"sandbox.example" not in bodies[0]


def test_a_memoised_answer_to_one_x_api_key_is_not_the_answer_to_another():
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    path = "/v3/insee/sirene/unites_legales/418166096"
    for _ in range(3):
        assert client.get(path, query_string=V3_TRACEABILITY, headers={"X-Api-Key": TOKEN}).status_code == 200
    assert client.get(path, query_string=V3_TRACEABILITY, headers={"X-Api-Key": "not-a-jwt"}).status_code == 401


def test_the_memo_forgets_the_least_recently_used_answers_beyond_its_bounds():
    memo = AnswerMemo(max_answers=2, max_bytes=10)

    def answer(size):
        return Answer("200 OK", [], b"x" * size, None, b"{}")

    memo.put(("a",), answer(4))
    memo.put(("b",), answer(4))
    memo.get(("a",))
    memo.put(("c",), answer(1))
    assert [memo.get(k) is not None for k in [("a",), ("b",), ("c",)]] == [True, False, True]
    memo.put(("d",), answer(10))
    assert len(memo) == 1 and memo.get(("d",)) is not None


def test_counting_within_the_budget_never_counts_past_it():
    limiter = RateLimiter({"group": 250}, "memory://", 0.008)  # 2 per minute
    hits = [limiter.hit_within("group", "token", 120.0) for _ in range(3)]
    assert [b.remaining if b else None for b in hits] == [1, 0, None]
    assert limiter.hit("group", "token", 120.0).remaining == 0
    assert limiter.hit("group", "token", 120.0).exceeded, "the refused hit counted nothing: the next is the 3rd"


@pytest.mark.system
def test_with_redis_storage_every_request_goes_through_the_pipeline(redis_url):
    app = create_app(Settings(rate_limit_factor=1, storage_url=redis_url))
    assert "replay" not in app.extensions


def test_an_answer_is_kept_the_second_time_it_is_asked_for():
    app = create_app(Settings(rate_limit_factor=0))
    client = app.test_client()
    sizes = []
    for _ in range(3):
        client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=AUTH)
        sizes.append(len(app.extensions["replay"].memo))
    assert sizes == [0, 1, 1]


def test_a_request_too_long_to_be_a_client_s_is_never_kept_nor_remembered():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    # A hostile caller's long bearer: refused by the pipeline, and nothing of it stays in the memo's keys.
    long_auth = {"Authorization": "Bearer " + "a" * MAX_KEY_CHARS}
    for _ in range(3):
        client.get("/v2/entreprises/418166096", query_string=TRACEABILITY, headers=long_auth)
    assert len(reached) == 3
    assert len(app.extensions["replay"].memo) == 0 and not app.extensions["replay"].memo._seen


LIASSES = "/v3/dgfip/unites_legales/418166096/liasses_fiscales/2023"
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"


def test_a_replayed_request_still_meets_the_maintenance_window_its_clock_sets():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    at_noon = [client.get(LIASSES, query_string=V3_TRACEABILITY, headers=AUTH) for _ in range(3)]
    # 01:30 in Paris: inside the DGFIP's window (01:00-02:00), half an hour before it ends.
    night = {**AUTH, "X-Mock-Clock": "01:30"}
    in_window = [client.get(LIASSES, query_string=V3_TRACEABILITY, headers=night) for _ in range(3)]
    assert [answer.status_code for answer in at_noon] == [200, 200, 200]
    assert [answer.status_code for answer in in_window] == [503, 503, 503]
    for answer in in_window:
        assert answer.json["errors"][0]["code"].endswith("020")
        assert answer.json["errors"][0]["meta"]["retry_in"] == 1800
    assert len(reached) == 4, "each third identical request is replayed, the clock's as the others"
    assert client.get(LIASSES, query_string=V3_TRACEABILITY, headers=AUTH).status_code == 200


def test_a_replayed_request_still_meets_an_identical_request_in_flight():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0, slow_provider_seconds=0.6))

    def get(headers=AUTH):
        return app.test_client().get(UNITE_LEGALE, query_string=V3_TRACEABILITY, headers=headers)

    assert [get().status_code for _ in range(3)] == [200, 200, 200]
    assert len(reached) == 2
    # The same route, parameters and user, slow at its provider: it holds the key the memoised answer has.
    statuses = []
    slow = threading.Thread(
        target=lambda: statuses.append(get({**AUTH, "X-Mock-Scenario": "slow_provider"}).status_code)
    )
    slow.start()
    threading.Event().wait(0.2)
    conflict = get()
    slow.join()
    assert (conflict.status_code, conflict.json["errors"][0]["code"]) == (409, "00015")
    assert statuses == [200]
    assert len(reached) == 4, "the 409 comes from the pipeline"
    # Once the slow one is answered, its key is cleared and the memoised answer is replayed again.
    assert get().status_code == 200
    assert len(reached) == 4


def test_a_halted_request_that_holds_its_key_is_not_memoised():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    query = {**V3_TRACEABILITY, "recipient": "mairie"}
    codes = [client.get(UNITE_LEGALE, query_string=query, headers=AUTH).json["errors"][0]["code"] for _ in range(3)]
    assert codes == ["00210", "00015", "00015"]
    assert len(reached) == 3


def test_an_answer_to_a_token_bound_to_addresses_is_not_memoised():
    app, _, reached = app_counting_pipeline_calls(Settings(rate_limit_factor=0))
    client = app.test_client()
    token = preset_token("ip_restricted", DEFAULT_SECRET)

    def get(address):
        headers = {"Authorization": f"Bearer {token}", "X-Forwarded-For": address}
        return client.get(UNITE_LEGALE, query_string=V3_TRACEABILITY, headers=headers)

    assert [get("192.0.2.10").status_code for _ in range(3)] == [200, 200, 200]
    assert len(reached) == 3
    refused = get("198.51.100.7")
    assert (refused.status_code, refused.json["errors"][0]["code"]) == (403, "00107")
