"""Model parameters as they arrive from dbt YAML ``meta``.

Each dbt Python model has one meta key, ``params``: a mapping whose values
dbt renders from vars (numbers, lists, or text such as ``"None"`` or
``"a,b"``). :class:`ModelParams` reads them with types and names the model
and the key when one is missing or malformed.
"""

from __future__ import annotations

from collections.abc import Mapping

_NULLS = {"", "none", "null"}


def optional_int(value: object) -> int | None:
    """``int(value)``, or None for None and the texts '', 'None', 'null'."""
    if value is None or str(value).strip().lower() in _NULLS:
        return None
    return int(str(value))


def name_list(value: object, allow_empty: bool = False) -> list[str]:
    """Names from a list, or from a comma-joined text (``"a,b"`` -> ``["a", "b"]``);
    an empty list is an error unless ``allow_empty``."""
    if isinstance(value, str) and value.strip().startswith("["):
        value = value.strip()[1:-1].replace("'", "").replace('"', "")
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    names = [str(name).strip() for name in items if str(name).strip()]
    if not names and not allow_empty:
        raise ValueError(f"expected a comma-separated list of names, got {value!r}")
    return names


class ModelParams:
    """Typed access to a Python model's ``params`` meta mapping."""

    def __init__(self, values: Mapping[str, object] | None, model: str) -> None:
        if not isinstance(values, Mapping):
            raise ValueError(
                f"model {model}: expected a 'params' mapping in its YAML meta, "
                f"got {values!r}"
            )
        self._values = dict(values)
        self.model = model

    def _get(self, key: str) -> object:
        if key not in self._values:
            raise KeyError(
                f"model {self.model}: meta 'params' has no key {key!r} "
                f"(has: {', '.join(sorted(self._values))})"
            )
        return self._values[key]

    def _convert(self, key: str, convert):  # type: ignore[no-untyped-def]
        value = self._get(key)
        try:
            return convert(value)
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"model {self.model}: params.{key} = {value!r}: {error}"
            ) from error

    def int(self, key: str) -> int:
        return self._convert(key, lambda value: int(str(value)))

    def float(self, key: str) -> float:
        return self._convert(key, lambda value: float(str(value)))

    def optional_int(self, key: str) -> int | None:
        return self._convert(key, optional_int)

    def names(self, key: str) -> list[str]:
        return self._convert(key, name_list)

    def optional_names(self, key: str) -> list[str]:
        """A list of names that may be empty (a feature switched off)."""
        return self._convert(key, lambda value: name_list(value, allow_empty=True))
