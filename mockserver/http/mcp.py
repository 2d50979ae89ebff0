"""The MCP endpoint ``POST``/``GET /mcp``: API Entreprise as tools for AI agents (siade ``MCPController``).

JSON-RPC 2.0 over HTTP, answered in one JSON body (no event stream, no session), as production's
controller answers through its MCP server (the ``mcp`` gem, 0.13). In production's order:

1. in front of the application, as on every route: a revoked token or a refused address is the
   blocklists' answer, then the token's budget in the endpoint's own group (100 a minute) its 429;
2. a body sent as JSON that does not parse (or nests deeper than 100) is Rails' 400;
3. the token, read as on the REST routes: a missing or invalid one is 401
   ``{"error": "not_authorized"}``, an expired one 401 ``{"error": "token_expired"}``; a token
   without the ``mcp`` claim 401 ``not_authorized``;
4. ``tools/call`` of a tool none of whose scopes the token carries: 401 ``not_authorized``;
5. ``notifications/initialized``: 202 without a body;
6. anything else: the JSON-RPC answer (200), its errors JSON-RPC errors.

``tools/list`` gives the tools of the token's scopes (``fixtures/mcp_tools.json``, one row per
tool naming the catalogue route it wraps). ``tools/call`` sends the REST route's request through
the pipeline, so it meets the route's checks, rate limit (besides the endpoint's), scenarios and
journal: its data is the route's ``data``, its errors the route's errors written as production
writes them (Ruby's inspection of the errors' hash). ``resources/list`` gives the documentation
of five tools; ``resources/read`` answers no content, as production's server does.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from flask import Flask, Request, Response, request
from werkzeug.test import EnvironBuilder

from mockserver.catalogue import BY_NAME, Endpoint
from mockserver.http import responses
from mockserver.http.openapi import document
from mockserver.http.pipeline import Pipeline
from mockserver.http.state import SandboxState
from mockserver.paths import FIXTURES_DIR, SCHEMAS_DIR
from mockserver.rules import auth, maintenance, scenarios
from mockserver.rules.errors import ApiError

PATH = "/mcp"
# Production throttles the endpoint in a group of its own.
RATE_GROUP = "mcp"
# The token's 401s, in the controller's words.
TOKEN_ERRORS = {"invalid_token": "not_authorized", "expired_token": "token_expired"}
# The journal's name for the endpoint, which is no catalogue route.
MCP_ENDPOINT = "mcp"
SERVER_INFO = {"name": "siade", "version": "1.0.0"}
# The protocol versions production's server speaks, newest first; it answers the newest to any other.
PROTOCOL_VERSIONS = ("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05")
CAPABILITIES = {
    "tools": {"listChanged": True},
    "prompts": {"listChanged": True},
    "resources": {"listChanged": True},
    "logging": {},
}
# Rails parses a body of these types before the controller runs, and answers 400 when it cannot.
PARSED_TYPES = frozenset({"application/json", "text/x-json", "application/jsonrequest"})
BAD_REQUEST = {"status": 400, "error": "Bad Request"}
# Ruby's JSON parser refuses deeper documents (max_nesting).
MAX_NESTING = 100
# The gem's JSON-RPC error codes.
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
PARSE_ERROR = -32700
# The ids the gem accepts besides integers and null.
REQUEST_ID = re.compile(r"[a-zA-Z0-9_-]+")
LOG_LEVELS = ("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")
# A tool call is the REST route's request, with the traceability production's tools leave out: the
# recipient is the one production's URSSAF tool sends (DINUM), context and object say where it came from.
TRACEABILITY = {"context": "MCP", "recipient": "13002526500013"}
# The headers of the MCP request the route's request keeps: the scenario, the world's clock, the client's address.
FORWARDED_HEADERS = (scenarios.HEADER, "Prefer", maintenance.CLOCK_HEADER, "X-Forwarded-For")
# An optional path argument left out (a DGFIP year) reaches the route as a blank segment, which its
# identifier check refuses as production's organizer refuses an absent year.
ABSENT = " "
# How Ruby's inspect writes the characters it escapes; other control characters are \uXXXX, DEL \x7F.
RUBY_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v"}
RUBY_ESCAPES |= {"\a": "\\a", "\b": "\\b", "\x1b": "\\e", "\x7f": "\\x7F"}
RUBY_ESCAPES |= {chr(code): f"\\u{code:04X}" for code in range(0x20) if chr(code) not in RUBY_ESCAPES}


@dataclass(frozen=True)
class Tool:
    """One tool: what ``tools/list`` shows, the scopes that grant it, the route that answers it."""

    name: str
    title: str
    description: str
    input_schema: dict
    scopes: tuple[str, ...]
    endpoint: Endpoint

    def listed(self) -> dict:
        """Return the tool as ``tools/list`` shows it."""
        schema = {**self.input_schema, "type": "object"}
        return {"name": self.name, "title": self.title, "description": self.description, "inputSchema": schema}


def _load() -> tuple[dict[str, Tool], list[dict]]:
    """Read the tools and resources of ``fixtures/mcp_tools.json``."""
    with open(FIXTURES_DIR / "mcp_tools.json", encoding="utf-8") as handle:
        table = json.load(handle)
    tools = {
        row["name"]: Tool(
            row["name"],
            row["title"],
            row["description"],
            row["input_schema"],
            tuple(row["scopes"]),
            BY_NAME[row["endpoint"]],
        )
        for row in table["tools"]
    }
    return tools, table["resources"]


TOOLS, RESOURCES = _load()


class RpcError(Exception):
    """A JSON-RPC error: its code, message and data."""

    def __init__(self, code: int, message: str, data=None):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


def invalid_params(data: str) -> RpcError:
    """Return the gem's error for parameters a method cannot take."""
    return RpcError(INVALID_PARAMS, "Invalid params", data)


def ruby_inspect(value) -> str:
    """Write ``value`` as Ruby 3.4's ``inspect`` writes a hash of symbols, strings, numbers and nil."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {ruby_inspect(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(ruby_inspect(item) for item in value) + "]"
    if isinstance(value, str):
        # Ruby escapes "#" where it would start an interpolation.
        return '"' + re.sub(r"#(?=[{$@])", r"\\#", "".join(RUBY_ESCAPES.get(char, char) for char in value)) + '"'
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _depth(node) -> int:
    """Return how deeply arrays and objects nest in ``node``, without recursion."""
    deepest, pending = 0, [(node, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _reject_constant(name: str):
    raise ValueError(f"{name} is no JSON")


def parse(body: bytes):
    """Parse a JSON body as Ruby's parser does; raise ValueError where it refuses it."""
    try:
        document = json.loads(body, parse_constant=_reject_constant)
    except (RecursionError, UnicodeDecodeError) as error:
        raise ValueError(str(error)) from None
    if _depth(document) > MAX_NESTING:
        raise ValueError("nesting too deep")
    return document


# -- the JSON-RPC methods ---------------------------------------------------------------------------


@dataclass
class Session:
    """What the methods of one HTTP request know: the verified token, and how to call a route."""

    token: auth.Token
    call_route: Callable[[Tool, dict], tuple[int, dict]]

    def tools(self) -> list[Tool]:
        """Return the tools the token's scopes grant, in production's order."""
        return [tool for tool in TOOLS.values() if self.token.allows(tool.scopes)]


def initialize(session: Session, params) -> dict:
    """Answer the handshake: the client's protocol version when production speaks it, else its newest."""
    asked = params.get("protocolVersion") if isinstance(params, dict) else None
    version = asked if asked in PROTOCOL_VERSIONS else PROTOCOL_VERSIONS[0]
    return {"protocolVersion": version, "capabilities": CAPABILITIES, "serverInfo": SERVER_INFO}


def list_tools(session: Session, params) -> dict:
    """List the tools of the token's scopes."""
    return {"tools": [tool.listed() for tool in session.tools()]}


def _schema_faults(schema: dict, arguments: dict) -> list[str]:
    """Return the json-schema gem's messages for the arguments that break the tool's schema."""
    faults = []
    for name, rule in schema["properties"].items():
        if name not in arguments:
            continue
        value = arguments[name]
        if not isinstance(value, str):
            faults.append(
                f"The property '#/{name}' of type {_json_type(value)} did not match the following type: string"
            )
        # Ruby's anchors match at line ends, and its \d is ASCII.
        elif not re.search(rule["pattern"], value, re.MULTILINE | re.ASCII):
            faults.append(
                f"The property '#/{name}' value {ruby_inspect(value)} did not match the regex '{rule['pattern']}'"
            )
    return faults


def _json_type(value) -> str:
    """Return the JSON type of a parsed value, in the json-schema gem's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number", list: "array", dict: "object"}.get(type(value), "string")


def call_tool(session: Session, params) -> dict:
    """Call a tool of the token's scopes: its route's data, or its route's errors, as one text content."""
    name = params.get("name") if isinstance(params, dict) else None
    tool = next((tool for tool in session.tools() if tool.name == name), None)
    if tool is None:
        raise invalid_params(f"Tool not found: {name if isinstance(name, str) else ''}")
    arguments = params.get("arguments")
    arguments = {} if arguments is None else arguments
    if not isinstance(arguments, dict):
        raise invalid_params("Invalid arguments: the arguments must be an object")
    missing = [name for name in tool.input_schema["required"] if name not in arguments]
    if missing:
        raise invalid_params(f"Missing required arguments: {', '.join(missing)}")
    faults = _schema_faults(tool.input_schema, arguments)
    if faults:
        raise invalid_params(f"Invalid arguments: {', '.join(faults)}")
    status, body = session.call_route(tool, arguments)
    if status < 300:
        text = responses.rails_json({"data": body["data"]}).decode()
    else:
        text = ruby_inspect({"errors": [{k: v for k, v in e.items() if v is not None} for e in body["errors"]]})
    return {"content": [{"type": "text", "text": text}], "isError": False}


def list_resources(session: Session, params) -> dict:
    """List the documentation of the tools production documents, whatever the token's scopes."""
    return {"resources": [_resource(row["tool"], row["documentation_url"]) for row in RESOURCES]}


@cache
def _resource(name: str, documentation_url: str) -> dict:
    """Return the documentation resource of the tool ``name``: its route's description, schema and example."""
    tool = TOOLS[name]
    endpoint = tool.endpoint
    with open(SCHEMAS_DIR / endpoint.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    ok = document("v3")["paths"][endpoint.path]["get"]["responses"]["200"]["content"]
    example = next(iter(next(iter(ok.values()))["examples"].values()))["value"]
    description = "\n".join(
        [
            f"# Documentation tool: {tool.title} (nom technique : `{tool.name}`)",
            "",
            "## Vue d'ensemble",
            "",
            tool.description.strip(),
            "",
            f"La page du catalogue : [{documentation_url}]({documentation_url}).",
            "",
            "## Schéma de la réponse (HTTP 200)",
            "",
            "```json",
            json.dumps(schema, ensure_ascii=False, separators=(",", ":")),
            "```",
            "",
            "## Exemple (HTTP 200)",
            "",
            "```json",
            json.dumps(example, ensure_ascii=False, separators=(",", ":")),
            "```",
        ]
    )
    uri = f"tool://api-entreprise/{name.replace('.', '_')}/documentation"
    return {"uri": uri, "name": tool.title, "description": description, "mimeType": "text/markdown"}


def set_logging_level(session: Session, params) -> dict:
    """Accept a logging level the protocol names (the sandbox sends no log messages)."""
    level = params.get("level") if isinstance(params, dict) else None
    if level not in LOG_LEVELS:
        raise invalid_params(f"Invalid log level {level if isinstance(level, str) else ''}")
    return {}


def get_prompt(session: Session, params) -> dict:
    """Refuse every prompt: production's server has none (the gem answers an internal error)."""
    name = params.get("name") if isinstance(params, dict) else None
    raise RpcError(INTERNAL_ERROR, "Internal error", f"Prompt not found {name if isinstance(name, str) else ''}")


# Method -> its handler; notifications answer nothing.
METHODS = {
    "initialize": initialize,
    "ping": lambda session, params: {},
    "tools/list": list_tools,
    "tools/call": call_tool,
    "resources/list": list_resources,
    "resources/read": lambda session, params: {"contents": []},
    "resources/templates/list": lambda session, params: {"resourceTemplates": []},
    "resources/subscribe": lambda session, params: {},
    "resources/unsubscribe": lambda session, params: {},
    "prompts/list": lambda session, params: {"prompts": []},
    "prompts/get": get_prompt,
    "logging/setLevel": set_logging_level,
    "notifications/initialized": lambda session, params: None,
    "notifications/progress": lambda session, params: None,
}


def _valid_id(value) -> bool:
    """Tell whether the gem accepts ``value`` as a request id: null, an integer, or a word."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return True
    return isinstance(value, str) and REQUEST_ID.fullmatch(value) is not None


def _error(request_id, code: int, message: str, data=None) -> dict:
    """Return a JSON-RPC error answer (an id the gem refuses is answered as null)."""
    error = {"code": code, "message": message}
    if data is not None:
        error["data"] = data
    return {"jsonrpc": "2.0", "id": request_id if _valid_id(request_id) else None, "error": error}


def _invalid_request(data: str) -> dict:
    return _error(None, INVALID_REQUEST, "Invalid Request", data)


def answer_message(session: Session, message) -> dict | None:
    """Answer one JSON-RPC message; None for a notification, which gets no answer but an error of its shape."""
    if not isinstance(message, dict):
        return _invalid_request("Request must be an array or a hash")
    request_id = message.get("id")
    method = message.get("method")
    if message.get("jsonrpc") != "2.0":
        return _invalid_request("JSON-RPC version must be 2.0")
    if not _valid_id(request_id):
        return _invalid_request("Request ID must match validation pattern, or be an integer or null")
    if not isinstance(method, str) or method.startswith("rpc."):
        return _invalid_request('Method name must be a string and not start with "rpc."')
    params = message.get("params")
    if params is not None and not isinstance(params, (dict, list)):
        answer = _error(
            request_id, INVALID_PARAMS, "Invalid params", "Method parameters must be an array or an object or null"
        )
    elif method not in METHODS:
        answer = _error(request_id, METHOD_NOT_FOUND, "Method not found", method)
    else:
        try:
            answer = {"jsonrpc": "2.0", "id": request_id, "result": METHODS[method](session, params)}
        except RpcError as error:
            answer = _error(request_id, error.code, error.message, error.data)
    # A notification (no id) gets no answer.
    return None if request_id is None else answer


def answer_document(session: Session, document) -> dict | list | None:
    """Answer a JSON-RPC message or batch; None when nothing is to be answered."""
    if not isinstance(document, list):
        return answer_message(session, document)
    if not document:
        return _invalid_request("Request is an empty array")
    answers = [answer for answer in (answer_message(session, message) for message in document) if answer is not None]
    if len(answers) == 1:
        return answers[0]
    return answers or None


# -- HTTP -------------------------------------------------------------------------------------------


def _route_request(request: Request, raw_token: str, tool: Tool, arguments: dict) -> Request:
    """Return the REST request a tool call makes: the route's path, traceability, the caller's token and headers."""
    path_params = _path_params(tool, arguments)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: quote(path_params[match.group(1)], safe=""), tool.endpoint.rule)
    headers = {name: request.headers[name] for name in FORWARDED_HEADERS if name in request.headers}
    headers["Authorization"] = f"Bearer {raw_token}"
    builder = EnvironBuilder(
        path=path,
        base_url=request.host_url,
        query_string={**TRACEABILITY, "object": f"tools/call {tool.name}"},
        headers=headers,
        environ_base={"REMOTE_ADDR": request.remote_addr or ""},
    )
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()


def handle(state: SandboxState, pipeline: Pipeline, request: Request) -> Response:
    """Answer one HTTP request to the MCP endpoint, in production's order, and journal it."""
    response = _answer(state, pipeline, request)
    state.record(request, response.status_code, endpoint=MCP_ENDPOINT)
    return response


def _answer(state: SandboxState, pipeline: Pipeline, request: Request) -> Response:
    """Answer one HTTP request to the MCP endpoint, in production's order, with its budget's headers."""
    secret, now = state.settings.jwt_secret, state.clock()
    raw_token = auth.raw_token(
        request.args.get("token"),
        request.headers.get("Authorization"),
        request.headers.get(auth.API_KEY_HEADER),
        secret,
    )
    client_ip = request.access_route[0] if request.access_route else ""
    limiter = state.limiter
    # In front of the application, as on every route: the blocklists, then the endpoint's own rate limit.
    try:
        auth.screen(raw_token, secret, client_ip)
    except ApiError as error:
        return responses.front_error(error)
    budget = limiter.hit(RATE_GROUP, raw_token, now) if raw_token and limiter.enabled else None
    if budget is not None and budget.exceeded:
        response = responses.front_error(ApiError("too_many_requests"))
    else:
        response = _answer_application(state, pipeline, request, raw_token, now)
    if budget is not None:
        response.headers.update(budget.headers(now))
    return response


def _answer_application(
    state: SandboxState, pipeline: Pipeline, request: Request, raw_token: str | None, now: float
) -> Response:
    """Answer a request the filters in front let through: Rails' parsing, the token, then the JSON-RPC message."""
    body = request.get_data()
    try:
        document = parse(body)
    except ValueError:
        document = None
        if request.mimetype in PARSED_TYPES and body.strip():
            return responses.rails_json_response(BAD_REQUEST, 400)
    try:
        token = auth.verify(raw_token, state.settings.jwt_secret, now)
    except ApiError as error:
        return responses.rails_json_response({"error": TOKEN_ERRORS[error.keys[0]]}, 401)
    if not token.mcp:
        return responses.rails_json_response({"error": "not_authorized"}, 401)
    # Production reads the method and the tool's name from the request's parameters: the query string's, and a
    # single message's when Rails parsed the body.
    message = document if isinstance(document, dict) and request.mimetype in PARSED_TYPES else {}
    method = message.get("method", request.args.get("method"))
    params = message.get("params")
    name = params.get("name") if method == "tools/call" and isinstance(params, dict) else None
    if isinstance(name, str) and name in TOOLS and not token.allows(TOOLS[name].scopes):
        return responses.rails_json_response({"error": "not_authorized"}, 401)
    if method == "notifications/initialized":
        return responses.accepted()
    if document is None:
        return responses.rails_json_response(_error(None, PARSE_ERROR, "Parse error", "Invalid JSON"))

    def call_route(tool: Tool, arguments: dict) -> tuple[int, dict]:
        answer = pipeline.answer(
            tool.endpoint, _path_params(tool, arguments), _route_request(request, raw_token, tool, arguments)
        )
        return answer.status, json.loads(answer.body)

    return responses.rails_json_response(answer_document(Session(token, call_route), document))


def _path_params(tool: Tool, arguments: dict) -> dict[str, str]:
    """Return the route's path parameters for the tool's arguments, an absent one blank."""
    return {param: arguments.get(param, ABSENT) for param, _ in tool.endpoint.identifiers}


def register(app: Flask, state: SandboxState, pipeline: Pipeline) -> None:
    """Add the MCP endpoint to the application: ``POST`` and ``GET /mcp``; its tools call the catalogue's pipeline."""

    def mcp() -> Response:
        return handle(state, pipeline, request._get_current_object())

    app.add_url_rule(PATH, MCP_ENDPOINT, mcp, methods=["GET", "POST"])
