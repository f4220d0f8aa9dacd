"""Parsing of parameters rendered by dbt."""

import pytest

from audience_warehouse.params import name_list, optional_int


@pytest.mark.parametrize("value", [None, "", "None", "null", " none "])
def test_optional_int_nulls(value):
    assert optional_int(value) is None


def test_optional_int_values():
    assert optional_int(4) == 4
    assert optional_int("8") == 8


def test_name_list_from_text_and_list():
    assert name_list("a, b,c") == ["a", "b", "c"]
    assert name_list(["a", "b"]) == ["a", "b"]
    with pytest.raises(ValueError):
        name_list(" , ")
