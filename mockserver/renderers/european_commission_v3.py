"""v3 European Commission payload: the intra-community VAT number VIES confirms (CONTRACT §4).

The number is the one v2 ``entreprises`` computes from the SIREN.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply


def numero_tva(call: Call) -> Reply:
    """Render ``GET /v3/european_commission/unites_legales/{siren}/numero_tva``."""
    company = world.company(call.path_params["siren"])
    return Reply({"data": {"tva_number": company.tva_number}, "links": {}, "meta": {}})
