"""``GET /v2/extraits_courts_inpi/{siren}``: counts and latest patents, designs and trademarks (CONTRACT §2.22).

A company without rights gets counts of 0 and empty lists, as INPI answers for a SIREN it
does not know: the real route never tells the two apart.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.world import registry_tables
from mockserver.world.entities import Company
from mockserver.world.inpi import IpRights

NO_RIGHTS = IpRights(patent_count=0, patents=(), design_count=0, designs=(), trademark_count=0, trademarks=())


def _depositor(company: Company) -> str:
    """Return the trademark holder as INPI prints it: name, then legal form."""
    if company.person:
        return f"{company.person.nom} {company.person.prenom}"
    return f"{company.raison_sociale}, {registry_tables.INPI_LEGAL_FORMS[company.legal_form]}"


def extrait_court(call: Call) -> Reply:
    """Render the short INPI extract of a company."""
    siren = call.path_params["siren"]
    company = world.company_at(siren, call.today)
    rights = NO_RIGHTS if call.scenario == scenarios.INPI_NO_RIGHTS else world.ip_rights(siren, call.today)
    depositor = _depositor(company)
    return Reply(
        {
            "brevets": {
                "count": rights.patent_count,
                "latests_brevets": [
                    {
                        "titre": patent.title,
                        "date_publication": f"{patent.published_on:%Y%m%d}",
                        "date_depot": f"{patent.filed_on:%Y%m%d}",
                        "numero_publication": (
                            f"<country>FR</country><doc-number>{patent.number}</doc-number><kind>A1</kind>"
                        ),
                    }
                    for patent in rights.patents
                ],
            },
            "modeles": {
                "count": rights.design_count,
                "latests_modeles": [
                    {
                        "titre": design.title,
                        "date_publication": f"{design.published_on:%Y%m%d}",
                        "date_depot": f"{design.filed_on:%Y%m%d}",
                        "numero_identification": design.number,
                    }
                    for design in rights.designs
                ],
            },
            "marques": {
                "count": rights.trademark_count,
                "latests_marques": [
                    {
                        "numero_identification": trademark.number,
                        "marque": trademark.word,
                        "marque_status": trademark.status,
                        "depositaire": depositor,
                        "cle": f"FMARK|{trademark.number}",
                    }
                    for trademark in rights.trademarks
                ],
            },
        }
    )
