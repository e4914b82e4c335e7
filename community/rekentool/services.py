"""The rekentool: what a new colleague costs, and what turnover costs a year (ch. 4, Bijlage 4).

Everything here is plain arithmetic on Decimal, so an amount typed as "1.528,50" is counted to the
cent and the three examples from the report add up exactly. Services take no request: the views
turn form fields into a `ToolInput`, these functions check and compute it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from community.clock import utcnow
from community.errors import DomainError, NotAllowed
from community.extensions import db

# One line above this is almost certainly a typo (an extra zero, a forgotten comma).
MAX_LINE = Decimal("10000000")
MAX_HOURS = Decimal("100000")
MAX_LINES_PER_BLOCK = 20
MAX_LABEL = 120
MAX_NAME = 80
ZERO = Decimal("0")


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    lines: tuple[str, ...]
    hint: str


# The four blocks and their lines, in the report's order and (close to) its words.
BLOCKS: tuple[Block, ...] = (
    Block(
        "werving",
        "Werving (recruitment)",
        (
            "Profielbepaling en beschrijven",
            "Vacature verspreiden via kanalen",
            "Brieven selecteren",
            "Gesprekken voeren en inplannen",
            "Arbeidsvoorwaardengesprek",
            "Pre-boarden",
            "Zaken klaarzetten in systemen en praktisch",
        ),
        "Van profiel tot eerste werkdag: de uren van iedereen die meewerkt aan het aannemen.",
    ),
    Block(
        "onboarding",
        "Inwerken (onboarding)",
        (
            "Onboardingsactiviteiten",
            "Praktische zaken (systemen en middelen)",
            "Inwerken door teamleden en organisatie",
            "Begeleiding, coach of buddy (boventallig)",
            "Nieuwe medewerker (boventallig)",
        ),
        "Tot de nieuwe collega zonder steun van anderen het "
        "werk doet. Hier zit meestal het meeste.",
    ),
    Block(
        "uitstroom",
        "Uitstroom (outflow)",
        (
            "Afhandeling contract (administratie)",
            "Spullen retour ontvangen en verwerken",
            "Exitgesprek",
            "Verlaagde productiviteit na opzegtermijn",
        ),
        "Wat het kost als iemand vertrekt: van administratie tot het exitgesprek.",
    ),
    Block(
        "indirect",
        "Indirecte kosten",
        (
            "Openstaande vacatures (gat in de formatie)",
            "Wervings- en selectiefee",
            "Verlies van kennis en ervaring",
            "Onrust en verzuim in het team",
            "Vraag niet kunnen beantwoorden (capaciteit ontbreekt)",
        ),
        "Lastig in uren te vangen, en toch echt: schat ze liever dan ze weg te laten.",
    ),
)
BLOCK_KEYS = tuple(b.key for b in BLOCKS)
BLOCK_BY_KEY = {b.key: b for b in BLOCKS}


@dataclass(frozen=True)
class Example:
    """One of the report's three filled-in rekentools: average cost per new colleague."""

    name: str
    blocks: dict[str, Decimal]
    total: Decimal
    outflow: str
    note: str

    @property
    def block_sum(self) -> Decimal:
        return sum(self.blocks.values(), ZERO)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "Molendrift",
        {
            "werving": Decimal(1528),
            "onboarding": Decimal(75960),
            "uitstroom": Decimal(420),
            "indirect": Decimal(0),
        },
        Decimal(77908),
        "Uitstroom nihil en stabiel: 0,9% in 2020.",
        "Werft ‘via via’, zonder wervingskosten; het volledige inwerken duurt ongeveer 2 jaar.",
    ),
    Example(
        "Jeugdbescherming west",
        {
            "werving": Decimal(16375),
            "onboarding": Decimal(28130),
            "uitstroom": Decimal(3137),
            "indirect": Decimal(6547),
        },
        Decimal(54189),
        "Uitstroom daalde van 23% in 2017 naar 18% in 2020.",
        "Werft via een externe partij; na zeven maanden een volledige caseload. "
        "Opleiden staat hier onder indirecte kosten.",
    ),
    Example(
        "Raad voor de Kinderbescherming",
        {
            "werving": Decimal(2396),
            "onboarding": Decimal(41821),
            "uitstroom": Decimal(38),
            "indirect": Decimal(67),
        },
        Decimal(44322),
        "Uitstroom daalde van 17% in 2016 naar 7% in 2019.",
        "Eigen recruiters; opleiden in vier producten duurt twee jaar.",
    ),
)
EXAMPLES_CAUTION = (
    "Deze tabel is geen vergelijking van de kosten maar een weergave: drie heel verschillende "
    "organisaties vulden de rekentool ieder op hun eigen manier in, en zetten soms dezelfde kosten "
    "onder een ander blok. Gemiddelde kosten per aangenomen medewerker in een representatief jaar."
)


# ---------------------------------------------------------------------------------------------
# Dutch numbers


_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$")


def parse_number(text: str | None) -> Decimal | None:
    """'1.528,50', '1528,5', '1528.5', '€ 1.528' and '1 528' -> Decimal; '' -> None.

    Dutch first: a comma is the decimal sign and dots group thousands. A lone dot is a decimal
    point ('1528.5', '7.5'), except in the Dutch grouping pattern ('1.528', '12.000.000').
    Raises ValueError for anything else.
    """
    if text is None:
        return None
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace("\u2212", "-")
    if cleaned in ("", "-"):
        return None
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not re.fullmatch(r"[\d.,]+", cleaned) or not any(c.isdigit() for c in cleaned):
        raise ValueError(text)
    if "," in cleaned and "." in cleaned:
        if _THOUSANDS_COMMA.match(cleaned):  # 1,528.50: English grouping, taken as meant
            cleaned = cleaned.replace(",", "")
        elif cleaned.rfind(",") > cleaned.rfind(".") and re.fullmatch(
            r"\d{1,3}(\.\d{3})*,\d+", cleaned
        ):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            raise ValueError(text)
    elif "," in cleaned:
        if cleaned.count(",") > 1:
            raise ValueError(text)
        cleaned = cleaned.replace(",", ".")
    elif "." in cleaned and (cleaned.count(".") > 1 or _THOUSANDS_DOT.match(cleaned)):
        if not _THOUSANDS_DOT.match(cleaned):
            raise ValueError(text)
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(sign + cleaned)
    except InvalidOperation as error:  # pragma: no cover - the patterns above leave none
        raise ValueError(text) from error


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Dutch grouping: 1528.5 -> '1.528,5'; with decimals=2 -> '1.528,50'. None -> ''."""
    if value is None:
        return ""
    value = Decimal(value)
    if decimals is None:
        text = f"{int(value):,}" if value == value.to_integral() else f"{value.normalize():,f}"
    else:
        quantum = Decimal(1).scaleb(-decimals)
        text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_euro(value: Decimal | int | None) -> str:
    """€ 1.528 (whole euros, rounded half up), the way the report writes its amounts."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return "€\u00a0" + format_number(rounded, 0)


def format_input(value: Decimal | None) -> str:
    """A stored amount back into a form field, Dutch: 1528.50 -> '1.528,5'."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral():
        return format_number(value, 0)
    return format_number(value.normalize())


# ---------------------------------------------------------------------------------------------
# Input and result


@dataclass
class Line:
    block: str
    label: str = ""
    hours: Decimal | None = None
    rate: Decimal | None = None
    oop: Decimal | None = None  # out of pocket: money spent besides hours

    @property
    def is_empty(self) -> bool:
        return self.hours is None and self.rate is None and self.oop is None

    @property
    def total(self) -> Decimal:
        return (self.hours or ZERO) * (self.rate or ZERO) + (self.oop or ZERO)


@dataclass
class ToolInput:
    lines: list[Line] = field(default_factory=list)
    hires: Decimal | None = None  # new colleagues a year
    staff: Decimal | None = None  # people (or fte) on the payroll
    outflow_rate: Decimal | None = None  # percent leaving a year

    def block_lines(self, key: str) -> list[Line]:
        return [line for line in self.lines if line.block == key]


@dataclass(frozen=True)
class BlockResult:
    block: Block
    lines: list[Line]
    total: Decimal


@dataclass(frozen=True)
class Result:
    blocks: list[BlockResult]
    per_hire: Decimal
    per_year: Decimal | None
    leavers: Decimal | None
    turnover_per_year: Decimal | None

    def block_total(self, key: str) -> Decimal:
        return next(b.total for b in self.blocks if b.block.key == key)


def blank_input() -> ToolInput:
    """The tool as the report prints it: every line, nothing filled in yet."""
    return ToolInput(lines=[Line(b.key, label) for b in BLOCKS for label in b.lines])


class InputErrors(DomainError):
    """Several fields at once; `errors` maps a field key to its Dutch message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Er staan nog fouten in de rekentool. Kijk de gemarkeerde velden na.")
        self.errors = errors


def validate(data: ToolInput) -> None:
    """Raise InputErrors with a message per field for negative, absurd or empty input."""
    errors: dict[str, str] = {}
    for index, line in enumerate(data.lines):
        where = f"l{index}"
        for name, value in (("hours", line.hours), ("rate", line.rate), ("oop", line.oop)):
            if value is not None and value < 0:
                errors[f"{where}-{name}"] = "Vul 0 of meer in; een negatief bedrag kan hier niet."
        if line.hours is not None and line.hours > MAX_HOURS:
            errors[f"{where}-hours"] = (
                f"Meer dan {format_number(MAX_HOURS)} uur op één regel? Kijk dit nog eens na."
            )
        for name, value in (("rate", line.rate), ("oop", line.oop)):
            if value is not None and value > MAX_LINE:
                errors[f"{where}-{name}"] = (
                    "Meer dan € 10 miljoen op één regel? Dat is vast "
                    "een tikfout. Kijk het nog eens na."
                )
        if not any(k.startswith(where + "-") for k in errors) and line.total > MAX_LINE:
            errors[f"{where}-hours"] = (
                "Deze regel komt boven € 10 miljoen uit. Kijk de uren en het uurtarief nog eens na."
            )
        if not line.label.strip() and not line.is_empty:
            errors[f"{where}-label"] = (
                "Geef deze regel een naam, zodat je weet waar het bedrag over gaat."
            )
        if len(line.label) > MAX_LABEL:
            errors[f"{where}-label"] = f"Houd de naam onder de {MAX_LABEL} tekens."
        if line.hours is not None and line.rate is None and line.hours > 0:
            errors[f"{where}-rate"] = (
                "Vul ook een uurtarief in; zonder tarief tellen de uren niet mee."
            )
    for name, value, maximum in (
        ("hires", data.hires, Decimal(100000)),
        ("staff", data.staff, Decimal(1000000)),
        ("outflow_rate", data.outflow_rate, Decimal(100)),
    ):
        if value is None:
            continue
        if value < 0:
            errors[name] = "Vul 0 of meer in."
        elif value > maximum:
            errors[name] = (
                "Een percentage gaat tot 100."
                if name == "outflow_rate"
                else "Dat is wel heel veel. Kijk het nog eens na."
            )
    if not errors and all(line.is_empty for line in data.lines):
        errors["lines"] = (
            "Vul minstens één regel in: uren met een uurtarief, of een bedrag bij ‘Uitgaven’."
        )
    if errors:
        raise InputErrors(errors)


def calculate(data: ToolInput) -> Result:
    """Totals per block and in all per new colleague; per year with hires; turnover per year."""
    blocks = []
    for block in BLOCKS:
        lines = data.block_lines(block.key)
        blocks.append(BlockResult(block, lines, sum((line.total for line in lines), ZERO)))
    per_hire = sum((b.total for b in blocks), ZERO)
    per_year = per_hire * data.hires if data.hires is not None else None
    leavers = None
    turnover = None
    if data.staff is not None and data.outflow_rate is not None:
        leavers = data.staff * data.outflow_rate / Decimal(100)
        turnover = per_hire * leavers
    return Result(blocks, per_hire, per_year, leavers, turnover)


# ---------------------------------------------------------------------------------------------
# Storage shape (JSON) and CSV


def to_json(data: ToolInput) -> dict:
    """Decimals as strings, so nothing is lost to floats on the way to the database and back."""

    def text(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "lines": [
            {
                "block": line.block,
                "label": line.label,
                "hours": text(line.hours),
                "rate": text(line.rate),
                "oop": text(line.oop),
            }
            for line in data.lines
        ],
        "hires": text(data.hires),
        "staff": text(data.staff),
        "outflow_rate": text(data.outflow_rate),
    }


def from_json(stored: dict) -> ToolInput:
    def number(value: str | None) -> Decimal | None:
        return None if value in (None, "") else Decimal(value)

    return ToolInput(
        lines=[
            Line(
                row["block"],
                row.get("label", ""),
                number(row.get("hours")),
                number(row.get("rate")),
                number(row.get("oop")),
            )
            for row in stored.get("lines", [])
            if row.get("block") in BLOCK_BY_KEY
        ],
        hires=number(stored.get("hires")),
        staff=number(stored.get("staff")),
        outflow_rate=number(stored.get("outflow_rate")),
    )


CSV_HEADER = ["blok", "regel", "uren", "uurtarief", "uitgaven", "totaal"]
SETTINGS = (
    ("hires", "nieuwe collega's per jaar"),
    ("staff", "medewerkers"),
    ("outflow_rate", "uitstroom per jaar (%)"),
)


def to_csv(data: ToolInput, name: str = "") -> str:
    """Semicolons and decimal commas, as Dutch spreadsheet programs open them without asking."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in data.lines:
        writer.writerow(
            [
                line.block,
                line.label,
                format_input(line.hours),
                format_input(line.rate),
                format_input(line.oop),
                format_number(line.total, 2),
            ]
        )
    for key, label in SETTINGS:
        writer.writerow(["instelling", label, format_input(getattr(data, key)), "", "", ""])
    result = calculate(data)
    writer.writerow(["totaal", "per nieuwe collega", "", "", "", format_number(result.per_hire, 2)])
    if name:
        writer.writerow(["naam", name, "", "", "", ""])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read it as UTF-8


def from_csv(text: str) -> tuple[ToolInput, str]:
    """Read what to_csv wrote (or a copy edited in a spreadsheet) back in; totals are recomputed."""
    text = text.lstrip("\ufeff")
    sample = text.splitlines()[0] if text else ""
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows or [c.strip().lower() for c in rows[0][:5]] != CSV_HEADER[:5]:
        raise DomainError(
            "Dit bestand herkennen we niet. Gebruik een CSV die je eerder uit de rekentool haalde.",
            field="csv_file",
        )
    data = ToolInput()
    name = ""
    setting_keys = {label: key for key, label in SETTINGS}
    for number, row in enumerate(rows[1:], start=2):
        row = [*row, "", "", "", "", ""][:6]
        kind = row[0].strip()
        try:
            if kind in BLOCK_BY_KEY:
                data.lines.append(
                    Line(
                        kind,
                        row[1].strip()[:MAX_LABEL],
                        parse_number(row[2]),
                        parse_number(row[3]),
                        parse_number(row[4]),
                    )
                )
            elif kind == "instelling" and row[1].strip() in setting_keys:
                setattr(data, setting_keys[row[1].strip()], parse_number(row[2]))
            elif kind == "naam":
                name = row[1].strip()[:MAX_NAME]
        except ValueError as error:
            raise DomainError(
                f"Regel {number} van het bestand bevat een getal dat we niet kunnen lezen.",
                field="csv_file",
            ) from error
    if len(data.lines) > MAX_LINES_PER_BLOCK * len(BLOCKS):
        raise DomainError("Dit bestand heeft te veel regels.", field="csv_file")
    return data, name


# ---------------------------------------------------------------------------------------------
# Saved scenarios (members only)


def _scenario_model():
    from community.rekentool.models import Scenario

    return Scenario


def save_scenario(user, name: str, data: ToolInput, *, scenario_id: int | None = None):
    """Save (or overwrite one's own) named scenario; names are unique per member."""
    Scenario = _scenario_model()
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(
            "Geef je scenario een naam, bijvoorbeeld ‘Team Noord 2026’.", field="name"
        )
    if len(name) > MAX_NAME:
        raise DomainError(f"Houd de naam onder de {MAX_NAME} tekens.", field="name")
    validate(data)
    scenario = None
    if scenario_id:
        scenario = db.session.get(Scenario, scenario_id)
        if scenario is None or scenario.user_id != user.id:
            raise NotAllowed("Dit scenario is niet van jou.")
    clash = db.session.scalar(
        sa.select(Scenario).where(Scenario.user_id == user.id, Scenario.name == name)
    )
    if clash is not None and clash is not scenario:
        raise DomainError(
            "Je hebt al een scenario met deze naam. Kies een andere naam, of open dat scenario "
            "om het bij te werken.",
            field="name",
        )
    now = utcnow()
    if scenario is None:
        scenario = Scenario(user_id=user.id, name=name, created_at=now)
        try:
            with db.session.begin_nested():
                scenario.data = to_json(data)
                scenario.updated_at = now
                db.session.add(scenario)
        except IntegrityError as error:  # the same name saved twice at once
            raise DomainError(
                "Je hebt al een scenario met deze naam. Kies een andere naam.", field="name"
            ) from error
        return scenario
    scenario.name = name
    scenario.data = to_json(data)
    scenario.updated_at = now
    db.session.flush()
    return scenario


def scenarios_of(user) -> list:
    Scenario = _scenario_model()
    return db.session.scalars(
        sa.select(Scenario).where(Scenario.user_id == user.id).order_by(Scenario.name)
    ).all()


def scenario_for(user, scenario_id: int):
    """Only the member who saved it opens a scenario; anyone else gets NotAllowed."""
    scenario = db.session.get(_scenario_model(), scenario_id)
    if scenario is None or user is None or scenario.user_id != getattr(user, "id", None):
        raise NotAllowed("Dit scenario bestaat niet of is niet van jou.")
    return scenario


def delete_scenario(user, scenario_id: int) -> str:
    scenario = scenario_for(user, scenario_id)
    name = scenario.name
    db.session.delete(scenario)
    db.session.flush()
    return name
