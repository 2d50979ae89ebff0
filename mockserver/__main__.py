"""``python -m mockserver``: the same as the ``api-entreprise-mock`` command."""

import sys

from mockserver.serving.cli import main

sys.exit(main())
