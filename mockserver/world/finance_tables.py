"""The DGFIP's tables behind the tax and accounts routes: the liasse boxes the sandbox fills.

Box codes and NREF numbers are those of the DGFIP's liasse dictionary; a subset, enough for
believable statements.
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
