"""Demo content for the Jeugdhulp Community (plain Python data, Dutch text).

Everything here is meant to be loaded by a seeding command so a fresh install
shows a living community: organisations, an invitation tree of people, the
curated themes, good practices (goede voorbeelden), questions with answers and
reactions on practices.

Conventions
-----------
* People, organisations, practices and questions have a ``key`` so the other
  lists can refer to them.  Keys are ASCII identifiers, never shown to users.
* ``days_ago`` is relative to "now" at seeding time; ``days_after`` on answers
  and reactions is relative to the parent post.  Seeders should clamp dates so
  nothing ends up in the future.
* All text fields are Markdown.
* All e-mail addresses and websites use ``example.nl`` domains so that no real
  mailbox is ever written to.  Molendrift, Raad voor de Kinderbescherming,
  Jeugdbescherming west and Jeugdbescherming Gelderland are real organisations
  described in the report of the working group "Inwerken en behouden"; their
  practices are based on the figures in that report (retold, not copied).  The
  region "Veenhorst", gemeente Eikenrade, Jeugdhulp De Wilgenhoek, Veilig Thuis
  Veenhorst and Hogeschool Veenhorst are fictional, and so are all people and
  all figures in their practices.
* No text identifies a child or a family: no client names, BSN, phone numbers,
  birth dates or addresses.

This module must stay importable on its own: no imports besides __future__.
"""

from __future__ import annotations


def _md(text: str) -> str:
    """Strip the common indentation of a triple-quoted block (a tiny dedent)."""
    lines = text.strip("\n").splitlines()
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] if line.strip() else "" for line in lines).strip()


# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------

ORGANISATIONS: list[dict] = [
    {
        "key": "molendrift",
        "name": "Molendrift",
        "kind": "jeugdhulpaanbieder",
        "region": "Groningen",
        "website": "https://molendrift.example.nl",
        "email_domains": ["molendrift.example.nl"],
    },
    {
        "key": "rvdk",
        "name": "Raad voor de Kinderbescherming",
        "kind": "raad_kinderbescherming",
        "region": "Landelijk",
        "website": "https://rvdk.example.nl",
        "email_domains": ["rvdk.example.nl"],
    },
    {
        "key": "jbwest",
        "name": "Jeugdbescherming west",
        "kind": "gecertificeerde_instelling",
        "region": "Zuid-Holland",
        "website": "https://jbwest.example.nl",
        "email_domains": ["jbwest.example.nl"],
    },
    {
        "key": "jbgelderland",
        "name": "Jeugdbescherming Gelderland",
        "kind": "gecertificeerde_instelling",
        "region": "Gelderland",
        "website": "https://jbgelderland.example.nl",
        "email_domains": ["jbgelderland.example.nl"],
    },
    # Fictional organisations in the fictional region "Veenhorst".
    {
        "key": "wilgenhoek",
        "name": "Jeugdhulp De Wilgenhoek",
        "kind": "jeugdhulpaanbieder",
        "region": "Veenhorst",
        "website": "https://wilgenhoek.example.nl",
        "email_domains": ["wilgenhoek.example.nl"],
    },
    {
        "key": "veiligthuis_veenhorst",
        "name": "Veilig Thuis Veenhorst",
        "kind": "veilig_thuis",
        "region": "Veenhorst",
        "website": "https://veiligthuis-veenhorst.example.nl",
        "email_domains": ["veiligthuis-veenhorst.example.nl"],
    },
    {
        "key": "gemeente_eikenrade",
        "name": "Gemeente Eikenrade",
        "kind": "gemeente",
        "region": "Veenhorst",
        "website": "https://eikenrade.example.nl",
        "email_domains": ["eikenrade.example.nl"],
    },
    {
        "key": "hogeschool_veenhorst",
        "name": "Hogeschool Veenhorst",
        "kind": "onderwijs",
        "region": "Veenhorst",
        "website": "https://hs-veenhorst.example.nl",
        "email_domains": ["hs-veenhorst.example.nl"],
    },
]


# ---------------------------------------------------------------------------
# People (all fictional).  The invitation tree, depth 3 at most:
#
#   admin
#   ├── moderator
#   │   ├── amb_jbgelderland ── prof_jbg
#   │   └── amb_hogeschool
#   ├── demo_ambassador ── demo_professional
#   ├── amb_rvdk ── prof_rvdk, prof_rvdk2
#   ├── amb_jbwest ── prof_jbwest
#   ├── amb_wilgenhoek ── prof_wilgenhoek, prof_gemeente
#   └── amb_veiligthuis ── prof_veiligthuis
# ---------------------------------------------------------------------------

PEOPLE: list[dict] = [
    {
        "key": "admin",
        "name": "Sanne Verbeek",
        "email": "beheerder@jeugdhulp-community.example.nl",
        "role": "admin",
        "organisation": None,
        "job_title": "Community-beheerder",
        "bio": "Ik houd de Community draaiende en help nieuwe ambassadeurs op weg. "
        "Loop je vast met je account of een uitnodiging? Stuur me gerust een bericht.",
        "invited_by": None,
    },
    {
        "key": "moderator",
        "name": "Youssef El Amrani",
        "email": "moderator@jeugdhulp-community.example.nl",
        "role": "moderator",
        "organisation": None,
        "job_title": "Moderator en verbinder",
        "bio": "Twaalf jaar was ik jeugdbeschermer; nu breng ik vragen en mensen bij elkaar. "
        "Ik lees mee, verbind waar het kan en let op een vriendelijke, veilige toon.",
        "invited_by": "admin",
    },
    # --- Molendrift -------------------------------------------------------
    {
        "key": "demo_ambassador",
        "name": "Marieke de Boer",
        "email": "ambassadeur@molendrift.example.nl",
        "role": "ambassador",
        "organisation": "molendrift",
        "job_title": "Orthopedagoog en mentor",
        "bio": "Al acht jaar begeleid ik nieuwe collega's door hun eerste jaar. "
        "Het vak leer je pas echt als er iemand naast je staat die tijd voor je maakt.",
        "invited_by": "admin",
    },
    {
        "key": "demo_professional",
        "name": "Tim Brouwer",
        "email": "professional@molendrift.example.nl",
        "role": "professional",
        "organisation": "molendrift",
        "job_title": "Startend orthopedagoog",
        "bio": "Ruim een half jaar geleden begonnen, vers van de master. "
        "Hier stel ik de vragen die ik op de gang niet altijd durf te stellen.",
        "invited_by": "demo_ambassador",
    },
    # --- Raad voor de Kinderbescherming ----------------------------------
    {
        "key": "amb_rvdk",
        "name": "Nadia Bouzid",
        "email": "nadia.bouzid@rvdk.example.nl",
        "role": "ambassador",
        "organisation": "rvdk",
        "job_title": "Raadsonderzoeker en projectlid werven en landen",
        "bio": "Naast mijn onderzoekswerk help ik mee aan ons project Werven, selecteren "
        "en landen. "
        "Elke nieuwe collega verdient een zachte landing.",
        "invited_by": "admin",
    },
    {
        "key": "prof_rvdk",
        "name": "Sem Bakker",
        "email": "sem.bakker@rvdk.example.nl",
        "role": "professional",
        "organisation": "rvdk",
        "job_title": "Raadsonderzoeker in opleiding",
        "bio": "Sinds een paar maanden raadsonderzoeker in opleiding. "
        "Daarvoor werkte ik vijf jaar in het speciaal onderwijs.",
        "invited_by": "amb_rvdk",
    },
    {
        "key": "prof_rvdk2",
        "name": "Ruud Hendriks",
        "email": "ruud.hendriks@rvdk.example.nl",
        "role": "professional",
        "organisation": "rvdk",
        "job_title": "Teamleider",
        "bio": "Teamleider van een team raadsonderzoekers. Ik zoek manieren om mijn mensen "
        "overeind te houden in een tijd van lange wachtlijsten.",
        "invited_by": "amb_rvdk",
    },
    # --- Jeugdbescherming west -------------------------------------------
    {
        "key": "amb_jbwest",
        "name": "Thijs van Leeuwen",
        "email": "thijs.vanleeuwen@jbwest.example.nl",
        "role": "ambassador",
        "organisation": "jbwest",
        "job_title": "Hr-adviseur duurzame inzetbaarheid",
        "bio": "Wie dit zware vak doet, verdient de begeleiding die een topsporter krijgt. "
        "Daar werk ik elke dag aan, samen met onze teammanagers.",
        "invited_by": "admin",
    },
    {
        "key": "prof_jbwest",
        "name": "Daan Mulder",
        "email": "daan.mulder@jbwest.example.nl",
        "role": "professional",
        "organisation": "jbwest",
        "job_title": "Jeugdbeschermer",
        "bio": "Jeugdbeschermer in mijn tweede jaar. Ik hou van het vak en ben nog aan het "
        "uitvinden hoe ik het lang volhoud.",
        "invited_by": "amb_jbwest",
    },
    # --- Jeugdbescherming Gelderland -------------------------------------
    {
        "key": "amb_jbgelderland",
        "name": "Esther Hoekstra",
        "email": "esther.hoekstra@jbgelderland.example.nl",
        "role": "ambassador",
        "organisation": "jbgelderland",
        "job_title": "Jeugdbeschermer en mentor, team Rivierenland",
        "bio": "Met mijn team bedacht ik ons inwerkprogramma in Rivierenland. "
        "Ik vertel er graag over, ook over wat in het begin níet lukte.",
        "invited_by": "moderator",
    },
    {
        "key": "prof_jbg",
        "name": "Bram Willems",
        "email": "bram.willems@jbgelderland.example.nl",
        "role": "professional",
        "organisation": "jbgelderland",
        "job_title": "Jeugdbeschermer",
        "bio": "Anderhalf jaar jeugdbeschermer, daarvoor ambulant hulpverlener. "
        "Ik was een van de eerste starters in ons nieuwe inwerkprogramma.",
        "invited_by": "amb_jbgelderland",
    },
    # --- Jeugdhulp De Wilgenhoek (fictional) -----------------------------
    {
        "key": "amb_wilgenhoek",
        "name": "Joyce Meijer",
        "email": "joyce.meijer@wilgenhoek.example.nl",
        "role": "ambassador",
        "organisation": "wilgenhoek",
        "job_title": "Teamcoach ambulante gezinshulp",
        "bio": "Ik ben van de kleine experimenten: iets proberen, eerlijk kijken of het werkt "
        "en het dan delen.",
        "invited_by": "admin",
    },
    {
        "key": "prof_wilgenhoek",
        "name": "Ilse de Groot",
        "email": "ilse.degroot@wilgenhoek.example.nl",
        "role": "professional",
        "organisation": "wilgenhoek",
        "job_title": "Gezinshulpverlener",
        "bio": "Gezinshulpverlener in mijn tweede jaar. Ik werk het liefst met gezinnen "
        "met jonge kinderen.",
        "invited_by": "amb_wilgenhoek",
    },
    # --- Gemeente Eikenrade (fictional) ----------------------------------
    {
        "key": "prof_gemeente",
        "name": "Marco Veenstra",
        "email": "marco.veenstra@eikenrade.example.nl",
        "role": "professional",
        "organisation": "gemeente_eikenrade",
        "job_title": "Beleidsadviseur jeugd",
        "bio": "Ik wil dat jeugdprofessionals de gemeente zien als partner, "
        "niet als de partij van de formulieren.",
        "invited_by": "amb_wilgenhoek",
    },
    # --- Veilig Thuis Veenhorst (fictional) ------------------------------
    {
        "key": "amb_veiligthuis",
        "name": "Anouk Peters",
        "email": "anouk.peters@veiligthuis-veenhorst.example.nl",
        "role": "ambassador",
        "organisation": "veiligthuis_veenhorst",
        "job_title": "Teamleider onderzoek en triage",
        "bio": "Ik zet me in voor een werkplek waar je hardop mag zeggen dat een melding je raakt.",
        "invited_by": "admin",
    },
    {
        "key": "prof_veiligthuis",
        "name": "Omar Yilmaz",
        "email": "omar.yilmaz@veiligthuis-veenhorst.example.nl",
        "role": "professional",
        "organisation": "veiligthuis_veenhorst",
        "job_title": "Casemanager en mentor",
        "bio": "Casemanager en sinds kort mentor van twee nieuwe collega's. "
        "Ik leer minstens zoveel van hen als zij van mij.",
        "invited_by": "amb_veiligthuis",
    },
    # --- Hogeschool Veenhorst (fictional) --------------------------------
    {
        "key": "amb_hogeschool",
        "name": "Hanneke Dijkstra",
        "email": "hanneke.dijkstra@hs-veenhorst.example.nl",
        "role": "ambassador",
        "organisation": "hogeschool_veenhorst",
        "job_title": "Docent Social Work en stagecoördinator",
        "bio": "Ik bouw bruggen tussen opleiding en werkveld, zodat de overstap naar je "
        "eerste baan geen sprong in het diepe is.",
        "invited_by": "moderator",
    },
]


# ---------------------------------------------------------------------------
# Themes (the curated list from the report)
# ---------------------------------------------------------------------------

THEMES: list[dict] = [
    {
        "slug": "inwerken",
        "name": "Inwerken",
        "description": "De eerste dagen, weken en maanden van een nieuwe collega. "
        "Hoe zorg je dat iemand zich welkom voelt en het vak in alle rust kan leren?",
    },
    {
        "slug": "behouden",
        "name": "Behouden",
        "description": "Waarom blijven mensen, en waarom gaan ze? Ervaringen en ideeën om "
        "goede collega's ook na hun eerste twee jaar aan boord te houden.",
    },
    {
        "slug": "werving-en-selectie",
        "name": "Werving & selectie",
        "description": "Van vacaturetekst tot stage en open sollicitatie. "
        "Goed inwerken begint bij het vinden van mensen die bij je passen.",
    },
    {
        "slug": "mentorschap-en-begeleiding",
        "name": "Mentorschap & begeleiding",
        "description": "Mentoren, buddy's en werkbegeleiders: de collega's die naast je staan. "
        "Hoe maak je hun tijd waardevol, voor de starter én voor henzelf?",
    },
    {
        "slug": "leren-en-ontwikkelen",
        "name": "Leren & ontwikkelen",
        "description": "Intervisie, leerlijnen, verdieping en verbreding. "
        "Het vak blijft boeien als je blijft groeien.",
    },
    {
        "slug": "werkdruk-en-administratieve-last",
        "name": "Werkdruk & administratieve last",
        "description": "Caseloads, formulieren en volle agenda's. "
        "Wat werkt echt om tijd terug te winnen voor kinderen en gezinnen?",
    },
    {
        "slug": "moreel-letsel",
        "name": "Moreel letsel",
        "description": "Wat het met je doet als je niet kunt doen wat je goed en nodig vindt. "
        "Een plek om het te herkennen, te benoemen en er samen mee om te gaan.",
    },
    {
        "slug": "duurzame-inzetbaarheid-en-vitaliteit",
        "name": "Duurzame inzetbaarheid & vitaliteit",
        "description": "Hoe houd je dit werk vol, met plezier? "
        "Over energie, werkbalans en regie over je eigen loopbaan.",
    },
    {
        "slug": "humane-organisatie-en-cultuur",
        "name": "Humane organisatie & cultuur",
        "description": "Erbij horen, ertoe doen en gezien worden als heel mens. "
        "Verhalen over organisaties waar de mens voorop staat.",
    },
    {
        "slug": "leiderschap",
        "name": "Leiderschap",
        "description": "Leidinggeven dicht bij de praktijk: ruimte geven, beschikbaar zijn "
        "en achter je mensen staan.",
    },
    {
        "slug": "zelforganisatie",
        "name": "Zelforganisatie",
        "description": "Teams die zelf beslissen over hun werk, hun planning en hun nieuwe "
        "collega's. Wat heb je nodig om te beginnen, en wat kom je onderweg tegen?",
    },
    {
        "slug": "samenwerking-met-gemeenten",
        "name": "Samenwerking met gemeenten",
        "description": "Gemeenten en jeugdprofessionals aan dezelfde kant van de tafel. "
        "Voorbeelden van afspraken die het werk lichter en beter maken.",
    },
]


# ---------------------------------------------------------------------------
# Good practices (goede voorbeelden)
# ---------------------------------------------------------------------------

PRACTICES: list[dict] = [
    {
        "key": "rvdk_werven_selecteren_landen",
        "title": "Werven, selecteren en landen: van 17% naar 3% uitstroom in het eerste jaar",
        "summary": "Sinds 2017 behandelt de Raad voor de Kinderbescherming werving, selectie en "
        "de eerste maanden als één doorlopende reis. Mentoren krijgen tijd en training, "
        "nieuwe collega's een warm welkom, en na 90 dagen vragen we anoniem hoe het ging.",
        "context": _md("""
            Een paar jaar geleden liet een groot intern 'thermometer'-onderzoek ons schrikken:
            het verloop was hoog, en juist nieuwe collega's haakten snel af. In 2016 was 17%
            van de mensen binnen een jaar alweer vertrokken. Dat kost geld, maar vooral kennis,
            rust in de teams en continuïteit in ons onderzoek.

            Bovendien deed elk van onze 18 locaties (samen zo'n 2100 collega's) het werven en
            inwerken op een eigen manier. Goede kandidaten vielen tussen wal en schip, en open
            sollicitaties bleven vaak gewoon liggen.
        """),
        "approach": _md("""
            In 2017 begonnen we aan **Werven, selecteren en landen**. De kern:
            werving houdt niet op bij de handtekening onder het contract.

            - **Werven doe je altijd.** Niet alleen als er gaten vallen; we houden contact met
              goede mensen, ook als ze zich uit zichzelf melden.
            - **Eén lijn en vaste aanspreekpunten.** Werven, selecteren en landen sturen we nu
              centraal aan. Een kandidaat houdt hetzelfde aanspreekpunt, ook na de eerste werkdag.
            - **Een warm welkom.** Je krijgt bloemen en een kaartje. In een welkomstmail stelt je
              mentor zich voor en plant meteen een koffiemoment met je in.
            - **Tijd voor mentor én starter.** Allebei krijgen ze uren voor het inwerken, in
              plaats van het ernaast te moeten doen.
            - **Getrainde mentoren.** In een eigen training leren mentoren hun begeleiding af te
              stemmen op wie er voor hen zit.
            - **Na 90 dagen een anonieme vragenlijst** over de sollicitatie en de begeleiding.
              Die analyseren we elk jaar, en we bellen iedereen ook persoonlijk na.
        """),
        "target_group": "Alle nieuwe medewerkers van de Raad, van schoolverlaters tot ervaren "
        "professionals die van buiten de jeugdbescherming komen, en de collega's die hen als "
        "mentor begeleiden.",
        "results": _md("""
            - Uitstroom binnen het eerste jaar: **17% in 2016, 3% in 2020**.
            - De totale uitstroom daalde van 17% in 2016 naar 7% in 2019.
            - Nieuwe collega's noemen het persoonlijke contact en het vaste aanspreekpunt steeds
              als wat hen houvast gaf.
            - Omdat we zichtbaar zijn (op intranet, in nieuwsbrieven en, toen reizen niet kon,
              met een online ronde langs alle locaties) weten collega's ons veel sneller te vinden.
        """),
        "tips": _md("""
            1. **Reken op een lange adem.** Zorg dat de trekkers het kunnen volhouden en dat de
               directie er zichtbaar achter staat. Blijft het een losse klus, dan zakt het weg.
            2. **Durf in de spiegel te kijken.** Een eerlijk onderzoek naar je verloop is
               confronterend, maar het wijst precies aan waar je kunt beginnen.
            3. **Maatwerk boven programma.** Ervaren mensen kunnen een volle trainingskalender als
               een keurslijf voelen. Laat de mentor kijken wat déze persoon nodig heeft.
            4. **Maak het van iedereen.** Goede collega's houden is in ieders belang; betrek de
               teams vanaf het begin.
        """),
        "grounding": "Uitstroomcijfers uit de eigen registratie van de Raad, gedeeld met de "
        "werkgroep Inwerken en behouden van de Arbeidsmarkttafel Jeugd.",
        "themes": ["werving-en-selectie", "inwerken", "behouden"],
        "organisation": "rvdk",
        "author": "amb_rvdk",
        "visibility": "public",
        "days_ago": 585,
    },
    {
        "key": "molendrift_mentor_plat",
        "title": "Een mentor in je eerste jaar, in een organisatie zonder middenmanagement",
        "summary": "Bij Molendrift krijg je vanaf dag één stevige werkbegeleiding en het hele "
        "eerste jaar een eigen mentor. Dat past bij hoe we georganiseerd zijn: plat, dicht op "
        "de praktijk en met collega's die mede-eigenaar zijn. Ons ziekteverzuim ligt op 2,3%.",
        "context": _md("""
            Molendrift biedt ambulante ggz aan kinderen en gezinnen met gedrags-, omgangs- en
            leerproblemen. We zijn met ongeveer honderd collega's. Veel nieuwe mensen komen vers
            van de universiteit, en dan ben je ineens medeverantwoordelijk voor gezinnen in
            spannende, soms heftige situaties. Daar heb je meer voor nodig dan een goed diploma:
            iemand die naast je staat.

            We hebben er nooit een apart project van gemaakt. Het zit al sinds de oprichting in
            hoe we werken.
        """),
        "approach": _md("""
            - **Werkbegeleiding vanaf de eerste dag.** We kijken samen precies wat een nieuwe
              collega al alleen kan en wat (nog) niet, en bouwen de complexiteit stap voor stap op.
            - **Een mentor voor het hele eerste jaar.** Niet alleen voor het vak, maar om op alle
              fronten aan te haken: bij het team, de gewoontes, en de vragen die je liever niet in
              het teamoverleg stelt.
            - **Plat georganiseerd.** Er is geen middenmanagement. Vier van de vijf directieleden
              zien zelf nog cliënten, dus de afstand tot de werkvloer is klein.
            - **Samen eigenaar.** Iedereen, van huismeester tot klinisch psycholoog, heeft een
              klein aandeel in de organisatie.
            - **Twee eenvoudige regels.** Help cliënten zoals je zelf geholpen zou willen
              worden, en behandel collega's zoals jij door hen behandeld wilt worden. Dat zie
              je in kleine dingen: je ruimt andermans omgestoten koffie gewoon op.
            - **Niet te snel groeien.** Hooguit 5 fte per jaar erbij, zodat we iedereen goed
              kunnen inwerken.
        """),
        "target_group": "Nieuwe collega's, vaak net afgestudeerd, en de ervaren collega's die "
        "hen als mentor en werkbegeleider bijstaan.",
        "results": _md("""
            - Ziekteverzuim van **2,3%**.
            - Uitstroom van 0,9% in 2020; wie vertrekt, doet dat om begrijpelijke redenen.
            - Veel open sollicitaties, zodat we nauwelijks hoeven te werven en kunnen kiezen wie
              bij ons past.
            - Tevreden cliënten, weinig klachten en weinig trajecten die voortijdig stoppen.
        """),
        "tips": _md("""
            Je hoeft geen kleine organisatie te zijn om dit te doen. Begin bij de vraag wat jouw
            collega's op de vloer nodig hebben, en maak tijd voor begeleiding in plaats van het
            ernaast te laten doen. Inwerken kost geld, zeker. Wij zien dat als een gewone kostenpost
            van goed werk, niet als iets extra's.

            En houd je leidinggevenden dicht bij het werk. Wie zelf nog gezinnen ziet, snapt
            meteen waarom een starter een mentor nodig heeft.
        """),
        "grounding": "Verzuim- en uitstroomcijfers uit de eigen registratie van Molendrift "
        "(2020), gedeeld met de werkgroep Inwerken en behouden.",
        "themes": ["mentorschap-en-begeleiding", "humane-organisatie-en-cultuur", "inwerken"],
        "organisation": "molendrift",
        "author": "demo_ambassador",
        "visibility": "public",
        "days_ago": 560,
    },
    {
        "key": "jbwest_vanaf_dag_een",
        "title": "Vanaf dag één aandacht voor je persoonlijke ontwikkeling",
        "summary": "Jeugdbescherming west legt de regie over loopbaan en werkbalans bij de "
        "medewerker zelf, met een vitaliteitsfunctionaris in elke regio en een inwerkjaar dat "
        "draait om leren. Het verzuim daalde van 8% naar 4,5%, en het project won de "
        "Impactmaker Prijs 2020.",
        "context": _md("""
            In 2016 zaten we op een verzuim van 8%, en vooral nieuwe collega's vielen uit. Toen we
            de verzuimredenen naast elkaar legden en met mensen in gesprek gingen, zagen we dat
            psychische klachten een groot deel verklaarden. Achteraf repareren werkte niet; we
            wilden het voor zijn.

            Jeugdbeschermer zijn is een vak, en dat vak moet je de tijd krijgen om te leren. Zeker
            als je net van school komt.
        """),
        "approach": _md("""
            We zijn met bijna 600 collega's, verdeeld over vijf regio's. Onze vraag aan iedereen:
            **wat heb jij nodig om fit en met plezier aan het werk te blijven?**

            - **Regie over je eigen werkweek.** Wil je een paar ochtenden per week sporten?
              Dan kijken we samen hoe dat past.
            - **Een vitaliteitsfunctionaris per regio**: een collega met extra aandacht voor dit
              thema, die je gewoon kunt aanschieten.
            - **Een inwerkjaar om te leren**, met:
              - een leerlijn met scholing;
              - begeleide intervisie met andere starters;
              - een begeleider voor je persoonlijke ontwikkeling;
              - ruimte om je caseload op te bouwen (na ongeveer zeven maanden draai je een volle
                caseload);
              - een ontwikkelassessment dat richting geeft aan je leerpad.
            - **Het organogram begint bij de medewerkers.** Teammanagers vullen het ieder op hun
              eigen manier in, vanuit een gedeelde visie.

            Cruciaal: het bestuur gaf visie én ruimte, waardoor de aanpak overal gedragen werd.
        """),
        "target_group": "Alle medewerkers, met extra aandacht voor collega's in hun eerste jaar "
        "als jeugdbeschermer of jeugdreclasseerder.",
        "results": _md("""
            - Verzuim van **8% in 2016 naar 4,5%**.
            - Uitstroom van 23% in 2017 naar 18% in 2020.
            - De **Impactmaker Prijs 2020**, en veel belangstelling van andere organisaties en
              hr-collega's in zorg en welzijn.
        """),
        "tips": _md("""
            - Niet iedereen vindt het makkelijk om zelf te benoemen wat hij nodig heeft. Geef
              mensen daar tijd en een gesprekspartner voor.
            - Vitaliteit is meer dan gezond eten en bewegen. Werkplezier, werkdruk en je toegerust
              voelen voor het vak horen er net zo goed bij.
            - Laat teammanagers hun eigen invulling kiezen. Een gedeelde visie houdt het bij
              elkaar; eenheidsworst is niet nodig.
            - Blijf de vraag stellen of deze jas je nog past. Voor starters, maar ook na vijf jaar.
        """),
        "grounding": "Verzuim- en uitstroomcijfers uit de eigen registratie van "
        "Jeugdbescherming west.",
        "themes": ["duurzame-inzetbaarheid-en-vitaliteit", "leren-en-ontwikkelen", "inwerken"],
        "organisation": "jbwest",
        "author": "amb_jbwest",
        "visibility": "public",
        "days_ago": 520,
    },
    {
        "key": "jbg_rivierenland",
        "title": "Team Rivierenland: je eerste maand zonder caseload en vijf uur mentor per week",
        "summary": "In team Rivierenland van Jeugdbescherming Gelderland begin je zonder eigen "
        "gezinnen en krijg je elke week vijf uur begeleiding van een ervaren teamgenoot. "
        "Het team bedacht het zelf; het management gaf de ruimte.",
        "context": _md("""
            Een paar jaar geleden merkten we in ons team dat nieuwe collega's veel te snel een
            volle caseload kregen. Ze zwommen, en een aantal haakte af. Toen hebben we met z'n allen
            op een rij gezet hoe we nieuwe collega's beter wilden opvangen en vasthouden, en
            dat voorgelegd aan ons management. Dat luisterde, en gaf ons alle ruimte
            om het uit te proberen.
        """),
        "approach": _md("""
            - **Maand één: geen caseload.** Je loopt mee, leest dossiers, leert de ketenpartners
              en de regio kennen en schuift aan bij overleggen. Er staat nog niets op jouw naam.
            - **Elke week vijf uur met je mentor**, een ervaren teamgenoot, het hele
              inwerktraject door. Die uren staan in beide agenda's en worden niet weggepland.
            - **Opbouwen in overleg.** Na de eerste maand neem je gezinnen over, in een tempo dat
              jij, je mentor en de teamleider samen bepalen.
            - **Het team draagt het.** Niet alleen de mentor, het hele team vangt een starter op.
              Wie een vraag heeft, krijgt antwoord van wie er het eerst tijd voor heeft.
        """),
        "target_group": "Nieuwe jeugdbeschermers in ons team, zowel starters als ervaren "
        "collega's die overstappen.",
        "results": _md("""
            We draaien het programma nu ruim een jaar. Ons team is hecht en de uitstroom is laag.
            De projectgroep Inwerken en behouden kwam ons er zelfs een taart voor brengen in Tiel.

            Minstens zo belangrijk: nieuwe collega's vertellen dat ze zich vanaf het begin deel van
            het team voelden, en niet een gat dat snel gedicht moest worden.
        """),
        "tips": _md("""
            - Begin bij het team. Wij wisten precies wat er misging; we moesten het alleen hardop
              zeggen.
            - Een maand zonder caseload voelt als luxe als je team onderbezet is. Reken uit wat
              een vertrekkende collega kost, dan valt het mee.
            - Bescherm de mentoruren. Zodra ze het sluitstuk van de planning worden, verdampen ze.
            - Vraag je management niet om een kant-en-klaar plan, maar om ruimte om te proberen.
        """),
        "grounding": "",
        "themes": ["inwerken", "mentorschap-en-begeleiding", "zelforganisatie"],
        "organisation": "jbgelderland",
        "author": "amb_jbgelderland",
        "visibility": "public",
        "days_ago": 470,
    },
    {
        "key": "wilgenhoek_startersintervisie",
        "title": "Startersintervisie: elke twee weken met je jaargroep om tafel",
        "summary": "Nieuwe collega's van De Wilgenhoek vormen het eerste jaar een vaste "
        "intervisiegroep met starters uit andere teams. Onder leiding van een getrainde "
        "begeleider bespreek je niet je dossiers, maar wat het werk met je doet.",
        "context": _md("""
            Onze starters kregen prima werkbegeleiding op hun casussen. Toch hoorden we in
            exitgesprekken steeds dezelfde zin: *"Ik dacht dat ik de enige was die het zwaar
            vond."* In je eigen team durf je niet altijd te zeggen dat je twijfelt, zeker niet als
            iedereen het druk heeft.
        """),
        "approach": _md("""
            - Collega's die in hetzelfde halfjaar beginnen, vormen een **jaargroep** van zes tot
              acht mensen uit verschillende teams.
            - De groep komt **elke twee weken anderhalf uur** bij elkaar, in werktijd, het hele
              eerste jaar.
            - Een **ervaren collega met een intervisietraining** begeleidt de groep. Bewust
              iemand buiten de eigen lijn.
            - We houden de werkvormen eenvoudig: de incidentmethode, een roddelronde, of gewoon
              een rondje 'waar lig je wakker van?'.
            - Wat er gezegd wordt, blijft in de groep. Er gaat geen verslag naar leidinggevenden.
        """),
        "target_group": "Alle nieuwe hulpverleners in hun eerste jaar, ook als ze elders al "
        "jaren ervaring hebben.",
        "results": _md("""
            Er hebben nu drie jaargroepen gedraaid. Van de 21 starters die meededen, werken er nog
            19 bij ons. In de jaren daarvoor verloren we ongeveer een op de vier starters binnen
            twee jaar.

            In evaluaties noemen starters hun groep 'de plek waar ik kon uitademen'. Een paar
            jaargroepen spreken na het eerste jaar uit zichzelf nog steeds af.
        """),
        "tips": _md("""
            - Houd de groep klein en vast. Wisselende deelnemers maken het onveilig.
            - Plan alle bijeenkomsten een jaar vooruit in, anders wint de waan van de dag.
            - Kies een begeleider buiten de hiërarchie; dan durven mensen meer.
            - Geef het tijd. De eerste twee keer is het vaak stil, daarna gaat het stromen.
        """),
        "grounding": "Eigen registratie van De Wilgenhoek. Het gaat om kleine aantallen, dus "
        "lees het als een eerste aanwijzing.",
        "themes": ["leren-en-ontwikkelen", "inwerken", "behouden"],
        "organisation": "wilgenhoek",
        "author": "amb_wilgenhoek",
        "visibility": "public",
        "days_ago": 400,
    },
    {
        "key": "vt_buddy",
        "title": "Een buddy naast je mentor: iemand voor de mens, niet voor het dossier",
        "summary": "Bij Veilig Thuis Veenhorst krijgt elke nieuwe collega naast een inhoudelijke "
        "mentor ook een buddy: een collega uit een ander team bij wie je terechtkunt met alles "
        "wat niet in een werkbegeleiding past.",
        "context": _md("""
            Ons werk is intens. Je hoort over huiselijk geweld en kindermishandeling, soms
            meerdere keren per dag. Onze mentoren deden hun werk goed, maar ze lazen ook je
            verslagen en gaven feedback op je gesprekken. Nieuwe collega's vertelden ons later dat
            ze bij hun mentor niet goed durfden te zeggen dat een melding hen 's nachts wakker
            hield. Dan lijk je niet geschikt, dachten ze.
        """),
        "approach": _md("""
            - Elke starter krijgt in de eerste week een **buddy**: een collega met minstens twee
              jaar ervaring, uit een ander team, die vrijwillig meedoet.
            - De buddy **beoordeelt niets**. Het gaat over hoe het met je gaat, niet over hoe je
              werk eruitziet.
            - De eerste drie maanden drinken buddy en starter **elke week een half uur koffie**,
              in werktijd. Daarna zo vaak als ze zelf willen.
            - Buddy's komen vier keer per jaar bij elkaar om ervaringen te delen, en krijgen een
              korte training in luisteren en doorverwijzen.
            - Klikt het niet, dan wissel je zonder gedoe.
        """),
        "target_group": "Nieuwe medewerkers in hun eerste jaar, en ervaren collega's die buddy "
        "willen zijn.",
        "results": _md("""
            - In het eerste jaar meldden zich 14 buddy's aan, meer dan we nodig hadden.
            - Na een half jaar zeggen vier van de vijf starters dat ze 'zeker iemand hebben om op
              terug te vallen'. Daarvoor was dat ongeveer de helft.
            - Een verrassing: de buddy's zelf vinden het ook waardevol. Ze merken dat hun
              ervaring ertoe doet.
        """),
        "tips": _md("""
            Houd de rollen echt gescheiden. Moet de buddy ook een oordeel geven, dan heb je een
            tweede mentor en ben je precies kwijt wat het waardevol maakte.

            Maak het vrijwillig voor buddy's, maar niet vrijblijvend: de koffie staat gewoon in de
            agenda.
        """),
        "grounding": "Eigen evaluatie onder starters, zes maanden na hun start.",
        "themes": ["mentorschap-en-begeleiding", "inwerken", "behouden"],
        "organisation": "veiligthuis_veenhorst",
        "author": "amb_veiligthuis",
        "visibility": "public",
        "days_ago": 340,
    },
    {
        "key": "vt_moreel_beraad",
        "title": "Moreel beraad na een zware casus: stilstaan bij wat het met jóu deed",
        "summary": "Loopt een melding slecht af of komt passende hulp niet op tijd, dan plannen "
        "we binnen twee weken een moreel beraad. Geen evaluatie van wat er misging, maar ruimte "
        "voor wat het deed met je geweten en je vertrouwen in het werk.",
        "context": _md("""
            Iedereen in ons vak kent het: je doet alles wat je kunt, en toch komt de hulp die een
            kind nodig heeft niet op tijd. De situatie blijft onveilig, en jij weet dat. Dat knaagt.
            We merkten dat collega's na zo'n casus stiller werden, cynischer, of uiteindelijk
            vertrokken. In de casusbespreking ging het over het dossier en de procedures, nooit
            over de vraag: *hoe staat het met jouw morele kompas?*

            Dat heet moreel letsel: een wond die ontstaat als je niet kunt doen wat jij goed en
            rechtvaardig vindt.
        """),
        "approach": _md("""
            - Iedereen kan een **moreel beraad** aanvragen, voor zichzelf of voor een collega.
              Dat hoeft niet via de leidinggevende.
            - Binnen twee weken zit je met hooguit zes collega's bij elkaar, onder leiding van een
              van onze drie **getrainde gespreksleiders**.
            - De opbouw is steeds dezelfde: wat gebeurde er, wat had er volgens jou moeten
              gebeuren, welke waarden kwamen in de knel, en wat heb je nu nodig?
            - We noemen **geen namen of herleidbare details** van het gezin. Het gaat om jouw
              ervaring.
            - Knelpunten in het systeem (wachtlijsten, ontbrekend aanbod) noteren we anoniem en
              bespreken we elk kwartaal met het management en de gemeenten.
        """),
        "target_group": "Alle medewerkers, welke functie of ervaring ze ook hebben. Starters "
        "nodigen we extra actief uit.",
        "results": _md("""
            In het eerste jaar hielden we 23 beraden; deelnemers geven ze gemiddeld een 8,4. Wat
            we het vaakst terughoren: *"Ik dacht dat alleen ik het zo voelde."*

            Het kwartaaloverleg over knelpunten leverde twee concrete afspraken op met gemeenten
            over spoedplaatsingen. Klein, maar collega's zien dat hun frustratie ergens landt.
        """),
        "tips": _md("""
            - Maak het gewoon. Als het alleen na 'heel erge' casussen gebeurt, wordt de drempel
              hoog.
            - Train je gespreksleiders goed: dit is iets anders dan intervisie.
            - Verbind het met het systeem. Moreel letsel ontstaat vaak niet door wat de
              professional doet, maar door wat er om hem heen ontbreekt.
        """),
        "grounding": "Gebaseerd op literatuur over moreel letsel (moral injury) en op de "
        "methode van moreel beraad uit de zorgethiek.",
        "themes": [
            "moreel-letsel",
            "duurzame-inzetbaarheid-en-vitaliteit",
            "humane-organisatie-en-cultuur",
        ],
        "organisation": "veiligthuis_veenhorst",
        "author": "amb_veiligthuis",
        "visibility": "members",
        "days_ago": 280,
    },
    {
        "key": "wilgenhoek_gemeente_administratie",
        "title": "Samen met de gemeente het verantwoordingsformulier gehalveerd",
        "summary": "Jeugdhulp De Wilgenhoek en gemeente Eikenrade liepen een middag lang samen "
        "alle formulieren door die een gezinshulpverlener invult. Wat niemand gebruikte, ging "
        "eruit. Resultaat: gemiddeld drie uur per week minder administratie per hulpverlener.",
        "context": _md("""
            In onze medewerkerspeiling was administratie met afstand de grootste ergernis.
            Collega's zeiden: elk uur achter het scherm is een uur dat ik niet bij een gezin ben.
            We gingen ervan uit dat de gemeente al die gegevens nodig had. Toen we het eindelijk
            vroegen, bleek de helft nergens voor gebruikt te worden.
        """),
        "approach": _md("""
            1. We zetten **elk formulier en elk veld** op een rij dat een hulpverlener invult bij
               de start, de tussenevaluatie en de afsluiting. Dat waren er ruim honderd.
            2. Met twee hulpverleners, een beleidsadviseur en een contractmanager van de gemeente
               zaten we **één middag** om tafel. Per veld de vraag: wie gebruikt dit, en waarvoor?
            3. Velden die niemand gebruikte, **schrapten we meteen**. Dubbele uitvragen voegden we
               samen.
            4. Voor de tussenevaluatie spraken we een **proef van een halfjaar** af: een kort
               gesprek met de consulent in plaats van een uitgebreid formulier.
            5. Na dat halfjaar evalueerden we samen, en de proef werd de nieuwe werkwijze.
        """),
        "target_group": "Ambulante gezinshulpverleners, en hun collega's bij de gemeente: "
        "consulenten, beleid en contractbeheer.",
        "results": _md("""
            - Het startformulier ging van 42 naar 19 velden.
            - Hulpverleners schatten dat ze gemiddeld **drie uur per week** minder kwijt zijn aan
              administratie.
            - De gemeente krijgt bruikbaarder informatie, omdat de overgebleven velden er echt toe
              doen.
            - Bijvangst: de consulenten en onze hulpverleners kennen elkaar nu bij naam.
        """),
        "tips": _md("""
            - Vraag het gewoon. Veel administratieve last rust op aannames die niemand checkt.
            - Neem mensen uit de uitvoering mee aan tafel, niet alleen managers. Zij weten welk
              veld de meeste tijd kost.
            - Begin klein en noem het een proef. Dan is ja zeggen voor een gemeente veel
              makkelijker.
            - Herhaal het. Formulieren groeien weer aan als niemand oplet; wij doen dit nu elk jaar.
        """),
        "grounding": "Tijdwinst gemeten met een korte tijdsregistratie door twaalf "
        "hulpverleners, twee weken voor en twee weken na de wijziging.",
        "themes": ["werkdruk-en-administratieve-last", "samenwerking-met-gemeenten"],
        "organisation": "wilgenhoek",
        "author": "amb_wilgenhoek",
        "visibility": "public",
        "days_ago": 220,
    },
    {
        "key": "molendrift_taakdifferentiatie",
        "title": "Taakdifferentiatie: jij kiest of je je verdiept of verbreedt",
        "summary": "Bij Molendrift bepaal je zelf of je je specialiseert in een doelgroep of "
        "methodiek, of juist verbreedt met onderzoek, projecten of werk bij andere organisaties. "
        "Zo blijft het vak uitdagend, ook na jaren.",
        "context": _md("""
            Uit uitstroomonderzoek in zorg en welzijn weten we dat loopbaanmogelijkheden en
            uitdaging in het werk bovenaan staan als redenen om te vertrekken. Bijna drie op de
            tien vertrekkers zeggen simpelweg dat het tijd was voor iets anders.

            In een platte organisatie kun je niet snel 'doorgroeien' naar een managementfunctie,
            en dat willen de meeste collega's ook niet. Ze willen groeien in hun vak.
        """),
        "approach": _md("""
            - Elke collega geeft zelf aan waar de voorkeur ligt: **verdiepen** in één soort
              hulpvraag, doelgroep of methodiek, of juist **verbreden**.
            - We variëren bewust in de complexiteit en de aard van de hulpvragen die iemand krijgt,
              zodat je blijft leren.
            - Wie wil verbreden, kan meedoen aan **organisatorische taken, onderzoek of
              ontwikkelprojecten**, ook buiten Molendrift. Sommige collega's werken een deel van
              hun tijd bij andere organisaties mee.
            - We werken nauw samen met de Rijksuniversiteit Groningen, waar zo'n 60% van onze
              nieuwe collega's vandaan komt. Dat houdt ons scherp op nieuwe inzichten.
            - In het jaarlijkse ontwikkelgesprek gaat het niet over 'wat moet je nog', maar over
              'waar krijg je energie van'.
        """),
        "target_group": "Alle collega's, van net begonnen tot tientallen jaren in dienst.",
        "results": _md("""
            Ons verloop is minimaal: 0,9% in 2020. Collega's blijven niet omdat ze vastzitten,
            maar omdat ze hier steeds iets nieuws kunnen doen. En doordat mensen bij andere
            organisaties meedraaien, groeit ook onze invloed buiten de eigen muren.
        """),
        "tips": _md("""
            Vraag niet alleen naar ambities in de vorm van functies. Vraag waar iemand nieuwsgierig
            naar is. Daar zit vaak een taak, project of verdieping in die prima past, ook als er
            geen 'hogere' functie vrij is.
        """),
        "grounding": "Vertrekredenen uit het uitstroomonderzoek 2020 van RegioPlus; "
        "uitstroomcijfer uit de eigen registratie van Molendrift.",
        "themes": ["leren-en-ontwikkelen", "behouden"],
        "organisation": "molendrift",
        "author": "demo_ambassador",
        "visibility": "public",
        "days_ago": 170,
    },
    {
        "key": "hogeschool_leerwerkplaats",
        "title": "De leerwerkplaats: stagiairs als collega's van morgen",
        "summary": "Hogeschool Veenhorst en drie jeugdhulporganisaties in de regio laten "
        "vierdejaars in duo's stagelopen in een team, met een vaste werkbegeleider en een "
        "wekelijkse leerbijeenkomst op locatie. Veel stagiairs blijven daarna als collega.",
        "context": _md("""
            Onze afgestudeerden vertelden vaak dat de overstap van school naar de jeugdhulp als een
            koude douche voelde. Tegelijk zochten organisaties in de regio wanhopig naar nieuwe
            collega's. Stages waren er wel, maar los van elkaar, en de begeleiding hing af van wie
            er toevallig tijd had.
        """),
        "approach": _md("""
            - Vierdejaars lopen **in duo's** stage in hetzelfde team. Ze hebben elkaar om op terug
              te vallen en bespreken samen wat ze meemaken.
            - Elk duo heeft **één vaste werkbegeleider** die daar uren voor krijgt, vastgelegd in
              een afspraak tussen hogeschool en organisatie.
            - Eén keer per week is er een **leerbijeenkomst op locatie**: een docent en een
              professional uit de praktijk bespreken met alle stagiairs uit de regio wat ze die week
              tegenkwamen.
            - Stagiairs doen mee aan intervisie en teamoverleg, zodat de stap naar een baan klein
              is.
            - Halverwege is er een **oriëntatiegesprek**: zie je jezelf hier werken, en wat heb je
              daarvoor nodig?
        """),
        "target_group": "Vierdejaarsstudenten Social Work en Pedagogiek, en de teams die hen "
        "opvangen.",
        "results": _md("""
            - In twee jaar liepen 34 studenten stage in de leerwerkplaats; 22 van hen gingen daarna
              bij een van de deelnemende organisaties aan de slag.
            - Van die 22 werken er na anderhalf jaar nog 20.
            - Werkbegeleiders zeggen dat ze er zelf ook scherper van worden: "vragen van
              stagiairs houden je eerlijk."
        """),
        "tips": _md("""
            - Werving begint niet bij de vacature, maar bij de stage. Behandel stagiairs als
              toekomstige collega's.
            - Leg de uren van de werkbegeleider vast, anders wordt het vrijwilligerswerk naast een
              volle caseload.
            - Laat studenten het echte werk zien, ook de zware kanten. Een eerlijk beeld voorkomt
              uitval later.
        """),
        "grounding": "Cijfers uit de eigen monitor van de leerwerkplaats, waarvoor de "
        "deelnemende organisaties jaarlijks gegevens aanleveren.",
        "themes": ["werving-en-selectie", "inwerken", "leren-en-ontwikkelen"],
        "organisation": "hogeschool_veenhorst",
        "author": "amb_hogeschool",
        "visibility": "public",
        "days_ago": 120,
    },
    {
        "key": "wilgenhoek_blijfgesprekken",
        "title": "Blijfgesprekken: vraag waarom mensen blijven, voordat ze vertrekken",
        "summary": "Naast exitgesprekken vragen onze teamcoaches elke collega eens per jaar: "
        "waarom blijf je, en wat zou je doen vertrekken? Zo horen we het op tijd.",
        "context": _md("""
            Exitgesprekken gaven ons eerlijke informatie, maar altijd te laat. Als iemand dat
            gesprek voert, is het besluit al genomen. We wilden weten wat mensen bindt, zodat we
            daar zuinig op kunnen zijn, en wat ze wegduwt, zodat we het kunnen aanpakken zolang het
            nog kan.
        """),
        "approach": _md("""
            - Elke collega krijgt eens per jaar een **blijfgesprek** van een halfuur met de
              teamcoach, los van de beoordelingscyclus.
            - We stellen vier vragen:
              1. Waar krijg je op dit moment energie van in je werk?
              2. Wat kost je de meeste energie?
              3. Als je morgen zou vertrekken, wat zou dan de reden zijn?
              4. Wat kunnen wij dit jaar doen om jouw werk beter te maken?
            - De teamcoach legt **één concrete afspraak** vast en komt daar na drie maanden op
              terug.
            - Thema's die vaker terugkomen, gaan zonder namen naar het MT.
        """),
        "target_group": "Alle medewerkers. We begonnen bij collega's die één tot drie jaar in "
        "dienst zijn: de groep die het vaakst vertrekt.",
        "results": _md("""
            In het eerste jaar voerden we 64 gesprekken. Drie thema's kwamen steeds terug: te
            weinig ruimte om te leren, onduidelijkheid over wie waarover beslist, en het gemis van
            een vaste collega om mee te sparren. Op alle drie hebben we iets veranderd (zie ook
            onze startersintervisie).

            Het aantal collega's dat binnen drie jaar vertrok, ging van elf naar zes.
        """),
        "tips": _md("""
            - Maak er geen beoordeling van. Komt het in het dossier, dan hoor je sociaal wenselijke
              antwoorden.
            - Durf echt naar de vertrekreden te vragen. Spannend, maar het is het nuttigste
              antwoord dat je krijgt.
            - Doe iets met wat je hoort, en vertel dat je het gedaan hebt.
        """),
        "grounding": "Geïnspireerd door de 'stay interviews' uit de hr-literatuur.",
        "themes": ["behouden", "leiderschap"],
        "organisation": "wilgenhoek",
        "author": "amb_wilgenhoek",
        "visibility": "members",
        "days_ago": 75,
    },
    {
        "key": "vt_leidinggevende_op_de_vloer",
        "title": "Elke dinsdag op de vloer: teamleiders die meedraaien in de triage",
        "summary": "De teamleiders van Veilig Thuis Veenhorst draaien elke week een dagdeel mee "
        "in de triage. Ze weten daardoor wat er speelt, en collega's hoeven niet meer uit te "
        "leggen waarom iets zoveel tijd kost.",
        "context": _md("""
            In ons medewerkersonderzoek scoorde 'steun van je leidinggevende' laag. Collega's
            zeiden: *"Zij zitten in overleg, wij zitten met de meldingen."* Landelijk zie je
            hetzelfde beeld: weinig steun van leidinggevenden is een van de vaakst genoemde
            redenen om te vertrekken. Wij wilden de afstand letterlijk kleiner maken.
        """),
        "approach": _md("""
            - Alle vijf teamleiders hebben een **vast dagdeel per week in de triage**, met eigen
              meldingen.
            - Dat dagdeel is heilig: er worden geen vergaderingen overheen gepland.
            - Na afloop schrijven ze in drie zinnen op wat hen opviel. Eens per maand bespreken ze
              die notities samen.
            - Tijdens dat dagdeel spreek je je teamleider aan als collega, niet als baas.
        """),
        "target_group": "Teamleiders en hun teams in onderzoek en triage.",
        "results": _md("""
            We zijn pas een paar maanden bezig, dus harde cijfers hebben we nog niet. Wel twee
            concrete opbrengsten: een overbodige dubbele registratie in ons systeem is geschrapt,
            omdat een teamleider er zelf drie keer op vastliep. En in het teamoverleg gaat het
            gesprek over werkdruk nu over echte situaties, niet over gevoelens die niemand ziet.
        """),
        "tips": _md("""
            - Begin met een vast, klein blok. Een dagdeel per week is haalbaar; 'zo vaak als het
              lukt' wordt nooit.
            - Laat leidinggevenden echt werk doen, niet meekijken. Anders voelt het als controle.
            - Wees eerlijk als je iets niet meer weet. Vakkennis zakt weg als je hem niet
              bijhoudt, en dat mag je gewoon zeggen.
        """),
        "grounding": "In de exit-enquête van Prismant (2018) noemde 39% van de vertrokken "
        "jeugdprofessionals weinig steun van leidinggevenden als reden; de steekproef was klein.",
        "themes": [
            "leiderschap",
            "humane-organisatie-en-cultuur",
            "werkdruk-en-administratieve-last",
        ],
        "organisation": "veiligthuis_veenhorst",
        "author": "amb_veiligthuis",
        "visibility": "public",
        "days_ago": 6,
    },
]


# ---------------------------------------------------------------------------
# Reactions on practices
# ---------------------------------------------------------------------------

PRACTICE_REACTIONS: list[dict] = [
    {
        "practice": "rvdk_werven_selecteren_landen",
        "author": "prof_veiligthuis",
        "body": "Die anonieme vragenlijst na 90 dagen ga ik bij ons voorstellen. Vragen jullie "
        "ook naar de mentor zelf, of vooral naar het proces? Ik kan me voorstellen dat mentoren "
        "het spannend vinden om zo beoordeeld te worden.",
        "days_after": 12,
    },
    {
        "practice": "rvdk_werven_selecteren_landen",
        "author": "amb_rvdk",
        "body": "Allebei, maar we kijken naar patronen en niet naar losse mentoren. Komt iets "
        "vaker terug, dan gaan we met de locatie in gesprek. Mentoren weten dat vooraf, en de "
        "meesten vinden het juist fijn om te horen wat werkt.",
        "days_after": 13,
    },
    {
        "practice": "molendrift_mentor_plat",
        "author": "demo_professional",
        "body": "Als starter hier kan ik het bevestigen: mijn mentor heeft me de eerste maanden "
        "echt overeind gehouden. Wat ik het meest waardeer, is dat ik nooit het gevoel kreeg "
        "dat ik lastig was met mijn vragen.",
        "days_after": 400,
    },
    {
        "practice": "jbg_rivierenland",
        "author": "prof_jbwest",
        "body": "Een maand zonder caseload had ik ook wel gewild! Wat doen jullie als er in die "
        "maand een spoedzaak binnenkomt en iedereen vol zit? Wordt de starter dan toch ingezet?",
        "days_after": 20,
    },
    {
        "practice": "jbg_rivierenland",
        "author": "amb_jbgelderland",
        "body": "Eerlijk antwoord: één keer is een starter in week drie meegegaan naar een "
        "spoedsituatie. Maar altijd samen met een ervaren collega, en de zaak bleef op naam van "
        "die collega. De afspraak is dat je in die eerste maand geen eigen verantwoordelijkheid "
        "draagt.",
        "days_after": 21,
    },
    {
        "practice": "wilgenhoek_gemeente_administratie",
        "author": "prof_gemeente",
        "body": "Vanuit de gemeente: die middag was voor ons net zo waardevol. We hebben het "
        "daarna met twee andere aanbieders herhaald. Wil je dit ook met jouw gemeente proberen? "
        "Vraag vooral een contractmanager erbij, die weet welke gegevens echt nodig zijn.",
        "days_after": 4,
    },
    {
        "practice": "vt_moreel_beraad",
        "author": "prof_jbg",
        "body": "Dit zou ik bij ons ook willen. Het verschil tussen 'wat ging er mis in de "
        "casus' en 'wat deed het met jou' is precies wat ik mis in onze casusbesprekingen.",
        "days_after": 30,
    },
    {
        "practice": "vt_leidinggevende_op_de_vloer",
        "author": "prof_rvdk2",
        "body": "Mooi initiatief. Zelf loop ik eens per maand een onderzoek mee, maar een vast "
        "wekelijks dagdeel is een stuk consequenter. Hoe houden jullie dat vol in drukke weken?",
        "days_after": 2,
    },
]


# ---------------------------------------------------------------------------
# Questions with answers
# ---------------------------------------------------------------------------

QUESTIONS: list[dict] = [
    {
        "key": "q_eerste_maand_onderbezet",
        "title": "Hoe regel je een eerste maand zonder caseload als je team al onderbezet is?",
        "body": _md("""
            Ik ben teamleider en las het verhaal van team Rivierenland. Ik was meteen enthousiast,
            maar ik hoor de reacties al: "leuk, maar wie neemt dan die gezinnen over?" Mijn team
            draait nu met twee vacatures en iedereen zit boven de norm.

            Heeft iemand dit ingevoerd terwijl de bezetting krap was? Hoe heb je het aan je team
            uitgelegd, en hoe heb je die eerste maand concreet opgevangen? Ik ben vooral benieuwd
            wat er in de praktijk misging en hoe je dat hebt opgelost.
        """),
        "themes": ["inwerken", "werkdruk-en-administratieve-last"],
        "author": "prof_rvdk2",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 150,
        "answers": [
            {
                "author": "amb_jbgelderland",
                "body": _md("""
                    Herkenbaar! Ook bij ons was de bezetting niet ruim toen we begonnen. Wat hielp:
                    we lieten het team zelf rekenen. Wat kost het als een nieuwe collega na acht
                    maanden vertrekt en wij alles opnieuw moeten doen? Daarna was de discussie snel
                    klaar.

                    Praktisch: in de eerste maand loopt de starter mee met de collega's met de
                    zwaarste caseload. Die krijgen hulp bij bijvoorbeeld voorbereiding en
                    verslaglegging, en de starter leert van echte casussen. Zo voelt het niet als
                    extra werk, maar als een extra paar handen.
                """),
                "days_after": 1,
                "useful_by": ["prof_rvdk2", "amb_rvdk", "prof_jbg"],
                "accepted": True,
            },
            {
                "author": "demo_ambassador",
                "body": _md("""
                    Aanvulling vanuit een heel andere organisatie: begin niet met 'een maand', maar
                    met wat je wél kunt garanderen. Twee weken zonder eigen gezinnen en daarna een
                    vaste mentorochtend per week is al veel beter dan niets. Ziet het team dat het
                    werkt, dan is de stap naar een hele maand een stuk kleiner.
                """),
                "days_after": 3,
                "useful_by": ["prof_rvdk2"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_starters_na_twee_jaar",
        "title": "Wat doen jullie om starters ook na hun tweede jaar vast te houden?",
        "body": _md("""
            Ons inwerkjaar staat inmiddels goed. Starters voelen zich welkom, krijgen begeleiding,
            en de uitval in het eerste jaar is gedaald. Maar nu zien we een nieuw patroon: in jaar
            twee en drie vertrekken mensen alsnog, vaak naar een gemeente of een wijkteam.

            In de gesprekken hoor ik: "ik heb het vak nu onder de knie, en nu?" Hoe zorgen jullie
            dat het werk na het inwerken uitdagend blijft? Ik zoek vooral dingen die niet meteen
            een nieuwe functie of salarisschaal vragen.
        """),
        "themes": ["behouden", "leren-en-ontwikkelen"],
        "author": "amb_jbwest",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 300,
        "answers": [
            {
                "author": "demo_ambassador",
                "body": _md("""
                    Bij ons doet taakdifferentiatie veel. Na het eerste jaar vraag je niet alleen
                    'hoe gaat het?', maar ook 'waar wil je je in verdiepen of verbreden?'. Iemand
                    duikt dan bijvoorbeeld in een methodiek, helpt mee aan onderzoek of werkt een
                    dag per week mee aan een project bij een partner. Het kost weinig, maar het
                    geeft mensen het gevoel dat ze blijven groeien. Ik heb er een goed voorbeeld
                    over geschreven, kijk maar bij Molendrift.
                """),
                "days_after": 2,
                "useful_by": ["amb_jbwest", "amb_wilgenhoek", "prof_jbwest"],
                "accepted": True,
            },
            {
                "author": "amb_rvdk",
                "body": _md("""
                    Wij zien precies hetzelfde en zetten daarom in op 'blijvend leren'. Vaak
                    willen mensen wel leren, maar doen de wachtlijsten zo'n beroep op ze dat ze
                    zich de ruimte niet gunnen. Maak het dus onderdeel van het werk: leertijd in de
                    planning, niet in de avonduren.
                """),
                "days_after": 4,
                "useful_by": ["amb_jbwest"],
                "accepted": False,
            },
            {
                "author": "amb_hogeschool",
                "body": _md("""
                    Vanuit de hogeschool: ervaren professionals zijn vaak sterke gastdocenten en
                    stagebegeleiders. Voor sommigen is dat precies de nieuwe uitdaging die ze
                    zoeken, en je stagiairs hebben er ook wat aan. Bovendien word je zo als
                    organisatie zichtbaar voor studenten.
                """),
                "days_after": 9,
                "useful_by": ["amb_rvdk"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_hulp_te_laat",
        "title": "Hoe ga je om met het gevoel dat je tekortschoot, terwijl de hulp gewoon te "
        "laat kwam?",
        "body": _md("""
            Ik stel deze vraag liever anoniem. Een paar maanden geleden liep een casus van mij
            slecht af. Ik had al lang aangegeven dat een gezin intensieve hulp nodig had, maar er
            was geen plek. Ik heb gebeld, geëscaleerd, alles geprobeerd. Toen er eindelijk iets
            kwam, was het te laat.

            Iedereen zegt dat het niet aan mij lag, en eigenlijk weet ik dat ook. Toch slaap ik er
            slecht van en merk ik dat ik cynisch word over het hele systeem. Ik twijfel of ik dit
            werk nog wil doen.

            Herkennen anderen dit? Wat heeft jullie geholpen?
        """),
        "themes": ["moreel-letsel", "duurzame-inzetbaarheid-en-vitaliteit"],
        "author": "prof_jbwest",
        "anonymous": True,
        "visibility": "members",
        "days_ago": 60,
        "answers": [
            {
                "author": "amb_veiligthuis",
                "body": _md("""
                    Dank je dat je dit deelt, dat vraagt moed. Wat je beschrijft heeft een naam:
                    moreel letsel. Je wist wat er nodig was en kon het niet voor elkaar krijgen.
                    Dat is geen zwakte; het laat juist zien hoe sterk je kompas is.

                    Bij ons helpt een moreel beraad met een paar collega's: niet over wat er mis
                    ging in het dossier, maar over wat het met jou deed. Vraag of dat bij jullie
                    kan, of zoek een vertrouwenspersoon of bedrijfsmaatschappelijk werker op. En
                    praat met collega's die het kennen. Je bent echt niet de enige.
                """),
                "days_after": 1,
                "useful_by": ["prof_jbwest", "prof_jbg", "moderator", "prof_veiligthuis"],
                "accepted": True,
            },
            {
                "author": "prof_jbg",
                "body": _md("""
                    Ik heb vorig jaar iets vergelijkbaars meegemaakt. Wat mij hielp: opschrijven
                    wat ik allemaal wél had gedaan, en dat met mijn mentor doorlopen. Daarna heb ik
                    samen met mijn teamleider het knelpunt formeel gemeld bij de gemeente. Voor dat
                    gezin loste het niets meer op, maar mijn boosheid kon ergens heen. Neem je tijd,
                    en blijf niet alleen zitten met je twijfels.
                """),
                "days_after": 2,
                "useful_by": ["prof_jbwest"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_mentoruren",
        "title": "Hoe voorkom je dat mentoruren opgaan aan dossiers meelezen?",
        "body": _md("""
            Sinds kort ben ik mentor van twee nieuwe collega's, en ik krijg daar per persoon twee
            uur per week voor. In de praktijk lezen we vooral verslagen door en bespreken we wat er
            deze week moet gebeuren. Nuttig, maar het voelt als werkbegeleiding en niet als
            mentorschap.

            Hoe maken jullie ruimte voor de vragen áchter het werk: hoe voel je je, past dit vak
            bij je, waar loop je tegenaan? Werken jullie met een vaste opbouw of agenda voor die
            gesprekken?
        """),
        "themes": ["mentorschap-en-begeleiding", "inwerken"],
        "author": "prof_veiligthuis",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 40,
        "answers": [
            {
                "author": "amb_rvdk",
                "body": _md("""
                    Onze mentoren krijgen daar een eigen training voor, juist omdat dit zo snel
                    gebeurt. Een paar dingen die ik daar meenam:

                    - Splits het. Eén gesprek per week gaat over het werk, en eens per twee
                      weken is er een halfuur alleen over de persoon.
                    - Begin dat gesprek niet bij het dossier, maar met 'wat is je deze week
                      bijgebleven?'.
                    - Kijk wie je voor je hebt. Een schoolverlater heeft andere vragen dan iemand
                      die tien jaar ergens anders werkte.
                """),
                "days_after": 2,
                "useful_by": ["prof_veiligthuis", "amb_jbgelderland", "demo_ambassador"],
                "accepted": True,
            },
            {
                "author": "amb_jbgelderland",
                "body": _md("""
                    Wij wandelen soms tijdens het mentoruur. Klinkt gek, maar naast elkaar praten
                    in plaats van tegenover elkaar met een laptop ertussen maakt echt verschil. De
                    verslagen lezen we op een ander moment.
                """),
                "days_after": 3,
                "useful_by": ["prof_veiligthuis"],
                "accepted": False,
            },
            {
                "author": "demo_ambassador",
                "body": _md("""
                    Herkenbaar. Bij ons zijn werkbegeleider en mentor twee verschillende mensen: de
                    werkbegeleider kijkt naar de casussen, de mentor naar hoe iemand aanhaakt. Kan
                    dat bij jullie niet, geef de twee gesprekken dan een andere naam in de agenda.
                    Dan weten jullie allebei welk gesprek het is.
                """),
                "days_after": 5,
                "useful_by": ["prof_veiligthuis", "demo_professional"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_exitgesprekken",
        "title": "Wie voert bij jullie het exitgesprek, en wat doen jullie met de uitkomsten?",
        "body": _md("""
            Bij ons voert de direct leidinggevende het exitgesprek. Ik twijfel of mensen dan
            eerlijk zijn, zeker als die leidinggevende juist een van de redenen is om te gaan.
            Bovendien verdwijnen de verslagen in een personeelsdossier en doet niemand er iets mee.

            Hoe hebben jullie dit geregeld? Wie voert het gesprek, gebruiken jullie een
            vragenlijst, en hoe zorg je dat de uitkomsten ook echt iets veranderen?
        """),
        "themes": ["behouden", "leiderschap"],
        "author": "amb_wilgenhoek",
        "anonymous": False,
        "visibility": "members",
        "days_ago": 200,
        "answers": [
            {
                "author": "amb_rvdk",
                "body": _md("""
                    Wij zijn eigenlijk aan de voorkant begonnen. Alle nieuwe collega's krijgen na
                    90 dagen een anonieme vragenlijst, en we bellen ze daarna ook nog persoonlijk.
                    Elk jaar analyseren we de uitkomsten. Komt er op één punt steeds dezelfde
                    kritiek, dan gaan we meteen in gesprek met wie daarover gaat. Zo hoef je niet op
                    het exitgesprek te wachten om te horen wat er schuurt.
                """),
                "days_after": 1,
                "useful_by": ["amb_wilgenhoek", "prof_rvdk2"],
                "accepted": True,
            },
            {
                "author": "prof_rvdk2",
                "body": _md("""
                    Als teamleider zeg ik: laat het gesprek voeren door iemand van hr of een collega
                    uit een ander team. Ik merkte dat mensen tegen mij vooral 'privéomstandigheden'
                    noemden, en pas later hoorde ik via via wat er echt speelde.
                """),
                "days_after": 4,
                "useful_by": ["amb_wilgenhoek"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_caseloadnorm",
        "title": "Werken jullie met een vaste caseloadnorm of met maatwerk per medewerker?",
        "body": _md("""
            In ons team geldt een vast aantal gezinnen per fte. Dat voelt eerlijk, maar het klopt
            niet. Het ene gezin kost je een uur per week, het andere twee dagen. En een collega met
            twintig jaar ervaring kan meer hebben dan ik in mijn tweede jaar.

            Is er een organisatie die de caseload anders verdeelt, bijvoorbeeld op zwaarte,
            ervaring of voorkeur? Hoe voorkom je dan dat het oneerlijk voelt, of dat de sterkste
            collega's overbelast raken?
        """),
        "themes": ["werkdruk-en-administratieve-last", "zelforganisatie"],
        "author": "prof_wilgenhoek",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 110,
        "answers": [
            {
                "author": "amb_jbwest",
                "body": _md("""
                    Bij ons bouw je je caseload in het eerste jaar geleidelijk op; na ongeveer
                    zeven maanden zit je op een volle caseload. Maar ook daarna kijken we naar meer
                    dan het getal. In het teamoverleg verdelen we nieuwe gezinnen op basis van wat
                    iemand al heeft, wat hij aankan en waar hij van wil leren. Dat werkt alleen als
                    het team open is over hoe zwaar het is, en daar moet je als teammanager ruimte
                    voor maken.
                """),
                "days_after": 2,
                "useful_by": ["prof_wilgenhoek", "prof_jbwest", "amb_wilgenhoek"],
                "accepted": True,
            },
            {
                "author": "amb_wilgenhoek",
                "body": _md("""
                    Goede vraag, Ilse, en eerlijk gezegd zijn we hier zelf ook nog niet uit. Zullen
                    we het in het volgende teamoverleg agenderen? Ik zou graag een maand proberen om
                    nieuwe aanmeldingen samen te verdelen in plaats van op volgorde.
                """),
                "days_after": 3,
                "useful_by": ["prof_wilgenhoek"],
                "accepted": False,
            },
            {
                "author": "prof_gemeente",
                "body": _md("""
                    Een kanttekening vanuit de gemeente: in contracten kijken wij vaak naar het
                    aantal trajecten per fte. Gaan jullie anders verdelen, vertel het ons dan. Dan
                    kunnen we de afspraken daarop aanpassen, in plaats van jullie op een getal af te
                    rekenen.
                """),
                "days_after": 6,
                "useful_by": [],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_gemeente_minder_formulieren",
        "title": "Hoe krijg je de gemeente mee in minder verantwoordingsformulieren?",
        "body": _md("""
            In onze regio werken we met meerdere gemeenten, en elke gemeente wil net iets andere
            informatie, in net een ander format. Collega's zijn er uren per week mee kwijt.

            We hebben het al vaak aangekaart in overleggen, maar het blijft bij goede voornemens.
            Heeft iemand een voorbeeld van een gemeente die echt iets heeft geschrapt? Wat was het
            zetje waardoor het gebeurde?
        """),
        "themes": ["samenwerking-met-gemeenten", "werkdruk-en-administratieve-last"],
        "author": "amb_jbgelderland",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 250,
        "answers": [
            {
                "author": "amb_wilgenhoek",
                "body": _md("""
                    Ja! Wij zijn met gemeente Eikenrade een middag gaan zitten met álle formulieren
                    op tafel, en per veld vroegen we: wie gebruikt dit? Het zetje was dat er
                    uitvoerende collega's én een contractmanager van de gemeente aan tafel zaten,
                    niet alleen beleidsmensen. Het startformulier ging van 42 naar 19 velden. Ik
                    heb het als goed voorbeeld beschreven; stuur me gerust een bericht als je wilt
                    sparren.
                """),
                "days_after": 3,
                "useful_by": ["amb_jbgelderland", "prof_gemeente", "prof_jbg"],
                "accepted": True,
            },
            {
                "author": "prof_gemeente",
                "body": _md("""
                    Vanaf de andere kant van de tafel: wij hadden echt geen idee dat het zoveel tijd
                    kostte. Vraag niet in het algemeen om 'minder administratie', maar kom met een
                    concrete lijst en een voorstel voor een proef. Daar kan een gemeente veel
                    makkelijker ja op zeggen.
                """),
                "days_after": 5,
                "useful_by": ["amb_jbgelderland"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_zelforganisatie_begin",
        "title": "Waar begin je als team dat meer zelforganiserend wil werken?",
        "body": _md("""
            Ons team wil meer zelf beslissen: over het rooster, over de verdeling van
            aanmeldingen, misschien zelfs over wie we aannemen. Onze teamcoach staat ervoor open,
            maar niemand weet waar we moeten beginnen. Ik ben bang dat we een jaar lang over
            spelregels gaan vergaderen en dat er intussen niets verandert.

            Wie heeft dit gedaan? Wat was jullie eerste concrete stap, en wat zou je de volgende
            keer anders doen?
        """),
        "themes": ["zelforganisatie", "leiderschap"],
        "author": "prof_wilgenhoek",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 90,
        "answers": [
            {
                "author": "amb_jbgelderland",
                "body": _md("""
                    Bij ons begon het klein. We kozen één ding waar we als team last van hadden,
                    het inwerken van nieuwe collega's, en bedachten samen hoe dat beter kon. Dat
                    legden we voor aan ons management, dat ons de ruimte gaf. Pas toen dat werkte,
                    keken we naar andere onderwerpen. Mijn tip: begin niet met spelregels voor
                    alles, maar met één probleem dat iedereen voelt.
                """),
                "days_after": 2,
                "useful_by": ["prof_wilgenhoek", "amb_veiligthuis", "amb_wilgenhoek"],
                "accepted": True,
            },
            {
                "author": "demo_ambassador",
                "body": _md("""
                    Molendrift heeft geen middenmanagement, en wat ik merk: het werkt alleen als
                    iedereen dezelfde basisafspraken deelt. Wij hebben er twee, en die zijn heel
                    eenvoudig. Spreek dus eerst een paar waarden af voordat je structuren gaat
                    bouwen. En maak helder wie waarover beslist, ook als het antwoord 'het team' is.
                """),
                "days_after": 4,
                "useful_by": ["prof_wilgenhoek"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_werkdruk_bespreekbaar",
        "title": "Hoe maak je werkdruk bespreekbaar zonder dat het als klagen klinkt?",
        "body": _md("""
            Ik werk nu ruim een half jaar en merk dat er steeds meer op mijn bord komt. Mijn mentor
            vraagt hoe het gaat, en ik zeg elke keer 'goed hoor'. Ik wil niet de starter zijn die
            na zes maanden al klaagt, terwijl collega's veel meer doen.

            Hoe hebben jullie dit aangekaart toen je net begon? En aan de mentoren hier: waaraan
            zou je het graag willen merken?
        """),
        "themes": ["werkdruk-en-administratieve-last", "humane-organisatie-en-cultuur"],
        "author": "demo_professional",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 3,
        "answers": [
            {
                "author": "amb_jbwest",
                "body": _md("""
                    Goed dat je het hier vraagt, dat is al een eerste stap. Wat helpt: maak het
                    concreet in plaats van algemeen. Niet 'het is druk', maar 'mijn verslagen van
                    deze week krijg ik pas in het weekend af, hoe doen anderen dat?'. Dan is het
                    geen klacht maar een vraag om mee te denken. Een goede mentor wil dit juist
                    weten; veel erger is het als je doorgaat tot je omvalt.
                """),
                "days_after": 1,
                "useful_by": ["demo_professional", "demo_ambassador"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_vitaliteitsfunctionaris",
        "title": "Wat doet een vitaliteitsfunctionaris precies, en hoe richt je die rol in?",
        "body": _md("""
            Ik las over de vitaliteitsfunctionarissen bij Jeugdbescherming west en ben nieuwsgierig
            geworden. Wij hebben een bedrijfsarts en een vertrouwenspersoon, maar niemand in de
            teams die echt met vitaliteit bezig is.

            Is het een aparte functie, of een taak naast je gewone werk? En hoe voorkom je dat het
            een rol wordt die alleen yogalessen en fruitmanden regelt? Ik hoor graag hoe anderen
            dit hebben aangepakt.
        """),
        "themes": ["duurzame-inzetbaarheid-en-vitaliteit", "behouden"],
        "author": "amb_veiligthuis",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 6,
        "answers": [
            {
                "author": "amb_jbwest",
                "body": _md("""
                    Bij ons is het per regio een collega met extra aandacht voor dit thema, naast
                    het gewone werk. Het gaat nadrukkelijk niet alleen over sport en gezond eten,
                    maar ook over werkplezier, werkdruk, een werkweek die bij je past en de vraag of
                    je je toegerust voelt voor het vak. Vooral iemand die die vragen stelt en je
                    helpt zelf het antwoord te vinden. Ik breng je graag met een van hen in contact.
                """),
                "days_after": 1,
                "useful_by": ["amb_veiligthuis", "amb_wilgenhoek"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_stagiairs_niet_afschrikken",
        "title": "Hoe laat je stagiairs kennismaken met jeugdbescherming zonder ze af te "
        "schrikken?",
        "body": _md("""
            Elk jaar zien we studenten die na een stage in de jeugdbescherming besluiten dat het
            'niks voor hen' is. Soms terecht, maar vaak komt het door één heftige ervaring zonder
            goede nabespreking.

            We willen een eerlijk beeld geven, ook van de zware kanten, maar zonder dat studenten
            afhaken voordat ze de mooie kanten hebben gezien. Hoe begeleiden jullie stagiairs in
            de eerste weken? Mogen ze overal mee naartoe, of bouwen jullie het op?
        """),
        "themes": ["werving-en-selectie", "inwerken"],
        "author": "amb_hogeschool",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 8,
        "answers": [],
    },
    {
        "key": "q_eerste_werkdag",
        "title": "Wat maakte jouw eerste werkdag écht welkom?",
        "body": _md("""
            Ik ben een paar maanden geleden begonnen en had een fijne start: een kaartje, bloemen,
            en mijn mentor had al een koffiemoment gepland. Nu mag ik meedenken over hoe we de
            eerste week voor nieuwe collega's nog beter maken.

            Dus mijn vraag aan iedereen: wat maakte jouw eerste dag of week goed? Of juist: wat had
            je graag anders gezien? Kleine dingen zijn ook welkom.
        """),
        "themes": ["inwerken", "humane-organisatie-en-cultuur"],
        "author": "prof_rvdk",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 2,
        "answers": [
            {
                "author": "prof_jbg",
                "body": _md("""
                    Dat mijn laptop en mijn accounts het meteen deden! Klinkt banaal, maar bij mijn
                    vorige werkgever zat ik drie dagen zonder toegang en voelde ik me vooral in de
                    weg lopen. En een lijstje met wie ik die week zou ontmoeten, met bij elke naam
                    een zinnetje over waarom.
                """),
                "days_after": 0,
                "useful_by": ["prof_rvdk", "amb_rvdk"],
                "accepted": False,
            },
            {
                "author": "demo_professional",
                "body": _md("""
                    Voor mij: een collega die zei 'ga vandaag gewoon met mij mee, je hoeft niets te
                    doen, alleen kijken'. Die eerste dag meelopen zonder verwachtingen haalde veel
                    spanning weg. Wat ik miste: iemand die me de ongeschreven regels uitlegde, zoals
                    wie je belt als je vastloopt.
                """),
                "days_after": 1,
                "useful_by": ["prof_rvdk"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_onboarding_app",
        "title": "Heeft iemand ervaring met een onboarding-app voor nieuwe collega's?",
        "body": _md("""
            We overwegen een app waarin nieuwe collega's al vóór hun eerste werkdag hun team leren
            kennen en praktische informatie vinden. Ik hoorde dat de Raad voor de
            Kinderbescherming hier ook mee bezig was.

            Wie werkt er al mee? Gebruiken nieuwe collega's het echt, of blijft het een leuk
            speeltje? En hoe houd je de inhoud actueel zonder dat het één persoon heel veel werk
            kost?
        """),
        "themes": ["inwerken", "werving-en-selectie"],
        "author": "amb_wilgenhoek",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 5,
        "answers": [],
    },
    {
        "key": "q_leidinggevende_geen_tijd",
        "title": "Mijn leidinggevende heeft nooit tijd; hoe vraag ik om steun zonder lastig te "
        "lijken?",
        "body": _md("""
            Ik vraag dit anoniem, omdat mijn leidinggevende hier misschien meeleest. Ze is heel
            betrokken, maar zit van 's ochtends tot 's avonds in overleggen. Als ik een vraag heb,
            krijg ik een snel antwoord tussen twee vergaderingen door. Voor de grotere dingen (hoe
            ik me ontwikkel, of ik het goed doe) is er nooit tijd.

            Hoe hebben anderen dit aangepakt? Vraag je om een vast moment, of zoek je die steun
            liever ergens anders?
        """),
        "themes": ["leiderschap", "mentorschap-en-begeleiding"],
        "author": "prof_wilgenhoek",
        "anonymous": True,
        "visibility": "public",
        "days_ago": 1,
        "answers": [],
    },
    {
        "key": "q_wachtlijst_gemeente",
        "title": "Hoe houden jullie contact met de gemeente als passende hulp maanden op zich "
        "laat wachten?",
        "body": _md("""
            Op dit moment heb ik meerdere gezinnen voor wie de hulp die nodig is er gewoon niet
            is. Ik meld het, ik escaleer, en dan hoor ik weken niets. Intussen moet ik aan ouders
            uitleggen waarom het zo lang duurt.

            Hebben jullie vaste afspraken met gemeenten over hoe je wachtlijstproblemen bespreekt?
            Een vast overleg, een escalatieroute, een vaste contactpersoon? Ik zoek iets wat
            werkt, want zo houd ik het niet lang vol.
        """),
        "themes": ["samenwerking-met-gemeenten", "moreel-letsel"],
        "author": "prof_jbg",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 4,
        "answers": [],
    },
    {
        "key": "q_intervisie_methode",
        "title": "Welke intervisiemethode werkt voor een groep starters uit verschillende teams?",
        "body": _md("""
            Ik ga een intervisiegroep begeleiden met zes starters uit verschillende teams. Zelf
            heb ik vooral ervaring met de incidentmethode, maar ik merk dat starters het lastig
            vinden om een 'incident' in te brengen. Ze weten vaak nog niet wat ze niet weten.

            Welke methodes of werkvormen werken bij jullie goed in het eerste jaar?
        """),
        "themes": ["leren-en-ontwikkelen", "inwerken"],
        "author": "prof_veiligthuis",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 7,
        "answers": [
            {
                "author": "amb_wilgenhoek",
                "body": _md("""
                    In onze startersgroepen beginnen we altijd met een rondje 'waar lig je wakker
                    van?'. Dat levert bijna altijd een onderwerp op. Ook de roddelmethode werkt
                    goed: de inbrenger draait de stoel om en luistert alleen hoe de anderen over de
                    vraag praten. Dat voelt veiliger voor starters. En verwacht niet te veel van de
                    eerste twee keer; het wordt pas echt open als de groep elkaar kent.
                """),
                "days_after": 1,
                "useful_by": ["prof_veiligthuis", "amb_hogeschool"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_zij_instromers",
        "title": "Hoe werk je ervaren zij-instromers in zonder ze te overladen met trainingen?",
        "body": _md("""
            We nemen steeds vaker mensen aan die al jaren in de zorg of het onderwijs werkten, maar
            nieuw zijn in de jeugdbescherming. Ons inwerkprogramma is gebouwd voor schoolverlaters,
            en dat merk je. Ervaren mensen zitten in trainingen gespreksvoering die ze zelf zouden
            kunnen geven, terwijl ze juist kennis nodig hebben over de wet en de keten.

            Hoe maken jullie het inwerken op maat voor deze groep?
        """),
        "themes": ["inwerken", "mentorschap-en-begeleiding"],
        "author": "amb_jbwest",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 130,
        "answers": [
            {
                "author": "amb_rvdk",
                "body": _md("""
                    Heel herkenbaar. Ervaren collega's vertelden ons dat het volle trainingsaanbod
                    soms als een keurslijf voelde, terwijl schoolverlaters er juist blij mee waren.
                    Nu trainen we onze mentoren om te kijken wie ze begeleiden, zoals je bij een
                    gezin ook kijkt wat dát gezin nodig heeft. In de praktijk: in het eerste
                    gesprek samen bepalen welke onderdelen iemand kan overslaan en waar juist
                    extra tijd in moet.
                """),
                "days_after": 1,
                "useful_by": ["amb_jbwest", "prof_rvdk2"],
                "accepted": True,
            },
            {
                "author": "demo_ambassador",
                "body": _md("""
                    Laat ze hun ervaring ook inzetten. Iemand die uit het onderwijs komt, weet vaak
                    meer over schoolverzuim dan het hele team bij elkaar. Als je dat benoemt en
                    gebruikt, voelt iemand zich sneller collega en minder leerling.
                """),
                "days_after": 4,
                "useful_by": ["amb_jbwest"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_bestuur_overtuigen",
        "title": "Hoe overtuig je je bestuur dat investeren in inwerken zich terugbetaalt?",
        "body": _md("""
            Ik wil in mijn organisatie pleiten voor een inwerkprogramma met echte tijd voor
            mentoren en starters. Het antwoord dat ik verwacht: "mooi, maar daar is geen geld
            voor." Ik heb het gevoel dat het bestuur alleen kijkt naar wat het kost, en niet naar
            wat verloop kost.

            Heeft iemand ooit een business case gemaakt, of met cijfers het bestuur overtuigd?
            Welke kosten neem je mee, en welke argumenten werkten?
        """),
        "themes": ["inwerken", "leiderschap", "behouden"],
        "author": "prof_veiligthuis",
        "anonymous": True,
        "visibility": "public",
        "days_ago": 180,
        "answers": [
            {
                "author": "amb_jbwest",
                "body": _md("""
                    De werkgroep Inwerken en behouden van de Arbeidsmarkttafel Jeugd heeft hier een
                    rekentool voor gemaakt, die wij ook hebben ingevuld. Neem alles mee wat een
                    vertrek kost: werving, selectie, het inwerken zelf, de tijd van collega's die
                    werk overnemen, en de maanden waarin iemand nog niet volledig meedraait. Zet
                    daar tegenover wat een paar procentpunt minder uitstroom oplevert. Die som is
                    meestal snel gemaakt.
                """),
                "days_after": 2,
                "useful_by": ["prof_veiligthuis", "prof_rvdk2", "amb_wilgenhoek"],
                "accepted": True,
            },
            {
                "author": "amb_rvdk",
                "body": _md("""
                    Cijfers helpen, maar bij ons maakte een eerlijk intern onderzoek naar ons
                    verloop het verschil. Het was confronterend, en juist daardoor zag de directie
                    dat dit geen losse hr-klus was. Zoek ook een bestuurder die er persoonlijk voor
                    wil staan; zonder die rugdekking houd je het niet vol.
                """),
                "days_after": 3,
                "useful_by": ["prof_veiligthuis"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_thuiswerken_starters",
        "title": "Hoe voorkom je dat starters zich alleen voelen als het team veel thuiswerkt?",
        "body": _md("""
            Sinds de coronatijd werken veel collega's in mijn team een groot deel van de week
            thuis. Voor de ervaren mensen werkt dat prima. Maar de twee nieuwe collega's die net
            zijn begonnen, zitten vaak op een half leeg kantoor en weten niet wie ze kunnen
            aanspreken.

            Hoe regelen jullie dat? Vaste kantoordagen, een buddy, iets heel anders?
        """),
        "themes": ["inwerken", "humane-organisatie-en-cultuur"],
        "author": "prof_jbwest",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 35,
        "answers": [
            {
                "author": "amb_veiligthuis",
                "body": _md("""
                    Wij hebben daarvoor een buddy naast de mentor: iemand uit een ander team die
                    niets beoordeelt. De eerste drie maanden drinken ze elke week koffie, op
                    kantoor. Daarnaast is er één vaste teamdag waarop iedereen er is. Nieuwe
                    collega's plannen hun kantoordagen in overleg met hun buddy, zodat ze nooit
                    alleen zitten.
                """),
                "days_after": 1,
                "useful_by": ["prof_jbwest", "prof_veiligthuis"],
                "accepted": False,
            },
            {
                "author": "prof_rvdk",
                "body": _md("""
                    Als starter: wat mij hielp, was dat mijn mentor de eerste weken op dezelfde
                    dagen naar kantoor kwam als ik. Dat hoefde geen grote afspraak te zijn, gewoon
                    'ik zit er dinsdag en donderdag, schuif maar aan'.
                """),
                "days_after": 2,
                "useful_by": ["prof_jbwest"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_moreel_letsel_herkennen",
        "title": "Hoe herken je moreel letsel bij een collega voordat die uitvalt?",
        "body": _md("""
            Als teamleider zie ik collega's soms veranderen na een zware periode: stiller, feller
            in overleg, of juist onverschillig. Ik vraag hoe het gaat en krijg 'prima' te horen.
            Een paar maanden later zitten ze ziek thuis of zijn ze weg.

            Ik lees steeds vaker over moreel letsel en herken er veel in. Waar letten jullie op? En
            hoe maak je het bespreekbaar zonder dat het meteen een zwaar gesprek wordt?
        """),
        "themes": [
            "moreel-letsel",
            "leiderschap",
            "duurzame-inzetbaarheid-en-vitaliteit",
        ],
        "author": "prof_rvdk2",
        "anonymous": False,
        "visibility": "members",
        "days_ago": 20,
        "answers": [
            {
                "author": "amb_veiligthuis",
                "body": _md("""
                    Signalen die wij vaak zien: cynisme over 'het systeem', schuldgevoel dat niet
                    past bij wat iemand echt in de hand had, en collega's die afhaken in
                    casusbesprekingen. Wat helpt: maak het normaal en van iedereen. Wij plannen na
                    een zware casus standaard een moreel beraad, zodat niemand zelf hoeft te zeggen
                    dat het niet goed gaat. Ik heb er een goed voorbeeld over geschreven, zichtbaar
                    voor leden.
                """),
                "days_after": 1,
                "useful_by": ["prof_rvdk2", "prof_jbwest"],
                "accepted": True,
            },
            {
                "author": "prof_veiligthuis",
                "body": _md("""
                    Vanuit de uitvoering: vraag niet 'hoe gaat het?', maar 'wat van de afgelopen
                    weken neem je mee naar huis?'. Op die vraag is 'prima' een raar antwoord. En
                    vertel zelf ook eens wat jou is bijgebleven. Als de teamleider kwetsbaar durft
                    te zijn, durven anderen het ook.
                """),
                "days_after": 2,
                "useful_by": ["prof_rvdk2"],
                "accepted": False,
            },
        ],
    },
    {
        "key": "q_oud_collegas_terug",
        "title": "Hebben jullie ervaring met oud-collega's die terugkomen?",
        "body": _md("""
            De afgelopen maanden meldden zich bij ons twee oud-collega's die een paar jaar geleden
            naar een gemeente en een wijkteam zijn vertrokken. Ze willen terug. Mooi natuurlijk,
            maar het roept ook vragen op in het team: waarom zouden ze nu wél blijven?

            Houden jullie contact met mensen die vertrekken? En hoe werk je iemand in die de
            organisatie al kent, maar het werk een tijd niet heeft gedaan?
        """),
        "themes": ["behouden", "werving-en-selectie"],
        "author": "amb_jbgelderland",
        "anonymous": False,
        "visibility": "public",
        "days_ago": 9,
        "answers": [],
    },
]


# ---------------------------------------------------------------------------
# Invitations sent but not yet accepted, so "Mijn uitnodigingen" has something to show.
# inviter: a PEOPLE key; the invitation is for the inviter's organisation.
# ---------------------------------------------------------------------------

OPEN_INVITATIONS: list[dict] = [
    {
        "inviter": "demo_ambassador",
        "email": "nieuwe.collega@molendrift.example.nl",
        "role": "professional",
        "message": "Hoi! Hier delen we wat werkt bij inwerken. Kijk je mee?",
    },
    {
        "inviter": "amb_jbwest",
        "email": "teamleider@jbwest.example.nl",
        "role": "ambassador",
        "message": "Jij weet veel van het begeleiden van starters. Word je ook ambassadeur?",
    },
]


# ---------------------------------------------------------------------------
# Members who follow themes on the site (besides the questions they asked or
# answered, which they follow automatically).  person key -> theme slugs.
# ---------------------------------------------------------------------------

THEME_FOLLOWS: dict[str, list[str]] = {
    "demo_professional": ["inwerken", "mentorschap-en-begeleiding"],
    "prof_rvdk": ["inwerken", "werving-en-selectie"],
    "prof_rvdk2": ["leiderschap", "werkdruk-en-administratieve-last"],
    "prof_jbwest": ["moreel-letsel", "duurzame-inzetbaarheid-en-vitaliteit"],
    "amb_wilgenhoek": ["zelforganisatie", "samenwerking-met-gemeenten"],
    "prof_gemeente": ["samenwerking-met-gemeenten"],
    "moderator": ["moreel-letsel", "humane-organisatie-en-cultuur"],
}


# ---------------------------------------------------------------------------
# Followers without an account: they confirmed their address (double opt-in)
# and get the newsletter.  ``themes`` is a list of slugs, or "all".
# ``days_ago``: when they confirmed.  All addresses are under example.nl.
# ---------------------------------------------------------------------------

DEMO_FOLLOWERS: list[dict] = [
    {
        "email": "lotte.vermeulen@example.nl",
        "themes": ["inwerken", "mentorschap-en-begeleiding"],
        "frequency": "weekly",
        "days_ago": 96,
    },
    {
        "email": "p.dekker@example.nl",
        "themes": "all",
        "frequency": "weekly",
        "days_ago": 61,
    },
    {
        "email": "fatima.elhaddad@example.nl",
        "themes": [
            "werkdruk-en-administratieve-last",
            "leiderschap",
            "humane-organisatie-en-cultuur",
        ],
        "frequency": "weekly",
        "days_ago": 40,
    },
    {
        "email": "wijkteam.noord@example.nl",
        "themes": ["samenwerking-met-gemeenten", "behouden", "werving-en-selectie"],
        "frequency": "weekly",
        "days_ago": 23,
    },
    {
        "email": "kees.bos@example.nl",
        "themes": ["moreel-letsel", "duurzame-inzetbaarheid-en-vitaliteit"],
        "frequency": "daily",
        "days_ago": 11,
    },
]
