"""Tables behind the documents providers hold: greffes, trades' qualifications, RNA deposits.

Codes follow the style of the public nomenclatures (greffe codes, Qualibat and FNTP
identities, ADEME's RGE domains) and list a representative subset, as ``nomenclatures``
does for INSEE's: enough for believable variety, not a copy of the official lists.
"""

# Greffe (tribunal de commerce, or tribunal judiciaire in Alsace-Moselle) by département:
# (code greffe, seat). Every département of the communes table has one.
GREFFES = {
    "75": (7501, "PARIS"),
    "92": (9201, "NANTERRE"),
    "93": (9301, "BOBIGNY"),
    "94": (9401, "CRETEIL"),
    "45": (4502, "ORLEANS"),
    "37": (3701, "TOURS"),
    "21": (2104, "DIJON"),
    "25": (2501, "BESANCON"),
    "14": (1402, "CAEN"),
    "76": (7606, "ROUEN"),
    "59": (5910, "LILLE METROPOLE"),
    "80": (8002, "AMIENS"),
    "67": (6752, "STRASBOURG"),
    "51": (5101, "REIMS"),
    "57": (5751, "METZ"),
    "54": (5402, "NANCY"),
    "68": (6852, "MULHOUSE"),
    "44": (4401, "NANTES"),
    "49": (4901, "ANGERS"),
    "72": (7202, "LE MANS"),
    "35": (3501, "RENNES"),
    "29": (2901, "BREST"),
    "33": (3302, "BORDEAUX"),
    "87": (8701, "LIMOGES"),
    "86": (8602, "POITIERS"),
    "64": (6401, "PAU"),
    "17": (1704, "LA ROCHELLE"),
    "31": (3102, "TOULOUSE"),
    "34": (3405, "MONTPELLIER"),
    "30": (3003, "NIMES"),
    "66": (6601, "PERPIGNAN"),
    "38": (3801, "GRENOBLE"),
    "42": (4202, "SAINT-ETIENNE"),
    "63": (6303, "CLERMONT-FERRAND"),
    "74": (7401, "ANNECY"),
    "06": (605, "NICE"),
    "83": (8305, "TOULON"),
}
# Letter of the numéro de gestion: A for traders, D for civil companies, B for the others.
GESTION_LETTERS = {"1000": "A", "6540": "D"}
# The RNCS stock the INPI diffuses starts in 1993; its annual accounts in 2017.
RNCS_FIRST_YEAR = 1993
ACCOUNTS_FIRST_YEAR = 2017
# Acts deposited after the constitution, with how often each comes up.
LATER_ACTS = {
    "Procès-verbal d'assemblée générale ordinaire": 5,
    "Procès-verbal d'assemblée générale extraordinaire": 2,
    "Statuts mis à jour": 2,
    "Décision de nomination du dirigeant": 2,
    "Transfert du siège social": 1,
    "Augmentation du capital social": 1,
}
CONSTITUTION_ACT = "Statuts constitutifs"
TRADER_ACT = "Déclaration d'immatriculation d'une personne physique"
# Legal forms that file their annual accounts at the greffe.
ACCOUNTS_FORMS = ("5499", "5498", "5710", "5720", "5599", "5699", "5485")
# Legal forms liable to corporate tax: the DGFIP attestation covers these only.
CORPORATE_TAX_FORMS = ACCOUNTS_FORMS

# Documents an association deposits at the prefecture, as the RNA names them.
ASSOCIATION_DOCUMENTS = ("Statuts", "Liste des dirigeants", "Procès verbal", "Récépissé de modification")
DISSOLUTION_RECEIPT = "Récépissé de dissolution"

# Qualibat qualifications by activity: (code, label).
QUALIBAT_BY_NAF = {
    "4120A": (("2111", "Maçonnerie et béton armé courants"), ("1312", "Maisons individuelles")),
    "4120B": (("2112", "Maçonnerie et béton armé - technicité confirmée"), ("1322", "Gros oeuvre")),
    "4321A": (("5211", "Installations électriques - technicité courante"),),
    "4322A": (("5312", "Installations sanitaires - technicité courante"),),
    "4322B": (
        ("5411", "Installations thermiques - technicité courante"),
        ("8611", "Efficacité énergétique - chauffagiste"),
    ),
    "4332A": (("3511", "Menuiserie extérieure - technicité courante"), ("3521", "Menuiserie isolante")),
    "4334Z": (("6111", "Peinture, ravalement - technicité courante"),),
    "4391B": (("3111", "Couverture en tuiles - technicité courante"), ("7131", "Isolation des combles")),
    "4399C": (("2111", "Maçonnerie et béton armé courants"), ("7141", "Isolation par l'extérieur")),
}
QUALIBAT_DEFAULT = (("2111", "Maçonnerie et béton armé courants"),)
QUALIBAT_AGENCIES = ("PARIS", "LYON", "BORDEAUX", "NANTES", "LILLE", "MARSEILLE", "STRASBOURG", "TOULOUSE")

# RGE qualifications: (qualification, certificate, ADEME domain).
RGE_QUALIFICATIONS = {
    "heat_pump": ("Pompe à chaleur : chauffage et eau chaude", "QUALIT'ENR - QUALIPAC", "Pompe à chaleur : chauffage"),
    "solar_water": (
        "Installation de chauffe-eau solaire individuel",
        "QUALIT'ENR - QUALISOL",
        "Chauffage et/ou eau chaude solaire",
    ),
    "wood_stove": ("Poêle ou insert bois", "QUALIT'ENR - QUALIBOIS", "Poêle ou insert bois"),
    "boiler": (
        "Efficacité énergétique - chaudière à condensation",
        "QUALIBAT-RGE",
        "Chaudière condensation ou micro-cogénération gaz ou fioul",
    ),
    "electric_heating": (
        "Efficacité énergétique - équipements électriques",
        "QUALIFELEC-RGE",
        "Radiateurs électriques, dont régulation",
    ),
    "photovoltaic": ("Installation photovoltaïque raccordée au réseau", "QUALIFELEC-RGE", "Panneaux photovoltaïques"),
    "windows": ("Menuiseries extérieures isolantes", "QUALIBAT-RGE", "Fenêtres, volets, portes extérieures"),
    "roof_insulation": ("Isolation thermique des toitures", "QUALIBAT-RGE", "Isolation des combles perdus"),
    "wall_insulation": ("Isolation thermique par l'extérieur", "QUALIBAT-RGE", "Isolation des murs par l'extérieur"),
    "ventilation": ("Ventilation mécanique contrôlée", "QUALIBAT-RGE", "Ventilation mécanique"),
}
# The RGE qualifications each building trade can hold; other trades hold none.
RGE_BY_NAF = {
    "4120A": ("windows", "wall_insulation"),
    "4321A": ("electric_heating", "photovoltaic", "ventilation"),
    "4322A": ("solar_water", "boiler"),
    "4322B": ("heat_pump", "boiler", "wood_stove", "solar_water"),
    "4332A": ("windows",),
    "4391B": ("roof_insulation", "photovoltaic"),
    "4399C": ("wall_insulation", "roof_insulation"),
}

# FNTP professional identities by public-works activity: (code, label).
FNTP_BY_NAF = {
    "4211Z": (
        ("331", "Assises de chaussées"),
        ("334", "Enduits superficiels"),
        ("3421", "Revêtements en matériaux enrobés classiques"),
        ("346", "Pose de bordures, chaînettes et caniveaux"),
        ("2321", "Travaux de terrassement courants en milieu urbain"),
        ("3753", "Balisage de chantier par panneaux temporaires"),
    ),
    "4221Z": (
        ("5111", "Réseaux d'eau potable en milieu non urbain"),
        ("5121", "Réseaux d'assainissement gravitaires"),
        ("261", "Rabattement de nappe"),
        ("2321", "Travaux de terrassement courants en milieu urbain"),
        ("1632", "Bassins de traitement des eaux usées"),
        ("166", "Étanchéité des ouvrages du génie civil de l'eau"),
    ),
}
FNTP_GROUPS = {
    "1": "OUVRAGES D'ART ET OUVRAGES INDUSTRIELS",
    "2": "PREPARATION DES SITES, FONDATIONS ET TERRASSEMENTS",
    "3": "VOIRIES, ROUTES, PISTES D'AEROPORTS",
    "5": "EAU, ASSAINISSEMENT, AUTRES FLUIDES",
}

# How certificates abbreviate a legal form.
LEGAL_FORM_ABBREVIATIONS = {
    "1000": "EI",
    "5499": "SARL",
    "5498": "EURL",
    "5710": "SAS",
    "5720": "SASU",
    "5599": "SA",
    "5699": "SA",
    "5202": "SNC",
    "6540": "SCI",
    "5485": "SELARL",
    "9220": "ASSOCIATION",
    "9230": "ASSOCIATION",
    "9260": "ASSOCIATION",
}
