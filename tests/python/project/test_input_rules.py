"""The README's per-source input rules are checked against the code, never
kept by hand twice: its list of missing-value tokens is the default of var
`missing_value_tokens`; each source's text columns are exactly those its
models read through macro `missing_as_null`; every data-file var has a row;
the vars it names exist; every row of its bad-input table cites tests that
exist, every corpus build is cited, and every data-file var is in the
corpus or tested elsewhere, as stated. (Its fraction table is planted row
by row in the bad-input corpus: test_input_corpus.py.)"""

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


TESTS = ROOT / "tests" / "python"
CORPUS = TESTS / "project" / "test_input_corpus.py"
# Data-file vars the bad-input corpus does not write files for, and where
# their bad input is tested instead.
NOT_IN_CORPUS = {
    "audience_definitions_path": "audiences/test_bad_input.py",
    "audiences_weights_path": "audiences/test_scoring.py",
    "interests_wide_path": "interests/test_bad_input.py",
    "interest_category_map_path": "interests/test_bad_input.py",
}


def bad_input_cases() -> list[tuple[str, list[str]]]:
    """(problem, tests cited) of each row of the README's bad-input table."""
    lines = [
        line for line in marked("bad-input-cases").splitlines() if line.startswith("|")
    ]
    return [
        (
            line.split(" | ")[0].strip("| "),
            ticked(line.rstrip(" |").rsplit(" | ", 1)[1]),
        )
        for line in lines[2:]
    ]


def test_every_bad_input_case_in_the_readme_cites_tests_that_exist():
    cases = bad_input_cases()
    assert len(cases) >= 30
    for problem, cited in cases:
        assert cited, f"README bad-input case cites no test: {problem}"
        for test in cited:
            path, _, name = test.partition("::")
            source = (TESTS / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, re.M), (problem, test)


def test_every_corpus_test_is_cited_and_the_corpus_covers_every_source():
    cited = {test for _, tests in bad_input_cases() for test in tests}
    corpus = CORPUS.read_text(encoding="utf-8")
    building = re.findall(r"^def (test_\w+)\(\s*dbt_runner", corpus, re.M)
    assert len(building) >= 4
    for name in building:
        assert f"project/test_input_corpus.py::{name}" in cited, name
    # Every data-file var has its junk in the corpus, or a stated place.
    defaults = yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]
    data_vars = {name for name in defaults if name.endswith("_path")} - NOT_DATA
    in_corpus = set(re.findall(r'var="(\w+_path)"', corpus))
    assert data_vars - in_corpus == set(NOT_IN_CORPUS), data_vars - in_corpus
    for var, path in NOT_IN_CORPUS.items():
        assert var in (TESTS / path).read_text(encoding="utf-8"), (var, path)
