"""audience-warehouse: the Python logic behind the dbt project.

Pure, typed functions (no I/O, no dbt) that dbt Python models call, plus a
small command line (``audience-warehouse``) for generating sample data.
"""

import threading

__version__ = "0.1.0"

#: dbt-duckdb runs Python models on its threads, and two models may import
#: this package's modules at the same moment. Python's import of a package
#: with circular imports (scikit-learn, pandas) from two threads at once can
#: hand one thread a half-initialised module ("cannot import name 'clone'
#: from partially initialized module 'sklearn.base'"), failing a model at
#: random. Every dbt Python model therefore imports under this lock (a
#: project test checks each one); it costs nothing once the modules are
#: loaded. This module imports nothing else, so importing it is safe.
IMPORT_LOCK = threading.RLock()
