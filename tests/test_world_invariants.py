"""One identifier, one entity: what a reader comparing two answers of the same company would check.

Over the curated identifiers and 2,000 drawn SIRENs, the answers of every route that speaks of
a company — INSEE v2/v3/v4, the trade register (v2 extract, v3 Kbis and mandataires, INPI
acts and accounts, the RNE), DJEPVA, DGFIP, URSSAF, MSA, PRO BTP, CNETP, AGEFIPH — must tell
the same facts; and the PDFs behind the document URLs must print the SIREN, name, address,
dates and amounts of the JSON answers. Renderers are called directly, as the pipeline calls
them once a request passed its checks: the answers are the route's bytes, without the HTTP
stages that other tests cover, so the sweep runs within seconds.
"""

import io
import random
import re
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from werkzeug.datastructures import MultiDict

from mockserver import documents, world
from mockserver.catalogue import BY_NAME
from mockserver.clock import HISTORY_END
from mockserver.documents.inpi_proxy import PREFIX as PROXY_PREFIX
from mockserver.documents.store import DocumentStore
from mockserver.http.inpi_proxy import stored_document
from mockserver.renderers import insee_v3
from mockserver.renderers.call import Call
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import is_siren, is_siret
from mockserver.world import curated
from mockserver.world.entities import PARIS
from mockserver.world.finances import CORPORATE_TAX_FORMS
from mockserver.world.randomness import upper_ascii

from .helpers import TRACEABILITY
from .ordinary import drawn
from .reference import ROOT, staging_payloads

pytestmark = pytest.mark.sweep

DRAWN = 2000
# Documents take tens of milliseconds each to draw and read back: a sample of the companies,
# and of a company's deposits the founding act, the latest act and the latest accounts.
PDF_SAMPLE = 90
ASSOCIATIONS = ("9220", "9230", "9260")
NOW = 1_750_000_000.0
STORE = DocumentStore("invariants", 3600, clock=lambda: NOW)
# Partially diffusible units answer v2 entreprises only to a client that asks for them.
ARGS = MultiDict({**TRACEABILITY, "non_diffusables": "true"})
V3 = "api_entreprise_v3_"
# The day the renderers read the world on, called without an instant.
DAY = HISTORY_END


def curated_sirens() -> list[str]:
    # The curated duplicate SIREN names its successor's unit: the sweep takes the successor.
    return sorted(siren for siren in curated.COMPANIES if not world.is_duplicate(siren))


def staging_sirens() -> list[str]:
    """Return the valid SIRENs production's staging answers a 200 for (of a SIREN, or of a SIRET's unit)."""
    found = set()
    for case in staging_payloads():
        for name, value in case["params"].items():
            if case["status"] == 200 and name in ("siren", "siret", "siren_or_rna", "siret_or_rna", "siret_or_eori"):
                if str(value).isdigit() and is_siren(str(value)[:9]):
                    found.add(str(value)[:9])
    return sorted(found)


def drawn_sirens(count: int, seed: int) -> list[str]:
    return drawn(count, seed, 10000000, 99999999)


SIRENS = sorted(set(curated_sirens()) | set(staging_sirens())) + drawn_sirens(DRAWN, 13)


# The INSEE routes that show a staging identifier's facts apart (``curated.STAGING_VIEWS``), by section.
STAGING_VIEW_ROUTES = {
    name: "address" if "_adresses_" in name else "establishment"
    for name in BY_NAME
    if re.search(r"_insee_(adresses_etablissements|etablissements|sieges)", name)
}


class StagingView:
    """A field a route shows apart for a staging identifier (docs/curated-entities.md): exempt, equal to any value."""

    def __eq__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "<shown apart by staging's files of this route>"


def exempted(name: str, params: dict) -> dict[tuple[str, ...], object]:
    """Return the fields the route shows apart for ``params`` (none but for a staging identifier's head office)."""
    if name not in STAGING_VIEW_ROUTES:
        return {}
    siret = params.get("siret") or world.company(params["siren"]).siege_siret
    return insee_v3.staging_view_fields(world.establishment_at(siret, DAY), STAGING_VIEW_ROUTES[name], DAY)


def _rendered(name: str, params: dict) -> dict | None:
    """Return the payload a route answers for ``params``, or None when it answers an error."""
    call = Call(
        path_params=params,
        args=ARGS,
        host_url="http://localhost/",
        query_string="",
        now=NOW,
        documents=STORE,
    )
    try:
        return BY_NAME[name].render(call).payload
    except ApiError:
        return None


@cache
def answer(name: str, **params: str) -> dict | None:
    """Return the payload a route answers for ``params``, the fields it shows apart for a staging identifier exempt."""
    payload = _rendered(name, params)
    for path in exempted(name, params) if payload else ():
        parent = payload
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = StagingView()
    return payload


def paris_day(timestamp: int | None) -> str | None:
    """Return the Paris calendar day of a Unix timestamp, ISO-formatted."""
    return None if timestamp is None else datetime.fromtimestamp(timestamp, PARIS).date().isoformat()


def same_facts(one: object, other: object) -> bool:
    """Tell whether two answers agree on every field both give (a later version may add fields)."""
    if isinstance(one, dict) and isinstance(other, dict):
        return all(same_facts(one[key], other[key]) for key in one.keys() & other.keys())
    return one == other


def v2(siren: str) -> dict:
    return answer("entreprises", siren=siren)


def ceased(siren: str) -> bool:
    return v2(siren)["entreprise"]["etat_administratif"]["value"] == "C"


def head_office(siren: str) -> str:
    return v2(siren)["entreprise"]["siret_siege_social"]


def test_the_sweep_covers_the_curated_and_two_thousand_drawn_identifiers():
    assert len(set(SIRENS)) >= DRAWN + 15
    assert {"418166096", "775672272", "424179364", "005572466"} <= set(SIRENS)
    # Production's staging identifiers: the routes staging does not cover must agree with what it shows.
    assert {"552049447", "350051447", "478464803", "350042925", "130025265", "200053791"} <= set(SIRENS)


def _at(payload: dict, path: tuple[str, ...]) -> object:
    for key in path:
        payload = payload[key]
    return payload


def test_each_exempted_field_differs_from_what_the_other_routes_show(monkeypatch):
    views = insee_v3.staging_views(DAY)
    shown = {
        (name, site.siret, path): _at(_rendered(name, {"siret": site.siret}), path)
        for name, route in STAGING_VIEW_ROUTES.items()
        # The protected routes of a SIRET: open data masks some of these fields for a partially diffusible unit.
        if "_sieges_" not in name and "_diffusables" not in name
        for site, view_route, fields in views
        if view_route == route
        for path in fields
    }
    monkeypatch.setattr(insee_v3.curated, "STAGING_VIEWS", {})
    unchanged = [key for key, value in shown.items() if _at(_rendered(key[0], {"siret": key[1]}), key[2]) == value]
    assert not unchanged
    # Three staging identifiers, each on both kinds of route but the SCI's address, and every route of a kind.
    assert {(site.siret, route) for site, route, _ in views} == {
        ("35004292500031", "establishment"),
        ("35004292500031", "address"),
        ("35005144700018", "establishment"),
        ("47846480300319", "establishment"),
        ("47846480300319", "address"),
    }
    assert len(shown) == 2 * sum(len(fields) for _, _, fields in views)


# --- Identity: INSEE v2/v3/v4, the register, DJEPVA ----------------------------------------


def test_name_legal_form_activity_address_and_head_office_agree_on_every_identity_route():
    for siren in SIRENS:
        entreprise, siege = v2(siren)["entreprise"], v2(siren)["etablissement_siege"]
        v3 = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]
        v4 = answer("api_entreprise_v4_insee_sieges_unites_legales", siren=siren)["data"]
        unit = answer(f"{V3}insee_unites_legales", siren=siren)["data"]
        # v4's first activity is in NAF 2025 from the switch day (NAF rév. 2 before it); its NAF rév. 2 one is v3's.
        # A code of an earlier NAF revision (a ceased staging example) has no rév. 2 code: v4 shows the old one.
        rev2 = (
            "activite_principale"
            if v3["activite_principale"]["nomenclature"] == "NAF1993"
            else "activite_principale_naf_rev2"
        )
        assert v4[rev2] == v3["activite_principale"], siren
        assert v4["unite_legale"][rev2] == v3["unite_legale"]["activite_principale"], siren
        in_naf_2025 = {**v4, "activite_principale": v3["activite_principale"]}
        in_naf_2025["unite_legale"] = {
            **v4["unite_legale"],
            "activite_principale": v3["unite_legale"]["activite_principale"],
        }
        assert same_facts(v3, in_naf_2025) and same_facts(unit, v3["unite_legale"]), siren
        assert v3["siret"] == unit["siret_siege_social"] == entreprise["siret_siege_social"] == siege["siret"]
        assert unit["forme_juridique"]["code"] == entreprise["forme_juridique_code"]
        assert unit["activite_principale"]["code"].replace(".", "") == entreprise["naf_entreprise"]
        assert unit["tranche_effectif_salarie"] == entreprise["tranche_effectif_salarie_entreprise"]
        assert unit["date_creation"] == entreprise["date_creation"]
        address, v2_address = v3["adresse"], siege["adresse"]
        assert (address["numero_voie"], address["libelle_voie"], address["code_postal"], address["code_commune"]) == (
            v2_address["numero_voie"],
            v2_address["nom_voie"],
            v2_address["code_postal"],
            v2_address["code_insee_localite"],
        )
        person = unit["personne_physique_attributs"]
        if unit["type"] == "personne_physique":
            # v2 writes a sole trader's name NOM*USAGE/PRENOMS/: the usage name v3 gives, the same person.
            name, usage = entreprise["raison_sociale"].split("/")[0].split("*")
            # A person without a usage name (a staging example) leaves it empty there, null here.
            usage = usage or None
            assert (name, usage) == (person["nom_naissance"], person["nom_usage"]) == (entreprise["nom"], usage)
        else:
            assert unit["personne_morale_attributs"]["raison_sociale"] == entreprise["raison_sociale"]
        kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)
        if kbis:
            kbis = kbis["data"]
            assert kbis["etablissement_principal"]["code_ape"] == entreprise["naf_entreprise"]
            assert kbis["nom_commercial"] == entreprise["nom_commercial"]
            assert kbis["capital"]["montant"] == (entreprise["capital_social"] and float(entreprise["capital_social"]))
            if unit["type"] == "personne_physique":
                assert kbis["personne_physique"]["nom"] == entreprise["nom"]
                assert kbis["personne_physique"]["adresse"]["code_postal"] == address["code_postal"]
            else:
                assert kbis["personne_morale"]["denomination"] == entreprise["raison_sociale"]
        if unit["rna"]:
            djepva = answer("api_entreprise_v4_mi_unites_legales", siren_or_rna=siren)["data"]
            assert (djepva["rna"], djepva["siren"], djepva["siret_siege"]) == (unit["rna"], siren, v3["siret"])
            assert djepva["nom"] == entreprise["raison_sociale"]
            assert djepva["forme_juridique"]["code"] == entreprise["forme_juridique_code"]
            seat = djepva["adresse_siege"]
            # The RNA keeps a street as it was typed at the prefecture ("de Cambis" for INSEE's "DE CAMBIS").
            assert (seat["numero_voie"], seat["libelle_voie"].upper(), seat["code_postal"], seat["code_insee"]) == (
                address["numero_voie"],
                address["libelle_voie"],
                address["code_postal"],
                address["code_commune"],
            )
            rna = answer("associations", id=v3["siret"])
            assert (
                rna["association"]["id"] == unit["rna"] and rna["association"]["titre"] == entreprise["raison_sociale"]
            )


def test_an_association_the_rna_alone_knows_is_the_same_on_v2_and_djepva():
    rng = random.Random(17)
    dissolved = 0
    drawn_numbers = [f"W{rng.randint(10**8, 10**9 - 1)}" for _ in range(DRAWN // 4)]
    # The curated records of associations the RNA alone knows (the others name a unit of Sirene).
    alone = [number for number in curated.RNA_RECORDS if number not in curated.RNA_NUMBERS]
    for number in [*alone, *drawn_numbers]:
        record = answer("associations", id=number)["association"]
        djepva = answer("api_entreprise_v4_mi_unites_legales", siren_or_rna=number)["data"]
        # A head office SIRET the RNA recorded that fails Luhn (production's staging example) names no SIRENE unit.
        siret = record["siret"] if record["siret"] and is_siret(record["siret"]) else None
        # "W" + the SIREN of an association names the INSEE-registered one (checked above).
        assert (djepva["rna"], djepva["siren"], djepva["siret_siege"]) == (number, siret and number[1:], siret)
        # A record without a creation day (production's staging example) keeps its first event for v2's day.
        recorded = number not in curated.RNA_RECORDS or curated.RNA_RECORDS[number].get("creation_recorded", True)
        assert djepva["nom"] == record["titre"], number
        assert djepva["date_creation"] == (record["date_creation"] if recorded else None), number
        assert djepva["date_dissolution"] == record["date_dissolution"], number
        assert (record["date_dissolution"] is None) is (record["etat"] == "true"), number
        # Production's DJEPVA is active when both the RNA and SIRENE are: never for an association without a unit.
        assert djepva["active"] is (record["date_dissolution"] is None and siret is not None), number
        assert djepva["adresse_siege"] == record["adresse_siege"], number
        dissolved += record["date_dissolution"] is not None
    assert dissolved > 5


# --- The trade register: one entry on every route ------------------------------------------


def register_answers(siren: str) -> dict:
    return {
        "v2": answer("extraits_rcs_infogreffe", siren=siren),
        "kbis": answer(f"{V3}infogreffe_extraits_rcs", siren=siren),
        "mandataires": answer(f"{V3}infogreffe_mandataires_sociaux", siren=siren),
        "actes": answer("actes_inpi", siren=siren),
        "bilans": answer("bilans_inpi", siren=siren),
        "rne": answer(f"{V3}inpi_rne_actes_bilans", siren=siren),
    }


def test_registration_is_present_and_dated_alike_on_every_register_route():
    registered = 0
    for siren in SIRENS:
        routes = register_answers(siren)
        entreprise = v2(siren)["entreprise"]
        known = routes["v2"] is not None
        assert (routes["kbis"] is not None) is known and (routes["mandataires"] is not None) is known, siren
        assert known or not (routes["actes"] or routes["bilans"] or routes["rne"]), siren
        if entreprise["forme_juridique_code"] in ASSOCIATIONS:
            assert not known, f"associations are not in the trade register: {siren}"
        if not known:
            continue
        registered += 1
        kbis = routes["kbis"]["data"]
        assert kbis["date_immatriculation"] == routes["v2"]["date_immatriculation"], siren
        assert paris_day(routes["v2"]["date_immatriculation_timestamp"]) == kbis["date_immatriculation"]
        assert [(o["numero"], o["date"]) for o in kbis["observations"]] == [
            (o["numero"], o["date"]) for o in routes["v2"]["observations"]
        ]
        greffe = kbis["greffe"]["code"]
        deposits = [*(routes["actes"] or {}).get("actes", []), *(routes["bilans"] or {}).get("bilans", [])]
        assert {deposit["code_greffe"] for deposit in deposits} <= {int(greffe)}, siren
        # A greffe's staging file may place the auditor at another greffe (docs/curated-entities.md).
        auditor_elsewhere = "code_greffe" in contradicted_fields().get(
            (siren, f"{V3}infogreffe_mandataires_sociaux"), ()
        )
        for item in routes["mandataires"]["data"]:
            if item["data"]["type"] == "personne_morale" and not auditor_elsewhere:
                assert (item["data"]["code_greffe"], item["data"]["libelle_greffe"]) == (
                    greffe,
                    kbis["greffe"]["valeur"],
                )
        rne = (routes["rne"] or {}).get("data", {"actes": [], "bilans": []})
        assert [a["date_depot"].replace("-", "") for a in rne["actes"]] == [
            a["date_depot"] for a in (routes["actes"] or {}).get("actes", [])
        ]
        assert [b["date_cloture"] for b in rne["bilans"]] == [
            b["date_cloture"][:10] for b in (routes["bilans"] or {}).get("bilans", [])
        ]
        # Radiation: the cessation INSEE records, on the Kbis and on v2 entreprises alike.
        cessation = answer(f"{V3}insee_unites_legales", siren=siren)["data"]["date_cessation"]
        assert kbis["date_radiation"] == paris_day(cessation) == paris_day(entreprise["date_radiation"]), siren
    assert registered > DRAWN / 2


def test_directors_are_the_same_on_v2_the_kbis_and_the_mandataires_route():
    compared = 0
    # A greffe's staging file listing other officers than the register's entry (docs/curated-entities.md).
    exempt = {siren for siren, route in contradicted_fields() if route == f"{V3}infogreffe_mandataires_sociaux"}
    for siren in SIRENS:
        kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)
        if kbis is None or siren in exempt:
            continue
        listed = [item["data"] for item in answer(f"{V3}infogreffe_mandataires_sociaux", siren=siren)["data"]]
        on_kbis = kbis["data"]["mandataires_sociaux"]
        on_v2 = v2(siren)["entreprise"]["mandataires_sociaux"]
        assert len(listed) == len(on_kbis) == len(on_v2), siren
        for item, extract, entry in zip(listed, on_kbis, on_v2, strict=True):
            if item["type"] == "personne_physique":
                assert (item["nom"], item["prenom"], item["date_naissance"][:7]) == (
                    extract["nom"],
                    extract["prenom"],
                    extract["date_naissance"],
                )
                assert (entry["nom"], entry["date_naissance"]) == (item["nom"], item["date_naissance"])
                assert entry["prenom"].split()[0] == item["prenom"]
            else:
                assert item["numero_identification"] == extract["numero_identification"] == entry["identifiant"]
                assert item["raison_sociale"] == extract["raison_sociale"] == entry["raison_sociale"]
            assert item["fonction"] == entry["fonction"]
            compared += 1
    assert compared > DRAWN / 2


# --- Figures: turnover, headcount ---------------------------------------------------------

TURNOVER_NREF = "300506"


def test_turnover_is_equal_in_exercices_chiffres_affaires_and_the_liasses():
    compared = 0
    for siren in SIRENS:
        siret = head_office(siren)
        exercices = answer("exercices", siret=siret)
        chiffres = answer(f"{V3}dgfip_chiffres_affaires", siret=siret)
        assert (exercices is None) is (chiffres is None), siren
        if exercices is None:
            continue
        v2_years = [(e["date_fin_exercice"][:10], int(e["ca"])) for e in exercices["exercices"]]
        v3_years = [(c["data"]["date_fin_exercice"], c["data"]["chiffre_affaires"]) for c in chiffres["data"]]
        assert v2_years == v3_years, siren
        # The accounts deposited at the greffe close on the days the DGFIP's financial years do.
        deposited = {b["date_cloture"][:10] for b in (answer("bilans_inpi", siren=siren) or {}).get("bilans", [])}
        assert {closing[5:] for closing, _ in v2_years} >= {closing[5:] for closing in deposited}, siren
        kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)
        year_end = kbis and kbis["data"]["personne_morale"]["date_cloture_exercice_comptable"]
        assert not year_end or {closing[5:] for closing, _ in v2_years} <= {year_end}, siren
        for closing, turnover in v2_years:
            year = closing[:4]
            liasse = answer(f"{V3}dgfip_liasses_fiscales", siren=siren, year=year)
            declared = answer("liasses_fiscales_dgfip_declarations", annee=year, siren=siren)
            assert liasse is not None and declared is not None, (siren, year)
            v3_boxes = {
                d["code_nref"]: int(d["valeurs"][0])
                for declaration in liasse["data"]["declarations"]
                for d in declaration["donnees"]
            }
            v2_boxes = {}
            for declaration in declared["declarations"]:
                donnees = declaration["imprime"]["donnees"]
                for d in donnees if isinstance(donnees, list) else [donnees]:
                    v2_boxes[d["code_nref"]] = int(d["valeur"])
            assert v3_boxes[TURNOVER_NREF] == v2_boxes[TURNOVER_NREF] == turnover, (siren, year)
            compared += 1
    assert compared > DRAWN


def test_headcount_band_is_the_same_everywhere_and_agefiph_knows_employers_of_twenty():
    for siren in SIRENS:
        band = v2(siren)["entreprise"]["tranche_effectif_salarie_entreprise"]
        siege = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]
        assert siege["unite_legale"]["tranche_effectif_salarie"] == band
        agefiph = answer("attestations_agefiph", siret=head_office(siren))
        if agefiph:
            assert (band["de"] or 0) >= 20, siren
            created = paris_day(v2(siren)["entreprise"]["date_creation"])
            assert int(agefiph["derniere_annee_de_conformite_connue"]) >= int(created[:4]), siren
        if answer("eligibilites_cotisation_retraite_probtp", siret=head_office(siren)) is not None:
            assert band["code"] not in ("NN", "00"), f"PRO BTP knows employers only: {siren}"


# --- What a staging file contradicts: each route keeps its file's facts, exempted here alone ---

CURATED_PAGE = ROOT / "docs" / "curated-entities.md"
CONTRADICTIONS_HEADING = "### Where a staging file contradicts another route's"
# A band without an upper bound: the world's averages stay under one and a half times its floor (world.gip_mds).
OPEN_BAND_FACTOR = 1.5


def contradicted_fields() -> dict[tuple[str, str], set[str]]:
    """Return the fields docs/curated-entities.md lists as contradicted by a staging file, by identifier and route."""
    section = CURATED_PAGE.read_text(encoding="utf-8").split(CONTRADICTIONS_HEADING, 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \| ([^|]+) \|", section, re.MULTILINE)
    return {(identifier, route): set(re.findall(r"`(\w+)`", fields)) for identifier, route, fields in rows}


def eori_disagreements(siren: str) -> set[str]:
    """Return the fields where the customs register the unit's head office otherwise than INSEE names and places it."""
    eori = answer(f"{V3}dgddi_eori", siret_or_eori=head_office(siren))
    if eori is None:
        return set()
    siege = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]
    name = (siege["unite_legale"]["personne_morale_attributs"] or {}).get("raison_sociale")
    checked = {"code_postal": siege["adresse"]["code_postal"]} | ({"libelle": name} if name else {})
    return {field for field, value in checked.items() if eori["data"][field] != value}


def gip_mds_disagreements(siren: str) -> set[str]:
    """Return ``{"value"}`` when a GIP-MDS average of 2023 falls outside the unit's INSEE headcount band."""
    figures = answer(f"{V3}gip_mds_effectifs_annuels_entreprise", siren=siren, year="2023")
    if figures is None:
        return set()
    band = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]["unite_legale"]["tranche_effectif_salarie"]
    low = max(band["de"] or 0, 1)
    high = (band["a"] if band["a"] is not None else int(band["de"] * OPEN_BAND_FACTOR)) + 0.49
    values = [row["value"] for row in figures["data"]["effectifs_annuel"] if row["value"] is not None]
    return set() if all(low <= value <= high for value in values) else {"value"}


def owner_disagreements(siren: str) -> set[str]:
    """Return ``{"nom"}`` when a beneficial owner the RNE publishes is no natural shareholder of the tax return."""
    owners = answer(f"{V3}inpi_rne_beneficiaires_effectifs", siren=siren)
    shareholders = answer(f"{V3}dgfip_liens_capitalistiques", siren=siren, year="2023")
    if owners is None or shareholders is None:
        return set()
    people = [
        holder["personne_physique_attributes"]["nom_patronymique_et_prenoms"]
        for holder in shareholders["data"]["capital"]["actionnaires"]
        if holder["type"] == "personne_physique"
    ]
    names = [owner["data"]["nom"] for owner in owners["data"]]
    return set() if all(any(person.startswith(f"{name} ") for person in people) for name in names) else {"nom"}


def linked_unit_disagreements(siren: str) -> set[str]:
    """Return the parts of the 2022 return (``actionnaires``, ``filiales``) naming a unit otherwise than INSEE does."""
    links = answer(f"{V3}dgfip_liens_capitalistiques", siren=siren, year="2022")
    if links is None:
        return set()
    named = {
        "actionnaires": [holder["personne_morale_attributes"] for holder in links["data"]["capital"]["actionnaires"]],
        "filiales": links["data"]["participations"]["filiales"],
    }

    def insee_name(unit: str) -> str:
        return answer(f"{V3}insee_unites_legales", siren=unit)["data"]["personne_morale_attributs"]["raison_sociale"]

    return {
        part
        for part, units in named.items()
        if any(unit["siren"] and unit["denomination"] != insee_name(unit["siren"]) for unit in units)
    }


def balance_sheet_disagreements(siren: str) -> set[str]:
    """Return ``{"declarations"}`` when a Banque de France sheet does not show the DGFIP's turnover of its year."""
    sheets = answer(f"{V3}banque_de_france_bilans_entreprise", siren=siren)
    chiffres = answer(f"{V3}dgfip_chiffres_affaires", siret=head_office(siren))
    if sheets is None or chiffres is None:
        return set()
    turnover = {
        c["data"]["date_fin_exercice"][:7].replace("-", ""): c["data"]["chiffre_affaires"] for c in chiffres["data"]
    }
    for sheet in sheets["data"]:
        boxes = {d["code_nref"]: d["valeurs"][0] for form in sheet["data"]["declarations"] for d in form["donnees"]}
        month = sheet["data"]["date_arrete_exercice"]
        if month in turnover and boxes.get(TURNOVER_NREF) != str(turnover[month]):
            return {"declarations"}
    return set()


def test_customs_gip_mds_and_owners_agree_with_the_other_registers_but_where_a_staging_file_contradicts_them():
    exempt = contradicted_fields()
    for siren in SIRENS:
        assert eori_disagreements(siren) <= exempt.get((head_office(siren), f"{V3}dgddi_eori"), set()), siren
        route = f"{V3}gip_mds_effectifs_annuels_entreprise"
        assert gip_mds_disagreements(siren) <= exempt.get((siren, route), set()), siren
        route = f"{V3}inpi_rne_beneficiaires_effectifs"
        assert owner_disagreements(siren) <= exempt.get((siren, route), set()), siren
        route = f"{V3}dgfip_liens_capitalistiques"
        assert linked_unit_disagreements(siren) <= exempt.get((siren, route), set()), siren
        route = f"{V3}banque_de_france_bilans_entreprise"
        assert balance_sheet_disagreements(siren) <= exempt.get((siren, route), set()), siren


def test_every_contradiction_listed_is_one_the_answers_show():
    # An exemption the answers no longer need would hide a future slip: each listed one is a real disagreement.
    assert contradicted_fields() == {
        ("30613890001294", f"{V3}dgddi_eori"): {"libelle", "rue", "code_postal", "ville"},
        ("130025265", f"{V3}gip_mds_effectifs_annuels_entreprise"): {"value"},
        ("552049447", f"{V3}inpi_rne_beneficiaires_effectifs"): {"nom", "prenoms", "modalites"},
        ("552049447", f"{V3}dgfip_liens_capitalistiques"): {"actionnaires", "filiales"},
        ("552049447", f"{V3}banque_de_france_bilans_entreprise"): {"declarations", "valeurs_calculees"},
        ("552049447", f"{V3}infogreffe_mandataires_sociaux"): {
            "nom",
            "prenom",
            "date_naissance",
            "raison_sociale",
            "code_greffe",
            "libelle_greffe",
        },
    }
    assert eori_disagreements("306138900") == {"libelle", "code_postal"}
    assert gip_mds_disagreements("130025265") == {"value"}
    assert owner_disagreements("552049447") == {"nom"}
    assert linked_unit_disagreements("552049447") == {"actionnaires", "filiales"}
    assert balance_sheet_disagreements("552049447") == {"declarations"}
    listed = [
        item["data"].get("nom") for item in answer(f"{V3}infogreffe_mandataires_sociaux", siren="552049447")["data"]
    ]
    on_kbis = [
        officer["nom"]
        for officer in answer(f"{V3}infogreffe_extraits_rcs", siren="552049447")["data"]["mandataires_sociaux"]
    ]
    assert listed != on_kbis
    auditors = [item["data"] for item in answer(f"{V3}infogreffe_mandataires_sociaux", siren="552049447")["data"]]
    greffe = answer(f"{V3}infogreffe_extraits_rcs", siren="552049447")["data"]["greffe"]["code"]
    assert any(item.get("code_greffe") not in (None, greffe) for item in auditors)


# --- Eligibility and attestation, ceased companies ----------------------------------------


def test_eligibility_and_attestation_agree_for_pro_btp_msa_and_cnetp():
    seen = {"probtp": 0, "msa": 0, "cnetp": 0}
    for siren in SIRENS:
        siret = head_office(siren)
        eligibility = answer("eligibilites_cotisation_retraite_probtp", siret=siret)
        conformity = answer(f"{V3}probtp_conformites_cotisations_retraite", siret=siret)
        attestation = answer("attestations_cotisation_retraite_probtp", siret=siret)
        v3_attestation = answer(f"{V3}probtp_attestations_cotisation_retraite", siret=siret)
        assert (eligibility is None) is (conformity is None), siren
        eligible = bool(eligibility and eligibility["eligible"])
        assert eligible is bool(conformity and conformity["data"]["eligible"]), siren
        assert (attestation is not None) is eligible and (v3_attestation is not None) is eligible, siren
        seen["probtp"] += eligibility is not None
        msa = answer("cotisations_msa", siret=siret)
        msa_v3 = answer(f"{V3}msa_conformites_cotisations", siret=siret)
        assert (msa is None) is (msa_v3 is None), siren
        if msa:
            assert msa_v3["data"]["status"] == ("up_to_date" if msa["a_jour"] else "outdated"), siren
            seen["msa"] += 1
        cnetp = answer("certificats_cnetp", siren=siren)
        cnetp_v3 = answer(f"{V3}cnetp_attestation_cotisations_conges_payes_chomage_intemperies", siren=siren)
        assert (cnetp is None) is (cnetp_v3 is None), siren
        seen["cnetp"] += cnetp is not None
    assert min(seen.values()) > 10, seen


# Routes that deliver a company's attestation or certificate: none for a ceased company.
ATTESTATIONS = (
    ("attestations_sociales_acoss", "siren"),
    (f"{V3}acoss_attestations_sociales", "siren"),
    ("attestations_fiscales_dgfip", "siren"),
    (f"{V3}dgfip_attestations_fiscales", "siren"),
    ("attestations_cotisation_retraite_probtp", "siret"),
    (f"{V3}probtp_attestations_cotisation_retraite", "siret"),
    ("certificats_cnetp", "siren"),
    ("cartes_professionnelles_fntp", "siren"),
    ("certificats_qualibat", "siret"),
    ("certificats_opqibi", "siren"),
)


def delivered(name: str, siren: str, kind: str) -> bool:
    """Tell whether a route delivers its attestation: a URL, not a 404 nor a refusal."""
    payload = answer(name, **{kind: siren if kind == "siren" else head_office(siren)})
    if payload is None:
        return False
    data = payload.get("data", payload)
    return data.get("entity_status", "ok") not in ("refus_de_delivrance",)


def test_a_ceased_company_is_ceased_everywhere():
    ceased_count = 0
    for siren in SIRENS:
        entreprise = v2(siren)["entreprise"]
        if not ceased(siren):
            assert entreprise["date_radiation"] is None
            assert delivered("attestations_sociales_acoss", siren, "siren"), siren
            taxed = entreprise["forme_juridique_code"] in CORPORATE_TAX_FORMS
            assert delivered("attestations_fiscales_dgfip", siren, "siren") is taxed, siren
            continue
        ceased_count += 1
        for name, kind in ATTESTATIONS:
            assert not delivered(name, siren, kind), (name, siren)
        unit = answer(f"{V3}insee_unites_legales", siren=siren)["data"]
        assert unit["etat_administratif"] == "C"
        assert paris_day(unit["date_cessation"]) == paris_day(entreprise["etat_administratif"]["date_cessation"])
        kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)
        if kbis:
            assert kbis["data"]["date_radiation"] == paris_day(unit["date_cessation"]), siren
        if unit["rna"]:
            djepva = answer("api_entreprise_v4_mi_unites_legales", siren_or_rna=siren)["data"]
            assert djepva["active"] is False and djepva["date_dissolution"] == paris_day(unit["date_cessation"])
    assert ceased_count > 50


# --- The PDFs print what the JSON says ----------------------------------------------------


def pdf_text(url: str) -> str:
    """Return the text of the document behind a storage URL or an INPI RNE proxy link, its whitespace collapsed."""
    path = urlsplit(url).path
    if path.startswith(PROXY_PREFIX):
        ref = stored_document(STORE.inpi_proxy.open(path.removeprefix(PROXY_PREFIX)))
    else:
        ref = STORE.resolve(path.rsplit("/", 1)[1])
    content = documents.build(ref.label, ref.identifier, ref.part, ref.day)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def french_day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def identity_lines(siren: str) -> tuple[str, list[str]]:
    """Return the name a document gives the company, and its head office's street and postcode, from JSON."""
    entreprise = v2(siren)["entreprise"]
    name = f"{entreprise['nom']} {entreprise['prenom']}" if entreprise["nom"] else entreprise["raison_sociale"]
    address = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]["adresse"]
    lines = address["acheminement_postal"]
    if address["code_pays_etranger"]:
        # A head office abroad: its city and its country follow the street.
        return name, [lines["l4"], address["libelle_commune_etranger"], address["libelle_pays_etranger"]]
    # Where a CEDEX serves the office, its code replaces the postcode on a letter.
    return name, [lines["l4"], address["code_cedex"] or address["code_postal"]]


def assert_prints(text: str, *facts: str) -> None:
    """Assert that a document prints each fact (documents print capitals without accents: so do we)."""
    printed = upper_ascii(text)
    for fact in facts:
        assert upper_ascii(" ".join(fact.split())) in printed, f"{fact!r} is not printed in: {text[:400]}"


def pdf_sirens() -> list[str]:
    """Return a sample of companies that hold documents, most of them registered or building firms."""
    chosen = [s for s in SIRENS if answer(f"{V3}dgfip_attestations_fiscales", siren=s)][: PDF_SAMPLE // 3]
    building = [
        s
        for s in SIRENS
        if answer("certificats_cnetp", siren=s) or answer("certificats_qualibat", siret=head_office(s))
    ]
    chosen += building[: PDF_SAMPLE // 3]
    chosen += [s for s in SIRENS if v2(s)["entreprise"]["forme_juridique_code"] in ASSOCIATIONS][: PDF_SAMPLE // 6]
    chosen += ["418166096", "130025265", "306138900"]
    return sorted(set(chosen))


def test_attestation_pdfs_print_the_identity_and_dates_of_the_json():
    printed = 0
    for siren in pdf_sirens():
        name, street = identity_lines(siren)
        urssaf = answer("api_entreprise_v4_acoss_attestations_sociales", siren=siren)
        if urssaf and urssaf["data"].get("document_url"):
            data = urssaf["data"]
            text = pdf_text(data["document_url"])
            assert_prints(text, siren, name, *street, french_day(data["date_debut_validite"]))
            assert_prints(text, french_day(data["date_fin_validite"]), data["code_securite"])
            printed += 1
        dgfip = answer("api_entreprise_v4_dgfip_attestations_fiscales", siren=siren)
        if dgfip:
            data = dgfip["data"]
            text = pdf_text(data["document_url"])
            assert_prints(text, siren, name, *street, french_day(data["date_delivrance_attestation"]))
            assert_prints(text, date.fromisoformat(data["date_periode_analysee"]).strftime("%d-%m-%Y"))
            printed += 1
        for label in ("certificats_cnetp", "cartes_professionnelles_fntp"):
            payload = answer(label, siren=siren)
            if payload:
                assert_prints(pdf_text(payload["url"]), siren, name)
                printed += 1
        siret = head_office(siren)
        probtp = answer("attestations_cotisation_retraite_probtp", siret=siret)
        if probtp:
            assert_prints(pdf_text(probtp["url"]), siret, name, *street)
            printed += 1
        qualibat = answer("certificats_qualibat", siret=siret)
        if qualibat:
            text = pdf_text(qualibat["url"])
            entreprise = v2(siren)["entreprise"]
            capital = f"{entreprise['capital_social']:,} EUR".replace(",", " ") if entreprise["capital_social"] else "-"
            kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)
            register = f"RCS {kbis['data']['greffe']['valeur']}" if kbis else "Registre : -"
            created = french_day(paris_day(entreprise["date_creation"]))
            assert_prints(text, siret, name, *street, capital, register, created, entreprise["naf_entreprise"])
            band = entreprise["tranche_effectif_salarie_entreprise"]
            staff = int(re.search(r"Effectif moyen : (\d+)", text).group(1))
            assert (band["de"] or 0) <= staff <= (band["a"] or band["de"] or 0) * 3, siren
            printed += 1
    assert printed > PDF_SAMPLE / 2


def test_register_pdfs_print_the_register_entry_and_the_directors_of_the_json():
    printed = 0
    for siren in pdf_sirens():
        rne = answer(f"{V3}inpi_rne_actes_bilans", siren=siren)
        if rne is None:
            continue
        kbis = answer(f"{V3}infogreffe_extraits_rcs", siren=siren)["data"]
        name, street = identity_lines(siren)
        people = [d for d in kbis["mandataires_sociaux"] if d["type"] == "personne_physique"]
        for act in {a["id"]: a for a in rne["data"]["actes"][:1] + rne["data"]["actes"][-1:]}.values():
            text = pdf_text(act["url"])
            assert_prints(text, siren, name, *street, f"RCS {kbis['greffe']['valeur']}", french_day(act["date_depot"]))
            if people:
                assert_prints(text, f"{people[0]['prenom']} {people[0]['nom']}")
            printed += 1
        band = v2(siren)["entreprise"]["tranche_effectif_salarie_entreprise"]["intitule"]
        for bilan in rne["data"]["bilans"][-1:]:
            text = pdf_text(bilan["url"])
            assert_prints(text, siren, name, french_day(bilan["date_cloture"]), french_day(bilan["date_depot"]), band)
            printed += 1
    assert printed > 20


def test_association_pdfs_print_the_rna_record_of_the_json():
    printed = 0
    for siren in pdf_sirens():
        unit = answer(f"{V3}insee_unites_legales", siren=siren)["data"]
        if not unit["rna"]:
            continue
        siret = unit["siret_siege_social"]
        listing = answer("documents_associations", id=siret)
        djepva = answer("api_entreprise_v4_mi_unites_legales", siren_or_rna=siren)["data"]
        # Where a CEDEX serves the office, its code replaces the postcode on a letter.
        cedex = answer(f"{V3}insee_sieges_unites_legales", siren=siren)["data"]["adresse"]["code_cedex"]
        for document in listing["documents"]:
            text = pdf_text(document["url"])
            assert_prints(text, unit["rna"], siret, djepva["nom"], cedex or djepva["adresse_siege"]["code_postal"])
            printed += 1
    assert printed > 10
