"""Scaling and rounding rules (recettes.quantities): what a cook reads when the servings change."""

from decimal import Decimal as D

import pytest

from recettes.quantities import (
    QuantityError,
    Unit,
    format_number,
    normalize_unit,
    parse_quantity,
    parse_servings,
    round_measure,
    scale_amount,
    scale_cost,
)


def scaled(quantity, unit, servings_from, servings_to) -> str:
    return str(
        scale_amount(D(quantity) if quantity is not None else None, unit, D(servings_to) / D(servings_from))
    )


@pytest.mark.parametrize(
    ("grams", "expected"),
    [("333.33", "335"), ("331", "330"), ("87.4", "87"), ("2.2", "2"), ("0.2", "0.5"), ("1333.3", "1330")],
)
def test_weights_are_rounded_as_a_cook_writes_them(grams, expected):
    assert round_measure(D(grams)) == D(expected)


def test_250_g_for_6_becomes_335_g_for_8():
    assert scaled("250", "g", 6, 8) == "335 g"


def test_eggs_stay_whole_numbers():
    assert scaled("3", "", 6, 8) == "4"
    assert scaled("3", "", 4, 3) == "2"
    assert scaled("1", "", 8, 2) == "1"  # never zero eggs


def test_halves_stay_possible_when_the_author_wrote_a_half():
    assert scaled("0.5", "", 4, 6) == "1"
    assert scaled("0.5", "", 4, 10) == "1,5"


def test_grams_become_kilograms_and_back():
    assert scaled("800", "g", 4, 12) == "2,4 kg"
    assert scaled("1.5", "kg", 6, 2) == "500 g"


def test_centilitres_stay_centilitres_when_round():
    assert scaled("25", "cl", 4, 8) == "50 cl"
    assert scaled("20", "cl", 6, 7) == "235 ml"
    assert scaled("75", "cl", 4, 8) == "1,5 l"


def test_spoons_round_to_half_and_pinches_to_whole():
    assert scaled("1", "c. à soupe", 4, 6) == "1,5 c. à soupe"
    assert scaled("1", "c. à café", 8, 2) == "0,5 c. à café"
    assert scaled("1", "pincée", 4, 12) == "3 pincées"


def test_counted_units_take_a_plural():
    assert scaled("2", "gousse", 4, 8) == "4 gousses"


def test_empty_quantity_stays_empty_and_a_pinch_is_written_out():
    assert scaled(None, "", 4, 12) == ""
    assert scaled(None, "pincée", 4, 12) == "une pincée"


def test_same_servings_keeps_the_authors_numbers():
    assert scaled("333", "g", 4, 4) == "333 g"


def test_costs_scale_to_the_cent():
    assert scale_cost(D("2.40"), D(12) / D(6)) == D("4.80")
    assert scale_cost(D("1.00"), D(1) / D(3)) == D("0.33")
    assert scale_cost(None, D(2)) is None


def test_numbers_are_written_the_french_way():
    assert format_number(D("1.50")) == "1,5"
    assert format_number(D("2400")) == "2\u202f400"


@pytest.mark.parametrize(("text", "value"), [("2", "2"), ("1,5", "1.5"), ("1.5", "1.5"), ("1/2", "0.5"),
                                             ("1 1/2", "1.5"), ("½", "0.5"), (" 250 ", "250")])  # fmt: skip
def test_quantities_are_read_as_managers_type_them(text, value):
    assert parse_quantity(text) == D(value)


def test_empty_quantity_means_a_pinch():
    assert parse_quantity("  ") is None


@pytest.mark.parametrize("text", ["deux", "1,2,3", "1/0", "abc g", "nan", "inf"])
def test_non_number_quantity_is_refused_in_french(text):
    with pytest.raises(QuantityError, match="n'est pas une quantité"):
        parse_quantity(text)


def test_negative_quantity_is_refused():
    with pytest.raises(QuantityError, match="positive"):
        parse_quantity("-3")


@pytest.mark.parametrize(("text", "unit"), [("grammes", Unit.GRAM), ("c. à s.", Unit.TABLESPOON),
                                            ("Cuillères à café", Unit.TEASPOON), ("pièces", Unit.PIECE),
                                            ("Litres", Unit.LITRE), ("", Unit.COUNT)])  # fmt: skip
def test_units_are_recognised_in_their_usual_spellings(text, unit):
    assert normalize_unit(text) == unit


def test_every_unit_offered_reads_back_as_itself():
    for unit in Unit:
        assert normalize_unit(unit.value) == unit


def test_unknown_unit_names_the_known_ones():
    with pytest.raises(QuantityError, match="Unité inconnue « tasse » : choisissez parmi g, kg"):
        normalize_unit("tasse")


@pytest.mark.parametrize(
    ("text", "message"),
    [("-4", "au moins 1"), ("0", "au moins 1"), ("douze", "n'est pas un nombre"),
     ("2,5", "n'est pas un nombre"), ("5000", "Au plus 1000")],
)  # fmt: skip
def test_bad_servings_are_refused_in_french(text, message):
    with pytest.raises(QuantityError, match=message):
        parse_servings(text)


def test_servings_are_read():
    assert parse_servings(" 12 ") == 12
