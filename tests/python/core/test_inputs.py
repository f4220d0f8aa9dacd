import pytest

from audience_warehouse.core.inputs import model_inputs

COLUMNS = ["user_id", "feature_a", "feature_b", "label"]


def test_the_listed_columns_are_returned_in_list_order():
    assert model_inputs(COLUMNS, ["feature_b", "feature_a"], "t") == [
        "feature_b",
        "feature_a",
    ]


def test_an_unlisted_feature_column_fails_naming_it():
    with pytest.raises(ValueError, match="not in the input list: feature_b"):
        model_inputs(COLUMNS, ["feature_a"], "int_x")


def test_a_listed_column_that_is_missing_fails_naming_it():
    with pytest.raises(ValueError, match="listed but missing: feature_c"):
        model_inputs(COLUMNS, ["feature_a", "feature_b", "feature_c"], "int_x")


def test_columns_without_the_prefix_may_be_listed_or_ignored():
    assert model_inputs(COLUMNS, ["feature_a", "feature_b", "label"], "t")[-1] == (
        "label"
    )


@pytest.mark.parametrize("listed", [[], ["feature_a", "feature_a", "feature_b"]])
def test_an_empty_or_repeated_list_fails(listed):
    with pytest.raises(ValueError, match="empty|listed twice"):
        model_inputs(COLUMNS, listed, "t")
