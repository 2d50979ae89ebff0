"""Running the sandbox: the ``api-entreprise-mock`` command and the production WSGI server."""
