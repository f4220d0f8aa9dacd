"""audience-warehouse: the Python logic behind the dbt project.

Pure, typed functions (no I/O, no dbt) that dbt Python models call, plus a
small command line (``audience-warehouse``) for generating sample data.
"""

__version__ = "0.1.0"
