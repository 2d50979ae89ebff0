# frozen_string_literal: true

# The sandbox's journal as a VCR cassette: answers recorded once from the sandbox, replayed by VCR
# with the sandbox out of the loop, as a team that keeps stub-based tests would use them.
require "tmpdir"
require "vcr"
require "webmock"
require_relative "spec_helper"
require_relative "../entreprise_client"

# WebMock intercepts only inside the replay below: the other examples talk to the sandbox.
WebMock.disable!

RSpec.describe "a cassette exported from the sandbox's journal" do
  let(:client) { EntrepriseClient.new(SANDBOX.base_url, token: SANDBOX.token, recipient: "13002526500013") }

  it "is replayed by VCR without the sandbox" do
    SANDBOX.reset
    expect(client.company_name("418166096")).to eq("OCTO-TECHNOLOGY")
    cassette = SANDBOX.cassette
    SANDBOX.reset
    Dir.mktmpdir do |directory|
      File.write(File.join(directory, "api_entreprise.yml"), cassette)
      VCR.configure do |config|
        config.cassette_library_dir = directory
        config.hook_into :webmock
      end
      VCR.turn_on!
      WebMock.enable!
      begin
        # record: :none — a request the cassette does not hold raises instead of reaching the sandbox;
        # the query is matched by its parameters, as WebMock spells a URL its own way.
        VCR.use_cassette("api_entreprise", record: :none, match_requests_on: %i[method host path query]) do
          expect(client.company_name("418166096")).to eq("OCTO-TECHNOLOGY")
        end
      ensure
        WebMock.disable!
        VCR.turn_off!
      end
    end
    expect(SANDBOX.requests).to be_empty
  end
end
