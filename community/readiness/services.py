"""The readiness check for inside-out change (reference 000): nine questions, three bands.

One person's answers are never stored: the check is scored and shown, and that is all. Only in a
team round that an ambassador starts are answers kept, each response without a name, an account or
a time, and the owner sees counts per question only once MIN_RESPONSES colleagues answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from community import tokens
from community.accounts.models import Role
from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db
from community.readiness.models import Response, Round

MIN_RESPONSES = 3  # below this the owner could recognise single colleagues' answers
ROUND_DAYS = (7, 14, 30)
MAX_TITLE = 120


@dataclass(frozen=True)
class Question:
    key: str
    group: str
    text: str


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    why: str


GROUPS = (
    Group(
        "leiderschap",
        "Leiderschap",
        "Van binnenuit veranderen vraagt leiders die faciliteren in plaats van opleggen.",
    ),
    Group(
        "organisatie",
        "Organisatie",
        "Verandering groeit waar ruimte is om te proberen, en waar mensen weten waarom.",
    ),
    Group(
        "middelen",
        "Middelen",
        "Pioniers die alles naast hun werk moeten doen, raken "
        "op. Tijd en steun maken het verschil.",
    ),
)
GROUP_BY_KEY = {g.key: g for g in GROUPS}

QUESTIONS = (
    Question(
        "q1", "leiderschap", "Zijn leidinggevenden en bestuur bereid om zeggenschap te delen?"
    ),
    Question(
        "q2", "leiderschap", "Is er geduld voor een veranderproces van twaalf maanden of langer?"
    ),
    Question(
        "q3", "leiderschap", "Mogen er fouten gemaakt worden, zonder dat iemand wordt afgerekend?"
    ),
    Question(
        "q4", "organisatie", "Is er ruimte om te experimenteren, ook als iets niet meteen lukt?"
    ),
    Question(
        "q5", "organisatie", "Zijn er pioniers: collega's die nu al doen wat je vaker wilt zien?"
    ),
    Question("q6", "organisatie", "Is voor iedereen duidelijk waarom verandering nu nodig is?"),
    Question("q7", "middelen", "Is er tijd vrij te maken, zo'n 10% van de tijd van wie meedoet?"),
    Question("q8", "middelen", "Is er budget voor begeleiding als dat nodig is?"),
    Question("q9", "middelen", "Is er een trekker die het proces kan begeleiden?"),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


@dataclass(frozen=True)
class Step:
    """A next step; `link` is ('theme', slug), ('search', query) or ('endpoint', name)."""

    text: str
    link_text: str
    link: tuple[str, str]


@dataclass(frozen=True)
class Band:
    key: str
    low: int
    high: int
    title: str
    summary: str
    steps: tuple[Step, ...]


BANDS = (
    Band(
        "klaar",
        7,
        9,
        "Goede basis om te starten",
        "De voorwaarden zijn er grotendeels. Begin klein, van binnenuit, en laat zien wat werkt.",
        (
            Step(
                "Begin bij één team en de pioniers die er al zijn. Kijk hoe anderen dat deden.",
                "Goede voorbeelden",
                ("endpoint", "posts.practices"),
            ),
            Step(
                "Maak tijd voor pionierswerk officieel, zodat je trekkers niet overbelast raken.",
                "Thema Duurzame inzetbaarheid",
                ("theme", "duurzame-inzetbaarheid-en-vitaliteit"),
            ),
            Step(
                "Laat zien wat verloop nu kost: dat helpt bestuur en "
                "toezicht om te blijven investeren.",
                "De rekentool",
                ("endpoint", "rekentool.index"),
            ),
            Step(
                "Deel je successen wekelijks, niet jaarlijks. "
                "Successen die niemand ziet, inspireren niet.",
                "Zoek naar ‘successen delen’",
                ("search", "successen delen"),
            ),
        ),
    ),
    Band(
        "voorwaarden",
        4,
        6,
        "Werk eerst aan de voorwaarden",
        "Er is een begin, maar nog niet genoeg om op te bouwen. "
        "Kijk waar je ‘nee’ zei en pak dat eerst aan.",
        (
            Step(
                "Bespreek de uitkomst met je leidinggevende: welke "
                "‘nee’ kunnen jullie samen een ‘ja’ maken?",
                "Thema Leiderschap",
                ("theme", "leiderschap"),
            ),
            Step(
                "Zoek ruimte voor een klein experiment in één team, met een duidelijk einde.",
                "Thema Humane organisatie en cultuur",
                ("theme", "humane-organisatie-en-cultuur"),
            ),
            Step(
                "Maak zichtbaar wat verloop kost; dat maakt tijd en budget bespreekbaar.",
                "De rekentool",
                ("endpoint", "rekentool.index"),
            ),
            Step(
                "Vraag collega's in de Community hoe zij tijd en budget vrijmaakten.",
                "Vragen uit de praktijk",
                ("endpoint", "posts.questions"),
            ),
        ),
    ),
    Band(
        "niet-klaar",
        0,
        3,
        "Nog niet klaar",
        "Adresseer eerst de blokkades. Dat is geen falen: zo "
        "voorkom je een verandertraject dat vastloopt.",
        (
            Step(
                "Begin het gesprek met bestuur en leiding over "
                "waarom het nodig is, met cijfers erbij.",
                "De rekentool",
                ("endpoint", "rekentool.index"),
            ),
            Step(
                "Lees hoe andere organisaties de eerste stap zetten.",
                "Zoek naar ‘cultuur’",
                ("search", "cultuur"),
            ),
            Step(
                "Zoek de pioniers: wie doet nu al, onder de radar, wat je vaker wilt zien?",
                "Thema Humane organisatie en cultuur",
                ("theme", "humane-organisatie-en-cultuur"),
            ),
            Step(
                "Leg je situatie voor aan collega's die het al deden.",
                "Stel een vraag",
                ("endpoint", "posts.questions"),
            ),
        ),
    ),
)


# Where a group is weak (at most one ja), one step aimed at that group comes first.
GROUP_STEPS = {
    "leiderschap": Step(
        "Leiderschap is de zwakke plek: zoek één leidinggevende die wil faciliteren en laat "
        "vroeg kleine successen zien, zodat het geduld er blijft.",
        "Thema Leiderschap",
        ("theme", "leiderschap"),
    ),
    "organisatie": Step(
        "Er is weinig ruimte of urgentie: maak zichtbaar wat er nu misgaat en vraag ruimte "
        "voor één klein experiment.",
        "Thema Humane organisatie en cultuur",
        ("theme", "humane-organisatie-en-cultuur"),
    ),
    "middelen": Step(
        "Tijd, budget of een trekker ontbreekt: laat met cijfers zien wat verloop nu kost, "
        "dan wordt investeren bespreekbaar.",
        "De rekentool",
        ("endpoint", "rekentool.index"),
    ),
}


def score(answers: dict[str, bool]) -> int:
    return sum(1 for key in QUESTION_KEYS if answers.get(key))


def band_for(points: int) -> Band:
    if not 0 <= points <= len(QUESTIONS):
        raise ValueError(points)
    return next(b for b in BANDS if b.low <= points <= b.high)


@dataclass(frozen=True)
class Outcome:
    score: int
    band: Band
    per_group: list[tuple[Group, int]]  # yes-answers per group, out of 3

    @property
    def steps(self) -> list[Step]:
        """The band's steps, after one for each weak group (at most one ja), without repeats."""
        weak = [GROUP_STEPS[g.key] for g, yes in self.per_group if yes <= 1]
        links = {s.link for s in weak}
        return weak + [s for s in self.band.steps if s.link not in links]


def assess(answers: dict[str, bool]) -> Outcome:
    """Score a filled-in check; every question must have a yes or a no."""
    missing = [key for key in QUESTION_KEYS if key not in answers]
    if missing:
        raise DomainError("Beantwoord alle negen vragen met ja of nee.", field=missing[0])
    points = score(answers)
    per_group = [
        (g, sum(1 for q in QUESTIONS if q.group == g.key and answers[q.key])) for g in GROUPS
    ]
    return Outcome(points, band_for(points), per_group)


# ---------------------------------------------------------------------------------------------
# Team rounds


def start_round(owner, title: str, days: int, *, now: datetime | None = None) -> tuple[Round, str]:
    """An ambassador starts a round; returns it with the token for the link (shown only now)."""
    if not owner.has_role(Role.AMBASSADOR):
        raise NotAllowed("Alleen ambassadeurs kunnen een teamronde starten.")
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(
            "Geef de ronde een naam, bijvoorbeeld de naam van je team.", field="title"
        )
    if len(title) > MAX_TITLE:
        raise DomainError(f"Houd de naam onder de {MAX_TITLE} tekens.", field="title")
    if days not in ROUND_DAYS:
        raise DomainError("Kies hoe lang de link werkt.", field="days")
    now = now or utcnow()
    token, token_hash = tokens.new_token()
    round_ = Round(
        owner_id=owner.id,
        title=title,
        token_hash=token_hash,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(round_)
    db.session.flush()
    return round_, token


def own_round(user, round_id: int) -> Round:
    """Only the ambassador who started a round sees it; anyone else gets NotAllowed."""
    round_ = db.session.get(Round, round_id)
    if round_ is None or user is None or round_.owner_id != getattr(user, "id", None):
        raise NotAllowed("Deze teamronde bestaat niet of is niet van jou.")
    return round_


def rounds_of(user) -> list[tuple[Round, int]]:
    counts = (
        sa.select(Response.round_id, sa.func.count(Response.id).label("n"))
        .group_by(Response.round_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Round, sa.func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.round_id == Round.id)
        .where(Round.owner_id == user.id)
        .order_by(Round.created_at.desc(), Round.id.desc())
    ).all()
    return [(r, n) for r, n in rows]


def new_link(user, round_id: int, *, now: datetime | None = None) -> str:
    """A fresh link for the round (the old one stops working); the expiry stays as it was."""
    round_ = own_round(user, round_id)
    if not is_open(round_, now=now):
        raise DomainError("Deze ronde is gesloten of verlopen; start een nieuwe ronde.")
    token, round_.token_hash = tokens.new_token()
    db.session.flush()
    return token


def close_round(user, round_id: int, *, now: datetime | None = None) -> Round:
    round_ = own_round(user, round_id)
    if round_.closed_at is None:
        round_.closed_at = now or utcnow()
        db.session.flush()
    return round_


def delete_round(user, round_id: int) -> str:
    round_ = own_round(user, round_id)
    title = round_.title
    db.session.execute(sa.delete(Response).where(Response.round_id == round_.id))
    db.session.delete(round_)
    db.session.flush()
    return title


def is_open(round_: Round, *, now: datetime | None = None) -> bool:
    return round_.closed_at is None and round_.expires_at > (now or utcnow())


def round_for_token(token: str, *, now: datetime | None = None) -> Round:
    """The open round behind a link, or a Dutch DomainError for an unknown, old or closed one."""
    round_ = db.session.scalar(
        sa.select(Round).where(Round.token_hash == tokens.hash_token(token or ""))
    )
    if round_ is None or not is_open(round_, now=now):
        raise DomainError(
            "Deze link werkt niet (meer). Misschien is de ronde gesloten of verlopen; vraag wie je "
            "de link stuurde om een nieuwe."
        )
    return round_


def answer_round(
    round_: Round, answers: dict[str, bool], *, now: datetime | None = None
) -> Outcome:
    """Keep one colleague's answers in the round, without anything that says who they are."""
    if not is_open(round_, now=now):
        raise DomainError("Deze ronde is gesloten; je antwoorden zijn niet bewaard.")
    outcome = assess(answers)
    db.session.add(
        Response(
            round_id=round_.id, answers="".join("j" if answers[k] else "n" for k in QUESTION_KEYS)
        )
    )
    db.session.flush()
    return outcome


@dataclass(frozen=True)
class QuestionSpread:
    question: Question
    yes: int
    no: int


@dataclass(frozen=True)
class RoundResults:
    count: int
    visible: bool
    spread: list[QuestionSpread]
    bands: list[tuple[Band, int]]  # how many colleagues landed in each band

    @property
    def missing(self) -> int:
        return max(0, MIN_RESPONSES - self.count)


def results(user, round_id: int) -> RoundResults:
    """The spread per question, for the round's owner only, once MIN_RESPONSES answered.

    Below the floor nothing but the count leaves this function, so no template can leak it.
    """
    round_ = own_round(user, round_id)
    rows = db.session.scalars(
        sa.select(Response.answers).where(Response.round_id == round_.id)
    ).all()
    if len(rows) < MIN_RESPONSES:
        return RoundResults(len(rows), False, [], [])
    spread = []
    for index, question in enumerate(QUESTIONS):
        yes = sum(1 for row in rows if row[index] == "j")
        spread.append(QuestionSpread(question, yes, len(rows) - yes))
    band_counts = {b.key: 0 for b in BANDS}
    for row in rows:
        band_counts[band_for(row.count("j")).key] += 1
    return RoundResults(len(rows), True, spread, [(b, band_counts[b.key]) for b in BANDS])
