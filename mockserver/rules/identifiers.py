"""Identifier rules of the real API: SIREN, SIRET, RNA, year, and checked options (CONTRACT §1.4).

Digits are matched as ASCII only: Python's digit class would accept other scripts' digits.
"""

import re
from datetime import date

SIREN_FORMAT = re.compile(r"[0-9]{9}")
SIRET_FORMAT = re.compile(r"[0-9]{14}")
RNA_FORMAT = re.compile(r"W[0-9][A-Z0-9][0-9]{7}")
WALDEC_FORMAT = re.compile(r"0[0-9]{3}0{2}[0-9]{4}")
# A year is four digits that read as an integer: the real server compares it with its integer value.
YEAR_FORMAT = re.compile(r"[1-9][0-9]{3}")
# DGFIP's returns start with 2006 (CONTRACT §3.3); ADEME pages hold at most 1000 certificates.
DGFIP_FIRST_YEAR = 2006
LIMIT_FORMAT = re.compile(r"[0-9]{1,4}")
# The generic year rule of the current API: four digits, from 1900 to the current year.
FIRST_YEAR = 1900
MONTHS = tuple(f"{month:02d}" for month in range(1, 13))
# GIP-MDS's depth: how many months before the one asked for (an integer, 0 to 13).
DEPTH_FORMAT = re.compile(r"-?[0-9]+")
MAX_DEPTH = 13
# An EORI number of another member state: its two-letter country code, then its own format.
COUNTRY_PREFIX = re.compile(r"[A-Z]{2}")
MAX_LIMIT = 1000
# La Poste's establishments share one SIREN and break the Luhn rule on their SIRET.
LA_POSTE_SIRET_PREFIX = "356000000"


# What a digit adds to a Luhn sum: itself, or doubled (the digits of its double added).
LUHN_PLAIN = {str(digit): digit for digit in range(10)}
LUHN_DOUBLED = {str(digit): 2 * digit - 9 if digit > 4 else 2 * digit for digit in range(10)}


def luhn_sum(digits: str) -> int:
    """Return the Luhn sum of a string of ASCII digits: every second digit from the right doubled."""
    backwards = digits[::-1]
    return sum(map(LUHN_PLAIN.__getitem__, backwards[::2])) + sum(map(LUHN_DOUBLED.__getitem__, backwards[1::2]))


def luhn_valid(digits: str) -> bool:
    """Tell whether a string of ASCII digits passes the Luhn checksum."""
    return luhn_sum(digits) % 10 == 0


def with_check_digit(prefix: str) -> str:
    """Append the one digit that makes ``prefix`` + digit pass the Luhn checksum."""
    # With a digit appended, the prefix's last digit is the first one doubled.
    partial = luhn_sum(prefix + "0")
    return prefix + str((10 - partial % 10) % 10)


def is_siren(value: str) -> bool:
    """Tell whether ``value`` is a well-formed SIREN."""
    return bool(SIREN_FORMAT.fullmatch(value)) and luhn_valid(value)


def is_siret(value: str) -> bool:
    """Tell whether ``value`` is a well-formed SIRET (La Poste's exception included)."""
    if not SIRET_FORMAT.fullmatch(value):
        return False
    return luhn_valid(value) or value.startswith(LA_POSTE_SIRET_PREFIX)


def is_rna(value: str) -> bool:
    """Tell whether ``value`` is an RNA number (or a legacy Waldec one)."""
    return bool(RNA_FORMAT.fullmatch(value) or WALDEC_FORMAT.fullmatch(value))


def is_siret_or_rna(value: str) -> bool:
    """Tell whether ``value`` identifies an association: a SIRET or an RNA number."""
    return is_siret(value) or is_rna(value)


def is_attestation_type(value: str) -> bool:
    """Tell whether ``value`` is an attestation type ACOSS delivers: only AVG_UR (vigilance)."""
    return value == "AVG_UR"


def is_year(value: str) -> bool:
    """Tell whether ``value`` is a four-digit year."""
    return bool(YEAR_FORMAT.fullmatch(value))


def is_siren_or_rna(value: str) -> bool:
    """Tell whether ``value`` identifies an association for the DJEPVA: a SIREN or an RNA number."""
    return is_siren(value) or is_rna(value)


def is_dgfip_year(value: str, today: date) -> bool:
    """Tell whether a four-digit year is one the DGFIP serves on ``today``: 2006 to the year before."""
    return DGFIP_FIRST_YEAR <= int(value) < today.year


def is_current_year(value: str, today: date) -> bool:
    """Tell whether ``value`` is a year the current API accepts on ``today``: four digits, 1900 to this year."""
    return is_year(value) and FIRST_YEAR <= int(value) <= today.year


def is_month(value: str) -> bool:
    """Tell whether ``value`` is a month written on two digits, "01" to "12"."""
    return value in MONTHS


def is_depth(value: str) -> bool:
    """Tell whether ``value`` is a GIP-MDS depth: an integer from 0 to 13."""
    return bool(DEPTH_FORMAT.fullmatch(value)) and 0 <= int(value) <= MAX_DEPTH


def is_siret_or_eori(value: str) -> bool:
    """Tell whether ``value`` is a SIRET, "FR" + a SIRET, or another member state's EORI number."""
    if value.startswith("FR"):
        return is_siret(value[2:])
    return is_siret(value) or bool(COUNTRY_PREFIX.match(value))


def is_siren_or_siret_or_rna(value: str) -> bool:
    """Tell whether ``value`` names an association for Data Subvention: a SIREN, a SIRET or an RNA number."""
    return is_siren(value) or is_siret(value) or is_rna(value)


def is_limit(value: str) -> bool:
    """Tell whether ``value`` is a page size ADEME accepts: an integer from 1 to 1000."""
    return bool(LIMIT_FORMAT.fullmatch(value)) and 1 <= int(value) <= MAX_LIMIT


# Identifier kind -> (rule, error key raised when it fails).
KINDS = {
    "siren": (is_siren, "invalid_siren"),
    "siret": (is_siret, "invalid_siret"),
    "siret_or_rna": (is_siret_or_rna, "invalid_siret_or_rna"),
    "annee": (is_year, "invalid_year"),
    # Optional query parameters of the document routes (CONTRACT §1.4).
    "siren_is": (is_siren, "invalid_siren_is"),
    "siren_tva": (is_siren, "invalid_siren_tva"),
    "type_attestation": (is_attestation_type, "invalid_type_attestation"),
    # The current routes' parameters (CONTRACT §3.3); a DGFIP year is checked as a year first.
    "siren_or_rna": (is_siren_or_rna, "invalid_siren_or_rna"),
    "year": (is_year, "invalid_year"),
    "dgfip_year": (is_dgfip_year, "invalid_dgfip_year"),
    "limit": (is_limit, "invalid_limit"),
    "current_year": (is_current_year, "invalid_year"),
    "month": (is_month, "invalid_month"),
    "depth": (is_depth, "invalid_gip_mds_depth"),
    "siret_or_eori": (is_siret_or_eori, "invalid_siret_or_eori"),
    "siren_or_siret_or_rna": (is_siren_or_siret_or_rna, "invalid_siren_or_siret_or_rna"),
}

# The kinds whose rule depends on the day it is checked on (production compares with the current year).
DATED_KINDS = frozenset({"dgfip_year", "current_year"})


def valid(kind: str, value: str, today: date) -> bool:
    """Tell whether ``value`` meets the rule of ``kind`` on ``today``."""
    rule = KINDS[kind][0]
    return rule(value, today) if kind in DATED_KINDS else rule(value)


# A valid identifier of each kind for documentation examples: the v2 Swagger's Octo Technology
# (its head office, and its own group heads), OpenStreetMap France's RNA number, the world's
# last complete year, ADEME's default page size.
EXAMPLES = {
    "siren": "418166096",
    "siret": "41816609600051",
    "siret_or_rna": "W751212517",
    "annee": "2024",
    "siren_is": "418166096",
    "siren_tva": "418166096",
    "type_attestation": "AVG_UR",
    "siren_or_rna": "W751212517",
    "year": "2024",
    "dgfip_year": "2024",
    "limit": "1000",
    "current_year": "2024",
    "month": "12",
    "depth": "2",
    "siret_or_eori": "FR41816609600051",
    "siren_or_siret_or_rna": "W751212517",
}
