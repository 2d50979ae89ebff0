# frozen_string_literal: true

# The sandbox every spec talks to: API_ENTREPRISE_SANDBOX_URL's, or one started for the run.
require_relative "../../../helpers/ruby/api_entreprise_sandbox"

SANDBOX = ApiEntrepriseSandbox::Sandbox.from_env
at_exit { SANDBOX.stop }
