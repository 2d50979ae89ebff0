"""The storage route ``/siade/<name>``: the documents the routes' URLs point to, and their journal entries.

The document store (``documents.store``) rebuilds a document from its name; this route serves
it as the real object storage does (its own 404 page, no token, no traceability parameter)
and writes each fetch to the journal, a fetch past the URL's lifetime as a violation.
"""

from flask import Flask, Request, Response, request
from werkzeug.routing import BaseConverter

from mockserver.documents.store import CONTAINER
from mockserver.http import violations
from mockserver.http.request_trace import OUTSIDE_RAILS
from mockserver.http.state import SandboxState

# The journal's name for the document storage, which is no catalogue route.
STORAGE = "storage"


class AnyName(BaseConverter):
    """Match the rest of the path whatever it holds, so every name under the container reaches the store."""

    regex = r"[\s\S]*"
    part_isolating = False


def fetch_document(state: SandboxState, name: str, request: Request) -> Response:
    """Serve a document of the storage and write the fetch to the journal, late ones as violations."""
    response = state.documents.serve(name)
    # The object storage is no Rails application: no request id, no runtime.
    request.environ[OUTSIDE_RAILS] = True
    state.record(request, response.status_code, endpoint=STORAGE, violations=violations.storage(state.documents, name))
    return response


def register(app: Flask, state: SandboxState) -> None:
    """Add the storage route to the application: ``/siade/<name>``, every name under it."""

    def stored_document(name: str) -> Response:
        return fetch_document(state, name, request)

    app.url_map.converters["any_name"] = AnyName
    # Names are taken as they come (no slash merging, no redirect): only a name the store issued matches.
    app.add_url_rule(f"/{CONTAINER}/<any_name:name>", STORAGE, stored_document, methods=["GET"], merge_slashes=False)
