"""The RNE's extract of a business (extrait RNE): identity, officers, head office, mentions.

The same facts as the JSON of ``/v3/inpi/rne/unites_legales/{siren}/extrait_rne``: the
company, its register entry (``world.registration``) and its officers, in the INPI's
layout and the sandbox's words.
"""

from datetime import date

from mockserver import world
from mockserver.documents.pdf import SandboxPdf, address_lines, day, entity_name

INPI_BLUE = (0, 50, 110)


def extrait_rne(siren: str, part: str, issued_on: date) -> bytes | None:
    """Draw the RNE's extract of ``siren``: none for an association, which the RNE does not enter."""
    company = world.company_at(siren, issued_on)
    registration = world.registration_at(company.siren, issued_on)
    if registration is None or part:
        return None
    pdf = SandboxPdf("Extrait du registre national des entreprises", "INPI", issued_on)
    pdf.add_page()
    pdf.band("INPI - REGISTRE NATIONAL DES ENTREPRISES", INPI_BLUE, 11)
    pdf.ln(4)
    pdf.boxed_title(f"EXTRAIT RNE\nà jour au {day(issued_on)}", 12)
    pdf.line_of("Identité de l'entreprise", 10.5, "B")
    pdf.field("Dénomination / nom :", entity_name(company))
    pdf.field("SIREN :", company.siren)
    pdf.field("Forme juridique :", company.legal_form_label)
    pdf.field("Immatriculation :", day(registration.registered_on))
    pdf.field("Début d'activité :", day(company.created_on))
    if company.capital is not None:
        pdf.field("Capital social :", f"{company.capital} EUR")
    pdf.field("Siège :", ", ".join(address_lines(company.head_office_address)))
    pdf.field("Activité (APE) :", f"{company.naf} - {company.naf_label}")
    pdf.ln(3)
    pdf.line_of("Dirigeants et associés", 10.5, "B")
    people = [("Entrepreneur individuel", company.person)] if company.person else []
    people += [(d.fonction.title(), d.person) for d in company.directors if d.person]
    for quality, person in people:
        pdf.field(f"{quality} :", f"{person.nom} {' '.join(person.prenoms)}")
    if registration.observations:
        pdf.ln(3)
        pdf.line_of("Observations", 10.5, "B")
        for observation in registration.observations:
            pdf.paragraph(f"{observation.numero} du {day(observation.day)} : {observation.libelle}", 9)
    if company.ceased_on:
        pdf.field("Cessation :", day(company.ceased_on))
    return pdf.render()
