"""Profile the pipeline in-process with pyinstrument: ``make profile``.

A realistic loop of a client's test suite — mostly known SIRENs, some new ones, a few bad
ones and establishments — goes through the WSGI application without a server, so the
profile shows the sandbox's own cost per request, then the CPU microseconds per request.
"""

import time

from pyinstrument import Profiler
from werkzeug.test import EnvironBuilder

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.rules.identifiers import with_check_digit

REQUESTS = 20_000
KNOWN = ["418166096", "552049447", "005572466"]


def paths() -> list[str]:
    """Return the loop's paths: 70% known SIRENs, 20% new ones, 5% bad ones, 5% establishments."""
    result = []
    for index in range(REQUESTS):
        slot = index % 20
        if slot < 14:
            result.append(f"/v2/entreprises/{KNOWN[index % len(KNOWN)]}")
        elif slot < 18:
            result.append(f"/v2/entreprises/{with_check_digit(f'{30_000_000 + index:08d}')}")
        elif slot == 18:
            result.append("/v2/entreprises/418166097")
        else:
            result.append("/v2/etablissements/41816609600069")
    return result


def main() -> None:
    app = create_app(Settings(rate_limit_factor=10_000))
    headers = {"Authorization": f"Bearer {preset_token('default', DEFAULT_SECRET)}", "Host": "127.0.0.1:8080"}
    query = {"context": "profile", "recipient": "13002526500013", "object": "profile"}
    environs = [EnvironBuilder(path=p, query_string=query, headers=headers).get_environ() for p in paths()]

    def start_response(status, response_headers, exc_info=None):
        return None

    profiler = Profiler()
    started = time.process_time()
    with profiler:
        for environ in environs:
            b"".join(app(dict(environ), start_response))
    cpu = time.process_time() - started
    print(profiler.output_text(color=False))
    print(f"{REQUESTS} requests, {cpu / REQUESTS * 1e6:.0f} µs of CPU each (profiler included)")


if __name__ == "__main__":
    main()
