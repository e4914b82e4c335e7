"""Spellings the privacy guard must catch, and ordinary practice text it must let pass.

Built from what people really type and paste: Word's non-breaking spaces and en dashes,
Outlook's narrow spaces, phone keyboards' fullwidth digits, numbers retyped with mixed
separators, addresses obfuscated against harvesters. Every BSN here passes the elfproef; every
nine-digit number in ORDINARY fails it. Used by tests/test_privacy_variants.py.
"""

from __future__ import annotations

from community.privacy import FindingKind

BSN, PHONE, EMAIL, BIRTH, ADDRESS = (
    FindingKind.BSN,
    FindingKind.PHONE,
    FindingKind.EMAIL,
    FindingKind.BIRTH_DATE,
    FindingKind.POSTCODE_ADDRESS,
)

NBSP, NNBSP, THIN, FIGURE = "\u00a0", "\u202f", "\u2009", "\u2007"
EN, EM, MINUS, NBHYPHEN = "\u2013", "\u2014", "\u2212", "\u2011"
ZWSP, ZWJ, SHY = "\u200b", "\u200d", "\u00ad"


def elfproef_total(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(
        digits[8]
    )


def bsn_from(prefix: str) -> str:
    """The valid BSN with these first eight digits (the check digit computed), or the next."""
    number = int(prefix)
    while True:
        head = f"{number:08d}"
        check = sum(int(d) * w for d, w in zip(head, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return head + str(check)
        number += 1


def failing(bsn: str) -> str:
    """The same number with another last digit: fails the elfproef."""
    return bsn[:8] + str((int(bsn[8]) + 1) % 10)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


B = [bsn_from(p) for p in ("12345678", "23456781", "31415926", "27182818", "16180339",
                           "14142135", "17320508", "22360679", "26457513", "30000001",
                           "04567890", "09876543")]  # fmt: skip
B8 = B[10][1:]  # a BSN with a leading zero, written without it


def g333(b: str, sep: str = " ", sep2: str | None = None) -> str:
    return f"{b[:3]}{sep}{b[3:6]}{sep if sep2 is None else sep2}{b[6:]}"


def g423(b: str, sep: str = ".") -> str:
    return f"{b[:4]}{sep}{b[4:6]}{sep}{b[6:]}"


# (kind the guard must report, text). At least 150.
IDENTIFYING: list[tuple[FindingKind, str]] = [
    # --- BSN -------------------------------------------------------------------------------
    (BSN, f"BSN {B[0]}"),
    (BSN, f"Het BSN van de jongere is {g333(B[1], '.')}."),
    (BSN, f"bsn: {g333(B[2], '-')}"),
    (BSN, f"Zijn nummer {g423(B[3])} staat in het dossier."),
    (BSN, f"BSN {g333(B[4], NBSP)}"),
    (BSN, f"BSN {g333(B[5], NNBSP)}"),
    (BSN, f"BSN {g333(B[6], THIN)}"),
    (BSN, f"BSN {g333(B[7], FIGURE)}"),
    (BSN, f"Nummer {g333(B[8], '.', ' ')} (moeder)"),
    (BSN, f"Nummer {g333(B[9], '-', '.')} van het kind"),
    (BSN, f"{g333(B[0], ' ', '-')} is van Sanne"),
    (BSN, f"BSN{B[1]}"),
    (BSN, f"BSN:{B[2]}"),
    (BSN, f"bsn-nummer {B[3]}"),
    (BSN, f"BSN-nr. {g333(B[4], '.')}"),
    (BSN, f"BSN nr {B[5]}"),
    (BSN, f"burgerservicenummer: {B[6]}"),
    (BSN, f"Burgerservicenummer {g423(B[7], ' ')}"),
    (BSN, f"sofinummer {B[8]}"),
    (BSN, f"Het sofi-nummer van vader is {B[9]}."),
    (BSN, f"BSN: {B8}"),
    (BSN, f"BSN {fullwidth(B[0])}"),
    (BSN, f"BSN {fullwidth(g333(B[1], '.'))}"),
    (BSN, f"BSN {B[2][:4]}{ZWSP}{B[2][4:]}"),
    (BSN, f"BSN {g333(B[3], EN)}"),
    (BSN, f"BSN {g333(B[4], ' - ')}"),
    (BSN, f"BSN {B[5][:2]} {B[5][2:4]} {B[5][4:6]} {B[5][6:]}"),
    (BSN, f"Het BSN van Sanne is {B[6][:3]} {B[6][3:5]} {B[6][5:7]} {B[6][7:]}."),
    (BSN, f"({B[7]})"),
    (BSN, f"Dossier: {B[8]}, moeder belt morgen."),
    (BSN, f"Graag even checken: {g423(B[9], '-')}"),
    (BSN, f"BSN {g333(B[11], MINUS)}"),
    (BSN, f"BSN\t{B[0]}"),
    (BSN, f"BSN  {g333(B[1], '  ')}"),
    (BSN, f"BSN#{B[2]}"),
    # --- Phone numbers ---------------------------------------------------------------------
    (PHONE, f"+31{NBSP}6 12345678"),
    (PHONE, f"Bel moeder op +31{NBSP}6{NBSP}1234{NBSP}5678."),
    (PHONE, f"06{EN}12345678"),
    (PHONE, f"06 {EN} 12 34 56 78"),
    (PHONE, f"06{EM}12345678"),
    (PHONE, f"06{NBHYPHEN}12345678"),
    (PHONE, f"06{MINUS}1234{NBSP}5678"),
    (PHONE, f"020{EN}123 45 67"),
    (PHONE, f"+31{NNBSP}20{NNBSP}123{NNBSP}4567"),
    (PHONE, f"+31{THIN}6{THIN}12{THIN}34{THIN}56{THIN}78"),
    (PHONE, fullwidth("0612345678")),
    (PHONE, fullwidth("06-12345678")),
    (PHONE, f"06{ZWSP}12345678"),
    (PHONE, f"06-12{SHY}34{SHY}56{SHY}78"),
    (PHONE, "06/12345678"),
    (PHONE, "(06) 12345678"),
    (PHONE, "06 - 123 456 78"),
    (PHONE, "06-12 34 56 78"),
    (PHONE, "06 123 456 78"),
    (PHONE, "+316-12345678"),
    (PHONE, "+31(0)612345678"),
    (PHONE, "+31 (0) 6 1234 5678"),
    (PHONE, "+31.6.12345678"),
    (PHONE, "0031-6-12345678"),
    (PHONE, "0031 (0)6 12 34 56 78"),
    (PHONE, "tel.nr. 0612345678"),
    (PHONE, "Tel: 010 - 123 45 67"),
    (PHONE, "(0591) 12 34 56"),
    (PHONE, "Vader: 0031 20 1234567."),
    (PHONE, "Mobiel oma 06.1234.5678"),
    (PHONE, "Bereikbaar via 088 - 123 45 67 (moeder werkt daar)"),
    (PHONE, f"06{NBSP}{NBSP}12345678"),
    (PHONE, f"+31{NBSP}(0)6{EN}12345678"),
    (PHONE, "+31 6-1234-5678"),
    (PHONE, "0 6 - 1 2 3 4 5 6 7 8".replace(" ", "")),
    # --- E-mail addresses ------------------------------------------------------------------
    (EMAIL, "naam [at] domein [dot] nl"),
    (EMAIL, "Mail moeder: sanne.devries [at] gmail [dot] com"),
    (EMAIL, "naam(at)domein(dot)nl"),
    (EMAIL, "naam (at) domein (dot) nl"),
    (EMAIL, "naam at domein dot nl"),
    (EMAIL, "naam [at] domein.nl"),
    (EMAIL, "naam@domein[dot]nl"),
    (EMAIL, "naam [@] domein [.] nl"),
    (EMAIL, "naam apenstaartje domein punt nl"),
    (EMAIL, "naam [at] domein [punt] nl"),
    (EMAIL, "naam {at} hotmail {dot} com"),
    (EMAIL, "NAAM [AT] DOMEIN [DOT] NL"),
    (EMAIL, "j.jansen<at>ziggo<dot>nl"),
    (EMAIL, "naam＠domein．nl"),
    (EMAIL, f"naam{ZWSP}@domein.nl"),
    (EMAIL, "naam @ domein.nl"),
    (EMAIL, "naam@ domein.nl"),
    (EMAIL, "mailto:ouder@example.nl"),
    (EMAIL, "vader.jansen (a) kpnmail.nl"),
    (EMAIL, "moeder at live punt nl"),
    (EMAIL, "sanne_2014 [at] outlook [dot] com"),
    (EMAIL, "de.vries.gezin@planet.nl"),
    (EMAIL, "opa+jeugd@example.co.uk"),
    (EMAIL, "Mailadres oma: oma1950 (at) hetnet (punt) nl."),
    (EMAIL, "naam[at]domein[dot]nl"),
    # --- Dates of birth --------------------------------------------------------------------
    (BIRTH, "geboren 2015-03-03"),
    (BIRTH, "Geboortedatum: 2015-03-03"),
    (BIRTH, "geb. 2014/11/23"),
    (BIRTH, "geboren op 3e maart 2015"),
    (BIRTH, "Sanne is geboren op de 3e maart 2015."),
    (BIRTH, "geboren op 3de maart 2015"),
    (BIRTH, "geboren op 1ste mei 2016"),
    (BIRTH, "geboren op 3 maart '15"),
    (BIRTH, "geboren op 3 mrt. 2015"),
    (BIRTH, "geboren op 3 Maart 2015"),
    (BIRTH, "GEBOREN: 3 MAART 2015"),
    (BIRTH, f"geboren op 3{NBSP}maart{NBSP}2015"),
    (BIRTH, f"geb.{NBSP}03{EN}03{EN}2015"),
    (BIRTH, "geb. 3.3.2015"),
    (BIRTH, "geb: 03-03-15"),
    (BIRTH, "geboren 3-3-'15"),
    (BIRTH, "geboren op 03 03 2015"),
    (BIRTH, "geboren 20150303"),
    (BIRTH, "DOB 2015-03-03"),
    (BIRTH, "Date of birth: 03/03/2015"),
    (BIRTH, "Geboortedag: 14 februari"),
    (BIRTH, "Jongen (*2014-03-12) woont bij oma."),
    (BIRTH, "Hij werd op maandag 3 maart 2015 geboren."),
    (BIRTH, "geboren op 3 maart, 2015"),
    (BIRTH, fullwidth("geboren 03-03-2015")),
    (BIRTH, "geboortedatum 3e van maart 2015"),
    (BIRTH, "geb.datum 12-03-2014"),
    (BIRTH, "Ze is geboren in Zwolle op 12 maart 2014."),
    (BIRTH, "Zijn verjaardag is op 3e maart."),
    (BIRTH, "Moeder (geboren 1988-04-04) werkt parttime."),
    # A birth month with its year: with a town and a class enough to find a child.
    (BIRTH, "geboren in maart 2015"),
    (BIRTH, "ze is in maart '15 geboren"),
    (BIRTH, "geb. maart 2015"),
    (BIRTH, "geboortemaand: 03-2015"),
    (BIRTH, "geboren 03/2015"),
    (BIRTH, "Geboren: mrt 2015, groep 4 in Ommen."),
    (BIRTH, f"geboren in{NBSP}sept.{NBSP}2014"),
    (BIRTH, fullwidth("geboren 03-2015")),
    # --- Addresses -------------------------------------------------------------------------
    (ADDRESS, "1234 AB Utrecht"),
    (ADDRESS, "Het gezin woont in 1234 AB Utrecht."),
    (ADDRESS, "1234AB Amsterdam"),
    (ADDRESS, "1234 AB, Den Haag"),
    (ADDRESS, "1234 AB Alphen aan den Rijn"),
    (ADDRESS, "1234 AB UTRECHT"),
    (ADDRESS, f"1234{NBSP}AB{NBSP}Utrecht"),
    (ADDRESS, f"1234{NBSP}AB 12"),
    (ADDRESS, "1234ab 12"),
    (ADDRESS, "Postcode: 1234AB"),
    (ADDRESS, "Ze woont in 1234 AB."),
    (ADDRESS, "adres 1234 AB"),
    (ADDRESS, f"Kerkstraat{NBSP}14"),
    (ADDRESS, "Kerkstraat nr. 14"),
    (ADDRESS, "Kerkstr. 14"),
    (ADDRESS, f"Kerkstraat 14{EN}16"),
    (ADDRESS, "1234 AB nr. 12"),
    (ADDRESS, fullwidth("Kerkstraat 14")),
    (ADDRESS, "Het gezin verhuisde naar de Lindelaan 7 in Zeist."),
    (ADDRESS, f"Dorpsstraat{NNBSP}12,{NNBSP}1234{NNBSP}AB"),
    (ADDRESS, "Woonachtig te 1234 AB"),
    (ADDRESS, "Zie Van Goghstraat 3 b"),
    (ADDRESS, "Moeder woont op de Dorpsstraat 12 in Putten."),
    (BSN, f"Het BSN is: {g333(B[10], '.')}"),
    (PHONE, f"Oma: 06{NBSP}{EN}{NBSP}1234{NBSP}5678"),
    (EMAIL, f"sanne{ZWJ}@example{ZWJ}.nl"),
    (BIRTH, f"geboren{NBSP}op{NBSP}3e{NBSP}maart{NBSP}2015"),
]

# Web addresses a person types into a link field: the identifying part is in the path or the
# query string, sometimes percent-encoded.
IDENTIFYING_URLS: list[tuple[FindingKind, str]] = [
    (BSN, f"https://dossier.example.nl/kind?bsn={B[0]}"),
    (BSN, f"https://example.nl/clienten/{B[1]}/plan"),
    (BSN, f"https://example.nl/zoek?q=BSN%20{g333(B[2], '%20')}"),
    (PHONE, "https://example.nl/contact?tel=0612345678"),
    (PHONE, "https://example.nl/bel-moeder-06-12345678"),
    (PHONE, "https://wa.me/31612345678".replace("31612345678", "+31612345678")),
    (EMAIL, "https://example.nl/aanmelden?email=ouder%40example.nl"),
    (EMAIL, "https://example.nl/aanmelden?email=ouder@example.nl&kind=sanne"),
    (BIRTH, "https://example.nl/formulier?naam=sanne&geboortedatum=2015-03-03"),
    (BIRTH, "https://example.nl/formulier?geboren=03-03-2015"),
    (ADDRESS, "https://maps.example.com/?q=Kerkstraat+14+Utrecht"),
    (ADDRESS, "https://maps.example.com/place/Kerkstraat%2014,%201234%20AB%20Utrecht"),
    (ADDRESS, "https://example.nl/gezin/kerkstraat-14"),
    (ADDRESS, "https://example.nl/?postcode=1234AB&huisnummer=12"),
]

# Ordinary practice text full of figures: none may raise a warning (at most one false alarm
# overall is tolerated by the test, zero is the aim).
ORDINARY: list[str] = [
    "Op 3 maart 2025 hielden we een teamdag.",
    "Op 3e maart 2025 hielden we onze eerste intervisie.",
    "De teamdag was op 2025-03-03 in Zwolle.",
    "Startbijeenkomst: 2024-09-01, evaluatie 2025-01-15.",
    "Op maandag 3 maart 2025 om 10.00 uur start de training.",
    "Per 1 januari 2025 werken we met een nieuwe cao.",
    "Ons jubileum vierden we op 12 mei 2024: 25 jaar jeugdhulp.",
    "Het project liep van 01-03-2014 tot 31-12-2016.",
    "Deadline voor de aanmelding: 15-09-2025.",
    "We startten in week 36 (2 september 2024) met 14 nieuwe collega's.",
    "In 2016 was de uitstroom 17%, in 2020 nog 3%.",
    "Het verzuim daalde van 8,4% naar 4,5% in twee jaar.",
    "Ruim 62% van de nieuwe collega's blijft langer dan 3 jaar.",
    "De tevredenheid steeg van 6,8 naar 7,9 (schaal 1-10).",
    "Het budget voor 2025 is € 1.250.000, waarvan 15% voor scholing.",
    "Een inwerktraject kost ongeveer €3.500 per persoon.",
    "We kregen € 123.456.789 minder dan gevraagd, zegt de gemeente.",
    "De kosten: EUR 45.000,- per jaar.",
    "Een uur begeleiding kost € 92,50.",
    "Ongeveer 1 op de 5 jongeren wacht langer dan 12 weken.",
    "1 op de 8 kinderen groeit op in armoede.",
    "Een op de 3 gezinnen heeft schulden.",
    "Bel Veilig Thuis gratis op 0800-2000, dag en nacht.",
    "De Kindertelefoon is bereikbaar op 0800-0432.",
    "In nood bel je 112.",
    "De gemeente is bereikbaar via 14 020.",
    "Informatienummer 0900-1234567 (10 cent per minuut).",
    "Bestelnummer 123456789 is verzonden.",
    "Ordernummer 123.456.789 is onderweg.",
    "Zaaknummer 234-567-891 is afgesloten.",
    "Factuur 987654321 staat open.",
    "Kenmerk 1122.33.445 in de brief.",
    "Ons KvK-nummer is 12345678.",
    "Het subsidienummer is 2024-00123.",
    "Dossier 2024/123456 is overgedragen.",
    "Referentie 456 789 123 staat op de factuur.",
    "Polisnummer 111 222 334 verloopt in 2026.",
    "Zaak 555.666.778 ging naar de rechter.",
    "We werken van 08.30 tot 17.00 uur, op vrijdag tot 12.30 uur.",
    "Het spreekuur is 9:00–11:30 uur.",
    "Van 09.00 tot 17.00 uur, en op vrijdag 08.30 – 12.00.",
    "De training duurt van 13.30 tot 16.45.",
    "We zitten in gebouw 3, kamer 2.14.",
    "Lokaal 0.12 is gereserveerd voor de intervisie.",
    "Vergaderzaal B1.23 op de eerste verdieping.",
    "Kamer 3.045 is de stilteruimte.",
    "Versie 2.1 van het protocol (12 pagina's) staat op intranet.",
    "Versie 0.12.3450.1 van de software.",
    "Artikel 1:255 BW en paragraaf 7.3.1 van de Jeugdwet.",
    "Artikel 2.3 lid 1 van de Jeugdwet regelt de toegang.",
    "Zie ook hoofdstuk 4.2.3 van de richtlijn.",
    "In postcodegebied 3500 werken 4 wijkteams.",
    "In 1234 AB wonen ongeveer 40 gezinnen.",
    "De regio 1000-1099 valt onder Amsterdam.",
    "Ons kantoor zit aan de Kerkstraat, naast het station.",
    "Het leerpad 3 duurt 12 weken en onderweg 2 keer evalueren we.",
    "Na stap 3 volgt de Jeugdweg 2030 visie.",
    "Tussen 2016 en 2020 halveerde de uitstroom.",
    "Caseload: 12 tot 15 gezinnen per jeugdbeschermer.",
    "De wachtlijst telt 340 kinderen en 95 gezinnen.",
    "We hebben 2100 medewerkers op 18 locaties.",
    "Jongeren van 12 tot 18 jaar krijgen een eigen mentor.",
    "Een meisje van 9 en een jongen van rond de 15.",
    "De jongere is 16 jaar en woont in een gezinshuis.",
    "Het kind werd geboren in een druk gezin; nu is ze 14.",
    "Het plan werd geboren tijdens de heidag. Op 12 maart 2024 startten we.",
    "Geboren en getogen in Zwolle, nu 12 jaar werkzaam in de jeugdzorg.",
    "Onze organisatie is geboren uit een fusie in 2015.",
    "De verjaardag van onze organisatie vieren we in het voorjaar.",
    "Op 14 februari (Valentijnsdag) deelden we kaarten uit.",
    "De Jeugdwet van 1 januari 2015 veranderde veel voor gemeenten.",
    "In 2018 scoorden we een 7,8; in 2022 een 8,1.",
    "Team Rivierenland: 14 collega's, 2 teamleiders en 1 gedragswetenschapper.",
    "In week 12 en 13 starten 24 nieuwe collega's.",
    "Onze cao 2023-2025 regelt 36 uur per week.",
    "Het jaarverslag 2023 telt 48 pagina's en had 1.200 downloads.",
    "De Raad voor de Kinderbescherming deed in 2023 ruim 25.000 onderzoeken.",
    "De kosten stegen met 12,5% naar € 4,2 miljoen.",
    "We kregen 123.450 euro subsidie voor 2 jaar.",
    "Kijk voor de aanpak op www.voorbeeld.nl/inwerken.",
    "Scores: 3 - 4 - 5 - 4 - 3 op de vijf vragen.",
    "Uitslag 12-3 voor het team van de jeugdzorg tegen de wijkagenten.",
    "Telefonisch spreekuur: dinsdag 10.00-11.30 uur.",
    "Met 0,5 fte extra en 0,25 fte voor coördinatie redden we het.",
    "Groei: 2019: 120, 2020: 135, 2021: 160, 2022: 210 medewerkers.",
    "We zijn te volgen via @jeugdzorg en mail ons @ de balie.",
    "Dit punt nl. de wachtlijst bespreken we op 12 maart.",
    "Hij at een boterham punt uit.",
    "Het eerste jaar krijgt iedereen een mentor: 5 uur per week, 40 weken lang.",
    "Op 3 maart 2015 ging de eerste buddy aan de slag; inmiddels zijn het er 45.",
    "De wet van 2015-01-01 is geëvalueerd op 2020-06-30.",
    "Ticket #123456789 in de servicedesk.",
    "Zaaknummer " + failing(B[0]) + " en " + failing(B[1]) + " zijn gesloten.",
    "Klantnummer " + g333(failing(B[2]), ".") + " staat op de brief.",
    "Kenmerk " + g333(failing(B[3]), NBSP) + " (graag vermelden).",
    "Projectcode " + g423(failing(B[4]), "-") + " voor de subsidie.",
    "Ordernummer " + fullwidth(failing(B[5])) + " is betaald.",
    "Zie bijlage 3, pagina 12-14 en tabel 2.3.",
    "De bijeenkomst van 17 t/m 19 april 2025 is vol.",
    "Op 3 en 4 oktober is de training; nog plek op 14 november.",
    "Het gebouw aan het Stationsplein is van 1928.",
    "In 2024 verhuisden we naar een nieuw kantoor in Utrecht.",
    "Geboortezorg en jeugdzorg starten op 1 april 2025 samen een programma.",
    "Donaties zijn welkom op NL91 ABNA 0417 1643 00 t.n.v. de stichting.",
    "Het rapport (ISBN 978-90-1234-567-8) is gratis te downloaden.",
    "In 2019 telde Nederland 17.282.163 inwoners.",
    "Scholen in regio 0591 en 0592 doen mee.",
    "Kinderen van 0-4 jaar en van 4-12 jaar hebben een eigen aanpak.",
    "De 2e Kamer sprak op 3 april 2025 over de jeugdzorg.",
    "Ons team bestaat uit 12 mensen (stand 1-1-2025).",
    "Het kantoor in Utrecht, postcode 3511, is verhuisd.",
    "In maart 2015 startten we het project.",
    "Sinds maart 2015 werk ik als gezinsvoogd.",
    "Ik ben geboren in 1985 en sinds maart 2015 werk ik als gezinsvoogd.",
    "Onze methode is geboren in de praktijk; vanaf okt. 2021 werken alle teams ermee.",
    "Per 01-2025 geldt het nieuwe protocol.",
]

# Web addresses people link to as grounding: ids, dates and tracking in them, nobody's data.
ORDINARY_URLS: list[str] = [
    "https://www.nji.nl/richtlijnen?page=2&utm_source=nieuwsbrief",
    "https://www.example.nl/nieuws/2024/03/03/teamdag-zwolle",
    "https://doi.org/10.1016/j.childyouth.2023.107123",
    "https://www.databankeffectievejeugdinterventies.nl/interventie/123456789",
    "https://example.nl/rapport-2023.pdf#page=12",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s",
    "https://example.nl/zoeken?q=inwerken+jeugdzorg&sort=datum",
]
