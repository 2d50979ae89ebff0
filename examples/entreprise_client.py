"""A small API Entreprise client, written as an integrator would: requests, typed outcomes, retries.

It reads a company (``/v2/entreprises/{siren}``) and an establishment
(``/v2/etablissements/{siret}``) for a public body's case-handling application, and turns
every answer the API can give into something the application can show: the data, or one
of the ``ApiEntrepriseError`` subclasses. It checks identifiers before calling (the API
would answer 422 and count the call), sends the traceability parameters on every call,
waits ``Retry-After`` on a 429, and retries provider failures and timeouts a few times.
"""

import time
from dataclasses import dataclass

import requests


class ApiEntrepriseError(Exception):
    """An answer the application shows its user instead of the data."""


class InvalidIdentifier(ApiEntrepriseError):
    """The SIREN or SIRET typed is not a valid one."""


class NotFound(ApiEntrepriseError):
    """The identifier is unknown to the registry."""


class Protected(ApiEntrepriseError):
    """The unit is not diffusible: its data may not be shown."""


class Unavailable(ApiEntrepriseError):
    """The API or its provider did not answer in time, even after retrying."""


class Misconfigured(ApiEntrepriseError):
    """The application's token or parameters are wrong: an operator must act."""


@dataclass(frozen=True)
class Company:
    """The fields the application shows about a company."""

    siren: str
    name: str
    legal_form: str
    head_office_siret: str
    active: bool
    partial: bool


@dataclass(frozen=True)
class Establishment:
    """The fields the application shows about an establishment."""

    siret: str
    head_office: bool
    activity: str
    city: str
    active: bool
    partial: bool


def luhn_valid(digits: str) -> bool:
    """Tell whether a string of digits passes the Luhn checksum."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_siren(value: str) -> bool:
    """Tell whether ``value`` is a SIREN the API accepts."""
    return len(value) == 9 and value.isascii() and value.isdigit() and luhn_valid(value)


def is_siret(value: str) -> bool:
    """Tell whether ``value`` is a SIRET the API accepts (La Poste's break the checksum)."""
    digits = len(value) == 14 and value.isascii() and value.isdigit()
    return digits and (luhn_valid(value) or value.startswith("356000000"))


# What a route's identifier must be, checked before the call: the API would answer 422 and count it.
IDENTIFIER_CHECKS = {"SIREN": is_siren, "SIRET": is_siret}


class Client:
    """What every API Entreprise call does: the token, the traceability parameters, retries, the rate limit's wait."""

    # The statuses of a success, and those worth another attempt.
    SUCCESS = (200,)
    RETRIED = (502, 503, 504)

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        context: str,
        recipient: str,
        object: str,
        timeout: float = 5.0,
        attempts: int = 3,
        max_wait: float = 60.0,
    ):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.traceability = {"context": context, "recipient": recipient, "object": object}
        self.timeout = timeout
        self.attempts = attempts
        self.max_wait = max_wait

    def _get_identified(self, route: str, kind: str, identifier: str) -> tuple[int, dict]:
        """Check that ``identifier`` is a valid ``kind`` (SIREN or SIRET), then GET ``route`` followed by it."""
        if not IDENTIFIER_CHECKS[kind](identifier):
            raise InvalidIdentifier(f"{identifier!r} is not a {kind}")
        return self._get(route + identifier)

    def _get(self, path: str) -> tuple[int, dict]:
        """GET a route; return the status and body of a success, or raise what the application shows."""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.get(self.base_url + path, params=self.traceability, timeout=self.timeout)
            except (requests.Timeout, requests.ConnectionError):
                self._pause(attempt)
                continue
            if response.status_code in self.SUCCESS:
                return response.status_code, response.json()
            if response.status_code == 429:
                wait = int(response.headers.get("Retry-After", "60"))
                if wait > self.max_wait:
                    raise Unavailable(f"rate-limited for {wait} s")
                time.sleep(wait)
                continue
            if response.status_code in self.RETRIED:
                self._pause(attempt)
                continue
            raise self._error(response)
        raise Unavailable(f"no answer after {self.attempts} attempts")

    @staticmethod
    def _pause(attempt: int) -> None:
        """Back off a little more after each failed attempt."""
        time.sleep(0.1 * attempt)

    @staticmethod
    def _detail(error) -> str:
        """Return what the application shows of one error of an answer (v2: a sentence)."""
        return str(error)

    def _error(self, response: requests.Response) -> ApiEntrepriseError:
        """Return the error the application shows for a final error answer."""
        detail = "; ".join(self._detail(error) for error in response.json().get("errors", []))
        if response.status_code == 404:
            return NotFound(detail)
        if response.status_code == 451:
            return Protected(detail)
        return Misconfigured(f"{response.status_code}: {detail}")


class ApiEntrepriseClient(Client):
    """Read companies and establishments from API Entreprise v2."""

    # 206: a company whose data one provider could not give in full.
    SUCCESS = (200, 206)

    def company(self, siren: str) -> Company:
        """Return the company ``siren``."""
        status, body = self._get_identified("/v2/entreprises/", "SIREN", siren)
        company = body["entreprise"]
        return Company(
            siren=company["siren"],
            name=company["raison_sociale"],
            legal_form=company["forme_juridique"],
            head_office_siret=company["siret_siege_social"],
            active=company["etat_administratif"]["value"] == "A",
            partial=status == 206,
        )

    def establishment(self, siret: str) -> Establishment:
        """Return the establishment ``siret``."""
        status, body = self._get_identified("/v2/etablissements/", "SIRET", siret)
        site = body["etablissement"]
        return Establishment(
            siret=site["siret"],
            head_office=site["siege_social"],
            activity=site["libelle_naf"],
            city=site["adresse"]["localite"],
            active=site["etat_administratif"]["value"] == "A",
            partial=status == 206,
        )
