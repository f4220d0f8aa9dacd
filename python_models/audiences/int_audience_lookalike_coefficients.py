"""Fitted lookalike similarity model: one row per term and fit."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.audiences.lookalike import lookalike_terms
    from audience_warehouse.core.params import ModelParams


def model(dbt, session):
    dbt.config(materialized="table")
    params = ModelParams(
        dbt.config.meta_get("params"), "int_audience_lookalike_coefficients"
    )
    seed = dbt.ref("int_audience_lookalike_seed").project("is_fitted").fetchall()
    # Bounded: int_audience_lookalike_sample holds at most
    # audiences_lookalike_sample_size people (a seeded sample).
    sample = dbt.ref("int_audience_lookalike_sample").df()
    return lookalike_terms(
        sample,
        params.names("features"),
        fitted=bool(seed and seed[0][0]),
        random_state=params.int("random_state"),
    )
