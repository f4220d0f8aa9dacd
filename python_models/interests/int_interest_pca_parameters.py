"""PCA of the users' category shares: one row per component and category."""

from audience_warehouse import IMPORT_LOCK

with IMPORT_LOCK:  # dbt runs Python models on threads (see IMPORT_LOCK)
    from audience_warehouse.interests.models import fit_pca_parameters


def model(dbt, session):
    dbt.config(materialized="table")
    # Bounded: int_interest_model_sample holds at most interests_sample_size
    # users (a seeded sample) x the map's categories.
    sample = dbt.ref("int_interest_model_sample").df()
    return fit_pca_parameters(sample, dbt.config.meta_get("params"))
