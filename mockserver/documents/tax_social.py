"""The DGFIP's attestation de régularité fiscale and the URSSAF's attestation de vigilance.

Laid out like the real documents (blocks, order, wording of their kind), from the world's
entity and the provider's view of it (``world``); the text is the sandbox's own.
"""

from datetime import date

from fpdf.enums import XPos, YPos

from mockserver import world
from mockserver.documents.pdf import LINE, SandboxPdf, address_lines, day, entity_name
from mockserver.world import attestations

URSSAF_BLUE = (30, 60, 120)
URSSAF_GREEN = (0, 140, 110)


def tax_attestation(siren: str, part: str, issued_on: date) -> bytes | None:
    """Draw the attestation de régularité fiscale of ``siren``."""
    attestation = world.tax_attestation(siren, issued_on)
    if attestation is None or part:
        return None
    company = attestation.company
    situation = attestations.situation_on(issued_on).strftime("%d-%m-%Y")
    pdf = SandboxPdf("Attestation de régularité fiscale", "Direction générale des finances publiques", issued_on)
    pdf.add_page()
    pdf.ln(6)
    pdf.line_of("DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES", 8.5, "B", align="C")
    pdf.ln(2)
    pdf.boxed_title("ATTESTATION DE RÉGULARITÉ FISCALE", 15)
    pdf.line_of(f"ANNÉE {issued_on.year}", 10, "B", align="C")
    pdf.line_of(f"Situation au {situation}", 10, align="C")
    pdf.line_of(f"Numéro de délivrance : {attestation.numero}", 10, align="C")
    pdf.ln(6)
    pdf.line_of("La société désignée ci-dessous :")
    pdf.ln(1)
    pdf.line_of("DÉNOMINATION DE LA SOCIÉTÉ :", 10.5, "B")
    pdf.line_of(entity_name(company))
    pdf.ln(2)
    pdf.line_of("ADRESSE DU PRINCIPAL ÉTABLISSEMENT :", 10.5, "B")
    for line in address_lines(company.head_office_address):
        pdf.line_of(line)
    pdf.ln(2)
    pdf.field("N° SIREN :", company.siren, label_width=22, size=10.5)
    pdf.line_of(f"a satisfait, au {situation}, aux obligations fiscales suivantes qui lui incombent :")
    for obligation in (
        "Dépôt des déclarations de résultat et de taxe sur la valeur ajoutée",
        "Paiement de la taxe sur la valeur ajoutée (1)",
        "Paiement de l'impôt sur les sociétés (1)",
    ):
        pdf.set_x(pdf.l_margin + 14)
        pdf.cell(0, LINE, f"- {obligation}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.line_of(f"Date : le {day(issued_on)}", align="R")
    pdf.ln(3)
    office = [
        "Service gestionnaire :",
        attestation.office,
        *address_lines(attestation.office_address),
        "Du lundi au vendredi, de 9 h à 12 h et de 13 h 30 à 16 h, ou sur rendez-vous",
        f"Téléphone : {attestation.office_phone}",
    ]
    pdf.font(8.5)
    pdf.set_x(pdf.l_margin + 25)
    pdf.multi_cell(pdf.epw - 50, 4.5, "\n".join(office), border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.signature(f"Le {day(issued_on)}", "Pour le comptable public,", attestation.signatory)
    pdf.set_y(-34)
    pdf.font(7.5)
    pdf.cell(0, 4, "(1) Pénalités éventuellement dues comprises.")
    return pdf.render()


def _side_block(pdf: SandboxPdf, title: str, lines: list[str], width: float) -> None:
    """Write one block of the URSSAF letter's left column: a band, then its lines."""
    pdf.set_x(pdf.l_margin)
    pdf.band(title, URSSAF_BLUE, size=7.5, width=width)
    pdf.font(8)
    for line in lines:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(width, 4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def vigilance_attestation(siren: str, part: str, issued_on: date) -> bytes | None:
    """Draw the URSSAF's attestation de vigilance of ``siren``: a covering letter and the attestation."""
    attestation = world.vigilance_attestation(siren, issued_on)
    if attestation is None or part:
        return None
    company = attestation.company
    siege = world.establishment_at(company.siege_siret, issued_on)
    situation = day(attestations.situation_on(issued_on))
    pdf = SandboxPdf("Attestation de vigilance", attestation.urssaf, issued_on)
    side = 52
    body_x = pdf.l_margin + side + 8

    pdf.add_page()
    pdf.font(15, "B")
    pdf.set_text_color(*URSSAF_BLUE)
    pdf.cell(side, 9, attestation.urssaf.split()[0], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.font(8, "", "Courier")
    pdf.multi_cell(side, 4, f"{attestation.urssaf}\nService des attestations", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    _side_block(pdf, "POUR NOUS CONTACTER", ["Par votre espace en ligne", "Tél. : 01 99 00 39 57"], side)
    _side_block(pdf, "RÉFÉRENCES", [f"N° SIREN  {company.siren}", "Page  1/2"], side)
    _side_block(pdf, "CADRE LÉGAL", ["Articles L.243-15 et D.243-15 du code de la sécurité sociale"], side)
    _side_block(
        pdf,
        "CODE DE SÉCURITÉ",
        [attestation.security_code, "Code fictif : il ne permet de vérifier aucun document."],
        side,
    )
    pdf.set_draw_color(*URSSAF_BLUE)
    pdf.line(body_x - 4, pdf.t_margin, body_x - 4, pdf.h - 26)
    pdf.set_draw_color(0, 0, 0)

    width = pdf.w - pdf.r_margin - body_x
    pdf.set_xy(body_x, pdf.t_margin + 4)
    pdf.font(9)
    pdf.cell(width, LINE, f"À {company.address.city}, le {day(issued_on)}", align="R")
    pdf.set_xy(body_x + 20, pdf.t_margin + 34)
    recipient = [entity_name(company), *address_lines(company.head_office_address)]
    pdf.font(10, "", "Courier")
    pdf.multi_cell(width - 20, 4.5, "\n".join(recipient), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(body_x, pdf.t_margin + 70)
    pdf.font(10, "B")
    subject = (
        "OBJET : votre attestation de vigilance, attestant de vos déclarations et du paiement "
        f"de vos cotisations et contributions sociales au {situation}."
    )
    pdf.multi_cell(width, LINE, subject, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_fill_color(*URSSAF_GREEN)
    pdf.rect(body_x, pdf.get_y() + 1, width, 1.5, style="F")
    pdf.ln(7)
    letter = (
        "Madame, Monsieur,",
        "Vous trouverez au verso l'attestation de vigilance de votre entreprise, établie au titre de "
        "l'ensemble de ses établissements.",
        "Elle est établie d'après vos déclarations, dont elle ne préjuge pas l'exactitude ; elle ne vaut "
        "pas renonciation au recouvrement de sommes qui resteraient dues.",
        "Nos conseillers restent à votre disposition pour tout renseignement complémentaire.",
        "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
    )
    for text in letter:
        pdf.set_x(body_x)
        pdf.paragraph(text, 9.5, width=width, indent=body_x - pdf.l_margin)
    pdf.signature("", "Le directeur", attestation.signatory)

    pdf.add_page()
    pdf.boxed_title("ATTESTATION DE VIGILANCE", 13, fill=(220, 232, 245))
    pdf.field("Raison sociale", entity_name(company), 40)
    pdf.field("N° SIREN", company.siren, 40)
    pdf.field("Adresse", ", ".join(address_lines(company.head_office_address)), 40)
    pdf.field("Code de sécurité", attestation.security_code, 40)
    pdf.ln(3)
    pdf.paragraph(
        "En sa qualité d'employeur ou de travailleur indépendant, l'entreprise se voit délivrer la présente "
        "attestation au titre de ses établissements suivants :",
        9.5,
    )
    pdf.grid(
        (45, pdf.epw - 45), ("NUMÉRO SIRET", "ÉTABLISSEMENT"), [(siege.siret, ", ".join(address_lines(siege.address)))]
    )
    pdf.paragraph(
        f"Le directeur soussigné certifie qu'au {situation} l'entreprise est à jour de ses obligations de "
        "déclaration et de paiement des cotisations et contributions de sécurité sociale, d'assurance chômage "
        "et de garantie des salaires (AGS) dont elle est redevable.",
        9.5,
    )
    pdf.paragraph(f"La présente attestation est valable jusqu'au {day(attestation.valid_until)}.", 9.5, "B")
    pdf.signature(f"À {company.address.city}, le {day(issued_on)}", "Le directeur", attestation.signatory)
    return pdf.render()
