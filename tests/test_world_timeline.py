"""The world is a timeline: read at any instant, it shows what happened by then, and the past never changes.

The time invariants of one identifier, one entity, at three instants: a past one (before many drawn
closings and creations), the suite's today, and one after every drawn closing. Renderers are called
as the pipeline's provider stage calls them (``stages.render``: the entity unknown before its
creation), without the HTTP stages other tests cover.
"""

import io
import itertools
import re
import zipfile
from datetime import date, datetime, timedelta
from functools import cache

import pytest
from pypdf import PdfReader
from werkzeug.datastructures import MultiDict

from mockserver import clock, documents, world
from mockserver.catalogue import BY_NAME, ENDPOINTS
from mockserver.documents import registries
from mockserver.documents.store import DocumentStore
from mockserver.http.stages import render
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import insee, people, rcs, shareholding, validity
from mockserver.world.randomness import years_after

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
PERIOD_ENDS = frozenset(
    {
        "date_fin_validite",
        "date_fin_de_vie",
        "date_fin_personne",
        "date_premiere_cloture_exercice",
        "date_expiration",
        "date_validite_qualifications",
        "date_validite_qualifications_probatoires",
    }
)


def timeline_routes() -> list[str]:
    """Return the routes of one SIREN or SIRET that read the timeline."""
    return [
        e.name
        for e in ENDPOINTS
        if e.supported and len(e.identifiers) == 1 and e.identifiers[0][1] in ("siren", "siret")
    ]


@cache
def answer(name: str, identifier: str, day: date) -> dict | list | None:
    """Return what route ``name`` answers for ``identifier`` on ``day``, or None for an error."""
    replied = reply(name, identifier, day)
    return None if replied is None else replied.payload


def reply(name: str, identifier: str, day: date) -> Reply | None:
    """Return the reply of route ``name`` for ``identifier`` on ``day``, or None for an error."""
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
        return render(BY_NAME[name], call, 0)
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
            assert then.created_on == later.created_on
            # The name stays unless changed between the instants (after the drawn history).
            change = renamed(siren, second) if second > clock.HISTORY_END else None
            name = change[1] if change and change[0] > first else then.raison_sociale
            assert later.raison_sociale == name, (siren, first, second)
            # An officer stays in office unless replaced between the instants (after the drawn history).
            replaced = {r.seat for r in replacements(siren, second) if r.day > first}
            assert [o for seat, o in enumerate(then.directors) if seat not in replaced] == [
                o for seat, o in enumerate(later.directors) if seat not in replaced
            ]
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


def test_a_duplicate_is_its_successor_under_its_own_siren_until_sirene_merges_it():
    """Before the merge day INSEE answers the duplicate itself (v2 200, no redirect meta); from it, the redirect."""
    sirens = (with_check_digit(f"{number:08d}") for number in range(30_000_000, 30_005_000))
    duplicates = [siren for siren in sirens if world.merged_on(siren)]
    assert len(duplicates) > 20
    for siren in duplicates:
        merged = world.merged_on(siren)
        successor = world.company(siren)
        assert successor.siren != siren and successor.created_on < merged <= clock.HISTORY_END
        before, on = merged - timedelta(days=1), merged
        site = siren + successor.siege_nic
        if not world.exists(siren, before):
            continue
        unit = answer("api_entreprise_v3_insee_unites_legales", siren, before)
        assert (unit["data"]["siren"], unit["meta"]["redirect_from_siren"]) == (siren, None)
        itself = answer("api_entreprise_v3_insee_unites_legales", successor.siren, before)["data"]
        assert (unit["data"]["date_creation"], unit["data"]["forme_juridique"]) == (
            itself["date_creation"],
            itself["forme_juridique"],
        )
        assert reply("entreprises", siren, before).status == 200
        assert reply("etablissements", site, before).payload["etablissement"]["siret"] == site
        unit = answer("api_entreprise_v3_insee_unites_legales", siren, on)
        assert (unit["data"]["siren"], unit["meta"]["redirect_from_siren"]) == (successor.siren, siren)
        assert reply("entreprises", siren, on).status == 301
        assert reply("etablissements", site, on).status == 301


# RNA numbers of associations the RNA alone knows, and of INSEE-registered ones ("W" + SIREN).
RNA_NUMBERS = [f"W{number:09d}" for number in range(751_000_001, 751_000_801)]
RNA_ROUTES = ("associations", "api_entreprise_v3_mi_associations")
DEPOSIT_ROUTES = ("documents_associations", "api_entreprise_v3_mi_documents_associations")


def rna_record(name: str, rna_id: str, day: date) -> dict | None:
    """Return the association object route ``name`` answers on ``day``, or None for an error."""
    payload = answer(name, rna_id, day)
    return None if payload is None else payload.get("association") or payload["data"]


def deposits(name: str, rna_id: str, day: date) -> list[tuple[str, str]]:
    """Return the (type, timestamp of its receipt) of each deposit route ``name`` lists on ``day``."""
    payload = answer(name, rna_id, day)
    if payload is None:
        return []
    listed = payload["documents"] if "documents" in payload else [item["data"] for item in payload["data"]]
    return [(item["type"], item["timestamp"]) for item in listed]


def test_an_association_is_dissolved_only_once_it_was_and_its_deposits_are_those_received_by_then():
    dissolved = kept = 0
    for rna_id in RNA_NUMBERS:
        drawn_record = world.association(rna_id)
        for first, second in PAIRS:
            for name in RNA_ROUTES:
                then, later = rna_record(name, rna_id, first), rna_record(name, rna_id, second)
                if then is None:
                    continue
                assert max(on for _, on in dated(then)) <= first.isoformat()
                if then["date_dissolution"] is not None:
                    assert later["date_dissolution"] == then["date_dissolution"]
                    dissolved += 1
                elif drawn_record.dissolved_on and drawn_record.dissolved_on <= second:
                    assert later["date_dissolution"] == drawn_record.dissolved_on.isoformat()
            for name in DEPOSIT_ROUTES:
                listed, later = deposits(name, rna_id, first), deposits(name, rna_id, second)
                assert set(listed) <= set(later)
                kept += len(listed)
    assert dissolved > 10 and kept > 500


@pytest.mark.parametrize("day", INSTANTS, ids=str)
def test_the_dissolved_association_scenario_dissolves_before_the_instant(day):
    for rna_id in RNA_NUMBERS[:100]:
        record = world.association_at(rna_id, day)
        if record is None or record.created_on >= day:
            continue
        ended = world.dissolved(record, day)
        assert ended.created_on <= ended.dissolved_on < day and ended.updated_on <= day


def test_a_certificate_in_force_on_a_day_reads_the_same_on_any_later_day_of_its_period():
    """RGE, Qualibat and OPQIBI: a period holding on the first instant and still running on the second is the same."""
    held = {"rge": 0, "qualibat": 0, "opqibi": 0}
    # Yearly certificates need instants closer than the pairs': a hundred days apart.
    close = [(day, day + timedelta(days=100)) for day in (date(2012, 5, 1), PAST, date(2021, 1, 31), TODAY)]
    for siren in drawn(2500, 41):
        for first, second in PAIRS + close:
            if not world.exists(siren, first) or not world.company_at(siren, second).is_active:
                continue
            later_rge = {c.rank: c for c in world.rge_certificates(siren, second)}
            for certificate in world.rge_certificates(siren, first):
                assert certificate.granted_on <= first
                if certificate.valid_until >= second:
                    assert later_rge[certificate.rank] == certificate
                    held["rge"] += 1
            qualibat = world.qualibat_certificate(siren, first)
            if qualibat and qualibat.valid_until >= second:
                later = world.qualibat_certificate(siren, second)
                assert (later.numero, later.valid_until, later.qualifications) == (
                    qualibat.numero,
                    qualibat.valid_until,
                    qualibat.qualifications,
                )
                held["qualibat"] += 1
            opqibi = world.opqibi_certificate(siren, first)
            if opqibi:
                assert opqibi.issued_on <= first
                if years_after(opqibi.issued_on, 1) > second:
                    assert world.opqibi_certificate(siren, second) == opqibi
                    held["opqibi"] += 1
    assert min(held.values()) > 5, held


def test_a_certificate_holds_from_its_first_day_in_the_terms_drawn_renewed():
    first = date(2015, 3, 10)
    gaps = 0
    for key in range(300):
        days = [date(year, 6, 1) for year in range(2010, 2040)]
        periods = [validity.period_at("test", str(key), first, 2, 0.7, day) for day in days]
        assert periods[:5] == [None] * 5 and periods[5] == validity.Period(0, first, date(2017, 3, 9))
        held = [(day, period) for day, period in zip(days, periods, strict=True) if period]
        assert all(period.granted_on <= day <= period.valid_until for day, period in held)
        assert all(period.valid_until == years_after(period.granted_on, 2) - timedelta(days=1) for _, period in held)
        gaps += len(held) < len(days) - 5
    assert 250 < gaps < 300


def test_labels_and_register_entries_keep_what_happened_by_an_instant():
    """Agence Bio, Qualifelec, the RNM, the CARIF-OREF and the INPI: what they showed on a day, they show later."""
    kept = {"agence_bio": 0, "qualifelec": 0, "rnm": 0, "carif_oref": 0, "inpi": 0}
    for siren in drawn(2500, 43):
        siret = world.company(siren).siege_siret
        for first, second in PAIRS:
            if not world.exists(siren, first) or not world.establishment_at(siret, second).is_active:
                continue
            organic = world.organic_operator(siret, first)
            if organic:
                later = world.organic_operator(siret, second)
                assert (later.numero_bio, later.committed_on) == (organic.numero_bio, organic.committed_on)
                assert organic.suspended_on is None or later.suspended_on == organic.suspended_on
                kept["agence_bio"] += 1
            running = world.qualifelec_certificates(siret, second)
            for certificate in world.qualifelec_certificates(siret, first):
                assert certificate.valid_from <= first
                if certificate.valid_until >= second:
                    assert certificate in running
                    kept["qualifelec"] += 1
            entry = world.craft_entry(siren, first)
            if entry:
                later = world.craft_entry(siren, second)
                assert (later.registered_on, later.rnm_id) == (entry.registered_on, entry.rnm_id)
                assert entry.eirl is None or later.eirl == entry.eirl
                assert entry.procedures is None or later.procedures == entry.procedures
                kept["rnm"] += 1
            rights, later_rights = world.ip_rights(siren, first), world.ip_rights(siren, second)
            for kind in ("patent", "design", "trademark"):
                assert getattr(rights, f"{kind}_count") <= getattr(later_rights, f"{kind}_count")
            assert all(right.published_on <= first for right in rights.patents + rights.designs)
            kept["inpi"] += rights.trademark_count
            provider = world.training_provider(siret, first)
            if provider:
                later = world.training_provider(siret, second)
                assert later.declarations[0].declared_on == provider.declarations[0].declared_on <= first
                assert set(provider.accreditations) <= set(later.accreditations)
                kept["carif_oref"] += 1
    assert min(kept.values()) > 3, kept


def test_companies_go_on_closing_after_the_drawn_history_and_a_closing_never_moves():
    """Read after HISTORY_END, a share of the companies active then close, year by year, for good."""
    later_instants = (date(2026, 12, 7), LATER, date(2031, 1, 1))
    closed = 0
    for siren in drawn(1500, 47):
        if world.company(siren).ceased_on or siren in world.STEADY:
            continue
        days = [world.company_at(siren, day).ceased_on for day in later_instants]
        for day, ceased in zip(later_instants, days, strict=True):
            assert ceased is None or clock.HISTORY_END < ceased <= day
        seen = [ceased for ceased in days if ceased]
        if seen:
            assert seen == [seen[0]] * len(seen) and days[-len(seen) :] == seen
            closed += 1
            at = later_instants[-1]
            assert world.vigilance_attestation(siren, at) is None
            assert not world.establishment_at(world.company(siren).siege_siret, at).is_active
            entry = world.registration_at(siren, at)
            assert entry is None or entry.radiated_on == seen[0]
    assert 50 < closed < 300, closed


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


AFTER_HISTORY = (date(2025, 12, 31), date(2026, 12, 7), LATER, date(2031, 1, 1))


def replacements(siren: str, at: date) -> tuple[insee.Replacement, ...]:
    """Return the replacements of officers of ``siren`` drawn by ``at``, before its closing as read then."""
    drawn_directors = world.company(siren).directors
    return insee.officer_replacements(
        drawn_directors, siren, clock.HISTORY_END, at, world.company_at(siren, at).ceased_on
    )


def test_officers_change_after_the_drawn_history_and_a_replacement_never_moves():
    """Over 1,200 drawn SIRENs: the officers read on a day are the drawn ones with the replacements made by then."""
    changed = 0
    for siren in drawn(1200, 53):
        drawn_directors = world.company(siren).directors
        last = replacements(siren, AFTER_HISTORY[-1])
        ceased = world.company_at(siren, AFTER_HISTORY[-1]).ceased_on
        for replacement in last:
            assert clock.HISTORY_END < replacement.day <= AFTER_HISTORY[-1]
            assert ceased is None or replacement.day < ceased
            replaced = drawn_directors[replacement.seat]
            # A natural person is replaced, never the auditing firm, by someone else in the same function.
            assert replaced.person and replacement.officer.person != replaced.person
            assert replacement.officer.fonction == replaced.fonction
            assert replacement.officer.person.date_naissance <= replacement.day - people.ADULT_AGE
        for at in AFTER_HISTORY:
            assert replacements(siren, at) == tuple(r for r in last if r.day <= at), (siren, at)
            expected = list(drawn_directors)
            for replacement in last:
                if replacement.day <= at:
                    expected[replacement.seat] = replacement.officer
            assert world.company_at(siren, at).directors == tuple(expected), (siren, at)
        assert world.company_at(siren, clock.HISTORY_END).directors == drawn_directors
        changed += bool(last)
    # 8 % a year over five and a half years, of the companies with officers.
    assert 150 < changed < 400, changed


def test_officers_seen_at_an_instant_read_the_same_later_unless_replaced_between():
    for siren in drawn(1000, 59):
        for first, second in itertools.pairwise(AFTER_HISTORY):
            then, later = world.company_at(siren, first).directors, world.company_at(siren, second).directors
            between = {r.seat for r in replacements(siren, second) if first < r.day}
            assert [seat for seat, officer in enumerate(then) if later[seat] != officer] == sorted(between)


def test_the_steady_companies_keep_their_officers_after_the_drawn_history():
    steady = [siren for siren in sorted(world.STEADY) if any(d.person for d in world.company(siren).directors)]
    assert len(steady) > 20
    for siren in steady:
        assert world.company_at(siren, AFTER_HISTORY[-1]).directors == world.company(siren).directors, siren


def changed_company(last_change, sample: list[str]) -> tuple[str, date]:
    """Return the first SIREN of ``sample`` registered and active at LATER with a change by then, and its day."""
    for siren in sample:
        day = last_change(siren)
        if day and world.registration_at(siren, LATER) and world.company_at(siren, LATER).is_active:
            return siren, day
    raise AssertionError("no company of the sample changed")


def last_replacement_day(siren: str) -> date | None:
    """Return the day of the last replacement of an officer of ``siren`` by LATER, if any."""
    last = replacements(siren, LATER)
    return last[-1].day if last else None


@cache
def replaced_company() -> tuple[str, date]:
    """Return a registered company, active at LATER, with an officer replaced by then, and the replacement's day."""
    return changed_company(last_replacement_day, drawn(400, 61))


def test_every_route_names_the_officers_in_office_at_the_instant(get, v3):
    siren, replaced_on = replaced_company()
    before, after = world.company_at(siren, replaced_on - timedelta(days=1)), world.company_at(siren, LATER)
    assert before.directors != after.directors
    for day, company in ((replaced_on - timedelta(days=1), before), (LATER, after)):
        expected = sorted((d.person.nom, d.person.prenom) for d in company.directors if d.person)
        headers = {"X-Mock-Clock": day.isoformat()}
        v2 = get(f"/v2/entreprises/{siren}", headers=headers).json["entreprise"]["mandataires_sociaux"]
        infogreffe = v3(f"/v3/infogreffe/rcs/unites_legales/{siren}/mandataires_sociaux", headers=headers).json
        rne = v3(f"/v3/inpi/rne/unites_legales/{siren}/extrait_rne", headers=headers).json["data"]
        assert sorted((o["nom"], o["prenom"]) for o in v2 if o["type"] == "PP") == expected
        officers = [o["data"] for o in infogreffe["data"] if o["data"]["type"] == "personne_physique"]
        assert sorted((o["nom"], o["prenom"]) for o in officers) == expected
        assert sorted((o["nom"], o["prenom"]) for o in rne["dirigeants_et_associes"]) == expected


def representative_replaced() -> tuple[str, people.Person]:
    """Return a company with deposited acts whose drawn legal representative left office by LATER, and that one."""
    for siren in drawn(1000, 67):
        representative = next((d.person for d in world.company(siren).directors if d.person), None)
        entry = world.registration_at(siren, LATER)
        if representative and entry and entry.acts:
            if representative not in [d.person for d in world.company_at(siren, LATER).directors]:
                return siren, representative
    raise AssertionError("no company of the sample replaced its legal representative")


def test_an_act_is_signed_by_the_representative_of_its_deposit_day_not_of_the_archive_day():
    siren, representative = representative_replaced()
    archive = zipfile.ZipFile(io.BytesIO(registries.inpi_archive(siren, "actes", LATER)))
    first_act = next(name for name in archive.namelist() if name.endswith(".pdf"))
    text = PdfReader(io.BytesIO(archive.read(first_act))).pages[0].extract_text()
    assert f"{representative.prenom} {representative.nom}" in text


def representatives_replaced() -> list[tuple[str, people.Person, people.Person]]:
    """Return companies with a capital whose legal representative left office by LATER: SIREN, former, current."""
    found = []
    for siren in drawn(3000, 71):
        ownership = world.ownership(siren)
        current = shareholding.representative_of(world.company_at(siren, LATER))
        if ownership and ownership.representative and current != ownership.representative:
            found.append((siren, ownership.representative, current))
    return found


def beneficial_owners_at(v3, siren: str, day: date) -> list[dict]:
    """Return the beneficial owners the RNE route lists for ``siren`` on ``day``."""
    path = f"/v3/inpi/rne/unites_legales/{siren}/beneficiaires_effectifs"
    answer = v3(path, headers={"X-Mock-Clock": day.isoformat()})
    return [item["data"] for item in answer.json["data"]]


def test_the_beneficial_owners_name_the_legal_representative_in_office_at_the_instant(v3):
    cases = representatives_replaced()
    # Both kinds: owners above a quarter (the flag moves), and none (the representative is the owner by default).
    stakes = {siren: [h.percentage for h in world.ownership(siren).shareholders if h.person] for siren, _, _ in cases}
    by_default = [case for case in cases if max(stakes[case[0]]) <= shareholding.CONTROL_THRESHOLD]
    assert by_default and len(by_default) < len(cases)
    for siren, former, current in cases[:6] + by_default[:3]:
        owners = beneficial_owners_at(v3, siren, LATER)
        representatives = [(o["nom"], o["prenoms"]) for o in owners if o["modalites"]["representant_legal"]]
        listed = {(o["nom"], tuple(o["prenoms"])) for o in owners}
        if (current.nom, tuple(current.prenoms)) in listed:
            assert representatives == [(current.nom, list(current.prenoms))], siren
        else:
            assert representatives == [], siren
        assert (former.nom, list(former.prenoms)) not in representatives, siren
    for siren, _, current in by_default[:3]:
        owners = beneficial_owners_at(v3, siren, LATER)
        assert [(o["nom"], o["prenoms"]) for o in owners] == [(current.nom, list(current.prenoms))], siren
        assert owners[0]["modalites"]["detention_de_capital"]["parts_totale"] == 0.0


def renamed(siren: str, at: date) -> tuple[date, str] | None:
    """Return the last change of name of a legal person ``siren`` by ``at``, before its closing as read then."""
    unit = world.company_at(siren, at)
    if unit.person or unit.is_association or unit.siren in world.STEADY:
        return None
    return insee.later_name(unit.siren, clock.HISTORY_END, at, unit.ceased_on)


def test_legal_persons_change_their_name_after_the_drawn_history_and_a_change_never_moves():
    """Over 1,500 drawn SIRENs: the name read on a day is the last one taken by then, before any closing."""
    changed = 0
    for siren in drawn(1500, 71):
        company = world.company(siren)
        names = [world.company_at(siren, at) for at in AFTER_HISTORY]
        assert world.company_at(siren, clock.HISTORY_END).raison_sociale == company.raison_sociale
        if company.person or company.is_association or siren in world.STEADY:
            assert {unit.raison_sociale for unit in names} == {company.raison_sociale}, siren
            continue
        seen = None
        for at, unit in zip(AFTER_HISTORY, names, strict=True):
            last = renamed(siren, at)
            if last is None:
                assert seen is None and unit.raison_sociale == company.raison_sociale, (siren, at)
                continue
            day, name = last
            assert clock.HISTORY_END < day <= at and (unit.ceased_on is None or day < unit.ceased_on)
            assert unit.raison_sociale == name and unit.updated_on >= day
            assert re.fullmatch(r"[A-Z' -]+ [A-Z ]+", name), name
            # A later instant adds changes: the one seen earlier stays, or a later one follows it.
            assert seen is None or day >= seen[0]
            if seen and day == seen[0]:
                assert name == seen[1]
            seen = last
            # The day before, the name is the one taken before (the drawn one if none was).
            previous = renamed(siren, day - timedelta(days=1))
            expected = previous[1] if previous else company.raison_sociale
            assert world.company_at(siren, day - timedelta(days=1)).raison_sociale == expected, (siren, day)
        changed += seen is not None
    # 2 % a year over five and a half years, of the legal persons (about two thirds of the units).
    assert 50 < changed < 250, changed


def test_the_steady_companies_keep_their_name_after_the_drawn_history():
    for siren in sorted(world.STEADY):
        assert world.company_at(siren, AFTER_HISTORY[-1]).raison_sociale == world.company(siren).raison_sociale, siren


def last_renaming_day(siren: str) -> date | None:
    """Return the day of the last change of name of ``siren`` by LATER, if any."""
    last = renamed(siren, LATER)
    return last[0] if last else None


@cache
def renamed_company() -> tuple[str, date]:
    """Return a registered company, active at LATER, renamed by then, and the day of its new name."""
    return changed_company(last_renaming_day, drawn(2000, 73))


def test_every_route_names_the_company_by_its_name_at_the_instant(get, v3):
    siren, renamed_on = renamed_company()
    before, after = world.company_at(siren, renamed_on - timedelta(days=1)), world.company_at(siren, renamed_on)
    assert before.raison_sociale != after.raison_sociale
    for day, company in ((renamed_on - timedelta(days=1), before), (renamed_on, after), (LATER, after)):
        headers = {"X-Mock-Clock": day.isoformat()}
        insee_v3 = v3(f"/v3/insee/sirene/unites_legales/{siren}", headers=headers).json["data"]
        v2 = get(f"/v2/entreprises/{siren}", headers=headers).json["entreprise"]
        kbis = v3(f"/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis", headers=headers).json["data"]
        rne = v3(f"/v3/inpi/rne/unites_legales/{siren}/extrait_rne", headers=headers).json["data"]
        assert insee_v3["personne_morale_attributs"]["raison_sociale"] == company.raison_sociale, day
        assert v2["raison_sociale"] == company.raison_sociale, day
        assert kbis["personne_morale"]["denomination"] == company.raison_sociale, day
        assert rne["identite_entreprise"]["denomination"] == company.raison_sociale, day


@cache
def renamed_with_deposits() -> tuple[str, str, str]:
    """Return a company with acts deposited since the INPI names them, renamed by LATER: SIREN, former, current name."""
    for siren in drawn(3000, 79):
        entry = world.registration_at(siren, LATER)
        if renamed(siren, LATER) and entry and any(a.deposited_on >= rcs.INPI_NAMED_SINCE for a in entry.acts):
            return siren, world.company(siren).raison_sociale, world.company_at(siren, LATER).raison_sociale
    raise AssertionError("no renamed company of the sample deposited an act")


def test_a_deposit_bears_the_name_of_its_day_not_of_the_archive_day(get):
    siren, former, current = renamed_with_deposits()
    headers = {"X-Mock-Clock": LATER.isoformat()}
    listed = get(f"/v2/actes_inpi/{siren}", headers=headers).json["actes"]
    assert {act["denomination_sociale"] for act in listed} - {None} == {former}
    archive = zipfile.ZipFile(io.BytesIO(registries.inpi_archive(siren, "actes", LATER)))
    first_act = next(name for name in archive.namelist() if name.endswith(".pdf"))
    text = PdfReader(io.BytesIO(archive.read(first_act))).pages[0].extract_text()
    # The greffe's copy is headed by the register's entry of the day; the act itself names the company of its day.
    assert current in text and former in text.split(current, 1)[1]
    metadata = next(name for name in archive.namelist() if name.endswith(".xml"))
    assert f"<denominationSociale>{former}</denominationSociale>" in archive.read(metadata).decode()


@cache
def return_naming_a_renamed_company() -> tuple[str, int, int, str, str]:
    """Return a company whose capital links name a company renamed between two of its returns.

    SIREN, the year of a return filed before the change and one filed after, the renamed one's former and new name.
    """
    for siren in drawn(4000, 83):
        ownership = world.ownership(siren)
        if ownership is None or not world.finances(siren, LATER).subject_to_is:
            continue
        related = [h.company for h in ownership.shareholders if h.company] + [c for c, _ in ownership.subsidiaries]
        for other in related:
            change = renamed(other.siren, LATER)
            if not change:
                continue
            years = world.finances(siren, LATER).years
            before = [y.closing.year for y in years if y.filed_on < change[0]]
            after = [y.closing.year for y in years if y.filed_on >= change[0]]
            if before and after and len({y.closing.year for y in years}) == len(years):
                return siren, before[-1], after[0], other.raison_sociale, change[1]
    raise AssertionError("no return of the sample names a renamed company")


def test_a_tax_return_names_the_companies_as_they_stood_when_it_was_filed(v3):
    siren, year_before, year_after, former, current = return_naming_a_renamed_company()
    headers = {"X-Mock-Clock": LATER.isoformat()}
    for year, name in ((year_before, former), (year_after, current)):
        links = v3(f"/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/{year}", headers=headers).json["data"]
        named = {
            *(h["personne_morale_attributes"]["denomination"] for h in links["capital"]["actionnaires"]),
            *(s["denomination"] for s in links["participations"]["filiales"]),
        }
        assert name in named and ({former, current} - {name}).isdisjoint(named), (year, named)


def test_the_customs_name_a_trader_and_tell_its_activity_as_on_the_instant(get, v3):
    """A renamed trader's EORI registration reads its former name the day before the change, its new one on the day."""
    siren, change = next(
        (siren, change)
        for siren in drawn(3000, 89)
        if (change := renamed(siren, LATER)) and world.eori_record(world.company(siren).siege_siret, LATER)
    )
    siret = world.company(siren).siege_siret
    for day in (change[0] - timedelta(days=1), change[0]):
        company = world.company_at(siren, day)
        headers = {"X-Mock-Clock": day.isoformat()}
        v3_record = v3(f"/v3/douanes/etablissements/{siret}/immatriculations_eori", headers=headers).json["data"]
        v2_record = get(f"/v2/eori_douanes/FR{siret}", headers=headers).json
        assert v3_record["libelle"] == v2_record["raison_sociale"] == company.raison_sociale, day
    # Closed after the drawn history, a trader is no longer active once it closed.
    closed = next(
        siren
        for siren in drawn(3000, 97)
        if (ceased := world.company_at(siren, LATER).ceased_on)
        and ceased > clock.HISTORY_END
        and world.eori_record(world.company(siren).siege_siret, LATER)
    )
    ceased = world.company_at(closed, LATER).ceased_on
    siret = world.company(closed).siege_siret
    for day, active in ((ceased - timedelta(days=1), True), (ceased, False)):
        headers = {"X-Mock-Clock": day.isoformat()}
        record = v3(f"/v3/douanes/etablissements/{siret}/immatriculations_eori", headers=headers).json["data"]
        assert record["actif"] is active, day
