"""The social bodies' tables: the collective agreements (IDCC) and which activity falls under which.

Numbers, titles and publication dates are Légifrance's; a subset, enough for believable variety.
"""

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
        "sociétés de conseils du 15 décembre 1987.",
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
# The real route links to the agreement's Legifrance page by its text container (KALICONT number);
# where the sandbox does not hold that number, it links to a Legifrance search for the IDCC instead.
CONTAINER_URL = "https://www.legifrance.gouv.fr/affichIDCC.do?idConvention={container}"
SEARCH_URL = "https://www.legifrance.gouv.fr/search/kali?query=IDCC+{number}"
# The Légifrance containers the sandbox holds (the Fabrique numérique's staging example), and the other
# names an agreement is known by.
KALI_CONTAINERS = {1486: "KALICONT000005635173"}
SYNONYMS = {1486: ("syntec",)}


def convention_url(number: int) -> str:
    """Return the Légifrance page of the agreement ``number``: its container's, or a search for its IDCC."""
    container = KALI_CONTAINERS.get(number)
    return CONTAINER_URL.format(container=container) if container else SEARCH_URL.format(number=number)


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
