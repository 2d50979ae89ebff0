# frozen_string_literal: true

# A small client of API Entreprise's v3 INSEE and URSSAF routes, as an integrator writes one with
# Net::HTTP: the company's name, and its URSSAF certificate (attestation de vigilance).
require "json"
require "net/http"
require "uri"

class EntrepriseClient
  # Any answer the client cannot turn into data; `status` is the API's, or nil when none came.
  class Error < StandardError
    attr_reader :status

    def initialize(message, status = nil)
      super(message)
      @status = status
    end
  end

  # What every call says: the frame of the call, the public body the data is for, and why.
  def initialize(base_url, token:, recipient:, context: "aides publiques", object: "dossier 42", timeout: 5)
    @base_url = base_url
    @token = token
    @traceability = { context: context, recipient: recipient, object: object }.compact
    @timeout = timeout
  end

  # The company's name (raison sociale, or the person's name for a sole trader).
  def company_name(siren)
    data = get("/v3/insee/sirene/unites_legales/#{siren}")
    legal = data["personne_morale_attributs"] || {}
    legal["raison_sociale"] || [data.dig("personne_physique_attributs", "prenom_usuel"),
                                data.dig("personne_physique_attributs", "nom_naissance")].compact.join(" ")
  end

  # The URL of the company's URSSAF certificate.
  def certificate_url(siren)
    get("/v3/urssaf/unites_legales/#{siren}/attestation_vigilance")["document_url"]
  end

  private

  def get(path)
    uri = URI("#{@base_url}#{path}?#{URI.encode_www_form(@traceability)}")
    request = Net::HTTP::Get.new(uri)
    request["Authorization"] = "Bearer #{@token}"
    answer = Net::HTTP.start(uri.host, uri.port, open_timeout: @timeout, read_timeout: @timeout) do |http|
      http.request(request)
    end
    unless answer.code == "200"
      errors = (JSON.parse(answer.body)["errors"] rescue nil) || []
      raise Error.new("#{answer.code}: #{errors.map { |error| error["detail"] }.join("; ")}", answer.code.to_i)
    end
    JSON.parse(answer.body)["data"]
  rescue Net::OpenTimeout, Net::ReadTimeout => e
    raise Error, "no answer within #{@timeout} s (#{e.class})"
  end
end
