"""``GET /v2/certificats_opqibi/{siren}``: an engineering qualification certificate (CONTRACT §2.21).

Dates are DD/MM/YYYY strings and the RGE flag is the string "0" or "1", as OPQIBI sends them.
"""

from datetime import date

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import ApiError
from mockserver.world import building_tables as tables

# OPQIBI renews its certificates every year.
CERTIFICATE_VALIDITY = "valable un an"
PUBLIC_PAGE = "http://opqibi.com/fiche.php?id={page_id}"


def _opqibi_date(day: date | None) -> str | None:
    """Return a date as OPQIBI writes it: "01/12/2016"."""
    return f"{day:%d/%m/%Y}" if day else None


def _qualification(code: str) -> dict:
    """Return one qualification of the nomenclature."""
    name, definition, rge = tables.OPQIBI_QUALIFICATIONS[code]
    return {"code_qualification": code, "nom": name, "definition": definition, "rge": rge}


def certificat(call: Call) -> Reply:
    """Render the certificate; a company OPQIBI has not qualified is a 404."""
    siren = call.path_params["siren"]
    certificate = world.opqibi_certificate(siren, call.today)
    if certificate is None:
        raise ApiError("not_found")
    return Reply(
        {
            "siren": siren,
            "numero_certificat": certificate.number,
            "date_de_delivrance_du_certificat": _opqibi_date(certificate.issued_on),
            "duree_de_validite_du_certificat": CERTIFICATE_VALIDITY,
            "assurance": certificate.insurer,
            "url": PUBLIC_PAGE.format(page_id=certificate.page_id),
            "qualifications": [_qualification(code) for code in certificate.qualifications],
            "date_de_validite_des_qualifications": _opqibi_date(certificate.valid_until),
            "qualifications_probatoires": [_qualification(code) for code in certificate.probationary],
            "date_de_validite_des_qualifications_probatoires": _opqibi_date(certificate.probationary_valid_until),
        }
    )
