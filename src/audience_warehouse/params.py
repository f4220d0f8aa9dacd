"""Parsing of model parameters that arrive from dbt YAML as rendered text."""

from __future__ import annotations

_NULLS = {"", "none", "null"}


def optional_int(value: object) -> int | None:
    """``int(value)``, or None for None and the texts '', 'None', 'null'."""
    if value is None or str(value).strip().lower() in _NULLS:
        return None
    return int(str(value))


def name_list(value: object) -> list[str]:
    """Names from a list, or from a comma-joined text (``"a,b"`` -> ``["a", "b"]``)."""
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    names = [str(name).strip() for name in items if str(name).strip()]
    if not names:
        raise ValueError(f"expected a comma-separated list of names, got {value!r}")
    return names


def prefixed_columns(columns: list[str], prefix: str = "feature_") -> list[str]:
    """The names in ``columns`` that start with ``prefix``, in order.

    The project's convention: model inputs are the ``feature_*`` columns.
    """
    names = [name for name in columns if name.startswith(prefix)]
    if not names:
        raise ValueError(f"no column starts with {prefix!r}: {columns}")
    return names
