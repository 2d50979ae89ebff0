"""v2 document routes: JSON answers carrying URLs to the sandbox's storage (CONTRACT §1.8, §2.5-2.20).

As in production the binary never travels in the answer: the JSON holds the URL of a copy
in the storage (``mockserver.documents.store``), built on the host the request came to. Which
entity a provider knows, and what its documents say, comes from ``world``; an
entity the provider does not know answers 404, in the provider's words where it has its own.
"""

from mockserver import world
from mockserver.documents.store import DocumentRef
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world.rcs import Registration

# ADEME's text where a certificate's PDF could not be fetched (CONTRACT §2.19).
RGE_PDF_FAILED = "Une erreur est survenue lors de la récupération du fichier PDF."
# The ACOSS delivers ten attestations a day per SIREN (CONTRACT §1.6), played as a scenario.
ACOSS_DAILY_CAP = 10


def _url(call: Call, label: str, identifier: str, part: str = "") -> str:
    """Return the storage URL of a document, issued now, on the request's host."""
    return call.documents.url(call.host_url, DocumentRef(label, identifier, part, call.today), call.now)


def _document(call: Call, label: str, identifier: str, known: bool, not_found: str = "not_found") -> Reply:
    """Answer ``{"url": …}`` for a provider that knows the entity, else its 404."""
    if not known:
        raise ApiError(not_found)
    return Reply({"url": _url(call, label, identifier)})


def documents_associations(call: Call) -> Reply:
    """Render ``GET /v2/documents_associations/{id}``: the RNA deposits of an association."""
    identifier = call.path_params["id"]
    if call.scenario == scenarios.ASSOCIATION_WITHOUT_DOCUMENTS:
        return Reply({"documents": [], "nombre_documents": 0, "nombre_documents_deficients": 0})
    file = world.association_file(identifier)
    if file is None:
        raise ApiError("not_found")
    documents = [
        {
            "type": document.kind,
            "url": _url(call, "document_asso", identifier, str(rank)),
            "timestamp": str(document.timestamp),
        }
        for rank, document in file.deposited_by(call.today)
    ]
    return Reply(
        {"documents": documents, "nombre_documents": len(documents), "nombre_documents_deficients": file.deficient}
    )


def _inpi_deposit(siren: str, registration: Registration, filing) -> dict:
    """Return the fields the INPI lists for every deposit, an act or a set of accounts."""
    return {
        "id_fichier": filing.id_fichier,
        "siren": siren,
        # A deposit bears the name the company had on its day, whatever it took since.
        "denomination_sociale": registration.name_on_deposit(
            filing, world.company_at(registration.company.siren, filing.deposited_on)
        ),
        "code_greffe": int(registration.greffe.code),
        "date_depot": f"{filing.deposited_on:%Y%m%d}",
        "nature_archive": filing.nature_archive,
    }


def actes_inpi(call: Call) -> Reply:
    """Render ``GET /v2/actes_inpi/{siren}``: the ZIP of the acts and their list."""
    siren = call.path_params["siren"]
    registration = world.registration_at(siren, call.today)
    if registration is None or not registration.acts:
        raise ApiError("not_found")
    actes = [_inpi_deposit(siren, registration, act) for act in registration.acts]
    return Reply({"url_documents": _url(call, "all_documents", siren, "actes"), "actes": actes})


def bilans_inpi(call: Call) -> Reply:
    """Render ``GET /v2/bilans_inpi/{siren}``: the ZIP of the annual accounts and their list."""
    siren = call.path_params["siren"]
    registration = world.registration_at(siren, call.today)
    if registration is None or not registration.accounts:
        raise ApiError("not_found")
    bilans = [
        {
            **_inpi_deposit(siren, registration, accounts),
            "confidentiel": accounts.confidentiel,
            "date_cloture": f"{accounts.closed_on:%Y-%m-%d}T00:00:00.000Z",
            "numero_gestion": registration.numero_gestion,
        }
        for accounts in registration.accounts
    ]
    return Reply({"url_documents": _url(call, "all_documents", siren, "bilans"), "bilans": bilans})


def attestations_fiscales_dgfip(call: Call) -> Reply:
    """Render ``GET /v2/attestations_fiscales_dgfip/{siren}`` (``siren_is``, ``siren_tva`` checked only)."""
    siren = call.path_params["siren"]
    known = world.tax_attestation(siren, call.today) is not None
    return _document(call, "attestation_fiscale_dgfip", siren, known, "not_found_dgfip")


def attestations_sociales_acoss(call: Call) -> Reply:
    """Render ``GET /v2/attestations_sociales_acoss/{siren}``, counting the day's deliveries in the cap scenario."""
    siren = call.path_params["siren"]
    capped = call.scenario == scenarios.ACOSS_DAILY_CAP
    if capped and call.limiter.count_today(f"acoss/{siren}", call.now) > ACOSS_DAILY_CAP:
        raise ApiError("acoss_daily_cap")
    known = world.vigilance_attestation(siren, call.today) is not None
    return _document(call, "attestation_vigilance_acoss", siren, known, "not_found_acoss")


def attestations_cotisation_retraite_probtp(call: Call) -> Reply:
    """Render ``GET /v2/attestations_cotisation_retraite_probtp/{siret}``."""
    siret = call.path_params["siret"]
    known = world.probtp_attestation(siret, call.today) is not None
    return _document(call, "attestation_cotisation_retraite_probtp", siret, known)


def cartes_professionnelles_fntp(call: Call) -> Reply:
    """Render ``GET /v2/cartes_professionnelles_fntp/{siren}``."""
    siren = call.path_params["siren"]
    return _document(call, "carte_professionnelle_fntp", siren, world.professional_card(siren, call.today) is not None)


def certificats_cnetp(call: Call) -> Reply:
    """Render ``GET /v2/certificats_cnetp/{siren}``."""
    siren = call.path_params["siren"]
    return _document(call, "certificat_cnetp", siren, world.cnetp_certificate(siren, call.today) is not None)


def certificats_qualibat(call: Call) -> Reply:
    """Render ``GET /v2/certificats_qualibat/{siret}``."""
    siret = call.path_params["siret"]
    return _document(call, "certificat_qualibat", siret, world.qualibat_certificate(siret[:9], call.today) is not None)


def certificats_rge_ademe(call: Call) -> Reply:
    """Render ``GET /v2/certificats_rge_ademe/{siret}``: qualifications with their certificates' URLs.

    ``skip_pdf=true`` skips fetching the certificates: their URLs are null. In the
    ``rge_pdf_unavailable`` scenario the first certificate could not be fetched.
    """
    siret = call.path_params["siret"]
    failed = call.scenario == scenarios.RGE_PDF_UNAVAILABLE
    certificates = world.rge_certificates(siret[:9], call.today, forced=failed)
    if not certificates:
        raise ApiError("not_found")
    qualifications = []
    for listed, certificate in enumerate(certificates):
        if call.flag("skip_pdf"):
            url = None
        elif failed and listed == 0:
            url = RGE_PDF_FAILED
        else:
            url = _url(call, "certificat_rge_ademe", siret, str(certificate.rank))
        qualifications.append(
            {"nom": certificate.name, "url_certificat": url, "nom_certificat": certificate.certificate}
        )
    domains = list(dict.fromkeys(certificate.domain for certificate in certificates))
    return Reply({"qualifications": qualifications, "domaines": domains})
