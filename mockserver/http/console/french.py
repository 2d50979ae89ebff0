"""The console's words in French: what each scenario plays, what each preset token is, what each rule requires.

The page is in French for the QA testers of French public bodies; the scenario table, the token
presets and the contract rules describe themselves in English for the CLI, the kit and docs/.
One entry per row of each: a row added without its French words fails ``tests/test_console.py``.
"""

SCENARIOS = {
    "not_found": "Le fournisseur ne connaît pas l'identifiant.",
    "non_diffusible": "L'unité s'est opposée à la diffusion commerciale : 451 sauf avec non_diffusables=true, "
    "qui donne alors toutes les données avec diffusable_commercialement à false (v3/v4 : 200, unité "
    "partiellement diffusible).",
    "never_diffused": "Unité diffusée à personne (défense, unités de paie) : 451, même avec non_diffusables=true.",
    "redirected": "Identifiant en doublon : 301 vers la même route sur l'identifiant qui l'a remplacé, paramètres "
    "conservés (v3/v4 : 200 avec les données du successeur et meta.redirect_from_siren).",
    "partial_content": "L'un des fournisseurs de la route a échoué : 206, ses valeurs valent « Donnée indisponible ».",
    "provider_error": "Le fournisseur a répondu par une erreur que l'API ne prend pas en charge.",
    "provider_unavailable": "Le fournisseur est en panne ou en maintenance.",
    "provider_timeout": "Le fournisseur n'a pas répondu dans les 10 s de l'API.",
    "slow_provider": "Réponse normale, retardée de MOCKSERVER_SLOW_PROVIDER_SECONDS (6 s par défaut) : au-delà d'un "
    "délai client de 5 s, en deçà des 10 s de l'API.",
    "acoss_daily_cap": "L'ACOSS délivre dix attestations de vigilance par jour et par SIREN : les dix premières de la "
    "journée (heure de Paris) répondent 200, les suivantes 503 jusqu'à minuit. POST /__admin/reset recommence la "
    "journée.",
    "acoss_refusal": "Entreprise que l'ACOSS refuse d'attester (FUNC517) : 404 avec le message de l'ACOSS, bien que "
    "les autres fournisseurs la connaissent.",
    "dgfip_not_in_order": "Entreprise qui n'est pas en règle avec ses obligations fiscales : l'attestation fiscale "
    "répond 404 avec le message de la DGFIP.",
    "rge_pdf_unavailable": "L'ADEME n'a pas pu récupérer un certificat : l'url_certificat de la première "
    "qualification porte le texte d'erreur de l'ADEME au lieu d'une URL.",
    "association_without_documents": "Association qui n'a déposé aucun document : 200 avec une liste de documents "
    "vide.",
    "msa_not_up_to_date": "MSA : l'employeur n'est pas à jour de ses cotisations (a_jour à false).",
    "msa_analysis_in_progress": "MSA : un agent analyse le compte (analyse_en_cours à true, a_jour à null).",
    "probtp_not_eligible": "PRO BTP : le compte n'est pas éligible à une attestation de cotisations (message "
    "« 01 … »).",
    "agefiph_never_compliant": "AGEFIPH : aucune année de conformité n'est connue ; la route réelle répond alors 404.",
    "bdf_too_few_bilans": "Banque de France : moins de trois bilans sont connus : 404, comme la route réelle.",
    "provider_maintenance": "Le fournisseur est dans sa fenêtre de maintenance quotidienne : 503 (sous-code 020), "
    "les heures de la fenêtre dans le détail et meta.retry_in, avant la vérification de l'identifiant. Routes de la "
    "DGFIP, de la MSA, de la CNETP et de la Banque de France ; la fenêtre vient aussi quand X-Mock-Clock y place "
    "l'horloge du monde.",
    "dgfip_not_subject_to_is": "DGFIP : l'entreprise n'est pas soumise à l'impôt sur les sociétés : 502 avec le "
    "message de la DGFIP sur exercices, 502 03501 sur les liasses ; les routes v3 répondent 404 (aucune liasse).",
    "dissolved_association": 'RNA : l\'association est dissoute (date_dissolution renseignée, etat à "false").',
    "inpi_no_rights": "INPI : aucun brevet, dessin ou marque : tous les compteurs à 0, toutes les listes vides.",
    "insufficient_privileges": "Routes v3/v4 seulement : l'API refuse le jeton pour cet appel, 403 (00100), quels "
    "que soient ses scopes : la réaction du client à une habilitation manquante, sans jeton restreint à fabriquer.",
    "urssaf_refusal": "URSSAF v4 : l'entreprise n'est pas à jour de ses cotisations : 200 avec entity_status "
    "refus_de_delivrance et aucun document.",
    "msa_up_to_date": "MSA : l'employeur est à jour (v3 status up_to_date, v2 a_jour à true), comme le cas officiel "
    "de recette 20005379100014.",
    "rge_certified": "ADEME v3 : des qualifications RGE (d'un installateur de chauffage) sont listées quel que soit "
    "le métier de l'entreprise, comme l'exemple officiel de recette 13002526500013.",
    "known_by_provider": "CARIF-OREF, CIBTP, Data Subvention, EORI, successions INSEE, Qualifelec, RNM : le "
    "fournisseur connaît l'unité quelle que soit sa population et répond avec les faits du monde fictif, comme les "
    "exemples officiels de recette.",
    "rate_limited": "Le budget du jeton est épuisé : 429 avec les en-têtes RateLimit-* et un Retry-After d'une "
    "seconde, sur les routes soumises à une limite de débit. Par en-tête, Prefer ou forçage seulement : aucun "
    "identifiant ne lui est réservé.",
}

PRESETS = {
    "default": "Tous les scopes, valable jusqu'en 2100 : le jeton à coller dans une configuration d'intégration "
    "continue.",
    "restricted": "Le seul scope entreprises : toute autre route de données répond 403.",
    "expired": "Tous les scopes, expiré le 1er janvier 2024 : toute route répond 401 (00103).",
    "revoked": "Tous les scopes, valable jusqu'en 2100, mais sur la liste noire de l'API (un jeton divulgué puis "
    "révoqué) : toute route répond 401 (00105), avant la limite de débit.",
    "ip_restricted": "Tous les scopes, valable jusqu'en 2100, utilisable seulement depuis 192.0.2.10 (envoyée en "
    "X-Forwarded-For) : de toute autre adresse, toute route répond 403 (00107).",
    "mcp": "Tous les scopes et la revendication mcp, valable jusqu'en 2100 : le jeton du point d'accès MCP "
    "(POST /mcp), dont il liste tous les outils.",
}

RULES = {
    "missing_traceability": "context, recipient et object sont obligatoires sur toute route de données",
    "invalid_recipient": "recipient doit être un SIRET valide (v3)",
    "token_in_query": "le jeton va dans l'en-tête Authorization (v3)",
    "invalid_identifier": "les identifiants sont vérifiés (chiffres, clé de Luhn) avant d'interroger un fournisseur",
    "rate_limit_exceeded": "un jeton n'envoie qu'un nombre limité de requêtes par minute à un groupe de routes",
    "retry_after_ignored": "après un 429, attendre Retry-After secondes avant de rappeler le groupe",
    "document_expired": "l'URL d'un document vit 24 heures : le stockage supprime ensuite le fichier",
    "inpi_link_expired": "le lien d'un document du RNE de l'INPI vit une heure",
    "unknown_route": "l'API ne répond qu'aux routes de son catalogue, en GET",
    "non_diffusible_option": "les données d'une unité non diffusible demandent exactement non_diffusables=true",
}
