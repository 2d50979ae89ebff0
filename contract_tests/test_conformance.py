"""Every route of the catalogue, fuzzed from the OpenAPI documents and checked against the contract."""

from contract_tests import target
from contract_tests.checks import CHECKS
from mockserver.openapi import document

V2 = target.load("v2")


@V2.parametrize()
def test_v2_route_conforms(case):
    case.call_and_validate(checks=CHECKS)


# The v3/v4 routes join the catalogue later: their test exists as soon as the first one does.
if document("v3")["paths"]:
    V3 = target.load("v3")

    @V3.parametrize()
    def test_v3_route_conforms(case):
        case.call_and_validate(checks=CHECKS)
