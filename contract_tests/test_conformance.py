"""Every route of the catalogue, fuzzed from the OpenAPI documents and checked against the contract."""

import pytest

from contract_tests import target
from contract_tests.checks import CHECKS

# Every route fuzzed: CPU-heavy, for `make test`, not `make test-fast`.
pytestmark = pytest.mark.sweep

V2 = target.load("v2")
V3 = target.load("v3")


@V2.parametrize()
def test_v2_route_conforms(case):
    case.call_and_validate(checks=CHECKS)


@V3.parametrize()
def test_v3_route_conforms(case):
    case.call_and_validate(checks=CHECKS)
