"""The privacy guard: what must be caught, and the ordinary practice text that must pass quietly."""

from __future__ import annotations

import random
from datetime import date

import pytest
from markupsafe import Markup

from community.privacy import (
    Finding,
    FindingKind,
    PrivacyCheck,
    check,
    find_personal_data,
    highlight,
    is_valid_bsn,
)

TODAY = date(2025, 6, 1)


def kinds_and_texts(text: str, today: date = TODAY) -> list[tuple[FindingKind, str]]:
    return [(f.kind, f.text) for f in find_personal_data(text, today=today)]


def assert_only(text: str, kind: FindingKind, expected: str) -> None:
    """Exactly one finding, of this kind, covering exactly `expected`, at the right offsets."""
    findings = find_personal_data(text, today=TODAY)
    assert [(f.kind, f.text) for f in findings] == [(kind, expected)], text
    assert text[findings[0].start : findings[0].end] == expected


# --- BSN ----------------------------------------------------------------------------------


def make_bsn(rng: random.Random, first: int | None = None) -> str:
    """A random number that passes the elfproef (the check digit must be a single digit)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if first is not None:
            digits[0] = first
        check_digit = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check_digit < 10 and any(digits):
            return "".join(map(str, digits)) + str(check_digit)


def fail_elfproef(bsn: str) -> str:
    return bsn[:8] + str((int(bsn[8]) + 1) % 10)


VALID_BSNS = [make_bsn(random.Random(seed)) for seed in range(12)]

BSN_FORMATS = {
    "plain": lambda b: b,
    "dots": lambda b: f"{b[:3]}.{b[3:6]}.{b[6:]}",
    "spaces": lambda b: f"{b[:3]} {b[3:6]} {b[6:]}",
    "dashes": lambda b: f"{b[:3]}-{b[3:6]}-{b[6:]}",
    "4-2-3 dots": lambda b: f"{b[:4]}.{b[4:6]}.{b[6:]}",
    "4-2-3 spaces": lambda b: f"{b[:4]} {b[4:6]} {b[6:]}",
}


def test_the_elfproef():
    assert is_valid_bsn("123456782")
    assert is_valid_bsn("111222333")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678a")
    assert not is_valid_bsn("1234567820")
    assert all(is_valid_bsn(bsn) for bsn in VALID_BSNS)
    assert not any(is_valid_bsn(fail_elfproef(bsn)) for bsn in VALID_BSNS)


@pytest.mark.parametrize("fmt", BSN_FORMATS)
@pytest.mark.parametrize("bsn", VALID_BSNS)
def test_a_valid_bsn_is_found_in_every_common_format(bsn, fmt):
    written = BSN_FORMATS[fmt](bsn)
    assert_only(f"Het BSN van de jongere is {written}, zie dossier.", FindingKind.BSN, written)
    assert_only(written, FindingKind.BSN, written)
    assert_only(f"({written})", FindingKind.BSN, written)


@pytest.mark.parametrize("fmt", BSN_FORMATS)
@pytest.mark.parametrize("bsn", VALID_BSNS)
def test_nine_digits_that_fail_the_elfproef_pass(bsn, fmt):
    written = BSN_FORMATS[fmt](fail_elfproef(bsn))
    assert find_personal_data(f"Zaaknummer {written} is afgesloten.", today=TODAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Factuur 123456789 is betaald.",
        "Nummer 000000000 en 000.000.000 zijn leeg.",
        "Het KvK-nummer is 12345678.",  # eight digits without the word BSN
        "Het getal 1123456782 heeft tien cijfers.",  # a valid BSN inside a longer number
        "Het budget was € 123.456.782 en $ 123456782.",  # amounts
        "De waarde 123.456.782,50 is een bedrag.",
    ],
)
def test_numbers_that_are_no_bsn_pass(text):
    assert find_personal_data(text, today=TODAY) == []


def test_an_eight_digit_bsn_that_lost_its_leading_zero_is_found_after_the_word_bsn():
    bsn = make_bsn(random.Random(7), first=0)[1:]
    assert_only(f"BSN: {bsn}", FindingKind.BSN, bsn)
    assert_only(f"burgerservicenummer {bsn}.", FindingKind.BSN, bsn)
    assert find_personal_data(f"Dossier {bsn}", today=TODAY) == []


# --- Phone numbers ------------------------------------------------------------------------

PHONE_NUMBERS = [
    "06-12345678",
    "06 12345678",
    "06 1234 5678",
    "06-1234 5678",
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "+31 6 12345678",
    "+31612345678",
    "+31 6 1234 5678",
    "+31 (0)6 12345678",
    "+31-6-12345678",
    "0031 6 12345678",
    "0031612345678",
    "010-1234567",
    "010 123 45 67",
    "020 123 4567",
    "020-1234567",
    "0201234567",
    "0591-123456",
    "0591 12 34 56",
    "+31 20 123 4567",
    "+31 (0)20 123 4567",
    "(010) 123 4567",
    "088-1234567",
    "085 123 4567",
]


@pytest.mark.parametrize("number", PHONE_NUMBERS)
def test_dutch_phone_numbers_are_found(number):
    assert_only(f"Bel moeder op {number} als het nodig is.", FindingKind.PHONE, number)
    assert_only(f"tel: {number}", FindingKind.PHONE, number)
    assert_only(f"{number}.", FindingKind.PHONE, number)


@pytest.mark.parametrize(
    "text",
    [
        "Bel Veilig Thuis gratis op 0800-2000, dag en nacht.",
        "De Kindertelefoon: 0800-0432.",
        "Informatienummer 0900-1234567 of 0900 123 456.",
        "Een nummer te weinig: 06-1234567.",
        "Een cijfer te veel: 06-123456789.",
        "Een Belgisch nummer: +32 2 123 45 67.",
        "Het project liep van 01-03-2014 10:00 tot 2016.",
        "Van 09.00 tot 17.00 uur, en op vrijdag 08.30 - 12.00 en 13.00 uur.",
        "We werken met 0,5 fte en 0,25 fte.",
        "Versie 0.12.3450.1 van de software.",
    ],
)
def test_numbers_that_are_no_personal_phone_number_pass(text):
    assert find_personal_data(text, today=TODAY) == []


# --- E-mail addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "jan.jansen@example.nl",
        "j.de-vries+jeugd@gemeente-utrecht.nl",
        "INFO@EXAMPLE.COM",
        "sanne_123@mail.example.co.uk",
    ],
)
def test_email_addresses_are_found(address):
    assert_only(f"Mail de moeder ({address}) even.", FindingKind.EMAIL, address)
    assert_only(f"{address}.", FindingKind.EMAIL, address)


def test_handles_and_at_signs_without_an_address_pass():
    assert find_personal_data("Volg @jeugdzorg en mail ons @ de balie.", today=TODAY) == []


# --- Dates of birth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, date_text",
    [
        ("Sanne is geboren op 3 maart 2015.", "3 maart 2015"),
        ("Jongen, geb. 12-03-2014, woont bij opa.", "12-03-2014"),
        ("Geboortedatum: 1/2/15", "1/2/15"),
        ("gebdat 12.03.2014", "12.03.2014"),
        ("Sanne (*12-03-2014) woont bij haar oma.", "12-03-2014"),
        ("Sanne * 12-03-2014", "12-03-2014"),
        ("Op 3 maart 2015 werd ze geboren.", "3 maart 2015"),
        ("geb 5 jan. 2016 in Zwolle", "5 jan. 2016"),
        ("Geb. datum: 07-11-2009", "07-11-2009"),
        ("Ze is jarig op 5 juni.", "5 juni"),
        ("Zijn verjaardag is 14 februari, dan wordt hij 10.", "14 februari"),
        ("Geboren: 29-02-2012", "29-02-2012"),
        # Adults too: a parent's date of birth also makes a family findable.
        ("Moeder is geboren op 4 april 1988.", "4 april 1988"),
    ],
)
def test_a_date_near_a_birth_cue_is_found(text, date_text):
    assert_only(text, FindingKind.BIRTH_DATE, date_text)


def test_a_minor_date_counts_with_the_cue_further_back_in_the_same_sentence():
    text = "Geboren in een druk gezin in de Achterhoek, met drie oudere broers, op {}."
    assert text.index("{}") > 40
    assert_only(text.format("12-03-2014"), FindingKind.BIRTH_DATE, "12-03-2014")
    # For an adult's date the cue must be close.
    assert find_personal_data(text.format("12-03-1980"), today=TODAY) == []


def test_who_is_a_minor_depends_on_today():
    text = "Geboren in een druk gezin in de Achterhoek, met drie oudere broers, op 12-03-2014."
    assert find_personal_data(text, today=date(2031, 12, 1))  # 17
    assert find_personal_data(text, today=date(2032, 3, 12)) == []  # 18 that day
    this_year = date.today().year
    assert find_personal_data(text.replace("2014", str(this_year - 5)))


@pytest.mark.parametrize(
    "text",
    [
        "Op 12 maart 2024 hadden we een teamdag.",
        "Op 12 maart hadden we de eerste intervisie.",
        "Per 1 januari 2015 geldt de Jeugdwet.",
        "De evaluatie is op 12-03-2025 om 10.00 uur.",
        "* 12 maart 2024: teamdag",
        "- 12-03-2024 startbijeenkomst",
        "**12 maart 2024** was de eerste intervisie.",
        "*12 maart 2024* was de eerste intervisie.",
        "Het plan werd geboren tijdens de heidag. Op 12 maart 2024 startten we.",
        "Geboren 31-02-2014 is geen echte datum.",
        "De verjaardag van onze organisatie vieren we in het voorjaar.",
        "Met een dobbelsteen kozen we op 3 maart 2015 de groepjes.",
    ],
)
def test_event_dates_without_a_birth_cue_pass(text):
    assert find_personal_data(text, today=TODAY) == []


@pytest.mark.parametrize(
    "text, month_text",
    [
        ("Sanne is geboren in maart 2015 en zit in groep 5.", "maart 2015"),
        ("Ze is in maart '15 geboren.", "maart '15"),
        ("Ze is in maart \u201915 geboren.", "maart \u201915"),
        ("Jongen, geb. maart 2015, woont bij opa.", "maart 2015"),
        ("Geboortemaand: 03-2015", "03-2015"),
        ("geboren 03/2015", "03/2015"),
        ("geboren 3.2015 in Deventer", "3.2015"),
        ("Geb. mrt. 2015", "mrt. 2015"),
        ("geboren in sept. 2014", "sept. 2014"),
        ("geboren in sep 2014", "sep 2014"),
        ("Zij werd in okt '12 geboren.", "okt '12"),
        ("geboren eind december, 2013", "december, 2013"),
        ("Geboren in JANUARI 2016", "JANUARI 2016"),
        ("Date of birth: 11/2015", "11/2015"),
        # Adults too, with the cue close by: like a full date of a parent.
        ("Moeder is geboren in april 1988.", "april 1988"),
    ],
)
def test_a_birth_month_with_a_year_near_a_birth_cue_is_found(text, month_text):
    assert_only(text, FindingKind.BIRTH_DATE, month_text)


def test_every_dutch_month_name_and_abbreviation_counts_as_a_birth_month():
    names = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    abbreviations = [
        "jan",
        "feb",
        "mrt",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dec",
    ]
    for written in [*names, *abbreviations, *(f"{short}." for short in abbreviations)]:
        text = f"Het meisje is geboren in {written} 2016 in Zwolle."
        assert_only(text, FindingKind.BIRTH_DATE, f"{written} 2016")


def test_a_minor_birth_month_counts_with_the_cue_further_back_in_the_same_sentence():
    text = "Geboren in een druk gezin in de Achterhoek, met drie oudere broers, in {}."
    assert text.index("{}") > 40
    assert_only(text.format("maart 2014"), FindingKind.BIRTH_DATE, "maart 2014")
    assert find_personal_data(text.format("maart 1980"), today=TODAY) == []
    # The month of the 18th birthday still counts as a minor: the day is unknown.
    assert find_personal_data(text.format("juni 2007"), today=TODAY)
    assert find_personal_data(text.format("mei 2007"), today=TODAY) == []
    # A baby born this month is a minor too.
    assert_only(text.format("juni 2025"), FindingKind.BIRTH_DATE, "juni 2025")


@pytest.mark.parametrize(
    "text",
    [
        "In maart 2015 startten we het project.",
        "Sinds maart 2015 werk ik als gezinsvoogd.",
        "Ik ben geboren in 1985 en sinds maart 2015 werk ik als gezinsvoogd.",
        "Geboren en getogen in Zwolle; vanaf sept. 2019 in het wijkteam.",
        "Het plan werd geboren tijdens de heidag. In maart 2024 startten we.",
        "Per 03-2015 geldt een nieuw protocol.",
        "De cijfers over 03/2015 staan in bijlage 2.",
        "Versie 3.2015 van het protocol.",
        # A year alone is no date of birth: not for a colleague, not for a child.
        "Ik ben geboren in 1985 en werk al twintig jaar in de jeugdzorg.",
        "Sanne is geboren in 2015.",
        "Geboren in maart, dat weet ik nog.",
    ],
)
def test_event_months_and_a_year_alone_pass(text):
    assert find_personal_data(text, today=TODAY) == []


# --- Addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("Postcode 1234 AB 12, derde bel.", "1234 AB 12"),
        ("Adres: 1234AB 12", "1234AB 12"),
        ("Adres: 1234AB, 12a", "1234AB, 12a"),
        ("Adres: 1234 AB, 12-3", "1234 AB, 12-3"),
        ("Ze woont op Dorpsstraat 12, 1234 AB Utrecht.", "Dorpsstraat 12, 1234 AB"),
        ("Het gezin woont in de Kerkstraat 14.", "Kerkstraat 14"),
        ("Het gezin woont in de kerkstraat 14.", "kerkstraat 14"),
        ("Ze woont aan de Van Goghstraat 3b.", "Van Goghstraat 3b"),
        ("Burgemeester de Withstraat 4-2", "Burgemeester de Withstraat 4-2"),
        ("Ze verhuisden naar de Oude Kerkstraat 14 a", "Oude Kerkstraat 14 a"),
        ("Lindelaan 7", "Lindelaan 7"),
        ("Molenweg 112, tweede verdieping", "Molenweg 112"),
        ("Marktplein 1", "Marktplein 1"),
        ("Herengracht 502", "Herengracht 502"),
        ("Wilhelminakade 12", "Wilhelminakade 12"),
        ("Stationssingel 8", "Stationssingel 8"),
        ("Zeedijk 44", "Zeedijk 44"),
        ("Julianahof 3", "Julianahof 3"),
        ("Kerkpad 9", "Kerkpad 9"),
        ("Zie 1e Jan Steenstraat 4-hs", "1e Jan Steenstraat 4-hs"),
        ("Binnenhof 1A", "Binnenhof 1A"),
        ("Bloemgracht 12-I", "Bloemgracht 12-I"),
        ("Kerkstraat 14-16", "Kerkstraat 14-16"),
    ],
)
def test_addresses_with_a_house_number_are_found(text, address):
    assert_only(text, FindingKind.POSTCODE_ADDRESS, address)


@pytest.mark.parametrize(
    "text",
    [
        "Het leerpad 3 duurt 12 weken en onderweg 2 keer evalueren we.",
        "Ons kantoor zit aan de Kerkstraat, naast het station.",
        "In 1234 AB wonen ongeveer 40 gezinnen.",
        "Tussen 2016 en 2020 halveerde de uitstroom.",
        "Zie straat 3 van het spel en weg 2 van de route.",
        "Het schoolplein 2.0 is een project van de gemeente.",
        "Het Kerkplein 12% groener maken.",
        "Na stap 3 volgt de Jeugdweg 2030 visie.",
        "Ons Koersplein 2025 staat online.",
    ],
)
def test_street_like_words_and_lone_postcodes_pass(text):
    assert find_personal_data(text, today=TODAY) == []


# --- Ordinary practice text ---------------------------------------------------------------

ORDINARY_SENTENCES = [
    "In 2016 was de uitstroom 17%, in 2020 nog 3%.",
    "We hebben 2100 medewerkers op 18 locaties.",
    "Het verzuim daalde van 8% naar 4,5%.",
    "Bel gerust, ik zit op de derde verdieping.",
    "Op 12 maart hadden we de eerste intervisie.",
    "Op 12 maart 2024 hadden we een teamdag.",
    "De eerste maand hebben nieuwe collega's geen caseload en vijf uur begeleiding per week.",
    "Na 90 dagen vullen nieuwe medewerkers een vragenlijst in.",
    "Het budget voor 2025 is € 1.250.000, waarvan 15% voor scholing.",
    "Van de 240 nieuwe collega's stroomde 17% binnen een jaar uit.",
    "Tussen 2019 en 2023 groeide het team van 12 naar 45 professionals.",
    "De Jeugdwet van 1 januari 2015 veranderde veel voor gemeenten.",
    "Onze cao 2023-2025 regelt 36 uur per week.",
    "Per 1 juli 2024 werken we met 6 wijkteams.",
    "Ongeveer 1 op de 5 jongeren wacht langer dan 12 weken.",
    "De wachtlijst telt 340 kinderen en 95 gezinnen.",
    "We werken van 08.30 tot 17.00 uur, op vrijdag tot 12.30 uur.",
    "Bel Veilig Thuis gratis op 0800-2000, dag en nacht.",
    "Het inwerkprogramma duurt 6 maanden en kost 3.500 euro per persoon.",
    "In 2018 scoorden we een 7,8 op medewerkerstevredenheid; in 2022 een 8,1.",
    "Caseload: 12 tot 15 gezinnen per jeugdbeschermer.",
    "De training op 3 en 4 oktober is vol; er is nog plek op 14 november.",
    "We zitten in gebouw 3, kamer 2.14.",
    "Versie 2.1 van het protocol (12 pagina's) staat op intranet.",
    "Jongeren van 12 tot 18 jaar krijgen een eigen mentor.",
    "Ons jaarverslag over 2023 telt 48 pagina's en had 1.200 downloads.",
    "De Raad voor de Kinderbescherming deed in 2023 ruim 25.000 onderzoeken.",
    "De kosten stegen met 12,5% naar € 4,2 miljoen.",
    "Telefonisch spreekuur: dinsdag 10.00-11.30 uur.",
    "Kijk voor de aanpak op www.voorbeeld.nl/inwerken.",
    "Team Rivierenland: 14 collega's, 2 teamleiders en 1 gedragswetenschapper.",
    "Ze werkt er sinds 1 september 2019 als jeugdbeschermer.",
    "In week 12 en 13 starten 24 nieuwe collega's.",
    "Dossier 2024-00123 is afgesloten.",
    "Geboren en getogen in Zwolle, nu 12 jaar werkzaam in de jeugdzorg.",
    "Het eerste jaar krijgt iedereen een mentor: 5 uur per week, 40 weken lang.",
    "De uitstroom na één jaar daalde van 17% naar 3%; het verzuim van 8% naar 4,5%.",
    "Onze 3 locaties zijn open van maandag t/m vrijdag, 9-17 uur.",
    "We kregen 123.450 euro subsidie voor 2 jaar.",
    "Artikel 1:255 BW en paragraaf 7.3.1 van de Jeugdwet gaan hierover.",
]


@pytest.mark.parametrize("sentence", ORDINARY_SENTENCES)
def test_ordinary_practice_text_with_numbers_passes(sentence):
    assert find_personal_data(sentence, today=TODAY) == []


def test_ordinary_practice_text_passes_as_one_long_body():
    assert len(ORDINARY_SENTENCES) >= 25
    body = "\n\n".join(ORDINARY_SENTENCES)
    assert find_personal_data(body, today=TODAY) == []
    assert find_personal_data(body) == []


# --- Several kinds in one text ------------------------------------------------------------


def test_a_case_description_with_everything_in_it():
    bsn = VALID_BSNS[0]
    text = (
        f"Sanne (geb. 12-03-2014, BSN {bsn}) woont met moeder op de Kerkstraat 14, "
        "1234 AB Utrecht. Moeder is bereikbaar op 06-12345678 of moeder@example.nl. "
        "In 2020 startte de hulp; 17% van de afspraken ging niet door."
    )
    findings = find_personal_data(text, today=TODAY)
    assert [(f.kind, f.text) for f in findings] == [
        (FindingKind.BIRTH_DATE, "12-03-2014"),
        (FindingKind.BSN, bsn),
        (FindingKind.POSTCODE_ADDRESS, "Kerkstraat 14, 1234 AB"),
        (FindingKind.PHONE, "06-12345678"),
        (FindingKind.EMAIL, "moeder@example.nl"),
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert all(f.field is None for f in findings)


def test_findings_never_overlap():
    text = "Bel +31 612345678 of mail 0612345678@example.nl"
    findings = find_personal_data(text, today=TODAY)
    assert [(f.kind, f.text) for f in findings] == [
        (FindingKind.PHONE, "+31 612345678"),
        (FindingKind.EMAIL, "0612345678@example.nl"),
    ]


def test_empty_text_has_no_findings():
    assert find_personal_data("") == []
    assert find_personal_data(None) == []


# --- Explanations -------------------------------------------------------------------------


def test_every_kind_has_a_dutch_label_and_explanation():
    assert FindingKind.BSN.explanation.startswith(
        "Dit lijkt op een BSN. Deel nooit gegevens waarmee een kind of gezin te herkennen is."
    )
    explanations = [kind.explanation for kind in FindingKind]
    assert len(set(explanations)) == len(FindingKind)
    assert all(e.startswith("Dit lijkt op een") for e in explanations)
    assert [kind.label for kind in FindingKind] == [
        "BSN",
        "telefoonnummer",
        "e-mailadres",
        "geboortedatum",
        "adres",
    ]
    finding = find_personal_data("Bel 06-12345678")[0]
    assert finding.explanation == FindingKind.PHONE.explanation
    assert finding.label == "telefoonnummer"


# --- highlight ----------------------------------------------------------------------------


def test_highlight_escapes_the_text_and_marks_each_finding():
    text = "<script>x</script> Bel 06-12345678 & mail a@example.nl"
    html = highlight(text, find_personal_data(text))
    assert isinstance(html, Markup)
    assert html.startswith("&lt;script&gt;x&lt;/script&gt; Bel <mark ")
    assert html.count("<mark ") == 2
    assert ">06-12345678</mark> &amp; mail <mark " in html
    assert html.endswith(">a@example.nl</mark>")
    assert 'title="Dit lijkt op een telefoonnummer.' in html
    assert html.striptags() == text  # nothing lost, nothing added
    assert "<script>" not in html


def test_highlight_ignores_findings_that_do_not_fit_the_text():
    text = "Bel 06-12345678"
    stale = Finding(FindingKind.PHONE, "06-87654321", 4, 15)
    out_of_range = Finding(FindingKind.EMAIL, "a@example.nl", 40, 52)
    assert highlight(text, [stale, out_of_range]) == "Bel 06-12345678"
    found = find_personal_data(text)
    overlapping = Finding(FindingKind.BSN, "12345678", 7, 15)
    assert highlight(text, [*found, overlapping]).count("<mark") == 1


def test_highlight_without_findings_is_just_escaped_text():
    assert highlight("a < b", []) == "a &lt; b"
    assert highlight("", []) == ""


# --- check --------------------------------------------------------------------------------


def test_check_names_the_field_of_each_finding():
    result = check(
        ("title", "Vraag over een gezin"),
        ("body", "Moeder (06-12345678) vroeg om hulp. Mail: moeder@example.nl"),
        ("summary", None),
        ("tips", "Sanne, geb. 12-03-2014"),
    )
    assert isinstance(result, PrivacyCheck) and isinstance(result, list)
    assert result
    assert [(f.field, f.kind) for f in result] == [
        ("body", FindingKind.PHONE),
        ("body", FindingKind.EMAIL),
        ("tips", FindingKind.BIRTH_DATE),
    ]
    assert result.fields == ["body", "tips"]
    assert result.kinds == [FindingKind.PHONE, FindingKind.EMAIL, FindingKind.BIRTH_DATE]
    assert [f.text for f in result.for_field("body")] == ["06-12345678", "moeder@example.nl"]
    assert result.for_field("title") == []
    body = result.highlighted("body")
    assert body.count("<mark ") == 2 and body.startswith("Moeder (<mark ")
    assert result.highlighted("title") == "Vraag over een gezin"
    assert result.highlighted("summary") == ""


def test_check_of_clean_fields_is_empty_and_falsy():
    result = check(("title", "Hoe houden we nieuwe collega's vast?"), ("body", "In 2020 nog 3%."))
    assert not result
    assert result == []
    assert result.fields == [] and result.kinds == []


# --- Normalised spellings map back onto what was typed -----------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "06\u201312345678",  # en dash
        "+31\u00a06\u00a01234\u00a05678",  # non-breaking spaces
        "\uff10\uff16-12345678",  # fullwidth digits
        "06\u200b1234\u200b5678",  # zero-width spaces
        "06 \u2013  12 34 56 78",  # a run of spaces around a dash
    ],
)
def test_a_finding_in_an_unusual_spelling_marks_exactly_the_typed_characters(typed):
    text = f"Bel moeder op {typed} vandaag."
    assert_only(text, FindingKind.PHONE, typed)
    html = highlight(text, find_personal_data(text, today=TODAY))
    assert f">{typed}</mark>" in html


def test_a_percent_encoded_address_in_a_web_address_is_marked_as_typed():
    url = "https://example.nl/aanmelden?email=ouder%40example.nl&x=1"
    [finding] = find_personal_data(url, today=TODAY, url=True)
    assert finding.kind == FindingKind.EMAIL
    assert finding.text == "ouder%40example.nl"
    assert url[finding.start : finding.end] == finding.text
    # Read as prose the same text is no address: only link fields are decoded.
    assert find_personal_data(url, today=TODAY) == []


def test_check_reads_url_fields_as_web_addresses():
    bsn = VALID_BSNS[0]
    result = check(
        ("body", "Zie de link."),
        ("grounding_url", f"https://e.nl/kind/{bsn}"),
        urls=["grounding_url"],
    )
    assert [(f.field, f.kind, f.text) for f in result] == [("grounding_url", FindingKind.BSN, bsn)]
