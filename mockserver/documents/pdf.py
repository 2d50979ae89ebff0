"""The page every sandbox PDF is drawn on, and the blocks documents are made of.

fpdf2 draws the documents: pure Python, already pinned, no font file to ship (the standard
Helvetica and Courier, in WinAnsi encoding, cover French), and its output is byte-stable
once the creation date is fixed: the file identifier is a digest of the content. Every page
carries a "DOCUMENT FICTIF" watermark, a banner and a footer saying the document has no
legal value, so that it can never pass for a real attestation; no logo, emblem or
signature is drawn.
"""

from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address, Company

FICTIF = "DOCUMENT FICTIF"
DISCLAIMER = (
    "DOCUMENT FICTIF produit par le bac à sable d'API Entreprise à partir de données inventées. "
    "Il n'a aucune valeur juridique et ne peut être produit à l'appui d'aucune démarche."
)
WATERMARK_RGB = (242, 200, 200)
MARK_RGB = (180, 20, 20)
BLACK = (0, 0, 0)
LINE = 5.0


def day(value: date) -> str:
    """Return a date as French documents print it: 30/06/2025."""
    return value.strftime("%d/%m/%Y")


def long_day(value: date) -> str:
    """Return a date in words: 30 juin 2025, 1er juillet 2025."""
    number = "1er" if value.day == 1 else str(value.day)
    return f"{number} {nom.MONTHS[value.month - 1]} {value.year}"


def address_lines(address: Address) -> list[str]:
    """Return the postal lines of an address: complement, street, special delivery, postcode and city."""
    lines = [address.complement] if address.complement else []
    delivery = [address.distribution_speciale] if address.distribution_speciale else []
    country = [address.pays] if address.is_abroad else []
    return [*lines, address.street_line, *delivery, address.postcode_line, *country]


def entity_name(company: Company) -> str:
    """Return the name a document gives the company: a sole trader's own name, else the raison sociale."""
    if company.person:
        return f"{company.person.nom} {' '.join(company.person.prenoms)}"
    return company.raison_sociale


class SandboxPdf(FPDF):
    """An A4 document of the sandbox: metadata, watermark, banner and footer on every page."""

    def __init__(self, title: str, issuer: str, issued_on: date):
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        # Dated by the world's day it is issued on, at midnight: the bytes never depend on the wall clock.
        self.set_creation_date(datetime(issued_on.year, issued_on.month, issued_on.day, tzinfo=UTC))
        self.set_producer("API Entreprise sandbox (fpdf2)")
        self.set_creator("API Entreprise sandbox")
        self.set_title(f"{title} - {FICTIF}")
        self.set_author(f"{issuer} (fictif)")
        self.set_subject(DISCLAIMER)
        self.set_lang("fr-FR")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=24)

    def normalize_text(self, text: str) -> str:
        """Encode for the standard fonts, replacing the rare character WinAnsi lacks."""
        return super().normalize_text(text.encode("cp1252", "replace").decode("cp1252"))

    def header(self) -> None:
        """Draw the watermark behind the page and the banner above it."""
        self.set_font("Helvetica", "B", 64)
        self.set_text_color(*WATERMARK_RGB)
        width = self.get_string_width(FICTIF)
        with self.rotation(angle=52, x=self.w / 2, y=self.h / 2):
            self.text(self.w / 2 - width / 2, self.h / 2 + 8, FICTIF)
        self.set_font("Helvetica", "B", 7.5)
        self.set_text_color(*MARK_RGB)
        self.set_xy(self.l_margin, 6)
        self.cell(self.epw, 4, f"{FICTIF} - BAC À SABLE API ENTREPRISE - SANS VALEUR JURIDIQUE", align="C")
        self.set_text_color(*BLACK)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        """Draw the disclaimer and the page number."""
        self.set_y(-18)
        self.set_font("Helvetica", "", 6.5)
        self.set_text_color(*MARK_RGB)
        self.multi_cell(self.epw - 20, 3, DISCLAIMER)
        self.set_xy(self.w - self.r_margin - 20, -18)
        self.set_text_color(*BLACK)
        self.cell(20, 3, f"page {self.page_no()}/{{nb}}", align="R")

    # Blocks ---------------------------------------------------------------------------------

    def font(self, size: float, style: str = "", family: str = "Helvetica") -> None:
        """Select a standard font."""
        self.set_font(family, style, size)

    def line_of(self, text: str, size: float = 10, style: str = "", align: str = "L", height: float = LINE) -> None:
        """Write one line across the text width and move to the next."""
        self.font(size, style)
        self.cell(self.epw, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, size: float = 10, style: str = "", width: float = 0, indent: float = 0) -> None:
        """Write a justified paragraph, then a small gap."""
        self.font(size, style)
        self.set_x(self.l_margin + indent)
        self.multi_cell(width or self.epw - indent, LINE, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def field(self, label: str, value: str, label_width: float = 55, size: float = 10) -> None:
        """Write "label  value" on one line, the label in bold."""
        self.font(size, "B")
        self.cell(label_width, LINE, label)
        self.font(size)
        self.multi_cell(self.epw - label_width, LINE, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def boxed_title(self, text: str, size: float = 14, fill: tuple[int, int, int] = (215, 215, 215)) -> None:
        """Write a centred title in a shaded frame."""
        self.font(size, "B")
        self.set_fill_color(*fill)
        self.multi_cell(
            self.epw, size * 0.55, text, border=1, align="C", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(3)

    def band(self, text: str, fill: tuple[int, int, int], size: float = 9, width: float = 0) -> None:
        """Write a white heading on a coloured band."""
        self.font(size, "B")
        self.set_fill_color(*fill)
        self.set_text_color(255, 255, 255)
        self.cell(width or self.epw, 6, f" {text}", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)

    def grid(self, widths: tuple[float, ...], header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Write a bordered table with a shaded header row."""
        self.font(8.5, "B")
        self.set_fill_color(230, 230, 230)
        for width, title in zip(widths, header, strict=True):
            self.cell(width, 6, title, border=1, align="C", fill=True)
        self.ln()
        self.font(8.5)
        for row in rows:
            for width, value in zip(widths, row, strict=True):
                self.cell(width, 6, value, border=1)
            self.ln()
        self.ln(3)

    def signature(self, place_and_date: str, role: str, name: str) -> None:
        """Write the signature block: place and date, role, name; the signature itself is absent."""
        self.ln(4)
        x = self.l_margin + self.epw * 0.55
        for text, style in (
            (place_and_date, ""),
            (role, "B"),
            (name, ""),
            ("(signature fictive, non reproduite)", "I"),
        ):
            self.set_x(x)
            self.font(9.5 if style != "I" else 7.5, style)
            self.cell(self.epw * 0.45, LINE, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def render(self) -> bytes:
        """Return the finished file."""
        return bytes(self.output())
