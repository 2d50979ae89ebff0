"""The building and public-works providers' tables: Qualibat, ADEME's RGE, the FNTP, OPQIBI, insurers.

Codes follow the providers' own (Qualibat and FNTP identities, RGE domains, OPQIBI
qualifications); each lists a representative subset, enough for believable variety.
"""

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

# OPQIBI qualifications: code -> (name, definition, RGE "0"/"1").
OPQIBI_QUALIFICATIONS = {
    "0316": (
        'CSPS de niveau 2 en phases "conception et réalisation"',
        "Coordination en matière de sécurité et de protection de la santé sur les opérations de 2e catégorie, "
        "de la conception à la remise du dossier d'intervention ultérieure sur l'ouvrage.",
        "0",
    ),
    "0317": (
        'CSPS de niveau 1 en phases "conception et réalisation"',
        "Coordination en matière de sécurité et de protection de la santé sur les opérations de 1re catégorie, "
        "de la conception à la remise du dossier d'intervention ultérieure sur l'ouvrage.",
        "0",
    ),
    "0901": (
        "Repérage et diagnostic amiante avant travaux",
        "Recherche, localisation et identification des matériaux contenant de l'amiante avant des travaux de "
        "modification ou de démolition, rapport de repérage et cartographie.",
        "0",
    ),
    "0902": (
        "Maîtrise d'oeuvre en désamiantage",
        "Analyse des risques, définition des travaux de retrait ou de confinement de l'amiante, consultation des "
        "entreprises et suivi des travaux jusqu'à la réception.",
        "0",
    ),
    "1331": (
        'Étude thermique réglementaire "maison individuelle"',
        "Calcul réglementaire de la performance énergétique d'une maison individuelle neuve ou rénovée.",
        "1",
    ),
    "1332": (
        'Étude thermique réglementaire "bâtiments autres que maison individuelle"',
        "Calcul réglementaire de la performance énergétique des bâtiments collectifs et tertiaires.",
        "1",
    ),
    "1905": (
        "Audit énergétique des bâtiments (tertiaires et/ou habitations collectives)",
        "État des lieux énergétique d'un bâtiment collectif ou tertiaire et programme chiffré de travaux "
        "d'amélioration.",
        "1",
    ),
    "1911": (
        'Audit énergétique "maisons individuelles"',
        "Audit énergétique d'une maison individuelle et scénarios de rénovation chiffrés.",
        "1",
    ),
}
# Qualifications a building firm (rather than an engineering one) may hold.
OPQIBI_BUILDING_QUALIFICATIONS = ("0901", "1331", "1911")
# Activities OPQIBI qualifies as a matter of course: engineering and architecture.
OPQIBI_ENGINEERING_NAF = ("7112B", "7111Z")

# Insurers of a firm's professional liability: the building trades' mutuals (on Qualibat
# certificates), then the general insurers of engineering firms (on OPQIBI certificates).
INSURERS = (
    "MUTUELLE DU BATIMENT ET DES TRAVAUX PUBLICS",
    "SOCIETE MUTUELLE D'ASSURANCE DU BTP",
    "ASSURANCES DU BTP",
    "AXA FRANCE IARD",
    "SMABTP",
    "MAF",
    "GROUPAMA",
    "ALLIANZ IARD",
    "MMA IARD",
    "GENERALI IARD",
    "L'AUXILIAIRE",
)
BUILDING_MUTUALS = INSURERS[:3]
ENGINEERING_INSURERS = INSURERS[3:]
