"""Realistic Dutch youth-care text from a word list, for benchmarks (deterministic per seed).

Words are drawn with a Zipf-like distribution: function words most often, then the field's
vocabulary, compounds built from its parts (jeugd+hulp, inwerk+programma, arbeid+s+markt) and
inflected forms, and a long tail of names, so the index sees a vocabulary of realistic size.
"""

from __future__ import annotations

import random
from itertools import accumulate


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION = _words(
    """
de het een en van in op met voor dat die is zijn we wij ze je bij aan te om ook niet maar als
dan nog wel heel veel meer zo er hoe wat naar over door onze ons hun deze dit kan moet wordt
hebben heeft was werd kunnen willen zouden al nu eens vaak soms altijd samen elkaar zelf ieder
elke iedere waar omdat
"""
)

NOUNS = _words(
    """
jeugdhulp jeugdzorg jeugdbescherming hulpverlener gezin gezinnen ouders ouder kind kinderen
jongere jongeren collega collega's team teams starter starters mentor mentoren buddy buddy's
begeleiding caseload werkdruk verzuim uitstroom verloop behoud werving selectie vacature
vacatures opleiding opleidingen intervisie supervisie casus casuïstiek methodiek gesprek
gesprekken overleg gemeente gemeenten wijkteam rechter maatregel ondertoezichtstelling voogdij
plaatsing pleegzorg gezinshuis crisis veiligheid melding zorgen signalen regie rapportage
administratie registratie dossier systeem planning rooster leidinggevende manager directie
organisatie cultuur waarden vertrouwen ruimte autonomie zelforganisatie leiderschap vitaliteit
balans energie herstel dilemma keuze ervaring ervaringen praktijk voorbeeld aanpak resultaat
resultaten tips evaluatie onderzoek cijfers procent maanden jaar weken dagen school scholen
leerkracht huisarts wachtlijst wachtlijsten indicatie budget financiering inkoop contract
aanbieder aanbieders zorgaanbieder instelling instellingen werkplek thuiswerken reistijd salaris
cao loopbaan groei ontwikkeling scholing training coaching feedback waardering erkenning
stagiair stagiairs stage student studenten hogeschool afstuderen traineeship trainee
gedragswetenschapper orthopedagoog psycholoog jeugdarts wijkverpleegkundige jongerenwerker
pedagoog trajectbegeleider netwerk samenwerking afstemming overdracht warme overdracht schakel
keten ketenpartners partners privacy protocol richtlijn kwaliteit registratiedruk verantwoording
formulier formulieren software bijeenkomst workshop kennisdeling lunch borrel teamdag heidag
reflectie moreel letsel stress burn-out werkplezier betrokkenheid motivatie ambitie loyaliteit
verbondenheid sfeer veiligheidsgevoel
"""
)

VERBS = _words(
    """
werken begeleiden ondersteunen helpen leren delen bespreken organiseren verbeteren verlagen
vergroten behouden inwerken koppelen plannen evalueren signaleren melden samenwerken investeren
starten stoppen blijven vertrekken ervaren merken zien vinden denken vragen antwoorden zoeken
proberen ontwikkelen opleiden coachen sturen verminderen voorkomen herkennen erkennen waarderen
vieren werkt begeleidt helpt leert deelt bespreekt organiseert verbetert koppelt plant evalueert
blijft vertrekt merkt ziet vindt denkt vraagt zoekt probeert ontwikkelt gewerkt begeleid
geholpen geleerd gedeeld besproken georganiseerd verbeterd gekoppeld gepland geëvalueerd
gebleven vertrokken ingewerkt geïnspireerd geïnvesteerd
"""
)

ADJECTIVES = _words(
    """
nieuw nieuwe ervaren jonge goede goed beter zwaar zware druk moeilijk belangrijk praktisch
veilig open eerlijk kort lang eerste tweede vaste flexibele concrete duidelijke kleine grote
hoge lage succesvol effectief haalbaar warm warme persoonlijk persoonlijke regionaal regionale
landelijk landelijke lokaal lokale structureel structurele tijdelijk tijdelijke
"""
)

PLACES = _words(
    """
Utrecht Amsterdam Rotterdam Groningen Zwolle Tilburg Eindhoven Arnhem Nijmegen Leiden Haarlem
Breda Maastricht Leeuwarden Assen Enschede Almere Lelystad Middelburg Deventer Apeldoorn
Amersfoort
"""
)

MODIFIERS = _words(
    """
jeugd werk team gezin school zorg inwerk hulp kinder ouder casus crisis wijk praktijk leer
overleg vrijwilligers stage opleidings begeleidings veiligheids kwaliteits
"""
)
HEADS = _words(
    """
hulp zorg druk programma plan traject gesprek team overleg coach begeleider verlener werker
bijeenkomst week dag periode beleid map cultuur ervaring vraag aanpak methode
"""
)

SYLLABLES = _words(
    "ba be bo de di do ka ke ko la le lo ma me mo na ne no ra re ro sa se so ta te to va ve wa we"
)


def _compounds() -> list[str]:
    words = []
    for modifier in MODIFIERS:
        for head in HEADS:
            if modifier != head:
                words.append(modifier + head)
    return words


def _inflections(words: list[str]) -> list[str]:
    out = []
    for word in words:
        if word.isalpha() and len(word) > 4:
            out += [word + "en", word + "s", word + "je"]
    return out


class DutchText:
    """Sentences and titles of plausible Dutch from a seeded random generator."""

    def __init__(self, seed: int = 2026, rare_words: int = 8000):
        self.rng = random.Random(seed)
        core = NOUNS + VERBS + ADJECTIVES
        compounds = _compounds()
        self.rng.shuffle(compounds)
        rare = [
            "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(3, 5)))
            for _ in range(rare_words)
        ]
        content = core + compounds + PLACES + _inflections(core[:150]) + rare
        # Zipf: the i-th content word has weight 1/(i+1)
        self.content = content
        self.content_weights = list(accumulate(1.0 / (i + 1) for i in range(len(content))))
        self.function = FUNCTION
        self.function_weights = list(accumulate(1.0 / (i + 1) for i in range(len(FUNCTION))))
        self.topics = NOUNS[:120] + compounds[:60]

    def words(self, n: int) -> list[str]:
        content = self.rng.choices(self.content, cum_weights=self.content_weights, k=n)
        function = self.rng.choices(self.function, cum_weights=self.function_weights, k=n)
        flips = self.rng.choices((True, False), weights=(45, 55), k=n)
        return [f if flip else c for c, f, flip in zip(content, function, flips, strict=True)]

    def sentence(self, low: int = 7, high: int = 16) -> str:
        words = self.words(self.rng.randint(low, high))
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + self.rng.choice(".....!?")

    def paragraph(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self, question: bool) -> str:
        words = [self.rng.choice(self.topics)] + self.words(self.rng.randint(3, 9))
        self.rng.shuffle(words)
        text = " ".join(words)
        text = text[:1].upper() + text[1:]
        return (text[:140] + "?") if question else text[:140]

    def query_words(self, n: int) -> list[str]:
        pool = self.topics + VERBS[:40] + ADJECTIVES[:20] + _compounds()[:80]
        return [self.rng.choice(pool) for _ in range(n)]
