"""Out-of-fold predictions of conversions: Poisson GLM vs constant baselines."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.ads.models import conversion_cv_predictions


def model(dbt, session):
    dbt.config(materialized="table")
    params = dbt.config.meta_get("params")
    # Bounded: int_ads_conversion_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_ads_conversion_sample").df()
    return conversion_cv_predictions(sample, params)
