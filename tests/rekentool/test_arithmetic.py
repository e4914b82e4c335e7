"""The rekentool counts what the report counted: its three examples, Dutch numbers both ways,
and a CSV that comes back as the same input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from community.rekentool import services
from community.rekentool.services import Line, ToolInput

# Bijlage 4's table in chapter 4: per new colleague, per block, and the total it prints.
REPORT_TABLE = {
    "Molendrift": ((1528, 75960, 420, 0), 77908),
    "Jeugdbescherming west": ((16375, 28130, 3137, 6547), 54189),
    "Raad voor de Kinderbescherming": ((2396, 41821, 38, 67), 44322),
}


@pytest.mark.parametrize("name", REPORT_TABLE)
def test_the_reports_three_totals_follow_from_their_block_figures(name):
    blocks, total = REPORT_TABLE[name]
    # Entered as one out-of-pocket amount per block, the tool must print the report's total.
    data = ToolInput(
        lines=[
            Line(key, "uit het rapport", oop=Decimal(v))
            for key, v in zip(services.BLOCK_KEYS, blocks, strict=True)
        ]
    )
    result = services.calculate(data)
    assert result.per_hire == Decimal(total)
    assert [b.total for b in result.blocks] == [Decimal(v) for v in blocks]
    assert services.format_euro(result.per_hire) == "€\u00a0" + f"{total:,}".replace(",", ".")
    # The examples shown beside the result carry the same figures.
    example = next(e for e in services.EXAMPLES if e.name == name)
    assert example.block_sum == example.total == Decimal(total)
    assert [example.blocks[k] for k in services.BLOCK_KEYS] == [Decimal(v) for v in blocks]


def test_examples_name_their_outflow_from_the_report():
    outflow = {e.name: e.outflow for e in services.EXAMPLES}
    assert "0,9%" in outflow["Molendrift"]
    assert "23%" in outflow["Jeugdbescherming west"] and "18%" in outflow["Jeugdbescherming west"]
    assert "17%" in outflow["Raad voor de Kinderbescherming"]
    assert "7%" in outflow["Raad voor de Kinderbescherming"]
    assert "geen vergelijking" in services.EXAMPLES_CAUTION


def test_blocks_and_lines_are_the_reports():
    assert [b.key for b in services.BLOCKS] == ["werving", "onboarding", "uitstroom", "indirect"]
    assert [len(b.lines) for b in services.BLOCKS] == [7, 5, 4, 5]
    assert services.BLOCKS[0].lines[0] == "Profielbepaling en beschrijven"
    assert services.BLOCKS[1].lines[-1] == "Nieuwe medewerker (boventallig)"


def test_a_line_is_hours_times_rate_plus_out_of_pocket_and_a_year_multiplies():
    data = ToolInput(
        lines=[
            Line("werving", "Gesprekken", Decimal("12.5"), Decimal("48.40"), Decimal("150")),
            Line("onboarding", "Buddy", Decimal("80"), Decimal("52")),
            Line("uitstroom", "Exitgesprek", Decimal("1.5"), Decimal("60")),
        ],
        hires=Decimal(12),
        staff=Decimal(200),
        outflow_rate=Decimal("18"),
    )
    result = services.calculate(data)
    assert result.block_total("werving") == Decimal("755.00")  # 12,5 × 48,40 + 150
    assert result.block_total("onboarding") == Decimal(4160)
    assert result.block_total("uitstroom") == Decimal(90)
    assert result.block_total("indirect") == 0
    assert result.per_hire == Decimal("5005.00")
    assert result.per_year == Decimal("60060.00")
    assert result.leavers == Decimal(36)
    assert result.turnover_per_year == Decimal("180180.00")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.528,50", Decimal("1528.50")),
        ("1528.5", Decimal("1528.5")),
        ("1528,5", Decimal("1528.5")),
        ("€ 1.528", Decimal("1528")),
        ("12.000.000", Decimal("12000000")),
        ("1 528", Decimal("1528")),
        ("0,9", Decimal("0.9")),
        ("7.5", Decimal("7.5")),
        ("1,528.50", Decimal("1528.50")),
        ("-40", Decimal("-40")),
        ("", None),
        ("  ", None),
    ],
)
def test_dutch_numbers_are_read(text, expected):
    assert services.parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.5.3", "12,5.0", "1.528,50,1"])
def test_unreadable_numbers_are_refused(text):
    with pytest.raises(ValueError):
        services.parse_number(text)


@pytest.mark.parametrize(
    "value, euro, field",
    [
        (Decimal(1528), "€\u00a01.528", "1.528"),
        (Decimal("77908"), "€\u00a077.908", "77.908"),
        (Decimal("1528.50"), "€\u00a01.529", "1.528,5"),
        (Decimal("0.9"), "€\u00a01", "0,9"),
        (Decimal("12000000"), "€\u00a012.000.000", "12.000.000"),
    ],
)
def test_dutch_numbers_are_written_and_read_back(value, euro, field):
    assert services.format_euro(value) == euro
    assert services.format_input(value) == field
    assert services.parse_number(field) == value  # both ways


def test_negative_absurd_and_empty_input_get_dutch_messages():
    with pytest.raises(services.InputErrors) as caught:
        services.validate(services.blank_input())
    assert "Vul minstens één regel in" in caught.value.errors["lines"]

    data = ToolInput(
        lines=[
            Line("werving", "Gesprekken", Decimal(-3), Decimal(50)),
            Line("onboarding", "Buddy", Decimal(10), Decimal(50), Decimal("10000001")),
            Line("onboarding", "Boventallig", Decimal(2000), Decimal(6000)),  # € 12 miljoen
            Line("uitstroom", "", oop=Decimal(10)),
        ],
        outflow_rate=Decimal(120),
    )
    with pytest.raises(services.InputErrors) as caught:
        services.validate(data)
    errors = caught.value.errors
    assert "negatief" in errors["l0-hours"]
    assert "€ 10 miljoen" in errors["l1-oop"]
    assert "€ 10 miljoen" in errors["l2-hours"]
    assert "naam" in errors["l3-label"]
    assert "100" in errors["outflow_rate"]


def test_csv_round_trip_gives_back_the_same_input():
    data = services.blank_input()
    data.lines[0].hours, data.lines[0].rate = Decimal("3.5"), Decimal("48.25")
    data.lines[8].oop = Decimal("1528.50")
    data.lines.append(Line("indirect", 'Inhuur; tijdelijk "extern"', Decimal(40), Decimal(95)))
    data.hires, data.staff, data.outflow_rate = Decimal(12), Decimal(75), Decimal("0.9")

    text = services.to_csv(data, name="Team Noord")
    assert "3,5;48,25" in text  # Dutch decimals, semicolons: a Dutch spreadsheet reads it as is
    back, name = services.from_csv(text)
    assert name == "Team Noord"
    assert back == data
    assert services.calculate(back).per_hire == services.calculate(data).per_hire


def test_a_foreign_csv_is_refused_kindly():
    with pytest.raises(services.DomainError) as caught:
        services.from_csv("naam,adres\nPiet,Dorpsstraat 1\n")
    assert "herkennen we niet" in caught.value.message
