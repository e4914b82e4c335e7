"""A judged relevance set for search: Dutch posts and the searches a youth-care professional
would type for them, with graded judgments (3 = exactly this, 2 = clearly relevant, 1 = touches
on it). Unjudged posts count as not relevant.

The judged posts are written for this set (each kind of query has posts that only a search that
understands compounds, abbreviations or word forms can find); the demo content (community/demo)
is judged where a search obviously concerns it, by its key ("demo:<key>"); the generated
benchmark corpus (dutch_corpus.py) is added around them as distractors.
"""

from __future__ import annotations

# key: (kind, title, body); kind "q" = question, "p" = good practice.
POSTS: dict[str, tuple[str, str, str]] = {
    "jhv_wijk": (
        "q",
        "Ervaringen als jeugdhulpverlener in een wijkteam?",
        "Ik begin volgende maand in een wijkteam. Wat komt er op een jeugdhulpverlener af?",
    ),
    "hv_rol": (
        "q",
        "Wat is de rol van de hulpverlener bij een melding?",
        "Als hulpverlener twijfel ik wanneer ik moet melden en wie dan wat doet.",
    ),
    "werkbeg": (
        "p",
        "Werkbegeleiding voor starters: elke week een uur",
        "Iedere starter krijgt wekelijks een uur werkbegeleiding van een ervaren collega.",
    ),
    "praktijkbeg": (
        "p",
        "Een praktijkbegeleider voor elke stagiair",
        "Stagiairs hebben bij ons een vaste praktijkbegeleider die ook hun leerdoelen bewaakt.",
    ),
    "begeleiding_ouders": (
        "q",
        "Begeleiding van ouders met een licht verstandelijke beperking",
        "Wie heeft tips voor de begeleiding van ouders met een LVB in de thuissituatie?",
    ),
    "jb_overstap": (
        "q",
        "Overstappen naar de jeugdbescherming: hoe zwaar is het?",
        "Ik werk nu in de vrijwillige jeugdhulp en overweeg de jeugdbescherming. Ervaringen?",
    ),
    "gi_wachtlijst": (
        "q",
        "Wachtlijst bij de GI: wat doen jullie in de tussentijd?",
        "Het duurt weken voor de gecertificeerde instelling een jeugdbeschermer toewijst.",
    ),
    "gi_samenwerking": (
        "p",
        "Samenwerken met de gecertificeerde instelling in één overleg",
        "Wijkteam en GI bespreken elke maand samen de gezinnen met een maatregel.",
    ),
    "rvdk_onderzoek": (
        "q",
        "Hoe bereid je ouders voor op een onderzoek van de RvdK?",
        "Ouders zijn vaak bang als de RvdK een onderzoek start. Hoe leg je uit wat er gebeurt?",
    ),
    "raad_stage": (
        "q",
        "Stage lopen bij de Raad voor de Kinderbescherming",
        "Ik zoek een afstudeerstage bij de Raad voor de Kinderbescherming. Tips voor mijn brief?",
    ),
    "kb_rapport": (
        "q",
        "Een rapport van de kinderbescherming lezen met ouders",
        "Hoe bespreek je een rapport van de kinderbescherming zonder dat ouders dichtklappen?",
    ),
    "ots_verlenging": (
        "q",
        "Verlenging van een OTS: wat moet er in het verzoek?",
        "Voor het eerst schrijf ik een verzoek tot verlenging van een ondertoezichtstelling.",
    ),
    "ots_uitleg": (
        "p",
        "Een ondertoezichtstelling uitleggen aan kinderen",
        "Met een tekening leggen we kinderen uit wat een ondertoezichtstelling betekent.",
    ),
    "skj_registratie": (
        "q",
        "SKJ-registratie: hoeveel punten heb je nodig?",
        "Mijn herregistratie bij het SKJ komt eraan. Welke scholing telt mee?",
    ),
    "kwaliteitsregister": (
        "q",
        "Telt intervisie mee voor het kwaliteitsregister jeugd?",
        "Ik lees verschillende dingen over intervisie en het Kwaliteitsregister Jeugd.",
    ),
    "vt_melding": (
        "q",
        "Wanneer doe je een melding bij Veilig Thuis?",
        "Ik twijfel bij een gezin of ik een melding moet doen bij Veilig Thuis of eerst advies.",
    ),
    "vt_advies": (
        "p",
        "Eerst advies vragen bij VT, dan pas melden",
        "Onze afspraak: bij twijfel bel je eerst VT voor advies en bespreek je het in het team.",
    ),
    "cjg_inloop": (
        "p",
        "Een inloopspreekuur in het CJG",
        "Elke woensdag een inloopspreekuur voor ouders in het centrum voor jeugd en gezin.",
    ),
    "jgz_samen": (
        "q",
        "Samenwerking met de jeugdgezondheidszorg op het consultatiebureau",
        "Hoe werken jullie samen met de JGZ als je zorgen hebt over een jong kind?",
    ),
    "pgb_vraag": (
        "q",
        "Ouders willen een PGB voor hun kind: waar moeten ze op letten?",
        "Een gezin vraagt me hoe een persoonsgebonden budget werkt voor jeugdhulp.",
    ),
    "wmo_jeugdwet": (
        "q",
        "Overgang van de Jeugdwet naar de WMO bij 18 jaar",
        "Hoe regelen jullie de overgang naar de Wet maatschappelijke ondersteuning bij 18-min?",
    ),
    "boa_school": (
        "q",
        "Samenwerken met de BOA bij schoolverzuim",
        "Een buitengewoon opsporingsambtenaar belt over verzuim van een jongere in mijn caseload.",
    ),
    "gesprekje": (
        "p",
        "Een kort gesprekje na elke huisbezoek",
        "Na elk huisbezoek een kort gesprekje met een collega: vijf minuten, drie vragen.",
    ),
    "gesprek_rechter": (
        "q",
        "Het eerste gesprek met de kinderrechter voorbereiden",
        "Hoe bereid je een jongere voor op het gesprek met de kinderrechter?",
    ),
    "teampje": (
        "q",
        "In een klein teampje werken: voordelen en nadelen",
        "Ons team is gekrompen tot vier mensen. Werkt zo'n klein team beter of slechter?",
    ),
    "ingewerkt": (
        "q",
        "Hoe snel was jij ingewerkt als nieuwe collega?",
        "Ik ben drie maanden in dienst en voel me nog niet ingewerkt. Is dat normaal?",
    ),
    "inwerkprogramma": (
        "p",
        "Ons inwerkprogramma van zes weken",
        "Zes weken inwerken: eerst meelopen, dan samen een casus, dan zelf met een buddy.",
    ),
    "inwerkt_team": (
        "q",
        "Wie zorgt ervoor dat een nieuwe collega inwerkt in het team?",
        "Bij ons is onduidelijk wie de nieuwe collega in het team inwerkt: teamleider of mentor?",
    ),
    "werkdruk_vaak": (
        "q",
        "Werkdruk, werkdruk, werkdruk: hoe doorbreek je het?",
        "De werkdruk is hoog. Door de werkdruk vallen mensen uit en de werkdruk stijgt verder. "
        "Wat helpt tegen werkdruk?",
    ),
    "werkdruk_eens": (
        "q",
        "Roosters in de zomer met veel vakanties",
        "Hoe plannen jullie de zomer? Het rooster geeft ook wat werkdruk, maar vooral puzzels.",
    ),
    "gezinsvoogd": (
        "q",
        "Als gezinsvoogd starten na je opleiding",
        "Is het verstandig om direct na de hbo als gezinsvoogd te beginnen?",
    ),
    "voogd": (
        "q",
        "Wat doet een voogd anders dan een jeugdbeschermer?",
        "Het verschil tussen voogdij en een ondertoezichtstelling is me nog niet helder.",
    ),
    "caseloadnorm": (
        "q",
        "Is een caseload van 15 gezinnen te veel?",
        "Hoe groot is jullie caseload? Bij ons zijn het nu vijftien gezinnen per medewerker.",
    ),
    "verzuim": (
        "p",
        "Ziekteverzuim omlaag met een vast aanspreekpunt",
        "Sinds iedere zieke collega een vast aanspreekpunt heeft, is het ziekteverzuim gedaald.",
    ),
    "uitstroom": (
        "p",
        "Minder uitstroom door blijfgesprekken",
        "We vragen collega's waarom ze blijven. Het verloop daalde in twee jaar met een derde.",
    ),
    "intervisie_methode": (
        "q",
        "Welke intervisiemethode gebruiken jullie?",
        "We zoeken een methode voor intervisie met starters: incidentmethode of roddelmethode?",
    ),
    "collegiale_consultatie": (
        "p",
        "Collegiale consultatie binnen een uur",
        "Wie vastloopt in een casus kan binnen een uur een collega spreken voor consultatie.",
    ),
    "buddy": (
        "p",
        "Een maatje voor elke nieuwe collega",
        "Naast de mentor krijgt elke starter een maatje om gewoon even mee te lunchen.",
    ),
    "thuiswerken": (
        "q",
        "Thuiswerken en toch verbonden blijven met je team",
        "Sinds we veel thuiswerken, voelen starters zich eenzaam. Wat doen jullie?",
    ),
    "pleegzorg": (
        "q",
        "Pleegouders begeleiden als je zelf net begint",
        "Ik begeleid voor het eerst pleegouders in de pleegzorg. Waar moet ik op letten?",
    ),
    "gezinshuis": (
        "p",
        "Een gezinshuis als alternatief voor een leefgroep",
        "In een gezinshuis wonen jongeren bij gezinshuisouders. Zo organiseren wij de steun.",
    ),
    "veiligheidsplan": (
        "q",
        "Een veiligheidsplan maken met het hele netwerk",
        "Hoe betrek je het netwerk van een gezin bij het maken van een veiligheidsplan?",
    ),
    "moreel_letsel": (
        "q",
        "Praten over moreel letsel na een uithuisplaatsing",
        "Na een uithuisplaatsing bleef het knagen. Hoe praat je daarover in het team?",
    ),
    "uithuisplaatsing": (
        "p",
        "Een uithuisplaatsing samen nabespreken",
        "Na elke uithuisplaatsing bespreken we binnen een week met het team wat het deed.",
    ),
    "zij_instromer": (
        "q",
        "Zij-instromers in de jeugdzorg: wat hebben ze nodig?",
        "We nemen zij-instromers uit het onderwijs aan. Hoe werk je ze in zonder te overladen?",
    ),
    "administratie": (
        "p",
        "De registratiedruk gehalveerd met één formulier",
        "Samen met de gemeente brachten we drie formulieren terug tot één. Minder administratie.",
    ),
    "exitgesprek": (
        "q",
        "Exitgesprekken: wie voert ze en wat doe je ermee?",
        "Bij ons voert HR de exitgesprekken, maar de uitkomsten lezen we nooit terug.",
    ),
    "leidinggevende": (
        "q",
        "Mijn leidinggevende is nooit bereikbaar",
        "Hoe vraag je om steun van je leidinggevende als die altijd in overleg zit?",
    ),
    "teamleider_triage": (
        "p",
        "Teamleiders die meedraaien in de triage",
        "Elke dinsdag zit een teamleider mee in de triage: zo blijft de leiding bij het werk.",
    ),
    "gedragswetenschapper": (
        "q",
        "Hoe vaak spreek je de gedragswetenschapper over een casus?",
        "Bij ons zie je de gedragswetenschapper eens per maand. Is dat genoeg?",
    ),
    "warme_overdracht": (
        "p",
        "Een warme overdracht naar de volgende hulpverlener",
        "Bij een overdracht gaan we met het gezin en de nieuwe hulpverlener samen om tafel.",
    ),
    "overdracht_dossier": (
        "q",
        "Overdracht van een dossier bij ziekte van een collega",
        "Wat zet je minimaal in een dossier zodat een collega het bij ziekte kan overnemen?",
    ),
}

# (query, {key: grade}); "demo:<key>" is a post of the demo content.
QUERIES: list[tuple[str, dict[str, int]]] = [
    # a part finds the compound
    ("hulpverlener", {"hv_rol": 3, "jhv_wijk": 2, "warme_overdracht": 2}),
    ("begeleiding", {"werkbeg": 2, "begeleiding_ouders": 3, "pleegzorg": 1}),
    ("voogd", {"voogd": 3, "gezinsvoogd": 2}),
    ("bescherming", {"jb_overstap": 2, "kb_rapport": 2, "raad_stage": 1}),
    ("overdracht", {"warme_overdracht": 3, "overdracht_dossier": 3}),
    ("programma", {"inwerkprogramma": 3}),
    ("plaatsing", {"uithuisplaatsing": 3, "moreel_letsel": 2}),
    ("consultatie", {"collegiale_consultatie": 3}),
    ("druk", {"werkdruk_vaak": 2, "administratie": 2, "werkdruk_eens": 1}),
    ("wetenschapper", {"gedragswetenschapper": 3}),
    # compounds as typed
    ("jeugdhulpverlener", {"jhv_wijk": 3}),
    ("werkbegeleiding", {"werkbeg": 3, "praktijkbeg": 1}),
    ("jeugdbescherming", {"jb_overstap": 3, "gi_wachtlijst": 1}),
    ("kinderbescherming", {"kb_rapport": 3, "raad_stage": 3, "rvdk_onderzoek": 3}),
    ("gezinsvoogd", {"gezinsvoogd": 3, "voogd": 1}),
    ("inwerkprogramma", {"inwerkprogramma": 3, "ingewerkt": 1}),
    ("ziekteverzuim", {"verzuim": 3}),
    ("uithuisplaatsing", {"uithuisplaatsing": 3, "moreel_letsel": 3}),
    ("gedragswetenschapper", {"gedragswetenschapper": 3}),
    ("registratiedruk", {"administratie": 3}),
    ("pleegzorg", {"pleegzorg": 3}),
    ("gezinshuis", {"gezinshuis": 3}),
    ("veiligheidsplan", {"veiligheidsplan": 3}),
    ("exitgesprek", {"exitgesprek": 3, "demo:q_exitgesprekken": 3}),
    ("caseloadnorm", {"caseloadnorm": 3, "demo:q_caseloadnorm": 3}),
    # a compound typed as two words
    ("jeugd bescherming", {"jb_overstap": 3}),
    ("werk begeleiding", {"werkbeg": 3}),
    ("kinder bescherming", {"kb_rapport": 3, "raad_stage": 2}),
    ("gezins voogd", {"gezinsvoogd": 3}),
    ("inwerk programma", {"inwerkprogramma": 3}),
    ("ziekte verzuim", {"verzuim": 3}),
    ("gedrags wetenschapper", {"gedragswetenschapper": 3}),
    ("veiligheids plan", {"veiligheidsplan": 3}),
    ("exit gesprek", {"exitgesprek": 3, "demo:q_exitgesprekken": 3}),
    ("thuis werken", {"thuiswerken": 3}),
    # abbreviations and their full names, both ways
    ("GI", {"gi_wachtlijst": 3, "gi_samenwerking": 3}),
    ("gecertificeerde instelling", {"gi_wachtlijst": 3, "gi_samenwerking": 3}),
    ("RvdK", {"rvdk_onderzoek": 3, "raad_stage": 3, "kb_rapport": 2}),
    ("Raad voor de Kinderbescherming", {"raad_stage": 3, "rvdk_onderzoek": 3, "kb_rapport": 2}),
    ("OTS", {"ots_verlenging": 3, "ots_uitleg": 3}),
    ("ondertoezichtstelling", {"ots_verlenging": 3, "ots_uitleg": 3, "voogd": 1}),
    ("SKJ", {"skj_registratie": 3, "kwaliteitsregister": 3}),
    ("kwaliteitsregister jeugd", {"kwaliteitsregister": 3, "skj_registratie": 3}),
    ("SKJ-registratie", {"skj_registratie": 3, "kwaliteitsregister": 2}),
    ("VT", {"vt_melding": 3, "vt_advies": 3}),
    ("Veilig Thuis", {"vt_melding": 3, "vt_advies": 3}),
    ("CJG", {"cjg_inloop": 3}),
    ("centrum voor jeugd en gezin", {"cjg_inloop": 3}),
    ("JGZ", {"jgz_samen": 3}),
    ("jeugdgezondheidszorg", {"jgz_samen": 3}),
    ("PGB", {"pgb_vraag": 3}),
    ("persoonsgebonden budget", {"pgb_vraag": 3}),
    ("WMO", {"wmo_jeugdwet": 3}),
    ("BOA", {"boa_school": 3}),
    ("JB", {"jb_overstap": 3}),
    ("LVB", {"begeleiding_ouders": 3}),
    ("melding VT", {"vt_melding": 3, "vt_advies": 2}),
    ("onderzoek RvdK", {"rvdk_onderzoek": 3}),
    # inflections, diminutives and separable verbs
    ("inwerken", {"ingewerkt": 3, "inwerkprogramma": 3, "inwerkt_team": 3, "zij_instromer": 2}),
    ("ingewerkt", {"ingewerkt": 3, "inwerkt_team": 2, "inwerkprogramma": 2}),
    ("gesprek", {"gesprekje": 3, "gesprek_rechter": 3}),
    ("gesprekje", {"gesprekje": 3, "gesprek_rechter": 2}),
    ("klein team", {"teampje": 3}),
    ("gezinshuizen", {"gezinshuis": 3}),
    ("gezinsvoogden", {"gezinsvoogd": 3}),
    ("jeugdhulpverleners", {"jhv_wijk": 3}),
    ("meldingen", {"vt_melding": 3, "hv_rol": 2}),
    ("pleegouder begeleiden", {"pleegzorg": 3}),
    ("begeleid", {"pleegzorg": 2, "begeleiding_ouders": 2, "werkbeg": 1}),
    ("uitgelegd", {"ots_uitleg": 3}),
    # synonyms of the field
    ("buddy", {"buddy": 3, "inwerkprogramma": 2}),
    ("maatje", {"buddy": 3}),
    ("verloop", {"uitstroom": 3}),
    ("uitstroom", {"uitstroom": 3}),
    ("intervisie", {"intervisie_methode": 3, "kwaliteitsregister": 2}),
    ("collegiale consultatie", {"collegiale_consultatie": 3}),
    ("verzuim", {"verzuim": 3, "boa_school": 2}),
    ("praktijkbegeleider", {"praktijkbeg": 3, "werkbeg": 1}),
    # phrases and several words
    ("warme overdracht", {"warme_overdracht": 3, "overdracht_dossier": 1}),
    ("moreel letsel", {"moreel_letsel": 3}),
    ("teamleider triage", {"teamleider_triage": 3}),
    ("werkdruk", {"werkdruk_vaak": 3, "werkdruk_eens": 1}),
    ("zij-instromers", {"zij_instromer": 3}),
    ("leidinggevende steun", {"leidinggevende": 3}),
    ("starters eenzaam thuiswerken", {"thuiswerken": 3}),
    ("wachtlijst gecertificeerde instelling", {"gi_wachtlijst": 3}),
    # typos
    ("jeugdbeschermnig", {"jb_overstap": 3}),
    ("gedragswetenschaper", {"gedragswetenschapper": 3}),
    ("intervsie", {"intervisie_methode": 3}),
]
