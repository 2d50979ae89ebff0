"""The token's own privileges: ``GET /v2/privileges`` (CONTRACT §1.12) and ``GET /privileges`` (§3.2)."""

from mockserver.renderers.call import JSON_CONTENT_TYPE, Call, Reply


def privileges(call: Call) -> Reply:
    """Render the list of the privileges the token carries."""
    return Reply({"privileges": list(call.token.privileges)})


def current_privileges(call: Call) -> Reply:
    """Render the current form: the list under ``data``, served as plain JSON like every v2-era controller."""
    return Reply({"data": {"privileges": list(call.token.privileges)}}, content_type=JSON_CONTENT_TYPE)
