"""Poisson GLM coefficients per conversion target, as rows for SQL scoring."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.ads.models import conversion_coefficients


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_ads_conversion_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_ads_conversion_sample").df()
    return conversion_coefficients(sample, params)
