"""Production at its edges: v4's NAF 2025, the HTTP layer around the routes, the newest catalogue.

Expected values are read from production's code (datagouv/apistration, ``siade/``): the NAF 2025
list it ships and the serializers that pick a nomenclature per version.
"""

import csv
import io

import pytest

from mockserver.world import naf2025
from mockserver.world import nomenclatures as nom

from . import naf2025 as naf2025_table

# (SIREN, head office SIRET) of curated units whose activity production's list labels, with the NAF 2025 answer.
NAF2025_UNITS = [
    (
        "999990203",
        "6201Z",
        {"code": "62.10Y", "nomenclature": "NAF2025", "libelle": "Activités de programmation informatique"},
    ),
    (
        "418166096",
        "6202A",
        {"code": "62.20G", "nomenclature": "NAF2025", "libelle": "Conseil en systèmes et logiciels informatiques"},
    ),
    (
        "999990146",
        "4399C",
        {"code": "43.91Y", "nomenclature": "NAF2025", "libelle": "Travaux de maçonnerie et de pose de briques"},
    ),
]


# v4 INSEE: activite_principale in NAF 2025 (siade interactors/insee/*/build_resource.rb, serializers …/v4.rb).


@pytest.mark.parametrize(("siren", "naf_rev2", "expected"), NAF2025_UNITS)
def test_v4_gives_the_activity_in_naf_2025_and_v3_in_naf_rev2(get, siren, naf_rev2, expected):
    rev2 = {"code": f"{naf_rev2[:2]}.{naf_rev2[2:]}", "nomenclature": "NAFRev2", "libelle": nom.NAF[naf_rev2]}
    unit = get(f"/v4/insee/sirene/unites_legales/{siren}").json["data"]
    assert (unit["activite_principale"], unit["activite_principale_naf_rev2"]) == (expected, rev2)
    siret = unit["siret_siege_social"]
    for path in (
        f"etablissements/{siret}",
        f"unites_legales/{siren}/siege_social",
        f"etablissements/diffusibles/{siret}",
    ):
        site = get(f"/v4/insee/sirene/{path}").json["data"]
        assert (site["activite_principale"], site["activite_principale_naf_rev2"]) == (expected, rev2)
        embedded = site["unite_legale"]
        assert (embedded["activite_principale"], embedded["activite_principale_naf_rev2"]) == (expected, rev2)
    v3_unit = get(f"/v3/insee/sirene/unites_legales/{siren}").json["data"]
    v3_site = get(f"/v3/insee/sirene/etablissements/{siret}").json["data"]
    assert v3_unit["activite_principale"] == v3_site["activite_principale"] == rev2
    assert v3_site["unite_legale"]["activite_principale"] == rev2
    assert "activite_principale_naf_rev2" not in v3_unit.keys() | v3_site.keys() | v3_site["unite_legale"].keys()


def test_every_activity_the_world_draws_has_a_listed_naf_2025_successor():
    assert set(naf2025.FROM_NAF_REV2) >= set(nom.NAF)
    assert set(naf2025.FROM_NAF_REV2.values()) <= set(naf2025.LABELS)
    # INSEE's list of the NAF 2025 sous-classes, as production ships it.
    assert len(naf2025.LABELS) == 747


def test_a_code_the_list_does_not_hold_is_non_reference():
    assert naf2025.label(None) == naf2025.label("62.01Z") == "non référencé"
    assert naf2025.code("0000Z") is None


def test_the_fixture_is_what_the_script_derives_from_productions_csv():
    # The official CSV's shape: a header spread over lines, labels with stray spaces.
    csv_text = (
        '"NACE\nRev.2.1","NAF 2025\nsous-classes",Intitulés\n01.11,01.11Y,"Culture, de céréales "\n,01.48G,Apiculture\n'
    )
    assert naf2025_table.labels(csv_text) == {"01.11Y": "Culture, de céréales", "01.48G": "Apiculture"}
    listed = io.StringIO()
    csv.writer(listed).writerows([("NACE", "NAF", "Intitulés"), *(("", *row) for row in naf2025.LABELS.items())])
    fixture = naf2025_table.build(listed.getvalue(), list(nom.NAF))
    assert fixture == {"labels": naf2025.LABELS, "from_naf_rev2": naf2025.FROM_NAF_REV2}
    with pytest.raises(ValueError, match="without one: \\['1234Z'\\]"):
        naf2025_table.build(listed.getvalue(), ["1234Z"])


def test_the_script_finds_the_committed_fixture_up_to_date(tmp_path, capsys):
    official = tmp_path / "NAF2025.csv"
    with official.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("NACE", "NAF", "Intitulés"), *(("", *row) for row in naf2025.LABELS.items())])
    assert naf2025_table.main([str(official)]) == 0
    assert capsys.readouterr().out == "fixtures/naf2025.json up to date\n"
