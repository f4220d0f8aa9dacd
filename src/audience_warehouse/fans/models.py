"""Fans domain model choices, called by the dbt Python models of ``fans``.

Activity levels: KMeans (k by silhouette) on the activity features listed
in var ``fans_activity_features``. Early-activity classifier: the core
harness on the early features listed in var ``fans_classifier_features``,
with the early engagement count as the one-feature baseline; the model
served (dim_fans) is the forest or that baseline, whichever has the lower
Brier score on the validation half of the held-out users
(:func:`audience_warehouse.core.classifier.serve_on_validation`). When the
labelled sample cannot support a fit (a short or sparse history), nothing
is fitted: every user gets null probabilities and the reason, in
``model_status``, so the marts still build and say why.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

import pandas as pd

from audience_warehouse.core.classifier import (
    PROBABILITY_COLUMNS,
    SPLIT_TRAIN,
    SPLIT_UNLABELLED,
    STATUS_FITTED,
    THRESHOLD_COLUMNS,
    EarlyActivityModels,
    feature_importances,
    fit_models,
    fit_status,
    labelled_predictions,
    nulls,
    predict,
    score_batches,
    serve_on_validation,
    thresholds,
    time_split_predictions,
)
from audience_warehouse.core.inputs import model_inputs
from audience_warehouse.core.kmeans import fit_kmeans_on_inputs, select_k_on_inputs
from audience_warehouse.core.params import ModelParams

KEY = "user_id"
LABEL = "is_engaged_later"
ARRIVAL = "first_engaged_at"
LABEL_KNOWN = "label_window_ends_at"
BASELINE_FEATURE = "feature_engagement_count"
CLUSTER_SAMPLE_RELATION = "int_fan_cluster_sample"
CLASSIFIER_SAMPLE_RELATION = "int_fan_classifier_sample"
# The models that can be served, by name (as in fct_fan_classifier_metrics)
# and probability column, simplest first: a tie goes to the first.
SERVED_CANDIDATES = {
    "baseline_logistic_engagement_count": "baseline_probability",
    "random_forest": "forest_probability",
}


def activity_k_selection(
    sample: pd.DataFrame, params: Mapping[str, object]
) -> pd.DataFrame:
    """Inertia and silhouette per candidate k over the user sample."""
    p = ModelParams(params, "int_fan_activity_k_selection")
    return select_k_on_inputs(sample, KEY, CLUSTER_SAMPLE_RELATION, p)


def activity_centroids(
    sample: pd.DataFrame, chosen_k: int, params: Mapping[str, object]
) -> pd.DataFrame:
    """KMeans parameters (scaler and centroids) of the activity levels."""
    p = ModelParams(params, "int_fan_activity_centroids")
    return fit_kmeans_on_inputs(sample, KEY, CLUSTER_SAMPLE_RELATION, chosen_k, p)


def _classifier_features(sample: pd.DataFrame, p: ModelParams) -> list[str]:
    features = model_inputs(
        sample.columns, p.names("features"), CLASSIFIER_SAMPLE_RELATION
    )
    if BASELINE_FEATURE not in features:
        raise ValueError(
            f"the baseline feature {BASELINE_FEATURE} must be in the "
            f"classifier's input list {features}"
        )
    return features


# The predictions and the importances need the same fit (same sample,
# split and seed): within one dbt run (one process) the second asks for it
# while or after the first computes it, and gets that one instead of a
# second fit. Keyed on the sample's content, so another sample refits.
_FITS: dict[tuple, tuple[EarlyActivityModels, pd.DataFrame]] = {}
_FITS_LOCK = threading.Lock()


def _fit_classifier(
    sample: pd.DataFrame, p: ModelParams
) -> tuple[EarlyActivityModels, pd.DataFrame]:
    features = _classifier_features(sample, p)
    key = (
        int(pd.util.hash_pandas_object(sample, index=False).sum()),
        tuple(sample.columns),
        tuple(features),
        p.float("test_share"),
        p.int("n_estimators"),
        p.int("random_state"),
    )
    with _FITS_LOCK:
        if key not in _FITS:
            _FITS.clear()  # one fit kept: memory stays bounded
            _FITS[key] = labelled_predictions(
                sample,
                key=KEY,
                features=features,
                baseline_feature=BASELINE_FEATURE,
                label=LABEL,
                test_share=p.float("test_share"),
                n_estimators=p.int("n_estimators"),
                random_state=p.int("random_state"),
            )
        models, labelled = _FITS[key]
    return models, labelled.copy()


def history_shortfall(history: pd.DataFrame) -> str | None:
    """Why no user can have a label yet, from the one row of
    int_fan_history_span: ``'history of 1 day; the early window plus label
    window need 37'`` when the history (``history_days``: first engagement
    to the as-of date, in whole days rounded up) is shorter than the early
    window plus the label window (``window_days``); None when it is not, or
    without engagements."""
    if len(history) != 1:
        raise ValueError(f"int_fan_history_span must hold one row, not {len(history)}")
    row = history.iloc[0]
    if pd.isna(row["history_days"]) or row["history_days"] >= row["window_days"]:
        return None
    days = int(row["history_days"])
    return (
        f"history of {days} day{'' if days == 1 else 's'}; the early window "
        f"plus label window need {int(row['window_days'])}"
    )


def _with_history(status: str, history: pd.DataFrame) -> str:
    """A status other than ``'fitted'`` names the short history when that is
    the real limit (no label window has ended), not the labelled count it
    leads to."""
    if status == STATUS_FITTED:
        return status
    return history_shortfall(history) or status


def _status(sample: pd.DataFrame, p: ModelParams, history: pd.DataFrame) -> str:
    """``'fitted'``, or why the labelled sample cannot support a fit."""
    status = fit_status(sample[LABEL], p.int("min_labelled"), unit="users")
    return _with_history(status, history)


def out_of_time_cut(sample: pd.DataFrame, params: Mapping[str, object]) -> pd.Timestamp:
    """The cut date of the out-of-time evaluation: ``params``
    "out_of_time_cut" (var fans_out_of_time_cut_date), or else the day on
    which the last ``test_share`` of the labelled users (by first
    engagement) begins, so the test part is about as large as the random
    split's. NaT for an empty sample."""
    p = ModelParams(params, "int_fan_classifier_predictions")
    forced = str(params.get("out_of_time_cut") or "").strip()
    if forced.lower() not in ("", "none", "null"):
        return pd.Timestamp(forced)
    arrivals = pd.to_datetime(sample[ARRIVAL])
    if arrivals.empty:
        return pd.NaT
    return arrivals.quantile(1 - p.float("test_share")).ceil("D")


def _out_of_time(
    sample: pd.DataFrame, p: ModelParams, params, history: pd.DataFrame
) -> pd.DataFrame:
    """One row per labelled sample user: the out-of-time split and
    probabilities (``oot_*``), the cut and the status. Training users
    arrived before the cut and their label window ended by it; users who
    arrived before it but whose label was not yet known are in neither
    part."""
    cut = out_of_time_cut(sample, params)
    status, frame = time_split_predictions(
        sample,
        key=KEY,
        time_column=ARRIVAL,
        cut=cut,
        features=_classifier_features(sample, p),
        baseline_feature=BASELINE_FEATURE,
        label=LABEL,
        n_estimators=p.int("n_estimators"),
        random_state=p.int("random_state"),
        min_rows=p.int("min_labelled"),
        unit="users",
        # Train only on users whose label window ended by the cut: no
        # training label counts anything after it.
        label_known_column=LABEL_KNOWN if LABEL_KNOWN in sample else None,
    )
    frame = frame.drop(columns=[LABEL]).rename(
        columns={c: f"oot_{c}" for c in frame.columns if c != KEY}
    )
    frame["oot_status"] = _with_history(status, history)
    frame["oot_cut_at"] = cut
    return frame


def _without_network(
    sample: pd.DataFrame, p: ModelParams, labelled: pd.DataFrame | None
) -> pd.DataFrame:
    """The ablation: the forest refitted on the same training users without
    the network features (``params`` "network_features"), its probability
    for each labelled sample user and its threshold; null when nothing is
    fitted (``labelled`` is None) or no network feature is listed."""
    features = _classifier_features(sample, p)
    network = [
        name for name in p.optional_names("network_features") if name in features
    ]
    frame = pd.DataFrame({KEY: sample.sort_values(KEY)[KEY].to_numpy()})
    if labelled is None or not network:
        return frame.assign(
            forest_without_network_probability=nulls(len(frame)),
            forest_without_network_threshold=nulls(len(frame)),
        )
    ordered = sample.sort_values(KEY, ignore_index=True)
    train = ordered[(labelled["split"] == SPLIT_TRAIN).to_numpy()]
    reduced = fit_models(
        train,
        [name for name in features if name not in network],
        BASELINE_FEATURE,
        LABEL,
        p.int("n_estimators"),
        p.int("random_state"),
    )
    frame["forest_without_network_probability"] = predict(reduced, ordered)[
        "forest_probability"
    ].to_numpy()
    frame["forest_without_network_threshold"] = reduced.forest_threshold
    return frame


def classifier_predictions(
    sample: pd.DataFrame,
    user_batches: Iterable[pd.DataFrame],
    params: Mapping[str, object],
    *,
    history: pd.DataFrame,
) -> pd.DataFrame:
    """Fit on the labelled sample; score every user of ``user_batches``
    (the early features of all users, in pieces). One row per user: the
    probabilities, each model's decision threshold (chosen on training
    data), the split (train / validation / test / unlabelled), the label,
    ``model_status``, and the model served (``served_model``: the forest or
    the logistic baseline, whichever has the lower Brier score on the
    validation users) with ``served_reason``. When the sample cannot support
    a fit, the probabilities, thresholds, split and served model are null
    and ``model_status`` (and ``served_reason``) say why. The labelled
    users also get an out-of-time evaluation (``oot_*``: fit on the users
    who arrived before a cut date, tested on those after it), null for the
    others. ``history`` is the one row of
    int_fan_history_span: a history shorter than the windows is named as
    the reason (:func:`history_shortfall`)."""
    p = ModelParams(params, "int_fan_classifier_predictions")
    _classifier_features(sample, p)
    status = _status(sample, p, history)
    if status != STATUS_FITTED:
        scored = pd.concat(
            [batch[[KEY]] for batch in user_batches] or [pd.DataFrame({KEY: []})],
            ignore_index=True,
        ).sort_values(KEY, ignore_index=True)
        columns = [*PROBABILITY_COLUMNS, *THRESHOLD_COLUMNS]
        scored = scored.assign(
            **{column: nulls(len(scored)) for column in columns},
            split=nulls(len(scored), "string"),
        )
        labels = sample[[KEY, LABEL]].astype({LABEL: "boolean"})
        scored = scored.merge(labels, on=KEY, how="left")
        scored["served_model"] = nulls(len(scored), "string")
        scored["served_reason"] = f"no model served: {status}"
        labelled = None
    else:
        models, labelled = _fit_classifier(sample, p)
        choice = serve_on_validation(labelled, LABEL, SERVED_CANDIDATES, "users")
        scored = score_batches(models, user_batches, key=KEY)
        scored = scored.merge(
            labelled[[KEY, "split", LABEL]], on=KEY, how="left"
        ).fillna({"split": SPLIT_UNLABELLED})
        scored = scored.assign(**thresholds(models))
        scored["served_model"] = choice.served
        scored["served_reason"] = choice.reason
    scored = scored.merge(_without_network(sample, p, labelled), on=KEY, how="left")
    scored["model_status"] = status
    out_of_time = _out_of_time(sample, p, params, history)
    scored = scored.merge(out_of_time, on=KEY, how="left")
    scored["oot_status"] = (
        out_of_time["oot_status"].iloc[0] if len(out_of_time) else status
    )
    scored["oot_cut_at"] = (
        out_of_time["oot_cut_at"].iloc[0] if len(out_of_time) else pd.NaT
    )
    return scored


def classifier_feature_importances(
    sample: pd.DataFrame,
    params: Mapping[str, object],
    *,
    history: pd.DataFrame,
) -> pd.DataFrame:
    """Impurity and permutation importances of the forest on the held-out
    users (validation and test: nothing is chosen on them).

    The same sample, split and seed as :func:`classifier_predictions`, so
    the forest refitted here is the same forest. Null importances and null
    ranks (nothing to rank), with the reason in ``model_status``, when
    nothing can be fitted."""
    p = ModelParams(params, "int_fan_classifier_feature_importances")
    features = _classifier_features(sample, p)
    status = _status(sample, p, history)
    if status != STATUS_FITTED:
        frame = pd.DataFrame({"feature_name": features})
        for column in [
            "impurity_importance",
            "permutation_importance",
            "permutation_importance_std",
        ]:
            frame[column] = nulls(len(frame))
        frame["importance_rank"] = nulls(len(frame), "Int64")
        frame["model_status"] = status
        return frame
    models, labelled = _fit_classifier(sample, p)
    held_out = sample.sort_values(KEY, ignore_index=True)[
        (labelled["split"] != SPLIT_TRAIN).to_numpy()
    ]
    importances = feature_importances(models, held_out, LABEL, p.int("random_state"))
    importances["model_status"] = status
    return importances
