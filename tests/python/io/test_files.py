"""Generated data written as files, the way a user's files arrive."""

import duckdb
import pandas as pd

from audience_warehouse.interests.generator import SUBCATEGORIES
from audience_warehouse.io.cli import main
from audience_warehouse.io.files import write_interests


def test_interests_are_written_in_the_long_and_the_wide_form(tmp_path):
    paths = write_interests(tmp_path, 200, seed=3, file_format="csv", dirty_fraction=0)
    assert set(paths) == {"users", "likes", "category_map", "wide"}
    likes = pd.read_csv(paths["likes"])
    wide = pd.read_csv(paths["wide"])
    assert list(wide.columns) == ["user_id", "age", "gender", *SUBCATEGORIES]
    assert wide[SUBCATEGORIES].to_numpy().sum() == likes.like_count.sum()
    assert len(pd.read_csv(paths["category_map"])) == len(SUBCATEGORIES)


def test_the_command_writes_parquet(tmp_path, capsys):
    assert main(["generate-interests", "--users", "50", "--format", "parquet",
                 "--out-dir", str(tmp_path)]) == 0  # fmt: skip
    assert "wide.parquet" in capsys.readouterr().out
    users = duckdb.sql(f"select count(*) from '{tmp_path / 'users.parquet'}'")
    assert users.fetchall() == [(50,)]
