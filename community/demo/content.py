"""The demo Community: organisations from the report and fictional people who work there.

Plain data, no imports from the app, so it reads like a cast list. `services.seed_demo` turns it
into rows. Organisations are keyed on their slug (`key`), people on their e-mail address.

Every e-mail address and e-mail domain is under `example.nl`, so nothing real is ever mailed.
The names of the organisations and their websites are real (they appear in the report of the
working group "Inwerken en behouden"); the people are invented.

PEOPLE is ordered so that an inviter always comes before the people they invited. The first person
of each role is the demo login `flask demo seed` prints.
"""

from __future__ import annotations

# kind: the value of community.organisations.models.OrganisationKind
ORGANISATIONS = [
    {
        "key": "molendrift",
        "name": "Molendrift",
        "kind": "jeugdhulpaanbieder",
        "region": "Groningen",
        "website": "https://www.molendrift.nl",
        "email_domains": ["molendrift.example.nl"],
    },
    {
        "key": "raad-voor-de-kinderbescherming",
        "name": "Raad voor de Kinderbescherming",
        "kind": "raad_kinderbescherming",
        "region": "Landelijk",
        "website": "https://www.kinderbescherming.nl",
        "email_domains": ["kinderbescherming.example.nl"],
    },
    {
        "key": "jeugdbescherming-west",
        "name": "Jeugdbescherming west",
        "kind": "gecertificeerde_instelling",
        "region": "Haaglanden en Zuid-Holland Zuid",
        "website": "https://www.jeugdbeschermingwest.nl",
        "email_domains": ["jeugdbeschermingwest.example.nl"],
    },
    {
        "key": "jeugdbescherming-gelderland",
        "name": "Jeugdbescherming Gelderland",
        "kind": "gecertificeerde_instelling",
        "region": "Gelderland",
        "website": "https://www.jbgelderland.nl",
        "email_domains": ["jbgelderland.example.nl"],
    },
    {
        "key": "veilig-thuis-utrecht",
        "name": "Veilig Thuis Utrecht",
        "kind": "veilig_thuis",
        "region": "Utrecht",
        "website": "https://www.veiligthuisutrecht.nl",
        "email_domains": ["veiligthuisutrecht.example.nl"],
    },
    {
        "key": "gemeente-zwolle",
        "name": "Gemeente Zwolle",
        "kind": "gemeente",
        "region": "Overijssel",
        "website": "https://www.zwolle.nl",
        "email_domains": ["zwolle.example.nl"],
    },
    {
        "key": "buurtzorg",
        "name": "Buurtzorg Nederland",
        "kind": "anders",
        "region": "Landelijk",
        "website": "https://www.buurtzorg.com",
        "email_domains": ["buurtzorg.example.nl"],
    },
]

# role: the value of community.accounts.models.Role
# organisation: an ORGANISATIONS key, or None
# invited_by: a PEOPLE key, or None for someone who joined without an invitation
PEOPLE = [
    {
        "key": "annelies",
        "name": "Annelies Bakker",
        "email": "beheer@jeugdhulp-community.example.nl",
        "role": "admin",
        "organisation": None,
        "job_title": "Beheerder van de Community",
        "bio": "Ik houd de Community draaiende en help je graag op weg.",
        "invited_by": None,
    },
    {
        "key": "jeroen",
        "name": "Jeroen Visser",
        "email": "moderator@jeugdhulp-community.example.nl",
        "role": "moderator",
        "organisation": None,
        "job_title": "Moderator",
        "bio": "Ik let erop dat het hier veilig en respectvol blijft.",
        "invited_by": None,
    },
    # Molendrift: the deepest branch of the tree (admin → Sanne → Pieter → Lotte).
    {
        "key": "sanne",
        "name": "Sanne de Vries",
        "email": "sanne@molendrift.example.nl",
        "role": "ambassador",
        "organisation": "molendrift",
        "job_title": "Gezinsbehandelaar en ambassadeur inwerken",
        "bio": (
            "Bij Molendrift werk ik acht jaar als gezinsbehandelaar. Ik begeleid nieuwe collega's "
            "in hun eerste jaar en deel graag hoe wij dat aanpakken."
        ),
        "invited_by": "annelies",
    },
    {
        "key": "pieter",
        "name": "Pieter Jansen",
        "email": "pieter@molendrift.example.nl",
        "role": "ambassador",
        "organisation": "molendrift",
        "job_title": "GZ-psycholoog",
        "bio": "Mentor voor startende behandelaars. Vraag me gerust over intervisie.",
        "invited_by": "sanne",
    },
    {
        "key": "lotte",
        "name": "Lotte Mulder",
        "email": "lotte@molendrift.example.nl",
        "role": "professional",
        "organisation": "molendrift",
        "job_title": "Ambulant hulpverlener",
        "bio": "Sinds een half jaar aan de slag bij Molendrift, na mijn studie pedagogiek.",
        "invited_by": "pieter",
    },
    {
        "key": "fatima",
        "name": "Fatima El Amrani",
        "email": "fatima@molendrift.example.nl",
        "role": "professional",
        "organisation": "molendrift",
        "job_title": "Orthopedagoog",
        "bio": "",
        "invited_by": "sanne",
    },
    # Raad voor de Kinderbescherming
    {
        "key": "marieke",
        "name": "Marieke van den Berg",
        "email": "marieke@kinderbescherming.example.nl",
        "role": "ambassador",
        "organisation": "raad-voor-de-kinderbescherming",
        "job_title": "Raadsonderzoeker en werkbegeleider",
        "bio": "Ik begeleid nieuwe raadsonderzoekers tijdens hun opleidingsjaar.",
        "invited_by": "annelies",
    },
    {
        "key": "youssef",
        "name": "Youssef Bouali",
        "email": "youssef@kinderbescherming.example.nl",
        "role": "professional",
        "organisation": "raad-voor-de-kinderbescherming",
        "job_title": "Raadsonderzoeker in opleiding",
        "bio": "",
        "invited_by": "marieke",
    },
    # Jeugdbescherming west: a second branch of depth three (admin → Daan → Ilse → Kim).
    {
        "key": "daan",
        "name": "Daan Smit",
        "email": "daan@jeugdbeschermingwest.example.nl",
        "role": "ambassador",
        "organisation": "jeugdbescherming-west",
        "job_title": "Teamleider jeugdbeschermers",
        "bio": "Bij ons starten nieuwe jeugdbeschermers met een kleinere caseload. Dat werkt.",
        "invited_by": "annelies",
    },
    {
        "key": "ilse",
        "name": "Ilse Koster",
        "email": "ilse@jeugdbeschermingwest.example.nl",
        "role": "ambassador",
        "organisation": "jeugdbescherming-west",
        "job_title": "Jeugdbeschermer en coach",
        "bio": "",
        "invited_by": "daan",
    },
    {
        "key": "kim",
        "name": "Kim de Graaf",
        "email": "kim@jeugdbeschermingwest.example.nl",
        "role": "professional",
        "organisation": "jeugdbescherming-west",
        "job_title": "Startend jeugdbeschermer",
        "bio": "",
        "invited_by": "ilse",
    },
    # Jeugdbescherming Gelderland
    {
        "key": "ruben",
        "name": "Ruben Hendriks",
        "email": "ruben@jbgelderland.example.nl",
        "role": "ambassador",
        "organisation": "jeugdbescherming-gelderland",
        "job_title": "Praktijkopleider",
        "bio": "Ik zoek voorbeelden van organisaties die werkdruk echt omlaag kregen.",
        "invited_by": "annelies",
    },
    {
        "key": "noor",
        "name": "Noor Willems",
        "email": "noor@jbgelderland.example.nl",
        "role": "professional",
        "organisation": "jeugdbescherming-gelderland",
        "job_title": "Jeugdbeschermer",
        "bio": "",
        "invited_by": "ruben",
    },
    # Buurtzorg: outside the sector, but an example the report returns to often.
    {
        "key": "joost",
        "name": "Joost Meijer",
        "email": "joost@buurtzorg.example.nl",
        "role": "ambassador",
        "organisation": "buurtzorg",
        "job_title": "Coach zelforganiserende teams",
        "bio": "Ik vertel graag hoe onze teams zichzelf organiseren, ook als het schuurt.",
        "invited_by": "annelies",
    },
    # Veilig Thuis Utrecht: joined after an access request the moderator approved.
    {
        "key": "hanna",
        "name": "Hanna Peters",
        "email": "hanna@veiligthuisutrecht.example.nl",
        "role": "professional",
        "organisation": "veilig-thuis-utrecht",
        "job_title": "Medewerker triage",
        "bio": "",
        "invited_by": "jeroen",
    },
]

# Invitations sent but not yet accepted: "Mijn uitnodigingen" has something to show.
# inviter: a PEOPLE key; organisation: the inviter's unless given.
OPEN_INVITATIONS = [
    {
        "inviter": "sanne",
        "email": "nieuwe.collega@molendrift.example.nl",
        "role": "professional",
        "message": "Hoi! Hier delen we wat werkt bij inwerken. Kijk je mee?",
    },
    {
        "inviter": "daan",
        "email": "teamleider@jeugdbeschermingwest.example.nl",
        "role": "ambassador",
        "message": "Jij weet veel van begeleiden van starters. Word je ook ambassadeur?",
    },
]
