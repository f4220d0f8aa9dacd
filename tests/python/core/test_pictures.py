"""Shared picture helpers (audience_warehouse.core.pictures)."""

from __future__ import annotations

from audience_warehouse.core.pictures import ink, readable


def test_numbers_on_dark_cells_are_white_and_on_light_cells_black():
    assert ink(0.0) == "black"
    assert ink(0.5) == "black"
    assert ink(0.9) == "white"
    assert ink(1.0) == "white"


def test_codes_read_as_words():
    assert readable("baseline_training_median") == "training median (baseline)"
    assert readable("feature_click_through_rate") == "click through rate"
    assert readable("out_of_time") == "out of time"
