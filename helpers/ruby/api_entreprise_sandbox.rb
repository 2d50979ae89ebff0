# frozen_string_literal: true

# The API Entreprise sandbox from Ruby tests, with the standard library only: start a sandbox (or
# attach to a running one), reset it, mint tokens, force the scenarios of the matrix, pin the world's
# clock, and verify the journal against the real API's rules, raising with the sandbox's report.
require "base64"
require "json"
require "net/http"
require "openssl"
require "securerandom"
require "socket"
require "uri"

module ApiEntrepriseSandbox
  # The sandbox's public signing secret: tokens minted with it are worthless anywhere else.
  PUBLIC_SECRET = "api-entreprise-sandbox-public-secret"
  CLOCK_HEADER = "X-Mock-Clock"
  # A minted token lives as long as a real one (18 months); an expired one ended on 2024-01-01.
  VALID_FOR = 18 * 30 * 86_400
  EXPIRED_AT = 1_704_067_200
  # A started sandbox answers within this many seconds.
  START_SECONDS = 20

  # The requests broke rules of the real API; the message is the sandbox's report.
  class ContractViolation < StandardError
    attr_reader :rules

    def initialize(report, rules)
      super(report)
      @rules = rules
    end
  end

  # A sandbox the tests talk to: its base URL and its admin API.
  class Sandbox
    attr_reader :base_url

    # Attach to API_ENTREPRISE_SANDBOX_URL when set, else start `api-entreprise-mock serve`.
    def self.from_env
      url = ENV.fetch("API_ENTREPRISE_SANDBOX_URL", "")
      url.empty? ? start : new(url)
    end

    # Start `api-entreprise-mock serve` (API_ENTREPRISE_MOCK names another command) on a free port.
    def self.start(command: ENV.fetch("API_ENTREPRISE_MOCK", "api-entreprise-mock"), args: [])
      port = TCPServer.open("127.0.0.1", 0) { |server| server.addr[1] }
      pid = Process.spawn(command, "serve", "--port", port.to_s, *args, out: File::NULL, err: File::NULL)
      sandbox = new("http://127.0.0.1:#{port}", pid: pid)
      sandbox.wait_until_up
      sandbox
    end

    def initialize(base_url, pid: nil, admin_token: ENV.fetch("MOCKSERVER_ADMIN_TOKEN", nil))
      @base_url = base_url.chomp("/")
      @pid = pid
      @admin_token = admin_token
    end

    def wait_until_up
      deadline = Time.now + START_SECONDS
      begin
        admin(:get, "/__admin/health")
      rescue SystemCallError, IOError
        raise "the sandbox at #{base_url} did not answer within #{START_SECONDS} s" if Time.now > deadline

        sleep 0.05
        retry
      end
    end

    # Stop the sandbox this helper started (an attached one is left running).
    def stop
      return unless @pid

      Process.kill("TERM", @pid)
      Process.wait(@pid)
      @pid = nil
    end

    # Empty the journal, the marks, the rate-limit counters and the forced scenario.
    def reset
      admin(:post, "/__admin/reset")
    end

    # A token: the preset's (`default`: every scope; `expired`…) without `scopes`, else one minted for them.
    def token(scopes = nil, preset: "default", expired: false, secret: PUBLIC_SECRET)
      return admin(:get, "/__admin/tokens")["tokens"][expired ? "expired" : preset]["token"] if scopes.nil?

      now = Time.now.to_i
      claims = { uid: SecureRandom.uuid, jti: SecureRandom.uuid, scopes: scopes, sub: "sandbox", iat: now,
                 version: "1.0", exp: expired ? EXPIRED_AT : now + VALID_FOR }
      encode = ->(part) { Base64.urlsafe_encode64(part, padding: false) }
      signed = "#{encode.call({ alg: "HS256", typ: "JWT" }.to_json)}.#{encode.call(claims.to_json)}"
      "#{signed}.#{encode.call(OpenSSL::HMAC.digest("SHA256", secret, signed))}"
    end

    # The columns of the scenario matrix of `routes`: each answer a client must survive.
    def matrix(*routes, timeout: nil)
      query = routes.map { |route| ["route", route] }
      query << ["timeout", timeout.to_s] if timeout
      admin(:get, "/__admin/matrix?#{URI.encode_www_form(query)}")["matrix"]
    end

    # Set the sandbox up for one column of the matrix (nominal and invalid_identifier force nothing).
    def play(column)
      return if %w[nominal invalid_identifier].include?(column["scenario"])

      force(column["scenario"], routes: column["routes"], times: column["times"],
                                delay_seconds: column["delay_seconds"])
    end

    # Play `scenario` on the next calls to `routes` (every route that can when empty).
    def force(scenario, routes: [], times: nil, delay_seconds: nil)
      body = { scenario: scenario, routes: routes, times: times, delay_seconds: delay_seconds }
      admin(:post, "/__admin/scenario", body)["forced"]
    end

    def clear_forced
      admin(:delete, "/__admin/scenario")
    end

    # Read the world at `instant` ("2024-01-15", or an ISO 8601 instant) until reset; nil: today again.
    # Return the instant in effect.
    def pin_clock(instant)
      admin(:post, "/__admin/clock", { clock: instant })["clock"]
    end

    # The header that sets the world's clock for one request ("HH:MM" in Paris, or ISO 8601).
    def clock(moment)
      { CLOCK_HEADER => moment }
    end

    # Set a mark that `verify(since:)` starts from.
    def mark(label)
      admin(:post, "/__admin/marks", { label: label })
    end

    # The journal since the last reset.
    def requests
      admin(:get, "/__admin/requests")["requests"]
    end

    # The journal as a VCR cassette (YAML) that VCR and vcrpy replay, tokens masked.
    def cassette
      admin(:get, "/__admin/requests?format=vcr", raw: true)
    end

    # The journal as a HAR 1.2 log.
    def har
      admin(:get, "/__admin/requests?format=har")
    end

    # Raise ContractViolation with the report when a request since the reset (or the mark) broke a rule.
    def verify(since: nil)
      query = since ? { since: since } : {}
      result = admin(:get, "/__admin/verify?#{URI.encode_www_form(query.merge(format: "json"))}")
      return result if result["verdict"] == "passed"

      report = admin(:get, "/__admin/verify?#{URI.encode_www_form(query.merge(format: "text"))}", raw: true)
      raise ContractViolation.new(report, result["rules"])
    end

    private

    def admin(method, path, body = nil, raw: false)
      uri = URI("#{base_url}#{path}")
      request = { get: Net::HTTP::Get, post: Net::HTTP::Post, delete: Net::HTTP::Delete }.fetch(method).new(uri)
      request["Authorization"] = "Bearer #{@admin_token}" if @admin_token
      if body
        request["Content-Type"] = "application/json"
        request.body = body.to_json
      end
      answer = Net::HTTP.start(uri.host, uri.port, open_timeout: 2, read_timeout: 30) { |http| http.request(request) }
      raise "#{method.upcase} #{path}: #{answer.code} #{answer.body}" unless answer.is_a?(Net::HTTPSuccess)
      return answer.body if raw

      answer.body.to_s.empty? ? nil : JSON.parse(answer.body)
    end
  end
end
