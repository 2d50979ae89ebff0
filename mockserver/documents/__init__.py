"""The documents behind the storage URLs: one builder per label of the real file names.

A document is named by its label (the last part of the real API's file names, CONTRACT §1.8),
the identifier it was asked for, a part (which of several: a rank, or the INPI archive's kind)
and the world's day it was issued on: it is dated and drawn on that day. Building one is
deterministic, so the few most recent are kept in memory.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import import_module

CACHE_SIZE = 256
# The part of a document a provider issued although the unit is outside its population (the
# known_by_provider scenario), so that its builder draws it the same way.
KNOWN = "known"


@dataclass(frozen=True)
class Kind:
    """What a label stands for: the file's extension and type, and how to build it."""

    extension: str
    content_type: str
    # "module:function" of this package; imported at the first document, as fpdf2 takes
    # most of a second to import and most runs of the sandbox serve JSON only.
    builder: str
    # Seconds the provider's organizer keeps the copy (siade UploadDocumentOrganizer#expires_in), when it
    # keeps it less than the storage's day.
    lifetime: int | None = None

    def build(self, identifier: str, part: str, day: date) -> bytes | None:
        """Build the document of ``identifier`` (its ``part``) as issued on ``day``."""
        module, _, function = self.builder.partition(":")
        return getattr(import_module(f"{__name__}.{module}"), function)(identifier, part, day)


PDF = "application/pdf"
ZIP = "application/zip"
KINDS = {
    "attestation_fiscale_dgfip": Kind("pdf", PDF, "tax_social:tax_attestation"),
    "attestation_vigilance_acoss": Kind("pdf", PDF, "tax_social:vigilance_attestation"),
    "attestation_cotisation_retraite_probtp": Kind("pdf", PDF, "building:probtp_attestation"),
    "carte_professionnelle_fntp": Kind("pdf", PDF, "building:professional_card"),
    "certificat_cnetp": Kind("pdf", PDF, "building:cnetp_certificate"),
    "certificat_qualibat": Kind("pdf", PDF, "building:qualibat_certificate"),
    "certificat_rge_ademe": Kind("pdf", PDF, "building:rge_certificate"),
    "document_asso": Kind("pdf", PDF, "registries:association_document"),
    "all_documents": Kind("zip", ZIP, "registries:inpi_archive"),
    # The INPI RNE's deposits and extract, each on its own, as its proxy stores them (siade */UploadDocument).
    "actes_download_inpi": Kind("pdf", PDF, "registries:rne_act"),
    "bilans_download_inpi": Kind("pdf", PDF, "registries:rne_accounts"),
    "extrait_rne_download_inpi": Kind("pdf", PDF, "rne:extrait_rne"),
    # The other current routes' documents.
    # The CIBTP's certificate lives ten minutes (siade CIBTP UploadDocument).
    "certificat_cibtp": Kind("pdf", PDF, "trades:cibtp_attestation", lifetime=600),
    "certificat_qualifelec": Kind("pdf", PDF, "trades:qualifelec_certificate"),
}


@lru_cache(maxsize=CACHE_SIZE)
def build(label: str, identifier: str, part: str, day: date) -> bytes | None:
    """Return the bytes of a document issued on ``day``, or None when there is no such document."""
    return KINDS[label].build(identifier, part, day)
