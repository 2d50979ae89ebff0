"""v3/v4 certifications: ADEME RGE, Qualibat, OPQIBI (CONTRACT §4 rows 19-21).

The certificates are the ones v2 lists (``world``, ``world.opqibi_certificate``);
v3 writes dates in ISO and booleans as booleans. ADEME's current domains reword some of
the older ones v2 shows, and group them under a "méta-domaine": ``RGE_DOMAINS`` says how.
``limit`` keeps the first certificates of ADEME's list; v4 Qualibat structures what v3
only gives as a PDF.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection, document, document_url, resource
from mockserver.renderers.opqibi_v2 import CERTIFICATE_VALIDITY
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import building_tables as tables

EFFICIENCY = "Travaux d'efficacité énergétique"
RENEWABLES = "Installations d'énergies renouvelables"
# The v2 domain -> ADEME's current domain, its méta-domaine, and the qualification's code at ADEME.
RGE_DOMAINS = {
    "Pompe à chaleur : chauffage": ("Pompe à chaleur : chauffage", RENEWABLES, "21"),
    "Chauffage et/ou eau chaude solaire": ("Chauffage et/ou eau chaude solaire", RENEWABLES, "26"),
    "Poêle ou insert bois": ("Poêle ou insert bois", RENEWABLES, "23"),
    "Chaudière condensation ou micro-cogénération gaz ou fioul": (
        "Chaudière condensation ou micro-cogénération gaz ou fioul",
        EFFICIENCY,
        "5",
    ),
    "Radiateurs électriques, dont régulation": ("Radiateurs électriques, dont régulation.", EFFICIENCY, "8"),
    "Panneaux photovoltaïques": ("Panneaux solaires photovoltaïques", RENEWABLES, "32"),
    "Fenêtres, volets, portes extérieures": ("Fenêtres, volets, portes donnant sur l'extérieur", EFFICIENCY, "2"),
    "Isolation des combles perdus": ("Isolation des combles perdus", EFFICIENCY, "11"),
    "Isolation des murs par l'extérieur": ("Isolation des murs par l'extérieur", EFFICIENCY, "13"),
    "Ventilation mécanique": ("Ventilation mécanique", EFFICIENCY, "17"),
}
# Qualifying body as the certificate names it -> as ADEME's ``organisme`` does.
RGE_BODIES = {"QUALIT'ENR": "qualitenr", "QUALIBAT": "qualibat", "QUALIFELEC": "qualifelec"}
DEFAULT_LIMIT = 1000
OPQIBI_PAGE = "https://www.opqibi.com/fiche/{page_id}"


def certification_rge(call: Call) -> Reply:
    """Render ``/v3/ademe/etablissements/{siret}/certification_rge``: at most ``limit`` certificates."""
    siret = call.path_params["siret"]
    certificates = world.rge_certificates(siret[:9], call.today, forced=call.scenario == scenarios.RGE_CERTIFIED)
    if not certificates:
        raise ApiError("not_found")
    limit = int(call.args.get("limit") or DEFAULT_LIMIT)
    items = []
    for certificate in certificates[:limit]:
        domain, meta_domain, code = RGE_DOMAINS[certificate.domain]
        items.append(
            {
                "url": document_url(call, "certificat_rge_ademe", siret, str(certificate.rank)),
                "nom_certificat": certificate.certificate,
                "domaine": domain,
                "meta_domaine": meta_domain,
                "qualification": {"code": code, "nom": certificate.name},
                "organisme": RGE_BODIES[certificate.body],
                "date_attribution": certificate.granted_on.isoformat(),
                "date_expiration": certificate.valid_until.isoformat(),
                "meta": {
                    "internal_id": f"{certificate.numero}-{certificate.granted_on.isoformat()}",
                    "updated_at": certificate.granted_on.isoformat(),
                    "archived": False,
                },
            }
        )
    return collection(items)


def certification_qualibat(call: Call, version: str) -> Reply:
    """Render ``/v{3,4}/qualibat/etablissements/{siret}/certification_batiment``."""
    siret = call.path_params["siret"]
    certificate = world.qualibat_certificate(siret[:9], call.today)
    if certificate is None:
        raise ApiError("not_found")
    data = document(call, version, "certificat_qualibat", siret)
    if version == "v4":
        # One insurer covers both the works and civil liability; some certificates quote the policy numbers.
        works, civil = certificate.policy_numbers or (None, None)
        data |= {
            "date_emission": call.today.isoformat(),
            "date_fin_validite": certificate.valid_until.isoformat(),
            "entity": {
                "assurance_responsabilite_travaux": {"nom": certificate.insurer, "identifiant": works},
                "assurance_responsabilite_civile": {"nom": certificate.insurer, "identifiant": civil},
                "certifications": [
                    {
                        "code": q.code,
                        "libelle": q.label,
                        "rge": certificate.is_rge,
                        "date_attribution": q.granted_on.isoformat(),
                    }
                    for q in certificate.qualifications
                ],
            },
        }
        # The v4 serializer says whether reading the PDF failed: it never does in the sandbox.
        return resource(data, meta={"extractor_error": None})
    return resource(data)


def _opqibi_qualification(code: str) -> dict:
    """Return one OPQIBI qualification, its RGE flag a boolean."""
    name, definition, rge = tables.OPQIBI_QUALIFICATIONS[code]
    return {"nom": name, "code_qualification": code, "definition": definition, "rge": rge == "1"}


def certification_opqibi(call: Call) -> Reply:
    """Render ``/v3/opqibi/unites_legales/{siren}/certification_ingenierie``."""
    certificate = world.opqibi_certificate(call.path_params["siren"], call.today)
    if certificate is None:
        raise ApiError("not_found")
    probationary_until = certificate.probationary_valid_until
    return resource(
        {
            "numero_certificat": certificate.number,
            "url": OPQIBI_PAGE.format(page_id=certificate.page_id),
            "date_delivrance_certificat": certificate.issued_on.isoformat(),
            "duree_validite_certificat": CERTIFICATE_VALIDITY,
            "assurances": certificate.insurer,
            "qualifications": [_opqibi_qualification(code) for code in certificate.qualifications],
            "date_validite_qualifications": certificate.valid_until.isoformat(),
            "qualifications_probatoires": [_opqibi_qualification(code) for code in certificate.probationary],
            "date_validite_qualifications_probatoires": probationary_until.isoformat() if probationary_until else None,
        }
    )
