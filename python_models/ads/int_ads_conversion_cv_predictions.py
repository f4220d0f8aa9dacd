"""Out-of-fold predictions of conversions: Poisson GLM vs constant baselines."""

from audience_warehouse.conversion import cross_validated_predictions
from audience_warehouse.params import name_list


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt finds meta keys by reading this file: one plain call per key.
    targets = dbt.config.meta_get("targets")
    numeric_features = dbt.config.meta_get("numeric_features")
    categorical_features = dbt.config.meta_get("categorical_features")
    cv_folds = dbt.config.meta_get("cv_folds")
    alpha = dbt.config.meta_get("alpha")
    random_state = dbt.config.meta_get("random_state")

    # Bounded: int_ads_conversion_sample is a seeded sample of fixed size.
    sample = dbt.ref("int_ads_conversion_sample").df()
    return cross_validated_predictions(
        sample,
        key="ad_id",
        targets=name_list(targets),
        numeric=name_list(numeric_features),
        categorical=name_list(categorical_features),
        n_splits=int(cv_folds),
        alpha=float(alpha),
        random_state=int(random_state),
    )
