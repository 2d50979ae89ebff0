"""``GET /v3/inpi/rne/unites_legales/open_data/{siren}/actes_bilans``: a company's deposits at the RNE (CONTRACT §4).

The successor of v2's ``actes_inpi`` and ``bilans_inpi``: the same acts and annual accounts
(``world.registration``, the register entry every RCS route reads), each with its own link
where v2 zipped them together: production's proxy link (``GET /proxy/inpi/download/<uuid>``),
which answers the URL of the PDF in the storage, the one inside the v2 ZIP. A unit the
register does not know (an association, a craftsman) is a 404.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import inpi_proxy_url, resource
from mockserver.rules.errors import ApiError
from mockserver.world.rcs import Act, rne_deposit_id

# The kind of annual accounts, by the INPI's nature of archive.
ACCOUNTS_TYPES = {"B-C": "bilan complet", "B-CO": "bilan consolidé", "B-S": "bilan simplifié"}
# Acts recording a decision name it apart from their kind.
DECISIONS = {
    "Augmentation du capital social": ("Procès-verbal", "Augmentation du capital social"),
    "Transfert du siège social": ("Procès-verbal", "Transfert du siège social"),
    "Décision de nomination du dirigeant": ("Procès-verbal", "Nomination du dirigeant"),
}


def _act(call: Call, siren: str, act: Act) -> dict:
    """Return one act with its link."""
    type_acte, decision = DECISIONS.get(act.title, (act.title, None))
    deposit_id = rne_deposit_id(act)
    return {
        "id": deposit_id,
        "nom_document": act.document_name or f"{siren}_{act.id_fichier}.pdf",
        "date_depot": act.deposited_on.isoformat(),
        "date_mise_a_jour": (act.updated_on or act.deposited_on).isoformat(),
        "types_actes": [{"type_acte": type_acte, "type_decision": decision}],
        "url": inpi_proxy_url(call, "actes", deposit_id, siren),
    }


def actes_bilans(call: Call) -> Reply:
    """Render the acts and annual accounts a company deposited, oldest first."""
    siren = call.path_params["siren"]
    registry = world.registration_at(siren, call.today)
    if registry is None or not (registry.acts or registry.accounts):
        raise ApiError("not_found")
    bilans = [
        {
            "id": rne_deposit_id(accounts),
            "nom_document": accounts.document_name or f"{siren}_{accounts.id_fichier}.pdf",
            "date_depot": accounts.deposited_on.isoformat(),
            "date_cloture": accounts.closed_on.isoformat(),
            "date_mise_a_jour": (accounts.updated_on or accounts.deposited_on).isoformat(),
            "type": ACCOUNTS_TYPES[accounts.nature_archive],
            "url": inpi_proxy_url(call, "bilans", rne_deposit_id(accounts), siren),
        }
        for accounts in registry.accounts
    ]
    actes = [_act(call, siren, act) for act in registry.acts]
    return resource({"actes": actes, "bilans": bilans})
