"""Poisson GLM coefficients per conversion target, as rows for SQL scoring."""

from audience_warehouse.conversion import fit_poisson_coefficients
from audience_warehouse.params import name_list


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    targets = dbt.config.meta_get("targets")
    numeric_features = dbt.config.meta_get("numeric_features")
    categorical_features = dbt.config.meta_get("categorical_features")
    alpha = dbt.config.meta_get("alpha")

    # Bounded: int_ads_conversion_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_ads_conversion_sample").df()
    return fit_poisson_coefficients(
        sample,
        key="ad_id",
        targets=name_list(targets),
        numeric=name_list(numeric_features),
        categorical=name_list(categorical_features),
        alpha=float(alpha),
    )
