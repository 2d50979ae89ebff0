"""Nomenclatures of the data providers behind the v2 JSON routes.

DGFIP's form boxes (codes and NREF numbers of the liasse dictionary), the collective
agreements (IDCC) each activity falls under, OPQIBI's engineering qualifications, and the
vocabularies the fictional registers draw from. Codes are the providers' own; a subset,
enough for believable variety.
"""

# DGFIP liasse boxes the sandbox fills, by form (imprimé): box -> (code absolu, code EDI, NREF, label).
LIASSE_BOXES = {
    "2051": {
        "DA": ("2000472", "DA:C516:5004:1", "300414", "Capital social ou individuel"),
        "DL": ("2000497", "DL:C516:5004:1", "300438", "Total des capitaux propres (I)"),
        "DO": ("2000503", "DO:C516:5004:1", "300444", "Total des autres fonds propres (II)"),
        "DR": ("2002767", "DR:C516:5004:1", "302359", "Total des provisions pour risques et charges (III)"),
        "DS": ("2000511", "DS:C516:5004:1", "300451", "Emprunts obligataires convertibles"),
        "DT": ("2000513", "DT:C516:5004:1", "300453", "Autres emprunts obligataires"),
        "DU": ("2000515", "DU:C516:5004:1", "300455", "Emprunts et dettes auprès des établissements de crédit"),
        "DV": ("2000518", "DV:C516:5004:1", "300458", "Emprunts et dettes financières divers"),
        "EC": ("2000532", "EC:C516:5004:1", "300472", "Total des dettes et comptes de régularisation (IV)"),
        "EE": ("2000536", "EE:C516:5004:1", "300476", "Total général du passif (I à V)"),
    },
    "2052": {
        "FJ": ("2000564", "FJ:C516:5004:1", "300504", "Chiffre d'affaires net, France"),
        "FK": (
            "2000565",
            "FK:C516:5004:1",
            "300505",
            "Chiffre d'affaires net, exportations et livraisons intracommunautaires",
        ),
        "FL": ("2000566", "FL:C516:5004:1", "300506", "Chiffre d'affaires net, total"),
    },
    "2053": {
        "HN": ("2000666", "HN:C516:5004:1", "300606", "Bénéfice ou perte (total des produits moins total des charges)"),
    },
}
# The first year DGFIP's liasse service knows.
FIRST_LIASSE_YEAR = 2006

# Collective agreements: IDCC -> (short title, title, publication date, state).
CONVENTIONS = {
    16: (
        "Transports routiers et activités auxiliaires du transport",
        "Convention collective nationale des transports routiers et activités auxiliaires du transport du "
        "21 décembre 1950",
        "1951-01-01",
        "VIGUEUR_ETEN",
    ),
    86: (
        "Publicité",
        "Convention collective nationale de travail des cadres, techniciens et employés de la publicité française du "
        "22 avril 1955",
        "1955-05-01",
        "VIGUEUR_ETEN",
    ),
    413: (
        "Établissements et services pour personnes inadaptées et handicapées",
        "Convention collective nationale de travail des établissements et services pour personnes inadaptées et "
        "handicapées du 15 mars 1966",
        "1966-04-01",
        "VIGUEUR",
    ),
    573: (
        "Commerces de gros",
        "Convention collective nationale de commerces de gros du 23 juin 1970",
        "1970-07-01",
        "VIGUEUR_ETEN",
    ),
    787: (
        "Cabinets d'experts-comptables et de commissaires aux comptes",
        "Convention collective nationale des cabinets d'experts-comptables et de commissaires aux comptes du "
        "9 décembre 1974",
        "1975-01-01",
        "VIGUEUR_ETEN",
    ),
    843: (
        "Boulangerie-pâtisserie (entreprises artisanales)",
        "Convention collective nationale de la boulangerie-pâtisserie du 19 mars 1976",
        "1976-04-01",
        "VIGUEUR_ETEN",
    ),
    1000: (
        "Cabinets d'avocats (personnel salarié)",
        "Convention collective nationale du personnel des cabinets d'avocats du 20 février 1979",
        "1979-03-01",
        "VIGUEUR_ETEN",
    ),
    1090: (
        "Services de l'automobile",
        "Convention collective nationale du commerce et de la réparation de l'automobile, du cycle et du motocycle et "
        "des activités connexes, ainsi que du contrôle technique automobile du 15 janvier 1981",
        "1981-02-01",
        "VIGUEUR_ETEN",
    ),
    1147: (
        "Cabinets médicaux",
        "Convention collective nationale du personnel des cabinets médicaux du 14 octobre 1981",
        "1981-11-01",
        "VIGUEUR_ETEN",
    ),
    1286: (
        "Détaillants en confiserie, chocolaterie, biscuiterie",
        "Convention collective nationale des détaillants en confiserie, chocolaterie, biscuiterie du 1er janvier 1984",
        "1984-01-01",
        "VIGUEUR_ETEN",
    ),
    1486: (
        "Bureaux d'études techniques, cabinets d'ingénieurs-conseils et sociétés de conseils",
        "Convention collective nationale des bureaux d'études techniques, des cabinets d'ingénieurs-conseils et des "
        "sociétés de conseils du 15 décembre 1987",
        "1988-01-01",
        "VIGUEUR_ETEN",
    ),
    1501: (
        "Restauration rapide",
        "Convention collective nationale de la restauration rapide du 18 mars 1988",
        "1988-04-01",
        "VIGUEUR_ETEN",
    ),
    1516: (
        "Organismes de formation",
        "Convention collective nationale des organismes de formation du 10 juin 1988",
        "1988-07-01",
        "VIGUEUR_ETEN",
    ),
    1518: (
        "Animation",
        "Convention collective nationale de l'animation du 28 juin 1988",
        "1988-07-01",
        "VIGUEUR_ETEN",
    ),
    1527: (
        "Immobilier",
        "Convention collective nationale de l'immobilier, administrateurs de biens, sociétés immobilières, agents "
        "immobiliers du 9 septembre 1988",
        "1988-10-01",
        "VIGUEUR_ETEN",
    ),
    1596: (
        "Bâtiment ouvriers (entreprises occupant jusqu'à 10 salariés)",
        "Convention collective nationale des ouvriers employés par les entreprises du bâtiment occupant jusqu'à "
        "10 salariés du 8 octobre 1990",
        "1990-11-01",
        "VIGUEUR_ETEN",
    ),
    1597: (
        "Bâtiment ouvriers (entreprises occupant plus de 10 salariés)",
        "Convention collective nationale des ouvriers employés par les entreprises du bâtiment occupant plus de "
        "10 salariés du 8 octobre 1990",
        "1990-11-01",
        "VIGUEUR_ETEN",
    ),
    1702: (
        "Travaux publics ouvriers",
        "Convention collective nationale des ouvriers de travaux publics du 15 décembre 1992",
        "1993-01-01",
        "VIGUEUR_ETEN",
    ),
    1979: (
        "Hôtels, cafés, restaurants (HCR)",
        "Convention collective nationale des hôtels, cafés, restaurants (HCR) du 30 avril 1997",
        "1997-05-01",
        "VIGUEUR_ETEN",
    ),
    2198: (
        "Vente à distance",
        "Convention collective nationale des entreprises de la vente à distance du 6 février 2001",
        "2001-03-01",
        "VIGUEUR_ETEN",
    ),
    2216: (
        "Commerce de détail et de gros à prédominance alimentaire",
        "Convention collective nationale du commerce de détail et de gros à prédominance alimentaire du "
        "12 juillet 2001",
        "2001-08-01",
        "VIGUEUR_ETEN",
    ),
    2332: (
        "Entreprises d'architecture",
        "Convention collective nationale des entreprises d'architecture du 27 février 2003",
        "2003-03-01",
        "VIGUEUR_ETEN",
    ),
    2511: (
        "Sport",
        "Convention collective nationale du sport du 7 juillet 2005",
        "2005-08-01",
        "VIGUEUR_ETEN",
    ),
    2596: (
        "Coiffure et professions connexes",
        "Convention collective nationale de la coiffure et des professions connexes du 10 juillet 2006",
        "2006-08-01",
        "VIGUEUR_ETEN",
    ),
    2609: (
        "Bâtiment ETAM",
        "Convention collective nationale des employés, techniciens et agents de maîtrise du bâtiment du "
        "12 juillet 2006",
        "2006-08-01",
        "VIGUEUR_ETEN",
    ),
    2614: (
        "Travaux publics ETAM",
        "Convention collective nationale des employés, techniciens et agents de maîtrise des travaux publics du "
        "12 juillet 2006",
        "2006-08-01",
        "VIGUEUR_ETEN",
    ),
    2941: (
        "Aide, accompagnement, soins et services à domicile (BAD)",
        "Convention collective nationale de la branche de l'aide, de l'accompagnement, des soins et des services à "
        "domicile du 21 mai 2010",
        "2010-06-01",
        "VIGUEUR_ETEN",
    ),
    3090: (
        "Entreprises du secteur privé du spectacle vivant",
        "Convention collective nationale des entreprises du secteur privé du spectacle vivant du 3 février 2012",
        "2012-03-01",
        "VIGUEUR_ETEN",
    ),
    3248: (
        "Métallurgie",
        "Convention collective nationale de la métallurgie du 7 février 2022",
        "2022-03-01",
        "VIGUEUR_ETEN",
    ),
    5001: (
        "Industries électriques et gazières",
        "Statut national du personnel des industries électriques et gazières",
        "1946-06-01",
        "VIGUEUR",
    ),
    7018: (
        "Entreprises du paysage",
        "Convention collective nationale des entreprises du paysage du 10 octobre 2008",
        "2008-11-01",
        "VIGUEUR_ETEN",
    ),
    7024: (
        "Production agricole et CUMA",
        "Convention collective nationale de la production agricole et CUMA du 15 septembre 2020",
        "2020-10-01",
        "VIGUEUR_ETEN",
    ),
}
# The real route links to the agreement's Legifrance page by its KALICONT number, which the
# sandbox does not hold: it links to a Legifrance search for the IDCC instead.
CONVENTION_URL = "https://www.legifrance.gouv.fr/search/kali?query=IDCC+{number}"
# The agreement an activity's staff falls under, by NAF code; building and public works are
# split by staff category and size, below.
CONVENTION_BY_NAF = {
    "6201Z": 1486,
    "6202A": 1486,
    "6312Z": 1486,
    "7022Z": 1486,
    "7112B": 1486,
    "7311Z": 86,
    "7111Z": 2332,
    "6910Z": 1000,
    "6920Z": 787,
    "5610A": 1979,
    "5510Z": 1979,
    "5610C": 1501,
    "1071C": 843,
    "4711D": 2216,
    "4724Z": 1286,
    "4690Z": 573,
    "4791A": 2198,
    "4520A": 1090,
    "4941A": 16,
    "2511Z": 3248,
    "3511Z": 5001,
    "0111Z": 7024,
    "0121Z": 7024,
    "0150Z": 7024,
    "8130Z": 7018,
    "9602A": 2596,
    "8621Z": 1147,
    "6820B": 1527,
    "8559A": 1516,
    "8810A": 2941,
    "8899B": 413,
    "9001Z": 3090,
    "9312Z": 2511,
    "9499Z": 1518,
}
# Building trades: workers' agreement by size (up to 10 staff / more), plus the ETAM one.
BUILDING_WORKERS_SMALL, BUILDING_WORKERS_LARGE, BUILDING_ETAM = 1596, 1597, 2609
# Public works (NAF 42): workers' and ETAM agreements.
PUBLIC_WORKS_WORKERS, PUBLIC_WORKS_ETAM = 1702, 2614
PUBLIC_WORKS_NAF_PREFIX = "42"

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
INSURERS = (
    "AXA FRANCE IARD",
    "SMABTP",
    "MAF",
    "GROUPAMA",
    "ALLIANZ IARD",
    "MMA IARD",
    "GENERALI IARD",
    "L'AUXILIAIRE",
)

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
# Sole traders the RCS registers: traders, not crafts or liberal professions (NAF divisions).
RCS_TRADER_NAF_PREFIXES = ("45", "46", "47", "55", "56")

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
# Legal forms as INPI names them after a trademark holder.
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
    "9220": "Association déclarée",
    "9230": "Association déclarée, reconnue d'utilité publique",
    "9260": "Association de droit local",
}
