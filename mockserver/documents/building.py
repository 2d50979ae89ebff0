"""Documents of the building and public-works trades: PRO BTP, CNETP, FNTP, Qualibat, RGE.

Each is laid out like the provider's real document (title, blocks, order), drawn from the
world's entity and the provider's view of it (``world``), in the sandbox's words.
Certificates asked by SIRET show that establishment; the others show the head office.
"""

from datetime import date, timedelta

from fpdf.enums import XPos, YPos

from mockserver import world
from mockserver.documents.pdf import LINE, SandboxPdf, address_lines, day, entity_name, long_day
from mockserver.world import attestations, building_tables
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company, Establishment

PROBTP_BLUE = (0, 70, 140)
FNTP_ORANGE = (246, 160, 40)
FNTP_BLUE = (40, 60, 120)
FNTP_PEACH = (252, 226, 200)
QUALIBAT_BLUE = (20, 90, 160)


def _end_of_next_quarter(value: date) -> date:
    """Return the last day of the quarter that follows the one of ``value``."""
    last_month = ((value.month - 1) // 3 + 2) * 3
    year, last_month = value.year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return date(year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)


def _headcount(company: Company) -> str:
    """Return the average headcount a certificate states: the middle of the INSEE band."""
    low, high, _ = nom.HEADCOUNT_BANDS[company.headcount_band]
    if low is None:
        return "0"
    return str((low + (high if high is not None else low)) // 2)


def probtp_attestation(siret: str, part: str, issued_on: date) -> bytes | None:
    """Draw PRO BTP's attestation that an establishment paid its pension contributions."""
    certificate = world.probtp_attestation(siret, issued_on)
    if certificate is None or part:
        return None
    site = world.establishment_at(siret, issued_on)
    company = site.company
    pdf = SandboxPdf("Attestation de cotisations de retraite complémentaire", "PRO BTP", issued_on)
    pdf.add_page()
    pdf.font(22, "B")
    pdf.set_text_color(*PROBTP_BLUE)
    pdf.cell(60, 10, "PRO BTP", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.line_of("Groupe de protection sociale du bâtiment et des travaux publics", 8.5, "I")
    pdf.line_of(f"Référence : {certificate.reference}", 9, align="R")
    pdf.ln(8)
    pdf.boxed_title("ATTESTATION DE RÉGULARITÉ\nCOTISATIONS DE RETRAITE COMPLÉMENTAIRE", 13, fill=(215, 228, 242))
    pdf.ln(2)
    pdf.field("Raison sociale", entity_name(company))
    pdf.field("N° SIRET", site.siret)
    pdf.field("Adresse de l'établissement", ", ".join(address_lines(site.address)))
    pdf.field("Activité (APE)", f"{site.naf} - {site.naf_label}")
    pdf.field("N° d'adhérent", certificate.member_number)
    pdf.ln(5)
    pdf.paragraph(
        "PRO BTP atteste que l'établissement désigné ci-dessus, adhérent au titre de la retraite complémentaire "
        "de ses salariés, a souscrit les déclarations et réglé les cotisations exigibles au "
        f"{day(attestations.situation_on(issued_on))}.",
    )
    pdf.paragraph(
        "La présente attestation ne préjuge pas de l'exactitude des déclarations sur lesquelles elle repose. "
        f"Elle est valable jusqu'au {day(_end_of_next_quarter(issued_on))}.",
    )
    pdf.signature(f"Fait le {day(issued_on)}", "Le directeur du recouvrement", certificate.signatory)
    return pdf.render()


def cnetp_certificate(siren: str, part: str, issued_on: date) -> bytes | None:
    """Draw the CNETP's certificate that a company meets its paid-leave and bad-weather obligations."""
    certificate = world.cnetp_certificate(siren, issued_on)
    if certificate is None or part:
        return None
    company = world.company_at(siren, issued_on)
    pdf = SandboxPdf("Certificat congés payés et chômage-intempéries", "CNETP", issued_on)
    pdf.add_page()
    pdf.font(13, "B")
    pdf.set_text_color(150, 60, 40)
    pdf.multi_cell(
        110, 6, "CAISSE NATIONALE DES ENTREPRENEURS\nDE TRAVAUX PUBLICS", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.line_of(certificate.reference, 9)
    pdf.line_of(f"Nos réf. : {certificate.member_number}/{issued_on.year}", 9)
    pdf.ln(5)
    pdf.font(10.5, "B")
    pdf.multi_cell(
        pdf.epw,
        6,
        "CERTIFICAT ATTESTANT LE RESPECT DES OBLIGATIONS RELATIVES AUX\nCONGÉS PAYÉS ET AU CHÔMAGE-INTEMPÉRIES",
        border="LTR",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.font(9)
    pdf.multi_cell(
        pdf.epw,
        4.5,
        "(Articles L. 2141-2 et R. 2143-7 du code de la commande publique et arrêté fixant la liste des impôts, "
        "taxes, contributions ou cotisations sociales donnant lieu à la délivrance de certificats pour "
        "l'attribution des marchés publics et des contrats de concession)",
        border="LBR",
        align="J",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(6)
    pdf.line_of("Identification de l'entreprise", 10.5, "B")
    pdf.ln(1)
    pdf.field("Dénomination sociale :", entity_name(company))
    pdf.field("Adresse du siège social :", ", ".join(address_lines(company.head_office_address)))
    pdf.field("SIREN :", company.siren)
    pdf.field("Numéro d'adhérent :", certificate.member_number)
    pdf.ln(5)
    pdf.paragraph(
        f"Je soussigné(e), {certificate.signatory}, directeur général de la Caisse nationale des entrepreneurs de "
        "travaux publics, à laquelle l'entreprise est affiliée pour les cotisations obligatoires de congés payés "
        "et de chômage-intempéries, certifie que l'entreprise est, à la date de délivrance du présent certificat, "
        "en situation régulière vis-à-vis de la caisse :"
    )
    for text in (
        "pour les déclarations exigibles servant à l'assiette des cotisations de congés payés et de "
        "chômage-intempéries,",
        "pour le paiement des cotisations exigibles correspondantes.",
    ):
        pdf.paragraph(f"-  {text}", indent=8)
    pdf.signature(f"À Paris, le {day(issued_on)}", "LE DIRECTEUR GÉNÉRAL", certificate.signatory)
    pdf.ln(14)
    pdf.paragraph(
        "Ce certificat est établi d'après les déclarations de l'entreprise, dont il ne garantit pas l'exactitude.",
        8.5,
        "I",
    )
    return pdf.render()


def _checkbox(pdf: SandboxPdf, x: float, y: float, ticked: bool) -> None:
    """Draw a small square, filled when ticked (the card's mark for a usual activity)."""
    pdf.rect(x, y, 2.6, 2.6, style="DF" if ticked else "D")


def _card_box(pdf: SandboxPdf, x: float, y: float, label: str, value: str, width: float) -> None:
    """Draw one of the card's labelled boxes: a blue label cell, then the value."""
    pdf.set_xy(x, y)
    pdf.set_fill_color(*FNTP_BLUE)
    pdf.set_text_color(255, 255, 255)
    pdf.font(6.5, "B")
    pdf.cell(width * 0.5, 7, label, border=1, align="C", fill=True)
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.font(9)
    pdf.cell(width * 0.5, 7, value, border=1, fill=True)


def professional_card(siren: str, part: str, issued_on: date) -> bytes | None:
    """Draw the FNTP's carte professionnelle d'entrepreneur de travaux publics."""
    card = world.professional_card(siren, issued_on)
    if card is None or part:
        return None
    company = card.company
    pdf = SandboxPdf("Carte professionnelle d'entrepreneur de travaux publics", "FNTP", issued_on)
    pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(*FNTP_ORANGE)
    pdf.rect(pdf.l_margin, top, pdf.epw, 44, style="F")
    pdf.set_fill_color(*FNTP_BLUE)
    pdf.rect(pdf.l_margin + 4, top + 4, 112, 36, style="F", round_corners=True, corner_radius=4)
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(pdf.l_margin + 8, top + 7)
    pdf.font(20, "B")
    pdf.cell(100, 9, f"{card.valid_from.year}", align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font(13, "B")
    pdf.multi_cell(
        104, 6.5, "CARTE PROFESSIONNELLE\nD'ENTREPRENEUR DE TRAVAUX PUBLICS", new_x=XPos.LEFT, new_y=YPos.NEXT
    )
    pdf.set_text_color(*FNTP_BLUE)
    pdf.set_xy(pdf.l_margin + 120, top + 6)
    pdf.font(9, "B")
    validity = f"VALABLE DU {long_day(card.valid_from).upper()}\nAU {long_day(card.valid_until).upper()}"
    pdf.multi_cell(pdf.epw - 122, 5, validity, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font(8)
    pdf.multi_cell(pdf.epw - 122, 4, "\nCarte délivrée par la Fédération nationale des travaux publics", align="L")
    pdf.set_text_color(0, 0, 0)

    y = top + 50
    half = pdf.epw / 2 - 2
    _card_box(pdf, pdf.l_margin, y, "NUMÉRO TP", card.numero_tp, half / 2)
    _card_box(pdf, pdf.l_margin + half / 2, y, "SIREN", company.siren, half / 2)
    _card_box(pdf, pdf.l_margin + half + 4, y, "ÉDITÉ LE", day(issued_on), half)
    form = nom.LEGAL_FORM_ABBREVIATIONS[company.legal_form]
    _card_box(pdf, pdf.l_margin, y + 9, "FORME JURIDIQUE", form, half / 2)
    _card_box(pdf, pdf.l_margin + half / 2, y + 9, "CODE APE", company.naf, half / 2)
    pdf.set_fill_color(*FNTP_PEACH)
    pdf.rect(pdf.l_margin + half + 4, y + 9, half, 34, style="DF")
    pdf.set_xy(pdf.l_margin + half + 7, y + 12)
    pdf.font(9.5, "B")
    pdf.multi_cell(half - 6, 5, entity_name(company), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font(9)
    pdf.multi_cell(
        half - 6, 4.5, "\n".join(address_lines(company.head_office_address)), new_x=XPos.LEFT, new_y=YPos.NEXT
    )
    pdf.set_xy(pdf.l_margin, y + 19)
    pdf.band("RAISON SOCIALE ET COORDONNÉES DU SIÈGE", FNTP_BLUE, 7.5, half)
    pdf.font(8.5)
    pdf.multi_cell(half, 4.2, "\n".join([entity_name(company), *address_lines(company.head_office_address)]), border=1)
    pdf.set_xy(pdf.l_margin, y + 47)
    pdf.font(7.5, "I")
    pdf.multi_cell(
        pdf.epw,
        3.8,
        "Les identités professionnelles sont délivrées sur présentation d'un dossier comprenant des attestations "
        "de travaux établies par les maîtres d'ouvrage ou maîtres d'oeuvre, selon la nomenclature des travaux "
        "publics.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_xy(pdf.l_margin + half + 4, y + 55)
    pdf.font(8, "B")
    pdf.cell(half, 4, f"Le président de la FNTP : {card.signatory} (signature fictive)")

    pdf.set_xy(pdf.l_margin, y + 64)
    legend_y = pdf.get_y() + 0.8
    pdf.set_fill_color(0, 0, 0)
    _checkbox(pdf, pdf.l_margin + 48, legend_y, True)
    _checkbox(pdf, pdf.l_margin + 88, legend_y, False)
    pdf.font(8)
    pdf.set_x(pdf.l_margin + 52)
    pdf.cell(36, 4, "activité coutumière")
    pdf.set_x(pdf.l_margin + 92)
    pdf.cell(36, 4, "activité probatoire", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.line_of("CERTIFICAT D'IDENTITÉ PROFESSIONNELLE", 10, "B", align="C")
    pdf.ln(2)
    group = None
    for code, label, usual in card.identities:
        if code[0] != group:
            group = code[0]
            pdf.line_of(f"Groupe {group} - {building_tables.FNTP_GROUPS[group]}", 8.5, "B")
        _checkbox(pdf, pdf.l_margin + 3, pdf.get_y() + 1, usual)
        pdf.set_x(pdf.l_margin + 8)
        pdf.font(8.5)
        pdf.cell(0, 4.5, f"{code} {label}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.render()


def _company_columns(pdf: SandboxPdf, site: Establishment, insurer: str, issued_on: date) -> None:
    """Write the two columns of identity a qualification certificate carries."""
    company = site.company
    registry = world.registration_at(company.siren, issued_on)
    top = pdf.get_y()
    column = pdf.epw / 2 - 4
    left = (
        ("Date de création :", day(company.created_on)),
        ("Forme juridique :", nom.LEGAL_FORM_ABBREVIATIONS[company.legal_form]),
        ("Capital :", f"{company.capital:,} EUR".replace(",", " ") if company.capital else "-"),
        ("Registre :", f"RCS {registry.greffe.seat}" if registry else "-"),
        ("SIRET :", site.siret),
        ("Code NACE :", site.naf),
        ("Assurance travaux :", insurer),
        ("Situation fiscale et sociale :", f"à jour au {day(attestations.situation_on(issued_on))}"),
    )
    for label, value in left:
        pdf.set_x(pdf.l_margin)
        pdf.font(8.5, "B")
        pdf.cell(40, LINE, label)
        pdf.font(8.5)
        pdf.multi_cell(column - 40, LINE, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    bottom = pdf.get_y()
    right = [
        ("B", f"Raison sociale : {entity_name(company)}"),
        ("", "\n".join(address_lines(site.address))),
        ("", "Téléphone : 01 99 00 21 10"),
        ("", f"Effectif moyen : {_headcount(company)}"),
    ]
    pdf.set_y(top)
    for style, text in right:
        pdf.set_x(pdf.l_margin + column + 8)
        pdf.font(8.5, style)
        pdf.multi_cell(column, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    pdf.set_y(max(bottom, pdf.get_y()) + 6)


def qualibat_certificate(siret: str, part: str, issued_on: date) -> bytes | None:
    """Draw the Qualibat certificate of the company of ``siret``, as seen from that establishment."""
    site = world.establishment_at(siret, issued_on)
    certificate = world.qualibat_certificate(site.company.siren, issued_on)
    if certificate is None or part:
        return None
    rge = " « RGE »" if certificate.is_rge else ""
    pdf = SandboxPdf("Certificat Qualibat", "Qualibat", issued_on)
    pdf.add_page()
    pdf.font(17, "B")
    pdf.set_text_color(*QUALIBAT_BLUE)
    pdf.cell(pdf.epw, 10, f"CERTIFICAT QUALIBAT{rge}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.font(9, "B")
    pdf.cell(20, LINE, "NUMÉRO")
    pdf.font(9)
    pdf.cell(40, LINE, certificate.numero)
    pdf.font(9, "B")
    pdf.cell(38, LINE, "VALABLE JUSQU'AU")
    pdf.font(9)
    pdf.cell(30, LINE, day(certificate.valid_until))
    pdf.font(9, "B")
    pdf.cell(20, LINE, "ÉDITÉ LE")
    pdf.font(9)
    pdf.cell(0, LINE, day(issued_on), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    _company_columns(pdf, site, certificate.insurer, issued_on)
    pdf.band("QUALIFICATION PROFESSIONNELLE", QUALIBAT_BLUE, 9)
    pdf.ln(2)
    rows = [(q.code, q.label, day(q.granted_on)) for q in certificate.qualifications]
    pdf.grid((20, pdf.epw - 55, 35), ("Code", "Qualification(s) en cours de validité", "Date d'attribution*"), rows)
    if certificate.is_rge:
        pdf.line_of("Catégories de travaux RGE couvertes", 11, "B", align="C")
        pdf.grid(
            (pdf.epw - 35, 35),
            ("Catégories", "Date d'attribution"),
            [(c.domain, day(c.granted_on)) for c in certificate.rge],
        )
    pdf.line_of("* ou du plus récent renouvellement", 7.5, "I")
    pdf.signature(f"Agence de {certificate.agency}", "Le président", certificate.signatory)
    if certificate.is_rge:
        pdf.ln(4)
        pdf.paragraph(
            "La mention « RGE » atteste que les qualifications qui la portent répondent aux exigences de la "
            "reconnaissance « Reconnu garant de l'environnement » en vigueur à la date de la demande.",
            8,
        )
    return pdf.render()


def rge_certificate(siret: str, part: str, issued_on: date) -> bytes | None:
    """Draw the certificate behind one RGE qualification (``part`` is its rank) of ``siret``'s company."""
    site = world.establishment_at(siret, issued_on)
    ranked = {str(c.rank): c for c in world.rge_certificates(site.company.siren, issued_on, forced=True)}
    if part not in ranked:
        return None
    certificate = ranked[part]
    pdf = SandboxPdf(f"Certificat {certificate.certificate}", certificate.body, issued_on)
    pdf.add_page()
    pdf.font(16, "B")
    pdf.set_text_color(*QUALIBAT_BLUE)
    pdf.cell(pdf.epw, 9, f"CERTIFICAT {certificate.body} « RGE »", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.line_of("Reconnu garant de l'environnement", 9, "I", align="C")
    pdf.ln(3)
    pdf.field("Numéro", certificate.numero, 45)
    pdf.field("Valable jusqu'au", day(certificate.valid_until), 45)
    pdf.field("Édité le", day(issued_on), 45)
    pdf.ln(6)
    _company_columns(pdf, site, "-", issued_on)
    pdf.band("QUALIFICATION", QUALIBAT_BLUE, 9)
    pdf.ln(2)
    pdf.grid(
        (pdf.epw - 70, 35, 35),
        ("Qualification", "Attribuée le", "Valable jusqu'au"),
        [(certificate.name, day(certificate.granted_on), day(certificate.valid_until))],
    )
    pdf.field("Certificat", certificate.certificate, 45)
    pdf.field("Domaine de travaux", certificate.domain, 45)
    pdf.ln(4)
    pdf.paragraph(
        "Ce certificat atteste que l'entreprise répond, pour la qualification ci-dessus, aux exigences de la "
        "reconnaissance « RGE » ; il est publié dans l'annuaire des professionnels RGE tenu par l'ADEME.",
        9,
    )
    pdf.signature(f"Le {day(issued_on)}", f"Pour {certificate.body}", "Le responsable de la certification")
    return pdf.render()
