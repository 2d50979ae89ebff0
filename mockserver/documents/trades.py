"""Documents of the current trade registers: the CIBTP fund's attestation and Qualifelec's certificate.

Laid out like the providers' own (title, identity block, statement, signature), drawn from
the world's view of the establishment asked for (``world.cibtp_attestation``,
``world.qualifelec_certificates``), in the sandbox's words.
"""

from datetime import date

from mockserver import world
from mockserver.documents import KNOWN
from mockserver.documents.pdf import SandboxPdf, address_lines, day, entity_name

CIBTP_RED = (170, 30, 40)
QUALIFELEC_BLUE = (0, 85, 150)


def cibtp_attestation(siret: str, part: str, issued_on: date) -> bytes | None:
    """Draw a CIBTP fund's attestation that a building site pays its paid-leave and bad-weather contributions."""
    attestation = world.cibtp_attestation(siret, forced=part == KNOWN)
    if attestation is None or part not in ("", KNOWN):
        return None
    site = attestation.site
    pdf = SandboxPdf("Attestation de cotisations congés payés et chômage-intempéries", attestation.fund, issued_on)
    pdf.add_page()
    pdf.band(attestation.fund.upper(), CIBTP_RED, 11)
    pdf.ln(4)
    pdf.line_of(f"Réf. : {attestation.reference}", 9)
    pdf.ln(3)
    pdf.boxed_title("ATTESTATION DE RÉGULARITÉ\nCONGÉS PAYÉS ET CHÔMAGE-INTEMPÉRIES", 12)
    pdf.field("Entreprise :", entity_name(site.company))
    pdf.field("Établissement :", ", ".join(address_lines(site.address)))
    pdf.field("SIRET :", site.siret)
    pdf.field("Numéro d'adhérent :", attestation.member_number)
    pdf.ln(4)
    pdf.paragraph(
        f"La caisse {attestation.fund}, à laquelle l'établissement est affilié, atteste qu'à la date du "
        f"{day(issued_on)} il a souscrit les déclarations exigibles et acquitté les cotisations de congés payés "
        "et de chômage-intempéries correspondantes."
    )
    pdf.signature(f"Le {day(issued_on)}", "LE DIRECTEUR", attestation.fund)
    return pdf.render()


def qualifelec_certificate(siret: str, part: str, issued_on: date) -> bytes | None:
    """Draw one of a site's Qualifelec certificates (``part`` is its rank, after ``KNOWN`` when forced)."""
    rank = part.removeprefix(KNOWN)
    certificates = world.qualifelec_certificates(siret, issued_on, forced=part.startswith(KNOWN))
    if not rank.isdigit() or int(rank) >= len(certificates):
        return None
    certificate = certificates[int(rank)]
    site = world.establishment_at(siret, issued_on)
    pdf = SandboxPdf("Certificat de qualification Qualifelec", "Qualifelec", issued_on)
    pdf.add_page()
    pdf.band("QUALIFELEC", QUALIFELEC_BLUE, 12)
    pdf.ln(4)
    pdf.boxed_title(f"CERTIFICAT DE QUALIFICATION N° {certificate.numero}", 12)
    pdf.field("Entreprise :", entity_name(site.company))
    pdf.field("Établissement :", ", ".join(address_lines(site.address)))
    pdf.field("SIRET :", site.siret)
    pdf.field("Qualification :", certificate.qualification)
    pdf.field("Indices :", ", ".join(code for code, _ in certificate.indices))
    if certificate.mentions:
        pdf.field("Mention :", certificate.mentions[0][1])
    if certificate.classification:
        pdf.field("Classification :", certificate.classification[1])
    pdf.field("Validité :", f"du {day(certificate.valid_from)} au {day(certificate.valid_until)}")
    pdf.field("Assurance décennale :", certificate.ten_year_insurer[0])
    pdf.field("Responsabilité civile :", certificate.liability_insurer[0])
    pdf.signature(f"Paris, le {day(certificate.valid_from)}", "LE PRÉSIDENT", "Qualifelec")
    return pdf.render()
