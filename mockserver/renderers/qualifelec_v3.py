"""``GET /v3/qualifelec/etablissements/{siret}/certificats``: an electrical contractor's certificates.

One item per certificate of ``world.qualifelec_certificates``, each with the URL of its PDF in
the sandbox's storage; a site outside electrical trades is unknown to Qualifelec (404), an
electrical contractor without a certificate known but empty-handed (404 in Qualifelec's words).
"""

from mockserver import world
from mockserver.documents import KNOWN
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection, document_url
from mockserver.rules.errors import PERIMETER_SENTENCE, ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world.qualifelec import ELECTRICAL_NAF, Certificate

WITHOUT_CERTIFICATES = (
    "Le SIRET existe chez Qualifelec mais ne possède pas de certificats Qualifelec." + PERIMETER_SENTENCE
)


def _day(value) -> str | None:
    """Return a day in ISO, or None."""
    return value.isoformat() if value else None


def _insurance(insurer: tuple) -> dict:
    """Return an insurer and its policy's period."""
    name, start, end = insurer
    return {"nom": name, "date_debut": _day(start), "date_fin": _day(end)}


def _certificate(call: Call, siret: str, part: str, certificate: Certificate) -> dict:
    """Return one certificate as Qualifelec lists it."""
    classification = certificate.classification
    qualified_from, qualified_until = certificate.qualification_period
    return {
        "document_url": document_url(call, "certificat_qualifelec", siret, part),
        "numero": certificate.numero,
        "rge": certificate.rge,
        "date_debut": certificate.valid_from.isoformat(),
        "date_fin": certificate.valid_until.isoformat(),
        "qualification": {
            "label": certificate.qualification,
            "date_debut": qualified_from.isoformat(),
            "date_fin": qualified_until.isoformat(),
            "indices": [{"code": code, "label": label} for code, label in certificate.indices],
            "mentions": [{"code": code, "label": label} for code, label in certificate.mentions],
            "domaines": [{"code": code, "label": label} for code, label in certificate.domains],
            "classification": {
                "code": classification[0] if classification else None,
                "label": classification[1] if classification else None,
            },
        },
        "assurance_decennale": _insurance(certificate.ten_year_insurer),
        "assurance_civile": _insurance(certificate.liability_insurer),
    }


def certificats(call: Call) -> Reply:
    """Render the site's certificates, or its 404 when it holds none."""
    siret = call.path_params["siret"]
    forced = call.scenario == KNOWN_BY_PROVIDER
    certificates = world.qualifelec_certificates(siret, call.today, forced=forced)
    if not certificates and world.establishment_at(siret, call.today).naf in ELECTRICAL_NAF:
        # Qualifelec knows the electrical contractor and lists no certificate (siade
        # Qualifelec::Certificats::ValidateResponse#siret_without_certificates!).
        raise ApiError("not_found", detail=WITHOUT_CERTIFICATES)
    if not certificates:
        raise ApiError("not_found")
    prefix = KNOWN if forced else ""
    items = [_certificate(call, siret, f"{prefix}{rank}", c) for rank, c in enumerate(certificates)]
    # Production's serializer writes a count its organizer never gives (siade Qualifelec::CertificatsSerializer::V3).
    return collection(items, meta={"count": None})
