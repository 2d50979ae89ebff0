"""The QA console: a page at ``/`` to try any route.

The page is rendered from the catalogue listing, the scenario table and the token presets
(the same data the admin API publishes), so new catalogue rows appear on it by themselves.
Its script calls the admin API (``http.admin``): ``POST /__admin/try`` sends one request to
the sandbox from inside the server and reports it as is (status, headers, body, the
equivalent curl command); ``GET /__admin/random/<kind>`` draws a valid identifier for the form.
The page opens on the current API (v3), which production serves; its words are French throughout
(``french``: the scenarios', presets' and rules' descriptions).

Every answer of the console (the page and its files) forbids being framed by another page
(``X-Frame-Options``, ``frame-ancestors``: a decoy site could otherwise have a visitor click
its buttons) and, by its content security policy, any script, style or connection that is not
the sandbox's own: an injected inline script does not run.
"""

from flask import Blueprint, current_app, render_template

from mockserver.catalogue import families
from mockserver.http.admin import route_listing
from mockserver.http.console import french
from mockserver.http.state import SandboxState
from mockserver.rules import scenarios
from mockserver.rules.auth import preset_tokens
from mockserver.rules.maintenance import CLOCK_HEADER

blueprint = Blueprint(
    "console", __name__, template_folder="templates", static_folder="static", static_url_path="/__console/static"
)

# The console loads its own script and style sheet, calls its own admin API, and shows an empty data: icon.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# Values the form pre-fills in the mandatory parameters: recipient is the SIRET of DINUM,
# a valid one, as v3 requires.
TRACEABILITY_DEFAULTS = {"context": "console QA", "recipient": "13002526500013", "object": "essai console"}


def _state() -> SandboxState:
    """Return the sandbox's state (settings, limiter, journal, forcing, pacing)."""
    return current_app.extensions["state"]


@blueprint.after_request
def forbid_framing_and_foreign_content(response):
    """Send the console's content security policy and refuse framing, on the page and its files."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    return response


@blueprint.get("/")
def page():
    """Render the console."""
    state = _state()
    listing = route_listing(state.limiter)
    grouped = {family: [r for r in listing if r["family"] == family] for family in families.FAMILIES}
    return render_template(
        "console.html",
        families={families.FAMILIES[family]: rows for family, rows in grouped.items() if rows},
        # The page is open to anyone: it carries tokens only when they are public (the sandbox's own secret).
        tokens={} if state.settings.private_secret else preset_tokens(state.settings.jwt_secret),
        scenarios=scenarios.table(),
        scenario_header=scenarios.HEADER,
        clock_header=CLOCK_HEADER,
        french=french,
        v2_gone=state.settings.v2_gone,
        traceability=TRACEABILITY_DEFAULTS,
        rate_limits_on=state.limiter.enabled,
    )
