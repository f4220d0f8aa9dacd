import pandas as pd
import pytest

from audience_warehouse.core.scaling import standardise
from audience_warehouse.core.ward import largest_jump_k, ward_merges

from .test_kmeans import three_blobs


def test_ward_merges_and_the_largest_jump_rule():
    frame = three_blobs()
    merges = ward_merges(standardise(frame)[0])
    assert len(merges) == len(frame) - 1
    assert merges["merge_id"].tolist() == list(range(1, len(frame)))
    assert merges["merge_height"].is_monotonic_increasing
    assert merges["node_size"].iloc[-1] == len(frame)
    # Three well separated blobs: the jump before the last two merges wins.
    assert largest_jump_k(merges, k_min=2, k_max=6) == 3
    heights = merges["merge_height"].to_numpy()
    # Going from k to k - 1 clusters is merge n - k + 1 (1-based).
    jumps = {k: heights[-k + 1] - heights[-k] for k in (4, 5, 6)}
    assert largest_jump_k(merges, k_min=4, k_max=6) == max(jumps, key=jumps.get)


def test_largest_jump_by_hand():
    merges = pd.DataFrame(
        {"merge_id": [1, 2, 3, 4], "merge_height": [1.0, 2.0, 6.0, 7.0]}
    )
    # k=2: 7-6=1, k=3: 6-2=4, k=4: 2-1=1
    assert largest_jump_k(merges, 2, 4) == 3
    assert largest_jump_k(merges, 4, 4) == 4
    with pytest.raises(ValueError):
        largest_jump_k(merges, 6, 9)
