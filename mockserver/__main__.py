"""``python -m mockserver``: the same as the ``api-entreprise-mock`` command."""

import sys

from mockserver.cli import main

sys.exit(main())
