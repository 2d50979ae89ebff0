"""Registry documents: the INPI archives of acts and annual accounts, and the RNA's deposits.

An INPI archive is a ZIP holding, for every document, its PDF and an XML metadata file of
the same base name, plus a ``Response.json`` mapping each ``id_fichier`` of the JSON answer
to its files (CONTRACT §2.6, §2.9). The ZIP's entries are written in a fixed order, dated the
day the archive is issued, with fixed attributes, so the same archive of a day is the same bytes
everywhere.
"""

import io
import json
import zipfile
from datetime import date
from xml.etree import ElementTree

from mockserver import world
from mockserver.documents.pdf import SandboxPdf, address_lines, day, entity_name, long_day
from mockserver.world import nomenclatures as nom
from mockserver.world import rna
from mockserver.world.entities import Director
from mockserver.world.rcs import Accounts, Act, Registration
from mockserver.world.rna import AssociationDocument, AssociationFile

ARCHIVE_PARTS = ("actes", "bilans")
ENTRY_MODE = 0o100644 << 16
UNIX = 3
ACCOUNTS_KINDS = {"B-S": "Bilan simplifié", "B-CO": "Bilan complet", "B-C": "Bilan consolidé", "B-BA": "Bilan"}
CONFIDENTIALITY = {
    0: "Comptes annuels publics.",
    1: "L'entreprise a déclaré ses comptes annuels confidentiels : ils ne sont pas communiqués aux tiers.",
    2: "L'entreprise a déclaré son compte de résultat confidentiel : seuls le bilan et l'annexe sont publics.",
}


def _greffe_header(pdf: SandboxPdf, registry: Registration) -> None:
    """Write the greffe's heading and the company's registration."""
    company = registry.company
    pdf.line_of(f"GREFFE DU TRIBUNAL DE {registry.greffe.seat}", 11, "B", align="C")
    pdf.line_of("Registre du commerce et des sociétés - copie délivrée par l'INPI", 8.5, "I", align="C")
    pdf.ln(5)
    pdf.field("Dénomination", entity_name(company), 42)
    pdf.field("SIREN", company.siren, 42)
    pdf.field("Immatriculation", f"RCS {registry.greffe.seat} - n° de gestion {registry.numero_gestion}", 42)
    pdf.field("Siège", ", ".join(address_lines(company.head_office_address)), 42)
    pdf.ln(4)


def _act_pdf(registry: Registration, act: Act) -> bytes:
    """Draw an act as the greffe files it: the deposit's stamp, then the act, in the company's words of that day."""
    # Named and signed as the company stood on the deposit's day (name, legal representative), not the archive's.
    company = world.company_at(registry.company.siren, act.deposited_on)
    pdf = SandboxPdf(act.title, f"Greffe du tribunal de {registry.greffe.seat}", act.deposited_on)
    pdf.add_page()
    _greffe_header(pdf, registry)
    pdf.font(8.5)
    pdf.multi_cell(
        70,
        4.5,
        f"Dépôt n° {act.id_fichier}\ndu {day(act.deposited_on)}\nau greffe de {registry.greffe.seat}",
        border=1,
        align="C",
    )
    pdf.ln(6)
    pdf.boxed_title(act.title.upper(), 12)
    if act.title == "Statuts constitutifs":
        articles = (
            ("Forme", f"La société est une {company.legal_form_label.lower()}."),
            ("Dénomination", f"Sa dénomination est « {entity_name(company)} »."),
            ("Objet", f"Elle a pour objet, en France et à l'étranger : {company.naf_label.lower()}."),
            ("Siège", f"Le siège est fixé {', '.join(address_lines(company.head_office_address))}."),
            ("Durée", "La durée de la société est de quatre-vingt-dix-neuf ans à compter de son immatriculation."),
        )
        for number, (title, text) in enumerate(articles, start=1):
            pdf.line_of(f"Article {number} - {title}", 10, "B")
            pdf.paragraph(text)
    elif act.nature_archive == "P":
        pdf.paragraph(
            f"{entity_name(company)}, entrepreneur individuel, déclare exercer à titre habituel l'activité "
            f"suivante : {company.naf_label.lower()}, à l'adresse {', '.join(address_lines(company.address))}."
        )
    else:
        pdf.paragraph(
            f"Le {long_day(act.deposited_on)}, les associés de la société {entity_name(company)}, "
            f"SIREN {company.siren}, ont été réunis et ont adopté la décision suivante : {act.title.lower()}."
        )
        pdf.paragraph("Tous pouvoirs sont donnés au porteur d'une copie du présent acte pour en effectuer le dépôt.")
    signatory = next((d.person for d in company.directors if d.person), company.person)
    name = f"{signatory.prenom} {signatory.nom}" if signatory else "Le représentant légal"
    pdf.signature(f"Le {day(act.deposited_on)}", "Le représentant légal", name)
    return pdf.render()


def _accounts_pdf(registry: Registration, accounts: Accounts) -> bytes:
    """Draw the cover of deposited annual accounts."""
    company = registry.company
    pdf = SandboxPdf("Comptes annuels", f"Greffe du tribunal de {registry.greffe.seat}", accounts.deposited_on)
    pdf.add_page()
    _greffe_header(pdf, registry)
    pdf.boxed_title(f"COMPTES ANNUELS\nEXERCICE CLOS LE {day(accounts.closed_on)}", 13)
    pdf.field("Nature du dépôt", ACCOUNTS_KINDS[accounts.nature_archive], 50)
    pdf.field("Durée de l'exercice", "12 mois", 50)
    pdf.field("Dépôt", f"n° {accounts.id_fichier} du {day(accounts.deposited_on)}", 50)
    pdf.field("Forme juridique", company.legal_form_label, 50)
    pdf.field("Activité (NAF)", f"{company.naf} - {company.naf_label}", 50)
    pdf.field("Tranche d'effectif", nom.HEADCOUNT_BANDS[company.headcount_band][2], 50)
    pdf.ln(4)
    pdf.paragraph(CONFIDENTIALITY[accounts.confidentiel], 10, "B")
    pdf.paragraph(
        "Le bilan, le compte de résultat et l'annexe déposés par la société figurent dans le dépôt original ; "
        "le bac à sable n'en reproduit que la page de garde."
    )
    return pdf.render()


def _metadata(root: str, fields: dict[str, object]) -> bytes:
    """Return the XML metadata file of one document."""
    element = ElementTree.Element(root)
    for name, value in fields.items():
        ElementTree.SubElement(element, name).text = "" if value is None else str(value)
    ElementTree.indent(element)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ElementTree.tostring(element, encoding="unicode")}\n'.encode()


def _act_entry(registry: Registration, act: Act) -> tuple[str, bytes, bytes]:
    """Return the base name, PDF and metadata of an act."""
    base = f"ACTE_{registry.company.siren}_{act.deposited_on:%Y%m%d}_{act.id_fichier}"
    metadata = {
        "idFichier": act.id_fichier,
        "siren": registry.company.siren,
        "denominationSociale": entity_name(world.company_at(registry.company.siren, act.deposited_on)),
        "codeGreffe": registry.greffe.code,
        "numeroGestion": registry.numero_gestion,
        "dateDepot": f"{act.deposited_on:%Y%m%d}",
        "natureArchive": act.nature_archive,
        "typeActe": act.title,
    }
    return base, _act_pdf(registry, act), _metadata("acte", metadata)


def _accounts_entry(registry: Registration, accounts: Accounts) -> tuple[str, bytes, bytes]:
    """Return the base name, PDF and metadata of annual accounts."""
    base = f"BILAN_{registry.company.siren}_{accounts.closed_on:%Y%m%d}_{accounts.id_fichier}"
    metadata = {
        "idFichier": accounts.id_fichier,
        "siren": registry.company.siren,
        "denominationSociale": entity_name(world.company_at(registry.company.siren, accounts.deposited_on)),
        "codeGreffe": registry.greffe.code,
        "numeroGestion": registry.numero_gestion,
        "dateDepot": f"{accounts.deposited_on:%Y%m%d}",
        "dateCloture": f"{accounts.closed_on:%Y%m%d}",
        "natureArchive": accounts.nature_archive,
        "confidentialite": accounts.confidentiel,
    }
    return base, _accounts_pdf(registry, accounts), _metadata("bilan", metadata)


def _write(archive: zipfile.ZipFile, name: str, data: bytes, issued_on: date) -> None:
    """Add one entry dated the day the archive is issued, with fixed attributes: the same bytes that day."""
    entry = zipfile.ZipInfo(name, date_time=(issued_on.year, issued_on.month, issued_on.day, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = UNIX
    entry.external_attr = ENTRY_MODE
    archive.writestr(entry, data)


def inpi_archive(siren: str, part: str, issued_on: date) -> bytes | None:
    """Build the ZIP of a company's acts (``part`` "actes") or annual accounts ("bilans")."""
    registry = world.registration_at(siren, issued_on)
    if registry is None or part not in ARCHIVE_PARTS:
        return None
    if part == "actes":
        entries = [(act.id_fichier, *_act_entry(registry, act)) for act in registry.acts]
    else:
        entries = [(accounts.id_fichier, *_accounts_entry(registry, accounts)) for accounts in registry.accounts]
    if not entries:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        index = []
        for file_id, base, pdf, metadata in entries:
            _write(archive, f"{base}.pdf", pdf, issued_on)
            _write(archive, f"{base}.xml", metadata, issued_on)
            index.append({"idFichier": file_id, "nomFichier": f"{base}.pdf", "nomFichierMetadonnees": f"{base}.xml"})
        _write(archive, "Response.json", json.dumps(index, ensure_ascii=False, indent=2).encode(), issued_on)
    return buffer.getvalue()


# --- RNA ----------------------------------------------------------------------------------


def _person_name(director: Director) -> str:
    """Return a director's name, first names then surname."""
    return f"{' '.join(director.person.prenoms).title()} {director.person.nom}"


def _association_identity(pdf: SandboxPdf, file: AssociationFile) -> None:
    """Write the association's identity: RNA number, SIRET, title, seat."""
    association = file.association
    pdf.field("Numéro RNA", association.rna_id, 40)
    if association.siret:
        pdf.field("SIRET", association.siret, 40)
    pdf.field("Titre", association.titre, 40)
    pdf.field("Siège", ", ".join(address_lines(association.address)), 40)
    pdf.ln(4)


def _statutes(pdf: SandboxPdf, file: AssociationFile, document: AssociationDocument) -> None:
    """Write the statutes' articles."""
    association = file.association
    articles = (
        (
            "Dénomination",
            f"Il est fondé entre les adhérents aux présents statuts une association régie par la loi "
            f"du 1er juillet 1901, ayant pour titre « {association.titre} ».",
        ),
        ("Objet", f"Cette association a pour objet de {association.objet}."),
        ("Siège social", f"Le siège social est fixé {', '.join(address_lines(association.address))}."),
        ("Durée", "La durée de l'association est illimitée."),
        ("Administration", "L'association est administrée par un bureau élu pour deux ans par l'assemblée générale."),
    )
    for number, (title, text) in enumerate(articles, start=1):
        pdf.line_of(f"Article {number} - {title}", 10, "B")
        pdf.paragraph(text)
    pdf.line_of(f"Statuts adoptés le {long_day(document.dated_on)}.", 9.5, "I")


def _directors(pdf: SandboxPdf, file: AssociationFile, document: AssociationDocument) -> None:
    """Write the list of the people in charge of the association."""
    rows = [(d.fonction, _person_name(d), day(d.person.date_naissance)) for d in file.directors if d.person]
    pdf.grid((50, pdf.epw - 85, 35), ("Fonction", "Nom et prénoms", "Date de naissance"), rows)
    pdf.paragraph(f"Liste arrêtée le {long_day(document.dated_on)}.")


def _minutes(pdf: SandboxPdf, file: AssociationFile, document: AssociationDocument) -> None:
    """Write the minutes of the general meeting."""
    association = file.association
    pdf.paragraph(
        f"Le {long_day(document.dated_on)}, les membres de l'association « {association.titre} » se sont réunis "
        "en assemblée générale au siège de l'association. Le quorum étant atteint, l'assemblée a pu valablement "
        "délibérer."
    )
    for number, text in enumerate(
        (
            "L'assemblée approuve le rapport moral et le rapport financier de l'exercice écoulé.",
            "L'assemblée renouvelle les membres du bureau dont la liste est jointe.",
        ),
        start=1,
    ):
        pdf.line_of(f"Résolution n° {number}", 10, "B")
        pdf.paragraph(f"{text} Adoptée à l'unanimité.")


def _receipt(pdf: SandboxPdf, file: AssociationFile, document: AssociationDocument) -> None:
    """Write the prefecture's receipt of a declaration."""
    association = file.association
    declared = association.dissolved_on if document.kind == rna.DISSOLUTION_RECEIPT else association.declared_on
    pdf.paragraph(
        f"Le greffe des associations donne récépissé de la déclaration faite le {long_day(declared)} "
        f"par l'association « {association.titre} », dont l'objet est de {association.objet}."
    )
    pdf.paragraph("Ce récépissé ne préjuge pas de la conformité de l'objet de l'association à la loi.")


# Document type -> (issuer line, title, body).
ASSOCIATION_LAYOUTS = {
    "Statuts": ("Document déposé au greffe des associations", "STATUTS", _statutes),
    "Liste des dirigeants": (
        "Document déposé au greffe des associations",
        "LISTE DES PERSONNES CHARGÉES DE L'ADMINISTRATION",
        _directors,
    ),
    "Procès verbal": ("Document déposé au greffe des associations", "PROCÈS-VERBAL D'ASSEMBLÉE GÉNÉRALE", _minutes),
    "Récépissé de modification": ("Préfecture - greffe des associations", "RÉCÉPISSÉ DE MODIFICATION", _receipt),
    "Récépissé de dissolution": ("Préfecture - greffe des associations", "RÉCÉPISSÉ DE DISSOLUTION", _receipt),
}


def association_document(identifier: str, part: str, issued_on: date) -> bytes | None:
    """Draw the association's deposit of rank ``part``."""
    file = world.association_file(identifier)
    if file is None or not part.isdigit() or int(part) >= len(file.documents):
        return None
    document = file.documents[int(part)]
    issuer, title, body = ASSOCIATION_LAYOUTS[document.kind]
    pdf = SandboxPdf(document.kind, "Répertoire national des associations", document.deposited_on)
    pdf.add_page()
    pdf.line_of(issuer.upper(), 9, "B", align="C")
    pdf.line_of(f"{file.association.address.city} - dépôt du {day(document.deposited_on)}", 8.5, align="C")
    pdf.ln(4)
    pdf.boxed_title(f"{title}\n{file.association.titre}", 12)
    _association_identity(pdf, file)
    body(pdf, file, document)
    if body is _receipt:
        role, name = "Pour le préfet,", "Le chef du bureau des associations"
    else:
        president = next(d for d in file.directors if d.person)
        role, name = president.fonction.capitalize(), _person_name(president)
    pdf.signature(f"Le {day(document.dated_on)}", role, name)
    return pdf.render()


# --- INPI RNE: one deposit at a time (v3 actes_bilans) --------------------------------------


def rne_act(siren: str, part: str, issued_on: date) -> bytes | None:
    """Return the PDF of the act of rank ``part``: the same bytes as in the v2 ZIP of acts."""
    registry = world.registration_at(siren, issued_on)
    if registry is None or not part.isdigit() or int(part) >= len(registry.acts):
        return None
    return _act_pdf(registry, registry.acts[int(part)])


def rne_accounts(siren: str, part: str, issued_on: date) -> bytes | None:
    """Return the PDF of the annual accounts of rank ``part``: the same bytes as in the v2 ZIP of accounts."""
    registry = world.registration_at(siren, issued_on)
    if registry is None or not part.isdigit() or int(part) >= len(registry.accounts):
        return None
    return _accounts_pdf(registry, registry.accounts[int(part)])
