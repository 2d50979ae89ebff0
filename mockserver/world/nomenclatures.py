"""Public French nomenclatures the fictional world draws from.

Codes and labels are INSEE's (catégories juridiques, NAF rév. 2, tranches d'effectif,
communes); each table lists a representative subset, enough for believable variety.
"""

from mockserver.world.randomness import Weights

# Catégorie juridique (niveau III): code -> label, and how often the world picks it.
LEGAL_FORMS = {
    "1000": "Entrepreneur individuel",
    "5499": "Société à responsabilité limitée (sans autre indication)",
    "5498": "SARL unipersonnelle",
    "5710": "SAS, société par actions simplifiée",
    "5720": "Société par actions simplifiée à associé unique ou société par actions simplifiée unipersonnelle",
    "5599": "SA à conseil d'administration (s.a.i.)",
    "5699": "SA à directoire (s.a.i.)",
    "5202": "Société en nom collectif",
    "6540": "Société civile immobilière",
    "5485": "Société d'exercice libéral à responsabilité limitée",
    "9220": "Association déclarée",
    "9230": "Association déclarée, reconnue d'utilité publique",
    "9260": "Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)",
    "3120": "Société commerciale étrangère immatriculée au RCS",
}
LEGAL_FORM_WEIGHTS = Weights(
    {
        "1000": 22,
        "5499": 18,
        "5498": 8,
        "5710": 20,
        "5720": 12,
        "5599": 3,
        "5699": 1,
        "5202": 1,
        "6540": 6,
        "5485": 2,
        "9220": 7,
    }
)
PERSONNE_PHYSIQUE = "1000"
ASSOCIATION = "9220"
# Only drawn for curated units (the official staging's associations), so the weights above stay as they were.
LOCAL_LAW_ASSOCIATION = "9260"
ASSOCIATION_FORMS = (ASSOCIATION, "9230", LOCAL_LAW_ASSOCIATION)
# A company of foreign law registered at the RCS for its French branch: its head office is abroad.
# Not weighted: a few drawn commercial companies become one (``world.insee``), so no other draw moved.
FOREIGN_COMPANY = "3120"
# Alsace-Moselle's associations are entered in the courts' registers, not in the RNA.
RNA_FORMS = (ASSOCIATION, "9230")

# Directors' functions by legal form, as Infogreffe spells them.
DIRECTOR_FUNCTIONS = {
    "5499": ("GERANT",),
    "5498": ("GERANT",),
    "5485": ("GERANT",),
    "5202": ("GERANT", "ASSOCIE EN NOM"),
    "6540": ("GERANT",),
    "5710": ("PRESIDENT", "DIRECTEUR GENERAL"),
    "5720": ("PRESIDENT",),
    "5599": ("PRESIDENT DU CONSEIL D'ADMINISTRATION", "DIRECTEUR GENERAL", "ADMINISTRATEUR"),
    "5699": ("PRESIDENT DU DIRECTOIRE", "MEMBRE DU DIRECTOIRE", "PRESIDENT DU CONSEIL DE SURVEILLANCE"),
    "9220": ("PRESIDENT", "TRESORIER"),
    "9230": ("PRESIDENT", "TRESORIER"),
    "9260": ("PRESIDENT", "TRESORIER"),
}
# Legal forms whose accounts must be certified: they list an auditor (a personne morale).
AUDITED_FORMS = ("5599", "5699")
MINIMUM_CAPITAL = {
    "5599": 37000,
    "5699": 37000,
    "5710": 1,
    "5720": 1,
    "5499": 1,
    "5498": 1,
    "5485": 1,
    "5202": 1,
    "6540": 1,
}

# NAF rév. 2 sous-classes: code -> (label, legal forms it suits; empty = any company form).
NAF = {
    "6201Z": "Programmation informatique",
    "6202A": "Conseil en systèmes et logiciels informatiques",
    "6312Z": "Portails Internet",
    "7022Z": "Conseil pour les affaires et autres conseils de gestion",
    "7311Z": "Activités des agences de publicité",
    "7111Z": "Activités d'architecture",
    "7112B": "Ingénierie, études techniques",
    "6910Z": "Activités juridiques",
    "6920Z": "Activités comptables",
    "4120A": "Construction de maisons individuelles",
    "4120B": "Construction d'autres bâtiments",
    "4211Z": "Construction de routes et autoroutes",
    "4221Z": "Construction de réseaux pour fluides",
    "4321A": "Travaux d'installation électrique dans tous locaux",
    "4322A": "Travaux d'installation d'eau et de gaz en tous locaux",
    "4322B": "Travaux d'installation d'équipements thermiques et de climatisation",
    "4332A": "Travaux de menuiserie bois et PVC",
    "4334Z": "Travaux de peinture et vitrerie",
    "4391B": "Travaux de couverture par éléments",
    "4399C": "Travaux de maçonnerie générale et gros œuvre de bâtiment",
    "5610A": "Restauration traditionnelle",
    "5610C": "Restauration de type rapide",
    "5510Z": "Hôtels et hébergement similaire",
    "1071C": "Boulangerie et boulangerie-pâtisserie",
    "4711D": "Supermarchés",
    "4724Z": "Commerce de détail de pain, pâtisserie et confiserie en magasin spécialisé",
    "4690Z": "Commerce de gros (commerce interentreprises) non spécialisé",
    "4791A": "Vente à distance sur catalogue général",
    "4520A": "Entretien et réparation de véhicules automobiles légers",
    "4941A": "Transports routiers de fret interurbains",
    "2511Z": "Fabrication de structures métalliques et de parties de structures",
    "3511Z": "Production d'électricité",
    "0111Z": "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses",
    "0121Z": "Culture de la vigne",
    "0150Z": "Culture et élevage associés",
    "8130Z": "Services d'aménagement paysager",
    "9602A": "Coiffure",
    "8621Z": "Activité des médecins généralistes",
    "6820B": "Location de terrains et d'autres biens immobiliers",
    "8559A": "Formation continue d'adultes",
    "8810A": "Aide à domicile",
    "8899B": "Action sociale sans hébergement n.c.a.",
    "9001Z": "Arts du spectacle vivant",
    "9312Z": "Activités de clubs de sports",
    "9499Z": "Autres organisations fonctionnant par adhésion volontaire",
}
# Activities that suit a given legal form better than the general pool.
NAF_BY_LEGAL_FORM = {
    "6540": ("6820B",),
    "5485": ("6910Z", "6920Z", "8621Z", "7111Z"),
    "9220": ("9499Z", "9312Z", "9001Z", "8559A", "8810A", "8899B"),
    "9230": ("8899B", "8810A", "9499Z"),
    "9260": ("9499Z", "9312Z", "9001Z", "8559A"),
}
NAF_GENERAL = tuple(code for code in NAF if code not in {"6820B", "9499Z", "8899B", "9312Z", "9001Z"})
# Activities only curated entities have (the official staging ones): added after the pools above, so no draw moves.
NAF |= {
    "4910Z": "Transport ferroviaire interurbain de voyageurs",
    "7410Z": "Activités spécialisées de design",
    "8411Z": "Administration publique générale",
    # A code of an earlier revision, under the label production gives every code it cannot read.
    "702C": "ancienne révision NAF (NAF1993) non supportée",
}
# Codes of earlier NAF revisions, and their nomenclature (Sirene keeps them for units ceased before NAF rév. 2).
OLD_NAF = {"702C": "NAF1993"}
# Section F (construction): the trades PRO BTP, CNETP, Qualibat and FNTP deal with.
BUILDING_NAF_PREFIXES = ("41", "42", "43")
AGRICULTURE_NAF_PREFIXES = ("01",)

# Tranche d'effectif salarié (INSEE): code -> (de, a, intitulé). "NN" = non-employing unit.
HEADCOUNT_BANDS = {
    "NN": (None, None, "Unités non employeuses"),
    "00": (0, 0, "0 salarié"),
    "01": (1, 2, "1 ou 2 salariés"),
    "02": (3, 5, "3 à 5 salariés"),
    "03": (6, 9, "6 à 9 salariés"),
    "11": (10, 19, "10 à 19 salariés"),
    "12": (20, 49, "20 à 49 salariés"),
    "21": (50, 99, "50 à 99 salariés"),
    "22": (100, 199, "100 à 199 salariés"),
    "31": (200, 249, "200 à 249 salariés"),
    "32": (250, 499, "250 à 499 salariés"),
    "41": (500, 999, "500 à 999 salariés"),
    "42": (1000, 1999, "1 000 à 1 999 salariés"),
    "51": (2000, 4999, "2 000 à 4 999 salariés"),
    "52": (5000, 9999, "5 000 à 9 999 salariés"),
    "53": (10000, None, "10 000 salariés et plus"),
    # No band at all: INSEE's null, which only curated entities show (last, so that no draw moves).
    None: (None, None, None),
}
# Bands of units without staff: unknown headcount, or none.
NON_EMPLOYING_BANDS = ("NN", "00", None)
HEADCOUNT_WEIGHTS = Weights(
    {
        "NN": 20,
        "00": 14,
        "01": 18,
        "02": 13,
        "03": 10,
        "11": 9,
        "12": 7,
        "21": 3,
        "22": 2,
        "31": 1,
        "32": 1,
        "41": 0.6,
        "42": 0.3,
        "51": 0.15,
        "52": 0.05,
        "53": 0.02,
    }
)

REGIONS = {
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
}

# Communes: (code INSEE, code postal, libellé INSEE, region code).
COMMUNES = (
    ("75102", "75002", "PARIS 2", "11"),
    ("75108", "75008", "PARIS 8", "11"),
    ("75109", "75009", "PARIS 9", "11"),
    ("75111", "75011", "PARIS 11", "11"),
    ("75115", "75015", "PARIS 15", "11"),
    ("75117", "75017", "PARIS 17", "11"),
    ("92050", "92000", "NANTERRE", "11"),
    ("92012", "92100", "BOULOGNE-BILLANCOURT", "11"),
    ("93066", "93200", "SAINT-DENIS", "11"),
    ("94028", "94000", "CRETEIL", "11"),
    ("45234", "45000", "ORLEANS", "24"),
    ("37261", "37000", "TOURS", "24"),
    ("21231", "21000", "DIJON", "27"),
    ("25056", "25000", "BESANCON", "27"),
    ("14118", "14000", "CAEN", "28"),
    ("76540", "76000", "ROUEN", "28"),
    ("76351", "76600", "LE HAVRE", "28"),
    ("59350", "59000", "LILLE", "32"),
    ("80021", "80000", "AMIENS", "32"),
    ("67482", "67000", "STRASBOURG", "44"),
    ("51454", "51100", "REIMS", "44"),
    ("57463", "57000", "METZ", "44"),
    ("54395", "54000", "NANCY", "44"),
    ("68224", "68100", "MULHOUSE", "44"),
    ("44109", "44000", "NANTES", "52"),
    ("49007", "49000", "ANGERS", "52"),
    ("72181", "72000", "LE MANS", "52"),
    ("35238", "35000", "RENNES", "53"),
    ("29019", "29200", "BREST", "53"),
    ("33063", "33000", "BORDEAUX", "75"),
    ("87085", "87000", "LIMOGES", "75"),
    ("86194", "86000", "POITIERS", "75"),
    ("64445", "64000", "PAU", "75"),
    ("17300", "17000", "LA ROCHELLE", "75"),
    ("31555", "31000", "TOULOUSE", "76"),
    ("34172", "34000", "MONTPELLIER", "76"),
    ("30189", "30000", "NIMES", "76"),
    ("66136", "66000", "PERPIGNAN", "76"),
    ("38185", "38000", "GRENOBLE", "84"),
    ("42218", "42000", "SAINT-ETIENNE", "84"),
    ("63113", "63000", "CLERMONT-FERRAND", "84"),
    ("74010", "74000", "ANNECY", "84"),
    ("06088", "06000", "NICE", "93"),
    ("83137", "83000", "TOULON", "93"),
)

# Type de voie: INSEE abbreviation -> the word, as the v3 address spells it (accents included;
# address lines print it in capitals without accents).
STREET_TYPES = {
    "RUE": "RUE",
    "AV": "AVENUE",
    "BD": "BOULEVARD",
    "PL": "PLACE",
    "ALL": "ALLÉE",
    "CHE": "CHEMIN",
    "IMP": "IMPASSE",
    "QUAI": "QUAI",
    "RTE": "ROUTE",
}
STREET_TYPE_WEIGHTS = Weights(
    {"RUE": 50, "AV": 18, "BD": 8, "PL": 5, "ALL": 6, "CHE": 5, "IMP": 4, "QUAI": 2, "RTE": 2}
)
STREET_NAMES = (
    "DE LA REPUBLIQUE",
    "VICTOR HUGO",
    "JEAN JAURES",
    "DU GENERAL DE GAULLE",
    "PASTEUR",
    "DES LILAS",
    "DE LA GARE",
    "DU MOULIN",
    "DES ECOLES",
    "DE LA LIBERTE",
    "GAMBETTA",
    "DU MARECHAL FOCH",
    "DE LA PAIX",
    "DES TILLEULS",
    "NATIONALE",
    "DE LA MAIRIE",
    "SAINT MARTIN",
    "DU CHATEAU",
    "DES ARTISANS",
    "DE L INDUSTRIE",
    "DES CHAMPS",
    "LOUIS PASTEUR",
    "EMILE ZOLA",
    "DE VERDUN",
    "DES PLATANES",
    "DU COMMERCE",
)
ADDRESS_COMPLEMENTS = ("BATIMENT A", "BATIMENT B", "ZONE ARTISANALE", "RESIDENCE LES PINS", "ESCALIER 2")

COMPANY_NAME_SUFFIXES = (
    "CONSEIL",
    "SERVICES",
    "TECHNOLOGIES",
    "SOLUTIONS",
    "ET FILS",
    "ET ASSOCIES",
    "GROUPE",
    "DEVELOPPEMENT",
    "INDUSTRIES",
    "PARTENAIRES",
    "FRANCE",
    "DISTRIBUTION",
)
ASSOCIATION_NAME_PREFIXES = (
    "ASSOCIATION DES AMIS DE",
    "COMITE DES FETES DE",
    "CLUB SPORTIF DE",
    "ASSOCIATION CULTURELLE DE",
    "AMICALE DES PARENTS D'ELEVES DE",
    "ENTRAIDE SOLIDAIRE DE",
)
ASSOCIATION_PURPOSES = (
    "promouvoir la pratique du sport pour tous et organiser des compétitions locales",
    "favoriser les échanges culturels et organiser des manifestations artistiques",
    "venir en aide aux personnes isolées et aux familles en difficulté",
    "soutenir les activités éducatives et périscolaires des enfants de la commune",
    "protéger le patrimoine naturel et bâti et sensibiliser le public à l'environnement",
    "animer la vie du quartier et organiser des fêtes et rencontres entre habitants",
)

# --- Current API (v3/v4): the labels and registers the current routes show. ---

# Communes of the three departments where associations fall under local law (Alsace-Moselle).
LOCAL_LAW_COMMUNES = tuple(c for c in COMMUNES if c[0][:2] in ("57", "67", "68"))
# NAF rév. 2 nomenclature name, as INSEE's current records give it.
NAF_NOMENCLATURE = "NAFRev2"

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
    "3120": "SOCIETE ETRANGERE",
}

# The months, as French documents write them (Infogreffe's extract prints them in capitals without accents).
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
