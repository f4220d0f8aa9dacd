"""The README's per-source input rules are checked against the code, never
kept by hand twice: its list of missing-value tokens is the default of var
`missing_value_tokens`; each source's text columns are exactly those its
models read through macro `missing_as_null`; every data-file var has a row;
the vars it names exist. (Its fraction table is planted row by row in the
bad-input corpus: test_input_corpus.py.)"""

from __future__ import annotations

import re

import yaml

from ..conftest import ROOT, project_var

README = ROOT / "README.md"
MODELS = ROOT / "models"
# Vars that name a file of ours, not a user's data: fitted parameters.
NOT_DATA = {"segmentation_parameters_path"}


def marked(name: str) -> str:
    """The README text between <!-- name --> and <!-- /name -->."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"<!-- {name} -->(.*?)<!-- /{name} -->", text, re.S)
    assert match, f"README has no <!-- {name} --> block"
    return match.group(1)


def table_rows(name: str) -> list[list[str]]:
    """The cells of each body row of the README table marked ``name``."""
    lines = [line for line in marked(name).splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]*)`", cell)


def readme_tokens() -> list[str]:
    text = marked("missing-value-tokens")
    tokens = [""] if text.startswith("(empty)") else []
    return tokens + ticked(text)


def test_the_readmes_token_list_is_the_vars_default():
    assert readme_tokens() == list(project_var("missing_value_tokens"))


def test_the_token_list_is_parsed_from_the_readme():
    # The parser itself: a block that lists other tokens gives other tokens.
    assert ticked("(empty), `NA`, `-`") == ["NA", "-"]
    assert readme_tokens()[:2] == ["", "NA"]


def files_reading(var: str) -> list[str]:
    pattern = re.compile(rf"var\(\s*'{var}'\s*\)")
    return [
        path.read_text(encoding="utf-8")
        for path in sorted(MODELS.rglob("*.sql"))
        if pattern.search(path.read_text(encoding="utf-8"))
    ]


def literal_token_columns(sql: str) -> set[str]:
    return set(re.findall(r"missing_as_null\(\s*'(\w+)'\s*\)", sql))


def test_every_data_file_var_has_a_row_and_every_named_var_exists():
    defaults = yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]
    data_vars = {name for name in defaults if name.endswith("_path")} - NOT_DATA
    rows = table_rows("input-rules")
    assert {ticked(row[0])[0] for row in rows} == data_vars
    for row in rows:
        for name in ticked(row[3]):
            assert name in defaults, (row[0], name)


def test_each_sources_text_columns_are_those_read_as_missing_when_a_token():
    for row in table_rows("input-rules"):
        var, columns = ticked(row[0])[0], row[1]
        sql = "\n".join(files_reading(var))
        assert sql, f"no model reads var {var}"
        if var == "interests_wide_path":
            # Column names come from vars: the id column and gender.
            assert columns == "the id column, `gender`"
            users = (
                MODELS / "intermediate/interests/int_interest_users_validated.sql"
            ).read_text(encoding="utf-8")
            assert "missing_as_null(wide.user)" in users
            assert "missing_as_null(wide.profile.get('gender'" in users
        elif var == "interest_category_map_path":
            assert columns == "the interest and category columns"
            assert "missing_as_null(adapter.quote(interest_column))" in sql
            assert "missing_as_null(adapter.quote(category_column))" in sql
        else:
            expected = set() if columns == "(none)" else set(ticked(columns))
            assert literal_token_columns(sql) == expected, var
