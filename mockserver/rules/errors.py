"""The one table of errors, and how a raised error becomes a v2 or a v3 body.

Codes, titles and details come from the API's error catalogue (CONTRACT §1.5, §3.5). A code
of three digits is a provider subcode: the endpoint's two-digit provider code is put in
front of it (``003`` from INSEE is ``01003``). Stages raise ``ApiError`` with keys of this
table, never with literal messages; v3 and v4 routes word some of them as the current
catalogue does (``CURRENT_ERRORS``).
"""

from dataclasses import dataclass

NOT_FOUND_DETAIL = (
    "Le siret ou siren indiqué n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel"
)

# DGFIP and ACOSS name their own outcomes (SIADE-2022 responses: ACOSS FUNC517; FUNC429,
# the provider's daily cap, is one of the codes it maps to 503, with its own description).
DGFIP_NOT_FOUND_DETAIL = (
    "Le siret ou siren indiqué n'existe pas, n'est pas connu, n'est pas en règle de ses obligations fiscales "
    "ou ne comporte aucune information pour cet appel."
)
ACOSS_NOT_FOUND_DETAIL = (
    "Siren invalide, l'ACOSS ne peut délivrer d'attestation (erreur: Le siren est inconnu du SI Attestations, "
    "radié ou hors périmètre Code d'erreur ACOSS : FUNC517)"
)
ACOSS_DAILY_CAP_DETAIL = (
    "L'ACOSS ne peut répondre à votre requête, réessayez ultérieurement (erreur: Le nombre maximal "
    "d'attestations délivrables par jour pour ce SIREN est atteint)"
)
# DGFIP's answer for a company outside corporate tax, word for word (typos included) as the API sends it.
DGFIP_NOT_SUBJECT_TO_IS_DETAIL = (
    "Erreur de la DGFIP, celle intervient généralement lorsque l'organisme n'est pas soumis à l'impôt sur les "
    "sociétés. Si c'est bien le cas il est possible que les comptes n'est pas encore été déposés aux greffes."
)


# How the current routes word a 404 and a 451 (siade ValidateResponse#not_found_message, NotFoundError, the INSEE
# ValidateResponse classes): the provider's sentence naming the identifier, then NotFoundError's own sentence.
PERIMETER_SENTENCE = " Veuillez vérifier que votre recherche est couverte par le périmètre de l'API."


def not_found_detail(subject: str) -> str:
    """Return a current route's 404 detail for an identifier named ``subject`` ("Le siren", "L'identifiant")."""
    return (
        f"{subject} indiqué n'existe pas, n'est pas connu ou ne comporte aucune information pour cet appel."
        + PERIMETER_SENTENCE
    )


# The INSEE head-office search words its own, without a full stop before the appended sentence.
INSEE_SIEGE_NOT_FOUND_DETAIL = (
    "Le siren indiqué n'existe pas, n'est pas connu, est possiblement une entité pour laquelle aucun organisme ne "
    "peut avoir accès, ou ne comporte aucune information pour cet appel" + PERIMETER_SENTENCE
)
NEVER_DIFFUSED_SIREN_DETAIL = "Le siren demandé est une entité pour laquelle aucun organisme ne peut avoir accès."
NEVER_DIFFUSED_SIRET_DETAIL = "Le siret demandé est une entité pour laquelle aucun organisme ne peut avoir accès."


@dataclass(frozen=True)
class ErrorSpec:
    """One error of the catalogue: HTTP status, code, title, detail, offending parameter."""

    status: int
    code: str
    title: str
    detail: str
    parameter: str | None = None
    # The request header at fault, for the errors whose source is a header rather than a parameter.
    header: str | None = None

    @property
    def source(self) -> dict | None:
        """Return the error's ``source`` member: the parameter or header at fault, if any."""
        if self.parameter:
            return {"parameter": self.parameter}
        if self.header:
            return {"header": self.header}
        return None


ERRORS = {
    # Authentication and authorisation.
    "insufficient_privileges": ErrorSpec(
        403,
        "00100",
        "Privilèges insuffisants",
        "Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges "
        "grâce à un GET sur /v2/privileges?token=VOTRE_TOKEN",
        "token",
    ),
    "invalid_token": ErrorSpec(
        401, "00101", "Interdit", "Votre token n'est pas valide ou n'est pas renseigné", "token"
    ),
    "expired_token": ErrorSpec(
        401,
        "00103",
        "Jeton expiré",
        "Votre token est expiré. Vous devez refaire une demande à API Entreprise, un guide est "
        "disponible sur https://entreprise.api.gouv.fr/doc/#renouvellement-token.",
        "token",
    ),
    # Mandatory traceability parameters.
    "missing_context": ErrorSpec(
        422, "00201", "Entité non traitable", "Le paramètre context est obligatoire", "context"
    ),
    "missing_object": ErrorSpec(422, "00202", "Entité non traitable", "Le paramètre object est obligatoire", "object"),
    "missing_recipient": ErrorSpec(
        422, "00203", "Entité non traitable", "Le paramètre recipient est obligatoire", "recipient"
    ),
    # Identifiers and parameters.
    "invalid_siren": ErrorSpec(
        422, "00301", "Entité non traitable", "Le numéro de siren n'est pas correctement formatté", "siren"
    ),
    "invalid_siret": ErrorSpec(
        422, "00302", "Entité non traitable", "Le numéro de siret n'est pas correctement formatté", "siret"
    ),
    "invalid_siret_or_rna": ErrorSpec(
        422,
        "00303",
        "Entité non traitable",
        "Le numéro de siret ou le numéro d'association indiqué n'est pas correctement formatté",
        "id",
    ),
    "invalid_year": ErrorSpec(422, "00307", "Entité non traitable", "L'année n'est pas correctement formatée", "annee"),
    # Rate limit.
    "too_many_requests": ErrorSpec(429, "00429", "Trop de requêtes", "Vous avez effectué trop de requêtes"),
    # Provider outcomes (subcodes, prefixed by the endpoint's provider code).
    "not_found": ErrorSpec(404, "003", "Ressource non trouvée", NOT_FOUND_DETAIL),
    # siade CIBTPMissingPaymentsError: a NotFoundError of its own subcode, title and detail.
    "cibtp_missing_payments": ErrorSpec(
        404,
        "422",
        "Attestation non disponible",
        "L'attestation ne peut être délivrée car l'entreprise n'est pas en règle de ses cotisations CIBTP.",
    ),
    "non_diffusible_siren": ErrorSpec(
        451,
        "005",
        "Indisponible pour des raisons légales",
        "Le SIREN est non diffusable, pour y accéder référez-vous à notre documentation.",
    ),
    "non_diffusible_siret": ErrorSpec(
        451,
        "005",
        "Indisponible pour des raisons légales",
        "Le SIRET est non diffusable, pour y accéder référez-vous à notre documentation.",
    ),
    "never_diffused": ErrorSpec(
        451,
        "005",
        "Indisponible pour des raisons légales",
        "Le siren ou siret demandé est une entité pour laquelle aucun organisme ne peut avoir accès.",
    ),
    "provider_error": ErrorSpec(
        502, "000", "Erreur inconnue", "Mauvaise réponse envoyée par le fournisseur de données"
    ),
    "provider_unavailable": ErrorSpec(
        503,
        "001",
        "Service non disponible",
        "Service du fournisseur de données temporairement indisponible ou en maintenance.",
    ),
    "provider_timeout": ErrorSpec(
        504, "002", "Intermédiaire hors-délai", "Temps d’attente d’une réponse du fournisseur de données écoulé."
    ),
    "internal_error": ErrorSpec(
        500,
        "00500",
        "Erreur interne",
        "Une erreur interne a été détectée, l'équipe d'API Entreprise a été notifié de l'erreur.",
    ),
    # Document routes (CONTRACT §1.4, §2.12, §2.13).
    "invalid_type_attestation": ErrorSpec(
        422,
        "00310",
        "Entité non traitable",
        "Le type d'attestation indiqué n'est pas correctement formatté (uniquement: AVG_UR)",
    ),
    "invalid_siren_is": ErrorSpec(
        422, "00311", "Entité non traitable", "Le siren_is n'est pas correctement formatté", "siren_is"
    ),
    "invalid_siren_tva": ErrorSpec(
        422, "00312", "Entité non traitable", "Le siren_tva n'est pas correctement formatté", "siren_tva"
    ),
    "not_found_dgfip": ErrorSpec(404, "003", "Ressource non trouvée", DGFIP_NOT_FOUND_DETAIL),
    "not_found_acoss": ErrorSpec(404, "003", "Ressource non trouvée", ACOSS_NOT_FOUND_DETAIL),
    "acoss_daily_cap": ErrorSpec(503, "001", "Service non disponible", ACOSS_DAILY_CAP_DETAIL),
    # Checks in front of the application (siade rack_attack.rb blocklists): a token on the blacklist, an
    # address outside the token's allowed ones. The dashboard URL names the API by its host.
    "blacklisted_token": ErrorSpec(
        401,
        "00105",
        "Jeton sur liste noire",
        "Votre jeton est sur liste noire, celui-ci a certainement été divulgué sur un canal non-sécurisé. Vous "
        "pouvez trouver un jeton valide sur votre espace personnel: https://entreprise.api.gouv.fr/compte",
        "token",
    ),
    "forbidden_ip": ErrorSpec(
        403,
        "00107",
        "Adresse IP non autorisée",
        "Votre adresse IP n'est pas autorisée à utiliser ce jeton.",
        header="X-Forwarded-For",
    ),
    # The same token and parameters while an identical request is in flight (siade APIController, v3 and later).
    "conflict": ErrorSpec(
        409,
        "00015",
        "Conflit",
        "Une requête associé à votre jeton est déjà en cours de traitement pour ces paramètres. Veuillez attendre "
        "la fin du traitement avant d'effectuer une nouvelle requête.",
    ),
    # The INPI RNE documents' proxy (siade INPIProxyController): a uuid it cannot decrypt, a link past its hour.
    "invalid_uuid": ErrorSpec(
        422, "00314", "Entité non traitable", "Le paramètre uuid n'est pas correctement formatté", "uuid"
    ),
    "expired_link": ErrorSpec(410, "00403", "Lien expiré", "Le lien de téléchargement est expiré."),
    # A provider in its maintenance window (siade MaintenanceError): the detail names the window when known.
    "provider_maintenance": ErrorSpec(
        503, "020", "Maintenance du fournisseur de données", "Le fournisseur de données semble être en maintenance"
    ),
    # The sandbox's own errors: no counterpart in the real catalogue, so codes of their own (99xxx).
    "unknown_scenario": ErrorSpec(
        400,
        "99001",
        "Scénario inconnu",
        "Scénario inconnu ou non disponible pour cette route : voir GET /__admin/scenarios",
    ),
    "unknown_route": ErrorSpec(
        404,
        "99002",
        "Route inconnue",
        "Aucune route du bac à sable ne correspond à cette URL : voir GET /__admin/routes",
    ),
    "method_not_allowed": ErrorSpec(
        405, "99003", "Méthode non autorisée", "Seule la méthode GET est acceptée par l'API"
    ),
    "bad_request": ErrorSpec(400, "99004", "Requête invalide", "Votre requête est invalide"),
    # A malformed Accept header, refused when Rails negotiates the format (ApiController#process_action).
    "invalid_accept": ErrorSpec(400, "00401", "Mauvaise requête", "Votre requête est invalide"),
    "invalid_clock": ErrorSpec(
        400,
        "99007",
        "Horloge invalide",
        "L'en-tête X-Mock-Clock doit être une heure de Paris (HH:MM), une date (AAAA-MM-JJ) ou une date et "
        "heure ISO 8601 entre 1900 et 2100, par exemple 2025-06-30T01:30:00+02:00",
    ),
    # The console's admin helpers (sandbox only).
    "unknown_identifier_kind": ErrorSpec(
        404,
        "99005",
        "Type d'identifiant inconnu",
        "Aucun tirage possible pour ce type d'identifiant : voir path_parameters dans GET /__admin/routes",
    ),
    "unknown_draw_route": ErrorSpec(
        404,
        "99018",
        "Route inconnue pour ce tirage",
        "route doit être le nom d'une route du catalogue dont le chemin prend ce type d'identifiant : "
        "voir name et path_parameters dans GET /__admin/routes",
    ),
    "draw_search_exhausted": ErrorSpec(
        404,
        "99008",
        "Aucun identifiant trouvé",
        "Aucun des identifiants tirés n'obtient de réponse 200 de cette route : essayez une autre graine (seed)",
    ),
    "invalid_try_request": ErrorSpec(
        400,
        "99006",
        "Essai invalide",
        "Le corps doit être un objet JSON : path (un chemin commençant par /), query et headers "
        "(des objets de chaînes)",
    ),
    # The verification of the journal (sandbox only).
    "unknown_verify_format": ErrorSpec(
        400,
        "99011",
        "Format de vérification inconnu",
        "format doit valoir text, json, junit ou github",
    ),
    "unknown_journal_format": ErrorSpec(
        400,
        "99015",
        "Format de journal inconnu",
        "format doit valoir json, har (HAR 1.2) ou vcr (une cassette VCR)",
    ),
    "unknown_verify_mark": ErrorSpec(
        404,
        "99012",
        "Repère inconnu",
        "Aucun repère de ce nom depuis la dernière remise à zéro : posez-le avec POST /__admin/marks",
    ),
    "invalid_matrix_request": ErrorSpec(
        400,
        "99014",
        "Matrice invalide",
        "route doit nommer une route du catalogue (répétez-le pour plusieurs routes, voir GET /__admin/routes) "
        "et timeout, s'il est donné, un nombre de secondes",
    ),
    "invalid_mark": ErrorSpec(
        400,
        "99013",
        "Repère invalide",
        "Le corps doit être un objet JSON : label (une chaîne d'une ligne, 200 caractères au plus)",
    ),
    # The admin API's own bounds and access control (sandbox only).
    "payload_too_large": ErrorSpec(
        413, "99019", "Corps trop volumineux", "Le corps d'une requête d'administration est limité à 64 Kio"
    ),
    "admin_host_not_allowed": ErrorSpec(
        403,
        "99017",
        "Hôte non autorisé",
        "Sans jeton d'administration, l'API d'administration ne répond qu'à localhost et à l'hôte configuré : "
        "ajoutez ce nom d'hôte à MOCKSERVER_ADMIN_HOSTS, ou protégez l'instance par MOCKSERVER_ADMIN_TOKEN",
    ),
    "request_timeout": ErrorSpec(
        408, "99016", "Corps trop lent", "Le corps de la requête doit arriver en entier dans les 5 secondes"
    ),
    "admin_token_required": ErrorSpec(
        401,
        "99020",
        "Jeton d'administration requis",
        "Cette instance protège son API d'administration : envoyez Authorization: Bearer <MOCKSERVER_ADMIN_TOKEN>",
    ),
    "private_tokens_need_admin_token": ErrorSpec(
        403,
        "99010",
        "Jetons privés non distribués",
        "Cette instance signe ses jetons avec un secret privé : ils ne sont distribués qu'avec MOCKSERVER_ADMIN_TOKEN",
    ),
    "cross_site_admin_call": ErrorSpec(
        403,
        "99009",
        "Appel d'un autre site refusé",
        "Une requête d'administration qui modifie l'état doit venir de la même origine que le bac à sable",
    ),
    # Provider outcomes of the v2 JSON routes of DGFIP and the Banque de France.
    "dgfip_not_subject_to_is": ErrorSpec(502, "000", "Erreur inconnue", DGFIP_NOT_SUBJECT_TO_IS_DETAIL),
    "dgfip_potential_not_found": ErrorSpec(
        502,
        "03501",
        "Potentielle ressource non trouvée",
        "Le serveur a renvoyé une erreur interne, mais cela peut aussi indiquer que le siret ou siren renseigné "
        "n'existe pas, n'est pas connu, n'est pas en règle de ses obligations fiscales ou ne comporte aucune "
        "information pour cet appel.",
    ),
    # v3 traceability rules on recipient (CONTRACT §3.3; siade_errors_2026-04.yml).
    "invalid_recipient": ErrorSpec(
        422, "00210", "Entité non traitable", "Le paramètre recipient n'est pas un siret valide", "recipient"
    ),
    # A version the real router accepts and the route's controller refuses (CONTRACT §3.1). The sandbox
    # routes one such version only: v4 of the address, which the v4 payloads link to.
    "unsupported_version": ErrorSpec(
        404, "00402", "Version d'API non prise en charge", "La version v4 n'est pas supportée pour cet endpoint"
    ),
    # Parameters of the other current routes (siade_errors_2026-04.yml).
    "invalid_siren_or_rna": ErrorSpec(
        422,
        "00333",
        "Entité non traitable",
        "Le numéro de siren ou le numéro d'association indiqué n'est pas correctement formatté",
        "id",
    ),
    "invalid_dgfip_year": ErrorSpec(
        422,
        "00315",
        "Entité non traitable",
        "L'année n'est pas valide : elle doit être comprise entre 2006 et l'année précédente",
    ),
    "invalid_limit": ErrorSpec(
        422, "00313", "Entité non traitable", "Le paramètre limit n'est pas correctement formatté", "limit"
    ),
    "invalid_siret_or_eori": ErrorSpec(
        422,
        "00304",
        "Entité non traitable",
        "Le numéro de siret ou le numéro EORI n'est pas correctement formatté",
        "id",
    ),
    "invalid_month": ErrorSpec(422, "00305", "Entité non traitable", "Le format du mois n'est pas valide", "month"),
    "invalid_siren_or_siret_or_rna": ErrorSpec(
        422,
        "00330",
        "Entité non traitable",
        "Le numéro de siren ou le numéro de siret ou le numéro d'association indiqué n'est pas correctement formatté",
        "id",
    ),
    "invalid_gip_mds_depth": ErrorSpec(
        422,
        "00390",
        "Entité non traitable",
        "La valeur de la profondeur n'est pas valide: celle-ci doit être comprise entre 1 et 13",
    ),
}

# How v3 and v4 routes word the outcomes whose text or status changed since v2: the current
# catalogue (siade_errors_2026-04.yml) and the current OpenAPI's examples (CONTRACT §3.5).
# Subcode 001 is a provider error, 502, in v3 (siade ProviderUnavailable, kind provider_error), where
# the 2020 v2 documentation answered 503.
CURRENT_ERRORS = {
    "insufficient_privileges": ErrorSpec(
        403,
        "00100",
        "Privilèges insuffisants",
        "Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges sur /v2/privileges",
        "token",
    ),
    "expired_token": ErrorSpec(
        401,
        "00103",
        "Jeton expiré",
        "Votre token est expiré. Vous devez refaire une demande à API Entreprise, un guide est disponible sur "
        "https://entreprise.api.gouv.fr/faq#comment-renouveler-mon-jeton-arrivant-a-expiration",
        "token",
    ),
    "not_found": ErrorSpec(
        404,
        "003",
        "Entité non trouvée",
        "Le ou les paramètre(s) d'entrée n'existent pas, ne sont pas connus, ou ne comportent aucune information "
        "pour cet appel." + PERIMETER_SENTENCE,
    ),
    "never_diffused": ErrorSpec(
        451, "005", "Indisponible pour des raisons légales", "Cette entité n'est accessible par aucun organisme."
    ),
    # The current routes name the year "year" and the catalogue gives this error no source.
    "invalid_year": ErrorSpec(422, "00307", "Entité non traitable", "L'année n'est pas correctement formatée"),
    "provider_error": ErrorSpec(
        502,
        "999",
        "Erreur inconnue du fournisseur de données",
        "La réponse retournée par le fournisseur de données est invalide et inconnue de notre service. "
        "L'équipe technique a été notifiée de cette erreur pour investigation.",
    ),
    "provider_unavailable": ErrorSpec(
        502,
        "001",
        "Service non disponible",
        "Service du fournisseur de données temporairement indisponible ou en maintenance.",
    ),
}
# The plain-text body of every /v2/ data route since production switched v2 off on 2023-11-15
# (siade ErrorsController#gone, datagouv/apistration).
V2_GONE_BODY = (
    "Cette URL n'existe plus sur API entreprise depuis le 15/11/2023, veuillez migrer sur la version 3 "
    "d'API Entreprise. Plus d'infos ici: https://entreprise.api.gouv.fr/developpeurs/guide-migration"
)

# The plain-text bodies of the INPI's first v3 routes, which production still routes to a 410 Gone
# (siade config/routes/api_entreprise.rb): the acts moved to the RNE's actes_bilans, the others are no more.
INPI_ACTES_GONE_BODY = (
    "Cette route a été déplacée. Merci de mettre à jour votre application vers la nouvelle route. Vous pouvez "
    "consulter la documentation à l'adresse suivante: https://entreprise.api.gouv.fr/catalogue/inpi/rne/actes_bilans"
)
INPI_GONE_BODY = (
    "Cette route n'existe plus sur API Entreprise. Vous pouvez consulter la liste des routes sur notre "
    "documentation OpenAPI: https://entreprise.api.gouv.fr/developpeurs/openapi"
)

# Provider names and their two-digit codes (CONTRACT §3.5).
PROVIDER_CODES = {
    "API Entreprise": "00",
    "INSEE": "01",
    "Infogreffe": "02",
    "DGFIP": "03",
    "ACOSS": "04",
    "INPI": "05",
    "Qualibat": "06",
    "RNA": "07",
    "CNETP": "08",
    "ProBTP": "09",
    "MSA": "10",
    "OPQIBI": "11",
    "FNTP": "12",
    "Fabrique numérique des Ministères Sociaux": "14",
    "Banque de France": "17",
    "ADEME": "19",
    # The v2 DGFIP routes name their provider after DGFIP's Adélie service.
    "DGFIP - Adélie": "03",
    # AGEFIPH left the API with v2 and is absent from the published list: 13 is the gap it left (inferred).
    "Agefiph": "13",
    # Current providers (CONTRACT §3.5), named as the v3 errors' meta.provider names them.
    "Commission Européenne": "28",
    "DJEPVA": "29",
    "INPI - RNE": "34",
    "CIBTP": "38",
    # The other current providers, named as their organizers name them (siade ErrorsBackend).
    "CMA France": "15",
    "DGDDI": "16",
    "Agence BIO": "18",
    "MI": "21",
    "GIP-MDS": "31",
    "Qualifelec": "32",
    "CARIF-OREF": "33",
    "DataSubvention": "52",
}


class ApiError(Exception):
    """A request outcome that is an error body: one or more keys of ``ERRORS``."""

    def __init__(self, *keys: str, detail: str | None = None, meta: dict | None = None):
        super().__init__(", ".join(keys))
        self.keys = keys
        # The provider's own words for the first error: its detail, and what it adds to ``meta``.
        self.detail = detail
        self.meta = meta or {}

    @property
    def status(self) -> int:
        """Return the HTTP status: the first error's."""
        return ERRORS[self.keys[0]].status


def error_object(key: str, provider: str, detail: str | None = None, meta: dict | None = None) -> dict:
    """Return the JSON:API error object of ``key`` for an endpoint of ``provider``, in the provider's words if given."""
    spec = ERRORS[key]
    is_subcode = len(spec.code) == 3
    entry = {
        "code": PROVIDER_CODES[provider] + spec.code if is_subcode else spec.code,
        "title": spec.title,
        "detail": detail or spec.detail,
    }
    if spec.source:
        entry["source"] = spec.source
    # A provider's error names it, be it a generic subcode or a code of the provider's own (03501).
    if is_subcode or entry["code"][:2] == PROVIDER_CODES[provider] != PROVIDER_CODES["API Entreprise"]:
        entry["meta"] = {"provider": provider, **(meta or {})}
    return entry


def v2_error_body(error: ApiError, provider: str, json_api: bool, gateway_error: bool) -> dict:
    """Return the v2 body of ``error``: flat strings, or JSON:API objects on request."""
    first = error.keys[0]
    if json_api:
        body: dict = {"errors": [error_object(first, provider, error.detail, error.meta)]}
        body["errors"] += [error_object(key, provider) for key in error.keys[1:]]
    else:
        body = {"errors": [error.detail or ERRORS[first].detail] + [ERRORS[key].detail for key in error.keys[1:]]}
    if gateway_error:
        body["gateway_error"] = True
    return body


def spec(key: str, version: str) -> ErrorSpec:
    """Return the catalogue entry of ``key`` as the routes of API ``version`` word it."""
    if version != "v2" and key in CURRENT_ERRORS:
        return CURRENT_ERRORS[key]
    return ERRORS[key]


def current_error_object(
    key: str, provider: str, version: str, detail: str | None = None, meta: dict | None = None
) -> dict:
    """Return the v3 JSON:API error object of ``key``: ``meta`` always there, ``source`` when known."""
    entry = spec(key, version)
    is_subcode = len(entry.code) == 3
    body = {
        "code": PROVIDER_CODES[provider] + entry.code if is_subcode else entry.code,
        "title": entry.title,
        "detail": detail or entry.detail,
    }
    # The real serializer drops a null source but keeps an empty meta.
    if entry.source:
        body["source"] = entry.source
    body["meta"] = {"provider": provider, **(meta or {})} if is_subcode else {}
    return body


def current_error_body(error: ApiError, provider: str, version: str) -> dict:
    """Return the v3 body of ``error``: JSON:API objects, whatever ``error_format`` says."""
    first, *others = error.keys
    objects = [current_error_object(first, provider, version, error.detail, error.meta)]
    return {"errors": objects + [current_error_object(key, provider, version) for key in others]}
