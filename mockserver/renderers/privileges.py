"""``GET /v2/privileges``: the token's own roles (CONTRACT §1.12)."""

from mockserver.calls import Call, Reply


def privileges(call: Call) -> Reply:
    """Render the list of the privileges the token carries."""
    return Reply({"privileges": list(call.token.privileges)})
