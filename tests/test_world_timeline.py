"""The world is a timeline: read at any instant, it shows what happened by then, and the past never changes.

The time invariants of one identifier, one entity, at three instants: a past one (before many drawn
closings and creations), the suite's today, and one after every drawn closing. Renderers are called
as the pipeline's provider stage calls them (``stages.render``: the entity unknown before its
creation), without the HTTP stages other tests cover.
"""

import io
import re
from datetime import date, datetime
from functools import cache

import pytest
from pypdf import PdfReader
from werkzeug.datastructures import MultiDict

from mockserver import clock, documents, world
from mockserver.catalogue import BY_NAME, ENDPOINTS
from mockserver.documents.store import DocumentStore
from mockserver.http.stages import render
from mockserver.renderers.call import Call
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError

from .helpers import TODAY, TRACEABILITY
from .ordinary import drawn

pytestmark = pytest.mark.sweep

PAST, LATER = date(2019, 6, 30), date(2027, 3, 1)
INSTANTS = (PAST, TODAY, LATER)
SIRENS = drawn(60, 29)
STORE = DocumentStore("timeline", 3600, clock=lambda: 1.75e9)
ARGS = MultiDict({**TRACEABILITY, "non_diffusables": "true"})
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Fields that name the end of a period begun by then: a validity, a company's term, its first closing.
PERIOD_ENDS = frozenset({"date_fin_validite", "date_fin_de_vie", "date_fin_personne", "date_premiere_cloture_exercice"})
# Facets still drawn as they stand at the end of the drawn history (clock.HISTORY_END), not yet a timeline:
# certificates and labels, the RNM, collective agreements, the Agence Bio.
FROZEN = frozenset(
    {
        "api_entreprise_v3_ademe_certificats_rge",
        "api_entreprise_v3_carif_oref_certifications_qualiopi_france_competences",
        "api_entreprise_v3_fabrique_numerique_ministeres_sociaux_conventions_collectives",
        "api_entreprise_v3_opqibi_certifications_ingenierie",
        "api_entreprise_v3_qualifelec_certificats",
        "api_entreprise_v4_qualibat_certifications_batiment",
        "certificats_agence_bio",
        "conventions_collectives",
        "entreprises_artisanales_cma",
        "certificats_qualibat",
        "certificats_opqibi",
    }
)


def timeline_routes() -> list[str]:
    """Return the routes of one SIREN or SIRET that read the timeline."""
    return [
        e.name
        for e in ENDPOINTS
        if e.supported
        and len(e.identifiers) == 1
        and e.identifiers[0][1] in ("siren", "siret")
        and e.name not in FROZEN
    ]


@cache
def answer(name: str, identifier: str, day: date) -> dict | list | None:
    """Return what route ``name`` answers for ``identifier`` on ``day``, or None for an error."""
    ((param, _),) = BY_NAME[name].identifiers
    call = Call(
        path_params={param: identifier},
        args=ARGS,
        host_url="http://localhost/",
        query_string="",
        now=1.75e9,
        documents=STORE,
        scenario=scenarios.NOMINAL,
        at=datetime.combine(day, clock.NOON, clock.PARIS),
    )
    try:
        return render(BY_NAME[name], call, 0).payload
    except ApiError:
        return None


def dated(node, key: str = ""):
    """Yield (field, ISO day) for every string of a payload that begins with a day."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from dated(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from dated(value, key)
    elif isinstance(node, str) and ISO_DAY.match(node):
        yield key, node[:10]


def identifier(name: str, siren: str) -> str:
    return siren if BY_NAME[name].identifiers[0][1] == "siren" else world.company(siren).siege_siret


def test_the_routes_read_at_an_instant_cover_every_family_of_the_timeline():
    routes = set(timeline_routes())
    assert len(routes) > 30
    assert {"api_entreprise_v3_insee_unites_legales", "api_entreprise_v3_infogreffe_extraits_rcs"} <= routes
    assert {"api_entreprise_v3_dgfip_chiffres_affaires", "api_entreprise_v4_acoss_attestations_sociales"} <= routes


@pytest.mark.parametrize("day", INSTANTS, ids=str)
def test_nothing_dated_after_the_instant_appears(day):
    late = []
    for name in timeline_routes():
        for siren in SIRENS:
            payload = answer(name, identifier(name, siren), day)
            late += [(name, siren, key, on) for key, on in dated(payload) if on > day.isoformat()]
            late = [row for row in late if row[2] not in PERIOD_ENDS]
    assert not late


@pytest.mark.parametrize("day", INSTANTS, ids=str)
def test_a_document_issued_at_the_call_is_dated_the_instant(day):
    issued = 0
    for siren in SIRENS:
        if not world.exists(siren, day):
            assert answer("api_entreprise_v3_insee_unites_legales", siren, day) is None
            continue
        urssaf = answer("api_entreprise_v4_acoss_attestations_sociales", siren, day)
        if urssaf:
            assert urssaf["data"]["date_debut_validite"] == day.isoformat() < urssaf["data"]["date_fin_validite"]
        dgfip = answer("api_entreprise_v4_dgfip_attestations_fiscales", siren, day)
        if dgfip:
            assert dgfip["data"]["date_delivrance_attestation"] == day.isoformat()
            name = dgfip["data"]["document_url"].rsplit("/", 1)[1]
            ref = STORE.resolve(name)
            pdf = PdfReader(io.BytesIO(documents.build(ref.label, ref.identifier, ref.part, ref.day)))
            assert pdf.metadata["/CreationDate"].startswith(f"D:{day:%Y%m%d}")
            assert f"{day:%d/%m/%Y}" in pdf.pages[0].extract_text()
            issued += 1
        kbis = answer("api_entreprise_v3_infogreffe_extraits_rcs", siren, day)
        if kbis:
            assert kbis["data"]["date_extrait"] == day.isoformat()
    assert issued > 5


def test_a_company_is_unknown_before_its_creation_and_active_before_its_closing():
    created_between = closed_between = 0
    for siren in drawn(1500, 31):
        drawn_company = world.company(siren)
        created_between += PAST < drawn_company.created_on <= TODAY
        assert world.exists(siren, PAST) is (drawn_company.created_on <= PAST)
        if drawn_company.ceased_on and drawn_company.ceased_on > PAST and drawn_company.created_on <= PAST:
            closed_between += 1
            assert world.company_at(siren, PAST).is_active
            assert world.vigilance_attestation(siren, PAST) is not None
            assert world.vigilance_attestation(siren, TODAY) is None
            assert not world.company_at(siren, TODAY).is_active
    assert created_between > 20 and closed_between > 5


# Pairs of instants: a fact that happened by the first reads the same at the second.
PAIRS = [(date(2012, 5, 1), date(2019, 6, 30)), (date(2019, 6, 30), TODAY), (TODAY, LATER), (date(2021, 1, 31), LATER)]


def test_what_happened_before_two_instants_reads_the_same_at_both():
    """Over 1,000 drawn entities: creation, directors, closing, accounts, register deposits, headcounts."""
    compared = {"accounts": 0, "deposits": 0, "headcounts": 0}
    for siren in drawn(1000, 37):
        for first, second in PAIRS:
            if not world.exists(siren, first):
                continue
            then, later = world.company_at(siren, first), world.company_at(siren, second)
            assert (then.created_on, then.directors, then.raison_sociale) == (
                later.created_on,
                later.directors,
                later.raison_sociale,
            )
            if then.ceased_on:
                assert later.ceased_on == then.ceased_on
            kept = {year.closing: year for year in world.finances(siren, second).years}
            for year in world.finances(siren, first).years:
                assert year.filed_on <= first
                if year.closing in kept:
                    assert kept[year.closing] == year, (siren, first, second)
                    compared["accounts"] += 1
            entry, later_entry = world.registration_at(siren, first), world.registration_at(siren, second)
            if entry:
                assert later_entry.acts[: len(entry.acts)] == entry.acts
                assert later_entry.accounts[: len(entry.accounts)] == entry.accounts
                compared["deposits"] += len(entry.acts)
            month = (first.year, first.month - 1) if first.month > 1 else (first.year - 1, 12)
            figure = world.company_monthly_headcount(siren, *month, first)
            if figure is not None:
                assert world.company_monthly_headcount(siren, *month, second) == figure
                compared["headcounts"] += 1
    assert min(compared.values()) > 100, compared


# Production's staging files date a few facts of their identifiers: each is an event, shown from its day on.
SUCCESSIONS = "/v3/insee/sirene/etablissements/30613890001286/successions"


@pytest.mark.parametrize(
    ("day", "predecessors", "successors"),
    [
        ("2021-10-14", None, None),
        ("2021-10-15", [("30613890001278", "2021-10-15")], []),
        ("2022-12-14", [("30613890001278", "2021-10-15")], []),
        ("2022-12-15", [("30613890001278", "2021-10-15")], [("30613890001294", "2022-12-15")]),
    ],
)
def test_the_staging_succession_links_are_events_of_the_sites(v3, day, predecessors, successors):
    response = v3(SUCCESSIONS, headers={"X-Mock-Clock": day})
    if predecessors is None:
        assert response.status_code == 404
        return
    links = response.json["data"]
    assert [(link["siret"], link["date_succession"]) for link in links["predecesseurs"]] == predecessors
    assert [(link["siret"], link["date_succession"]) for link in links["successeurs"]] == successors
    # The other end of each link tells the same story.
    for link in links["successeurs"]:
        other = v3(f"/v3/insee/sirene/etablissements/{link['siret']}/successions", headers={"X-Mock-Clock": day})
        assert other.json["data"]["predecesseurs"] == [{**link, "siret": "30613890001286"}]


@pytest.mark.parametrize(
    ("day", "site_created", "unit_created"),
    [
        # Before the days the establishment files give, the route shows the unit's creation, as every route does.
        ("2012-01-10", "1989-01-01", "1989-01-01"),
        ("2012-01-12", "1989-01-01", "2012-01-11"),
        ("2014-04-01", "2014-04-01", "2012-01-11"),
    ],
)
def test_the_days_a_staging_route_shows_apart_are_events_too(v3, day, site_created, unit_created):
    data = v3("/v3/insee/sirene/etablissements/35004292500031", headers={"X-Mock-Clock": day}).json["data"]
    assert datetime.fromtimestamp(data["date_creation"], clock.PARIS).date().isoformat() == site_created
    unit_day = datetime.fromtimestamp(data["unite_legale"]["date_creation"], clock.PARIS).date().isoformat()
    assert unit_day == unit_created
