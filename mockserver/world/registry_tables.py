"""The INPI's and the greffes' tables: greffes, observations, deposits, legal-form wordings, IP rights.

Codes follow Infogreffe's and the INPI's (greffe codes, natures of archive); each table lists a
representative subset, enough for believable variety, not a copy of the official lists.
"""

from mockserver.world.randomness import Weights

# Greffe (tribunal de commerce, or tribunal judiciaire in Alsace-Moselle) by département:
# (Infogreffe's code, seat). Every département of the communes table has one.
GREFFES = {
    "75": ("7501", "PARIS"),
    "92": ("9201", "NANTERRE"),
    "93": ("9301", "BOBIGNY"),
    "94": ("9401", "CRETEIL"),
    "45": ("4502", "ORLEANS"),
    "37": ("3701", "TOURS"),
    "21": ("2104", "DIJON"),
    "25": ("2501", "BESANCON"),
    "14": ("1402", "CAEN"),
    "76": ("7606", "ROUEN"),
    "59": ("5910", "LILLE METROPOLE"),
    "80": ("8002", "AMIENS"),
    "67": ("6752", "STRASBOURG"),
    "51": ("5101", "REIMS"),
    "57": ("5751", "METZ"),
    "54": ("5402", "NANCY"),
    "68": ("6852", "MULHOUSE"),
    "44": ("4401", "NANTES"),
    "49": ("4901", "ANGERS"),
    "72": ("7202", "LE MANS"),
    "35": ("3501", "RENNES"),
    "29": ("2901", "BREST"),
    "33": ("3302", "BORDEAUX"),
    "87": ("8701", "LIMOGES"),
    "86": ("8602", "POITIERS"),
    "64": ("6401", "PAU"),
    "17": ("1704", "LA ROCHELLE"),
    "31": ("3102", "TOULOUSE"),
    "34": ("3405", "MONTPELLIER"),
    "30": ("3003", "NIMES"),
    "66": ("6601", "PERPIGNAN"),
    "38": ("3801", "GRENOBLE"),
    "42": ("4202", "SAINT-ETIENNE"),
    "63": ("6303", "CLERMONT-FERRAND"),
    "74": ("7401", "ANNECY"),
    "06": ("0605", "NICE"),
    "83": ("8305", "TOULON"),
}

# Sole traders the RCS registers: traders, hotels and restaurants, not crafts or liberal professions (NAF divisions).
RCS_TRADER_NAF_PREFIXES = ("45", "46", "47", "55", "56")

# Observations a greffier writes on an RCS extract.
RCS_OBSERVATIONS = (
    "TRANSFERT DU SIEGE SOCIAL",
    "MODIFICATION DE L'OBJET SOCIAL",
    "CHANGEMENT DE DIRIGEANT",
    "NOMINATION D'UN NOUVEAU COMMISSAIRE AUX COMPTES",
    "LA SOCIETE NE CONSERVE AUCUNE ACTIVITE A SON ANCIEN SIEGE",
    "MODIFICATION DE LA DENOMINATION SOCIALE",
    "PROROGATION DE LA DUREE DE LA SOCIETE",
)

RCS_CAPITAL_OBSERVATION = "AUGMENTATION DU CAPITAL SOCIAL"

RCS_CLOSURE_OBSERVATION = "DISSOLUTION ANTICIPEE ET CLOTURE DES OPERATIONS DE LIQUIDATION"

# How the business was set up, as an extrait Kbis gives it.
BUSINESS_ORIGINS = Weights({"CREATION": 80, "ACHAT": 12, "APPORT": 8})

# Letter of the numéro de gestion: A for traders, D for civil companies, B for the others.
GESTION_LETTERS = {"1000": "A", "6540": "D"}

# The RNCS stock the INPI diffuses starts in 1993; its annual accounts in 2017.
RNCS_FIRST_YEAR = 1993

ACCOUNTS_FIRST_YEAR = 2017

# Acts deposited after the constitution, with how often each comes up.
LATER_ACTS = Weights(
    {
        "Procès-verbal d'assemblée générale ordinaire": 5,
        "Procès-verbal d'assemblée générale extraordinaire": 2,
        "Statuts mis à jour": 2,
        "Décision de nomination du dirigeant": 2,
        "Transfert du siège social": 1,
        "Augmentation du capital social": 1,
    }
)

CONSTITUTION_ACT = "Statuts constitutifs"

TRADER_ACT = "Déclaration d'immatriculation d'une personne physique"

# Legal forms that file their annual accounts at the greffe.
ACCOUNTS_FORMS = ("5499", "5498", "5710", "5720", "5599", "5699", "5485", "3120")

# Infogreffe's wording of the legal forms on an extrait Kbis: INSEE code -> (label, short code).
KBIS_LEGAL_FORMS = {
    "5499": ("SOCIETE A RESPONSABILITE LIMITEE", "SARL"),
    "5498": ("SOCIETE A RESPONSABILITE LIMITEE A ASSOCIE UNIQUE", "EURL"),
    "5485": ("SOCIETE D'EXERCICE LIBERAL A RESPONSABILITE LIMITEE", "SELARL"),
    "5710": ("SOCIETE PAR ACTIONS SIMPLIFIEE", "SAS"),
    "5720": ("SOCIETE PAR ACTIONS SIMPLIFIEE A ASSOCIE UNIQUE", "SASU"),
    "5599": ("SOCIETE ANONYME A CONSEIL D'ADMINISTRATION", "SA"),
    "5699": ("SOCIETE ANONYME A DIRECTOIRE ET CONSEIL DE SURVEILLANCE", "SA"),
    "5202": ("SOCIETE EN NOM COLLECTIF", "SNC"),
    "6540": ("SOCIETE CIVILE IMMOBILIERE", "SCI"),
    "3120": ("SOCIETE COMMERCIALE ETRANGERE", "STE ETRANGERE"),
}

# How an extrait Kbis and the RNE's extract word the directors' functions the register spells in capitals.
KBIS_FUNCTIONS = {
    "GERANT": "Gérant",
    "ASSOCIE EN NOM": "Associé en nom",
    "PRESIDENT": "Président",
    "DIRECTEUR GENERAL": "Directeur général",
    "PRESIDENT DU CONSEIL D'ADMINISTRATION": "Président du conseil d'administration",
    "ADMINISTRATEUR": "Administrateur",
    "PRESIDENT DU DIRECTOIRE": "Président du directoire",
    "MEMBRE DU DIRECTOIRE": "Membre du directoire",
    "PRESIDENT DU CONSEIL DE SURVEILLANCE": "Président du conseil de surveillance",
    "COMMISSAIRE AUX COMPTES TITULAIRE": "Commissaire aux comptes titulaire",
    "TRESORIER": "Trésorier",
}

# How the INPI names a trademark holder's legal form.
INPI_LEGAL_FORMS = {
    "5499": "Société à responsabilité limitée",
    "5498": "Société à responsabilité limitée",
    "5710": "Société par actions simplifiée",
    "5720": "Société par actions simplifiée",
    "5599": "Société anonyme",
    "5699": "Société anonyme",
    "5202": "Société en nom collectif",
    "6540": "Société civile immobilière",
    "5485": "Société d'exercice libéral à responsabilité limitée",
    "3120": "Société commerciale étrangère",
    "9220": "Association déclarée",
    "9230": "Association déclarée, reconnue d'utilité publique",
    "9260": "Association de droit local",
}

# INPI: what patents and designs are about; trademark statuses.
PATENT_TITLES = (
    "PROCEDE DE FABRICATION D&apos;UN ELEMENT DE STRUCTURE METALLIQUE",
    "DISPOSITIF DE FIXATION POUR PANNEAU DE FACADE",
    "SYSTEME DE PILOTAGE DE L&apos;ENERGIE D&apos;UN BATIMENT",
    "PROCEDE DE TRAITEMENT DE DONNEES ET DISPOSITIF ASSOCIE",
    "MODULE DE STOCKAGE D&apos;ENERGIE ELECTRIQUE",
    "CAPTEUR DE MESURE DE LA QUALITE DE L&apos;AIR INTERIEUR",
    "PROCEDE DE CHIFFREMENT DE COMMUNICATIONS ENTRE OBJETS CONNECTES",
    "DISPOSITIF DE RACCORDEMENT RAPIDE DE CANALISATIONS",
    "ONDULEUR POUR INSTALLATION PHOTOVOLTAIQUE",
    "PROCEDE D&apos;OPTIMISATION DE TOURNEES DE LIVRAISON",
    "METHODE DE CALIBRATION D&apos;UN CAPTEUR INERTIEL",
    "ECHANGEUR THERMIQUE A PLAQUES ET PROCEDE DE MONTAGE",
)
DESIGN_TITLES = (
    "Luminaire, vues de détails",
    "Flacon",
    "Mobilier urbain - vues de détails",
    "Emballage alimentaire",
    "Panneau décoratif",
    "Poignée de porte",
    "Présentoir de magasin",
    "Siège - vues de détails",
)
# Activities (NAF divisions) whose firms file patents.
PATENTING_NAF_PREFIXES = ("25", "35", "62", "63", "71")
# Activities (NAF divisions) whose firms register designs.
DESIGNING_NAF_PREFIXES = ("10", "25", "43", "46", "47", "73")
TRADEMARK_REGISTERED = "Marque enregistrée"
TRADEMARK_PUBLISHED = "Demande publiée"
TRADEMARK_SUFFIXES = ("", " PRO", " CONNECT", " SERVICES", " BY NATURE", " ORIGINE", " +")
