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

from dataclasses import dataclass

# The calls (traceability, retries, the rate limit's wait), the identifier checks and the errors the application
# shows are the same for every version of the API: shared with the v2 example client.
from entreprise_client import (
    ApiEntrepriseError,
    Client,
    InvalidIdentifier,
    Misconfigured,
    NotFound,
    Protected,
    Unavailable,
)

# What the application imports from this client: its data, its client, and the errors it raises.
__all__ = [
    "ApiEntrepriseError",
    "Establishment",
    "InvalidIdentifier",
    "LegalUnit",
    "Misconfigured",
    "NotFound",
    "Protected",
    "UnitesLegalesClient",
    "Unavailable",
    "unit_name",
]


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


class UnitesLegalesClient(Client):
    """Read legal units and establishments from API Entreprise v3 (INSEE's Sirene)."""

    # 409: the same call, given up on after a timeout, is still being answered (v3 refuses a twin meanwhile).
    RETRIED = (409, 502, 503, 504)

    def legal_unit(self, siren: str) -> LegalUnit:
        """Return the legal unit ``siren``."""
        _, body = self._get_identified("/v3/insee/sirene/unites_legales/", "SIREN", siren)
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
        site = self._get_identified("/v3/insee/sirene/etablissements/", "SIRET", siret)[1]["data"]
        return Establishment(
            siret=site["siret"],
            head_office=site["siege_social"],
            activity=site["activite_principale"]["libelle"],
            city=site["adresse"]["libelle_commune"] or site["adresse"]["libelle_commune_etranger"],
            active=site["etat_administratif"] == "A",
            diffusible=site["diffusable_commercialement"],
        )

    @staticmethod
    def _detail(error: dict) -> str:
        """Return what the application shows of one JSON:API error: its code and its words."""
        return f"{error['code']} {error['detail']}"
