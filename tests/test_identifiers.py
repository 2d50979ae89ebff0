from datetime import date

import pytest

from mockserver.http.stages import _names_entity
from mockserver.rules import identifiers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("418166096", True),
        ("005572466", True),
        ("000000000", True),
        ("418166097", False),
        ("41816609", False),
        ("4181660960", False),
        ("41816609a", False),
        ("٤١٨١٦٦٠٩٦", False),  # Arabic-Indic digits are digits to Python, not to the API
        ("", False),
    ],
)
def test_siren(value, expected):
    assert identifiers.is_siren(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("41816609600069", True),
        ("41816609600051", True),
        ("41816609600068", False),
        ("35600000000048", True),  # La Poste: Luhn-valid anyway
        ("35600000012345", True),  # La Poste: Luhn-invalid, still accepted
        ("35600000112345", False),  # not La Poste's prefix
        ("4181660960006", False),
        ("418166096000690", False),
    ],
)
def test_siret(value, expected):
    assert identifiers.is_siret(value) is expected


def test_la_poste_exception_really_breaks_luhn():
    assert not identifiers.luhn_valid("35600000012345")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("W751212517", True),
        ("W9N3001202", True),
        ("0123004567", True),  # Waldec
        ("77567227221138", True),  # a SIRET
        ("W75121251", False),
        ("w751212517", False),
        ("X751212517", False),
        ("0123104567", False),
    ],
)
def test_association_identifier(value, expected):
    assert identifiers.is_siret_or_rna(value) is expected


@pytest.mark.parametrize("prefix", ["41816609", "00557246", "99999001", "1234567890123"])
def test_check_digit_completes_a_luhn_number(prefix):
    completed = identifiers.with_check_digit(prefix)
    assert completed.startswith(prefix)
    assert len(completed) == len(prefix) + 1
    assert identifiers.luhn_valid(completed)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023", True),
        ("1999", True),
        ("0203", False),  # the real server compares the year with its integer value: no leading zero
        ("203", False),
        ("20233", False),
        ("20x3", False),
        ("２０２３", False),
    ],
)
def test_year(value, expected):
    assert identifiers.is_year(value) is expected


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("1", True),
        ("1000", True),
        ("0", False),
        ("1001", False),
        ("0010", True),
        ("10000", False),
        ("", False),
        ("a", False),
    ],
)
def test_a_page_size_is_an_integer_from_1_to_1000(value, valid):
    assert identifiers.is_limit(value) is valid


@pytest.mark.parametrize(("value", "valid"), [("AVG_UR", True), ("avg_ur", False), ("AVG_UR ", False), ("", False)])
def test_the_acoss_delivers_one_attestation_type(value, valid):
    assert identifiers.is_attestation_type(value) is valid


def test_a_check_digit_of_zero_is_one_digit():
    # 10000009's Luhn sum with a 0 appended is a multiple of ten: its check digit is 0.
    assert identifiers.with_check_digit("10000009") == "100000090"


@pytest.mark.parametrize(("year", "valid"), [("2005", False), ("2006", True), ("2024", True), ("2025", False)])
def test_the_dgfip_serves_2006_to_the_year_before_the_worlds(year, valid):
    assert identifiers.is_dgfip_year(year, date(2025, 6, 30)) is valid
    assert identifiers.valid("dgfip_year", year, date(2025, 1, 1)) is valid


def test_the_years_valid_follow_the_instant_they_are_checked_at():
    assert identifiers.valid("dgfip_year", "2025", date(2026, 1, 1))
    assert not identifiers.valid("dgfip_year", "2025", date(2025, 12, 31))
    assert identifiers.valid("current_year", "2026", date(2026, 1, 1))
    assert not identifiers.valid("current_year", "2026", date(2025, 12, 31))


# siade ValidateYear (GIP-MDS): four digits, 1900 to this year (the world's instant's).
@pytest.mark.parametrize(("year", "valid"), [("1899", False), ("1900", True), ("2025", True), ("2026", False)])
def test_a_current_year_is_1900_to_the_worlds(year, valid):
    assert identifiers.is_current_year(year, date(2025, 6, 30)) is valid
    assert identifiers.valid("current_year", year, date(2025, 12, 31)) is valid


# siade GIPMDS::Effectifs::ValidateDepth: an integer from 0 to 13 (a blank one is checked by the stage).
@pytest.mark.parametrize(
    ("depth", "valid"), [("0", True), ("13", True), ("14", False), ("-1", False), ("deux", False), ("1.5", False)]
)
def test_a_depth_is_0_to_13(depth, valid):
    assert identifiers.is_depth(depth) is valid


# siade ValidateSiretOrEORI: a SIRET, "FR" and a SIRET, or two capitals of another member state.
@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("41816609600051", True),
        ("FR41816609600051", True),
        ("FR41816609600052", False),
        ("FR4181660960005", False),
        ("DE123456789012345", True),
        ("fr41816609600051", False),
        ("de123", False),
        ("41816609600052", False),
    ],
)
def test_a_siret_or_an_eori_number(value, valid):
    assert identifiers.is_siret_or_eori(value) is valid


# siade ValidateSirenOrSiretOrRNA: any of the three.
@pytest.mark.parametrize(
    ("value", "valid"),
    [("418166096", True), ("41816609600051", True), ("W751000001", True), ("418166097", False), ("W75", False)],
)
def test_a_siren_a_siret_or_an_rna_number(value, valid):
    assert identifiers.is_siren_or_siret_or_rna(value) is valid


@pytest.mark.parametrize(
    "value",
    [
        "418166096",
        "41816609600069",
        "W751000001",
        "W9A1234567",
        "418166097",  # any nine digits: the check digit is another stage's
        "41816609",
        "4181660960",
        "41816609a",
        "٤١٨١٦٦٠٩٦",  # Arabic-Indic digits are digits to Python, not to the formats
        "4181660960006٩",
        "w751000001",
        "W75100000A",
        "WA51000001",
        "0751000001",
        "41816609600069 ",
        "",
    ],
)
def test_an_entity_of_the_world_is_told_by_the_formats_of_a_siren_siret_or_rna_number(value):
    formats = (identifiers.SIREN_FORMAT, identifiers.SIRET_FORMAT, identifiers.RNA_FORMAT)
    assert _names_entity(value) is any(rule.fullmatch(value) for rule in formats)
