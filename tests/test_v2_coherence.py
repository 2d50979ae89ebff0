"""One SIREN, one company on every v2 route: names, dates and amounts agree across providers.

Each check reads two or more routes' answers for the same company and compares them, as an
integrator cross-checking the API would: the RCS registration against INSEE's creation date,
DGFIP's turnover against the tax returns and the Banque de France balance sheets, PRO BTP
and OPQIBI against the NAF code, and so on.
"""

from collections import Counter
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import PARIS

from .helpers import TRACEABILITY
from .ordinary import drawn

SAMPLE = 120
BUILDING_DIVISIONS = ("41", "42", "43")
ENGINEERING_NAF = ("7112B", "7111Z")
# Turnover per employee a believable company makes, in euros a year.
TURNOVER_PER_EMPLOYEE = (15_000, 2_000_000)
SOLO_TURNOVER_CEILING = 500_000
# Year-on-year change of a full year's turnover.
GROWTH_BOUNDS = (0.5, 1.8)


def paris_day(timestamp):
    """Return the Paris calendar day of a Unix timestamp."""
    return datetime.fromtimestamp(timestamp, PARIS).date()


def thousands(euros):
    return round(int(euros) / 1000)


class Company:
    """Every route's answer for one SIREN, fetched once."""

    def __init__(self, get, siren):
        self.get = get
        self.siren = siren
        body = get(f"/v2/entreprises/{siren}").json
        self.entreprise = body["entreprise"]
        self.siege = body["etablissement_siege"]
        self.siret = self.entreprise["siret_siege_social"]
        self.created = paris_day(self.entreprise["date_creation"])

    def fetch(self, path):
        """Return the body of a route's 200, or None for any other status."""
        response = self.get(path)
        return response.json if response.status_code == 200 else None

    def liasse(self, year):
        return self.fetch(f"/v2/liasses_fiscales_dgfip/{year}/declarations/{self.siren}")


def boxes(liasse):
    """Return every box of a year's returns by NREF code, as integers."""
    values = {}
    for declaration in liasse["declarations"]:
        donnees = declaration["imprime"]["donnees"]
        for donnee in donnees if isinstance(donnees, list) else [donnees]:
            values[donnee["code_nref"]] = int(donnee["valeur"])
    return values


# NREF codes of the boxes the checks read (DGFIP dictionary).
CAPITAL, EQUITY, OTHER_EQUITY, PROVISIONS, DEBTS, TOTAL = "300414", "300438", "300444", "302359", "300472", "300476"
TURNOVER, RESULT = "300506", "300606"


@pytest.fixture(scope="module")
def companies(token):
    client = create_app(Settings(rate_limit_factor=0)).test_client()

    def get(path):
        return client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})

    return [Company(get, siren) for siren in ["418166096", *drawn(SAMPLE, 31)]]


def test_rcs_registration_is_not_before_creation_and_closes_with_the_company(companies):
    registered = 0
    for company in companies:
        extract = company.fetch(f"/v2/extraits_rcs_infogreffe/{company.siren}")
        if extract is None:
            assert company.entreprise["forme_juridique_code"] in ("1000", "9220", "9230", "9260"), company.siren
            continue
        registered += 1
        day = date.fromisoformat(extract["date_immatriculation"])
        # A company may be registered a few days before the creation INSEE records (OCTO was: 5 days).
        assert day >= company.created - timedelta(days=5), company.siren
        assert paris_day(extract["date_immatriculation_timestamp"]) == day
        dates = [observation["date"] for observation in extract["observations"]]
        assert dates == sorted(dates) and all(d >= extract["date_immatriculation"] for d in dates)
        radiated = company.entreprise["date_radiation"]
        assert (radiated is not None) is (company.entreprise["etat_administratif"]["value"] == "C"), company.siren
        if radiated and company.entreprise["forme_juridique_code"] != "1000":
            assert extract["observations"][-1]["date"] == paris_day(radiated).isoformat()
    assert registered > SAMPLE / 2


def test_turnover_is_the_same_in_exercices_returns_and_balance_sheets(companies):
    compared = balance_sheets = 0
    for company in companies:
        exercices = company.fetch(f"/v2/exercices/{company.siret}")
        if exercices is None:
            continue
        by_month = {}
        for exercice in exercices["exercices"]:
            closing = date.fromisoformat(exercice["date_fin_exercice"][:10])
            liasse = company.liasse(closing.year)
            assert liasse is not None, (company.siren, closing)
            assert boxes(liasse)[TURNOVER] == int(exercice["ca"])
            by_month[f"{closing:%Y%m}"] = (exercice["ca"], boxes(liasse))
            compared += 1
        bilans = company.fetch(f"/v2/bilans_entreprises_bdf/{company.siren}")
        for bilan in bilans["bilans"] if bilans else []:
            ca, values = by_month.get(bilan["date_arret_exercice"]) or (None, None)
            if ca is None:
                continue
            assert int(bilan["chiffre_affaires_ht"]) == thousands(ca), company.siren
            assert int(bilan["resultat_exercice"]) == thousands(values[RESULT])
            assert int(bilan["capitaux_propres_et_assimiles"]) == thousands(values[EQUITY])
            assert int(bilan["total_passif"]) == thousands(values[TOTAL])
            capital = company.entreprise["capital_social"] or 0
            assert int(bilan["capital_social_inclus_dans_capitaux_propres_et_assimiles"]) == thousands(capital)
            balance_sheets += 1
    assert compared > SAMPLE
    assert balance_sheets > 20


def test_returns_balance_and_name_the_company(companies):
    returns = 0
    for company in companies:
        liasse = company.liasse(2024) or company.liasse(2023)
        if liasse is None:
            continue
        returns += 1
        values = boxes(liasse)
        assert values[TOTAL] == values[EQUITY] + values[OTHER_EQUITY] + values[PROVISIONS] + values[DEBTS]
        assert values[CAPITAL] == (company.entreprise["capital_social"] or 0)
        taxpayer = liasse["entreprise"]
        assert taxpayer["denomination"] == company.entreprise["raison_sociale"]
        assert taxpayer["siren"] == company.siren
        assert taxpayer["setOcfis"]["codeNace"] == company.entreprise["naf_entreprise"]
        assert taxpayer["setOcfis"]["dateDebut"][:10] == company.created.isoformat()
    assert returns > SAMPLE / 3


def test_turnover_fits_the_headcount_and_moves_plausibly(companies):
    growths = 0
    for company in companies:
        exercices = company.fetch(f"/v2/exercices/{company.siret}")
        if exercices is None:
            continue
        tranche = company.entreprise["tranche_effectif_salarie_entreprise"]
        turnovers = [int(e["ca"]) for e in exercices["exercices"]]
        latest = turnovers[0]
        if tranche["de"]:
            low, high = TURNOVER_PER_EMPLOYEE
            assert tranche["de"] * low <= latest, company.siren
            assert tranche["a"] is None or latest <= tranche["a"] * high, company.siren
        else:
            assert latest <= SOLO_TURNOVER_CEILING, company.siren
        closings = [date.fromisoformat(e["date_fin_exercice"][:10]) for e in exercices["exercices"]]
        for (newer, _), (older, older_closing) in pairwise(zip(turnovers, closings, strict=True)):
            # A first financial year may be short: only years that ran twelve months compare.
            if older_closing.replace(year=older_closing.year - 1) >= company.created:
                assert GROWTH_BOUNDS[0] <= newer / older <= GROWTH_BOUNDS[1], company.siren
                growths += 1
    assert growths > SAMPLE / 2


def test_only_companies_subject_to_corporate_tax_have_dgfip_and_bdf_figures(companies):
    outside = 0
    for company in companies:
        exercices = company.get(f"/v2/exercices/{company.siret}")
        if exercices.status_code == 502:
            outside += 1
            assert company.liasse(2024) is None and company.liasse(2023) is None
            assert company.fetch(f"/v2/bilans_entreprises_bdf/{company.siren}") is None
            assert company.entreprise["forme_juridique_code"] in ("1000", "9220", "9230", "9260", "6540", "5202")
    assert outside > SAMPLE / 10


def test_building_trades_are_the_ones_pro_btp_and_opqibi_know(companies):
    seen = Counter()
    for company in companies:
        naf = company.entreprise["naf_entreprise"]
        building = naf[:2] in BUILDING_DIVISIONS
        employer = company.entreprise["code_effectif_entreprise"] not in ("NN", "00")
        probtp = company.fetch(f"/v2/eligibilites_cotisation_retraite_probtp/{company.siret}")
        # PRO BTP, a pension fund, knows the building trades' employers.
        assert (probtp is not None) is (building and employer), company.siren
        opqibi = company.fetch(f"/v2/certificats_opqibi/{company.siren}")
        seen.update(probtp=probtp is not None, opqibi=opqibi is not None)
        if opqibi:
            assert building or naf in ENGINEERING_NAF, company.siren
            assert opqibi["siren"] == company.siren
            issued = datetime.strptime(opqibi["date_de_delivrance_du_certificat"], "%d/%m/%Y").date()
            assert company.created < issued
        elif naf in ENGINEERING_NAF and company.entreprise["etat_administratif"]["value"] == "A":
            # OPQIBI qualifies a firm after a year of references at the earliest; a year not renewed, none.
            seen.update(uncertified_engineering=1)
    assert seen["probtp"] > 10 and seen["opqibi"] > 2
    assert seen["uncertified_engineering"] < seen["opqibi"], "most engineering firms hold their certificate"


def test_msa_knows_farming_and_agefiph_the_employers_of_twenty(companies):
    seen = Counter()
    for company in companies:
        naf = company.entreprise["naf_entreprise"]
        msa = company.fetch(f"/v2/cotisations_msa/{company.siret}")
        assert (msa is not None) is (naf.startswith("01") or naf == "8130Z"), company.siren
        agefiph = company.fetch(f"/v2/attestations_agefiph/{company.siret}")
        seen.update(msa=msa is not None, agefiph=agefiph is not None)
        if agefiph:
            assert company.entreprise["tranche_effectif_salarie_entreprise"]["de"] >= 20
            assert company.created.year <= int(agefiph["derniere_annee_de_conformite_connue"])
    assert seen["msa"] > 2 and seen["agefiph"] > 2


def test_collective_agreements_follow_the_establishments_staff(companies):
    for company in companies:
        conventions = company.fetch(f"/v2/conventions_collectives/{company.siret}")
        employs = company.siege["tranche_effectif_salarie_etablissement"]["code"] not in ("NN", "00")
        assert (conventions is not None) is employs, company.siren
        if conventions and company.entreprise["naf_entreprise"][:2] in BUILDING_DIVISIONS:
            assert {c["numero"] for c in conventions["conventions"]} <= {1596, 1597, 2609, 1702, 2614}


def test_associations_are_the_same_entity_by_siret_and_rna_number(companies):
    found = 0
    for company in companies:
        by_siret = company.fetch(f"/v2/associations/{company.siret}")
        # The RNA holds declared associations, of public utility or not; local-law ones are in court registers.
        if company.entreprise["forme_juridique_code"] not in nom.RNA_FORMS:
            assert by_siret is None
            continue
        found += 1
        assert by_siret == company.fetch(f"/v2/associations/W{company.siren}")
        association = by_siret["association"]
        assert association["titre"] == company.entreprise["raison_sociale"]
        assert association["siret_siege_social"] == company.siret
        assert association["date_creation"] == company.created.isoformat()
        assert association["adresse_siege"]["code_insee"] == company.siege["adresse"]["code_insee_localite"]
        ceased = company.entreprise["etat_administratif"]["date_cessation"]
        assert association["date_dissolution"] == (paris_day(ceased).isoformat() if ceased else None)
    assert found >= 3


def test_inpi_rights_belong_to_the_company_and_follow_its_creation(companies):
    trademarks = 0
    for company in companies:
        extract = company.fetch(f"/v2/extraits_courts_inpi/{company.siren}")
        for kind in ("brevets", "modeles", "marques"):
            assert extract[kind]["count"] >= len(extract[kind][f"latests_{kind}"])
        for right in extract["brevets"]["latests_brevets"] + extract["modeles"]["latests_modeles"]:
            assert right["date_depot"] >= f"{company.created:%Y%m%d}"
            assert right["date_publication"] > right["date_depot"]
        name = company.entreprise["nom"] or company.entreprise["raison_sociale"]
        for trademark in extract["marques"]["latests_marques"]:
            assert trademark["depositaire"].startswith(name), company.siren
            trademarks += 1
    assert trademarks > 10
