"""The one part of the package that opens files or the warehouse.

``files`` writes generated data; ``warehouse`` opens a built DuckDB
warehouse read-only; ``pictures`` reads marts and saves the domains'
figures; ``dbt`` reads relations inside dbt Python models (bounded reads,
batches); ``cli`` is the ``audience-warehouse`` command. Everything in
``core`` and the domain folders is pure and receives data frames.
"""
