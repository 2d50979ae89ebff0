# frozen_string_literal: true

# The client's tests against a sandbox: the data, every answer of the scenario matrix, and a
# deliberate violation that the sandbox's verification must catch.
require_relative "spec_helper"
require_relative "../entreprise_client"

RECIPIENT = "13002526500013" # the SIRET of the public body the data is for
SIREN = "418166096"
ROUTE = "api_entreprise_v3_insee_unites_legales"

RSpec.describe EntrepriseClient do
  subject(:client) { described_class.new(SANDBOX.base_url, token: SANDBOX.token, recipient: RECIPIENT, timeout: 2) }

  # Every example starts from an empty journal; its requests are verified after it.
  before { SANDBOX.reset }

  it "reads the company's name" do
    expect(client.company_name(SIREN)).to eq("OCTO-TECHNOLOGY")
    SANDBOX.verify
  end

  it "reads the URL of the URSSAF certificate" do
    expect(client.certificate_url(SIREN)).to match(%r{/siade/.+attestation_vigilance.+\.pdf\z})
    SANDBOX.verify
  end

  it "reads the company at a pinned instant of the world" do
    expect(SANDBOX.pin_clock("2024-01-15")).to start_with("2024-01-15")
    expect(client.company_name(SIREN)).to eq("OCTO-TECHNOLOGY")
    SANDBOX.verify
  end

  # Tokens minted by the helper: the route's scope gives the data; without it 403, expired 401.
  {
    "with the route's scope" => [%w[unites_legales_etablissements_insee], false, nil],
    "without the route's scope" => [[], false, 403],
    "expired" => [%w[unites_legales_etablissements_insee], true, 401]
  }.each do |name, (scopes, expired, status)|
    it "is answered #{status || 200} with a minted token #{name}" do
      token = SANDBOX.token(scopes, expired: expired)
      minted = described_class.new(SANDBOX.base_url, token: token, recipient: RECIPIENT)
      if status
        expect { minted.company_name(SIREN) }.to raise_error(EntrepriseClient::Error) { |error|
          expect(error.status).to eq(status)
        }
      else
        expect(minted.company_name(SIREN)).to eq("OCTO-TECHNOLOGY")
      end
      SANDBOX.verify
    end
  end

  SANDBOX.matrix(ROUTE, timeout: 2).each do |column|
    it "survives #{column["scenario"]} (#{column["status"]})" do
      SANDBOX.play(column)
      siren = column["scenario"] == "invalid_identifier" ? "418166097" : SIREN
      begin
        client.company_name(siren)
      rescue EntrepriseClient::Error => e
        expect(%w[nominal redirected non_diffusible]).not_to include(column["scenario"]), e.message
      end
      # The mistyped identifier is what that column plays: the rule it breaks is expected there.
      SANDBOX.verify
    rescue ApiEntrepriseSandbox::ContractViolation => e
      raise unless (e.rules - column["expected_violations"]).empty?
    end
  end

  it "is caught when it forgets the recipient (deliberate violation)", :deliberate do
    forgetful = described_class.new(SANDBOX.base_url, token: SANDBOX.token, recipient: nil)
    expect { forgetful.company_name(SIREN) }.to raise_error(EntrepriseClient::Error)
    expect { SANDBOX.verify }.to raise_error(ApiEntrepriseSandbox::ContractViolation) { |violation|
      expect(violation.rules).to eq(["missing_traceability"])
      expect(violation.message).to include("fix: Send all three")
    }
  end
end
