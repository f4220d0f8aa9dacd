"""Parsing of parameters rendered by dbt."""

import pytest

from audience_warehouse.core.params import ModelParams, name_list, optional_int


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


def test_name_list_from_a_rendered_python_list():
    assert name_list("['a', 'b']") == ["a", "b"]


def test_model_params_read_typed_values():
    params = ModelParams(
        {"k": "3", "alpha": 0.5, "forced_k": "None", "features": ["x", "y"]}, "m"
    )
    assert params.int("k") == 3
    assert params.float("alpha") == 0.5
    assert params.optional_int("forced_k") is None
    assert params.names("features") == ["x", "y"]


def test_model_params_name_the_model_and_the_key():
    params = ModelParams({"k": "three"}, "int_model")
    with pytest.raises(KeyError, match="int_model.*'alpha'.*has: k"):
        params.float("alpha")
    with pytest.raises(ValueError, match=r"int_model: params.k = 'three'"):
        params.int("k")
    with pytest.raises(ValueError, match="expected a 'params' mapping"):
        ModelParams(None, "int_model")
