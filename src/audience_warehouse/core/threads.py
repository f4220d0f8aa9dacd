"""One thread for the numeric libraries' own thread pools (BLAS, OpenMP).

Every fit calls :func:`one_thread` first. Two reasons, both measured:

- **Same inputs, same numbers.** A matrix product summed over two BLAS
  threads differs in the last bit from one summed on one thread, and the
  count can change under a running fit: scikit-learn's KMeans caps BLAS
  inside a ``with`` block and on leaving it restores the count it found,
  so a GLM fitted on another of dbt's threads at that moment ran on two
  BLAS threads, and two builds gave coefficients 1e-14 apart. Once every
  fit has set one thread, every restore restores one.
- **No fight with DuckDB.** The machine's cores already run DuckDB's
  threads (and dbt runs two Python models at once): KMeans k selection
  took 19.6 s with OpenMP at its default and 2.75 s with one thread.

BLAS's count is one per process (set once, never restored here: a restore
by one thread would change another's). OpenMP's is per thread: the call
sets the calling thread's, the thread that then fits. The fits here run on
bounded samples, so one thread costs little.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def one_thread() -> None:
    """Cap BLAS (this process) and OpenMP (this thread) at one thread."""
    threadpool_limits(limits=1)
