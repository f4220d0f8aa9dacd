"""Ward hierarchical clustering as rows (the dendrogram), and the
largest-jump rule for k."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage

from audience_warehouse.core.threads import one_thread


def ward_merges(scaled: np.ndarray) -> pd.DataFrame:
    """Ward hierarchical clustering of standardised rows, one row per merge.

    Columns: ``merge_id`` (1 .. n-1, in merge order), ``left_node_id`` and
    ``right_node_id`` (0 .. n-1 are the input rows in order, n + i - 1 is the
    node made by merge i, as in scipy), ``merge_height`` (Ward distance) and
    ``node_size`` (rows under the new node). Memory grows with n squared:
    call it on a bounded sample.
    """
    if len(scaled) < 2:
        raise ValueError("Ward clustering needs at least two rows")
    one_thread()  # see core.threads
    merges = linkage(scaled, method="ward")
    return pd.DataFrame(
        {
            "merge_id": np.arange(1, len(merges) + 1),
            "left_node_id": merges[:, 0].astype(np.int64),
            "right_node_id": merges[:, 1].astype(np.int64),
            "merge_height": merges[:, 2],
            "node_size": merges[:, 3].astype(np.int64),
        }
    )


def largest_jump_k(merges: pd.DataFrame, k_min: int, k_max: int) -> int:
    """k whose dendrogram cut sits under the largest jump in merge height.

    With merge heights h_1 <= .. <= h_{n-1}, going from k clusters to k - 1
    costs the merge at h_{n-k+1}; its jump over the merge before it,
    h_{n-k+1} - h_{n-k}, measures how distinct the k clusters are. The k in
    [k_min, k_max] with the largest jump wins (the smaller k on a tie). The
    SQL model int_customer_segment_k_selection applies the same rule.
    """
    heights = merges.sort_values("merge_id")["merge_height"].to_numpy()
    n = len(heights) + 1
    jumps = {
        k: heights[n - k] - heights[n - k - 1]
        for k in range(max(k_min, 2), min(k_max, n - 1) + 1)
    }
    if not jumps:
        raise ValueError(f"no k in [{k_min}, {k_max}] for {n} rows")
    return min(jumps, key=lambda k: (-jumps[k], k))
