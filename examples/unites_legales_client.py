"""A small API Entreprise v3 client, written as an integrator would: requests, typed outcomes, retries.

It reads a legal unit (``/v3/insee/sirene/unites_legales/{siren}``) and an establishment
(``/v3/insee/sirene/etablissements/{siret}``) for a public body's case-handling application,
and turns every answer the API can give into something the application can show: the data,
or one of the ``ApiEntrepriseError`` subclasses. v3 answers in JSON:API: the data under
``data``, each error with a ``code`` (two digits of the provider, three of the error), a
``title`` and a ``detail``. The client checks identifiers before calling (the API would
answer 422 and count the call), sends the traceability parameters on every call, waits
``Retry-After`` on a 429, and retries provider failures and timeouts a few times (and the 409
of a call sent again while the one it gave up on is still being answered).
"""

import time
from dataclasses import dataclass

import requests

# The identifier checks and the errors the application shows are the same for every version of the API:
# shared with the v2 example client.
from entreprise_client import (
    ApiEntrepriseError,
    InvalidIdentifier,
    Misconfigured,
    NotFound,
    Protected,
    Unavailable,
    is_siren,
    is_siret,
)


@dataclass(frozen=True)
class LegalUnit:
    """The fields the application shows about a legal unit (a company, a sole trader, an association)."""

    siren: str
    name: str
    legal_form: str
    head_office_siret: str
    active: bool
    # False for a partially diffusible unit: its data is for the administration, not for publication.
    diffusible: bool
    # The SIREN asked for, when the API answered with the unit that replaced a duplicate.
    replaced_siren: str | None


@dataclass(frozen=True)
class Establishment:
    """The fields the application shows about an establishment."""

    siret: str
    head_office: bool
    activity: str
    city: str
    active: bool
    diffusible: bool


def unit_name(unit: dict) -> str:
    """Return the name of a legal unit: a company's corporate name, a person's usual names."""
    if unit["type"] == "personne_morale":
        return unit["personne_morale_attributs"]["raison_sociale"]
    person = unit["personne_physique_attributs"]
    return " ".join(filter(None, (person["prenom_usuel"], person["nom_usage"] or person["nom_naissance"])))


class UnitesLegalesClient:
    """Read legal units and establishments from API Entreprise v3 (INSEE's Sirene)."""

    # 409: the same call, given up on after a timeout, is still being answered (v3 refuses a twin meanwhile).
    RETRIED = (409, 502, 503, 504)

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

    def legal_unit(self, siren: str) -> LegalUnit:
        """Return the legal unit ``siren``."""
        if not is_siren(siren):
            raise InvalidIdentifier(f"{siren!r} is not a SIREN")
        body = self._get(f"/v3/insee/sirene/unites_legales/{siren}")
        unit = body["data"]
        return LegalUnit(
            siren=unit["siren"],
            name=unit_name(unit),
            legal_form=unit["forme_juridique"]["libelle"],
            head_office_siret=unit["siret_siege_social"],
            active=unit["etat_administratif"] == "A",
            diffusible=unit["diffusable_commercialement"],
            replaced_siren=body["meta"].get("redirect_from_siren"),
        )

    def establishment(self, siret: str) -> Establishment:
        """Return the establishment ``siret``."""
        if not is_siret(siret):
            raise InvalidIdentifier(f"{siret!r} is not a SIRET")
        site = self._get(f"/v3/insee/sirene/etablissements/{siret}")["data"]
        return Establishment(
            siret=site["siret"],
            head_office=site["siege_social"],
            activity=site["activite_principale"]["libelle"],
            city=site["adresse"]["libelle_commune"] or site["adresse"]["libelle_commune_etranger"],
            active=site["etat_administratif"] == "A",
            diffusible=site["diffusable_commercialement"],
        )

    def _get(self, path: str) -> dict:
        """GET a route; return the body of a success, or raise what the application shows."""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.get(self.base_url + path, params=self.traceability, timeout=self.timeout)
            except (requests.Timeout, requests.ConnectionError):
                self._pause(attempt)
                continue
            if response.status_code == 200:
                return response.json()
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
    def _error(response: requests.Response) -> ApiEntrepriseError:
        """Return the error the application shows for a final error answer, with the API's codes and words."""
        detail = "; ".join(f"{error['code']} {error['detail']}" for error in response.json().get("errors", []))
        if response.status_code == 404:
            return NotFound(detail)
        if response.status_code == 451:
            return Protected(detail)
        return Misconfigured(f"{response.status_code}: {detail}")
