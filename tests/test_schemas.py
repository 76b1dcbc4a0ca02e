"""Schemas: every column described once, and the README's dictionary generated from them."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.records import (
    DatePrecision,
    DivergenceKind,
    DuplicateStatus,
    FigureKind,
    Side,
    SpeakerSource,
    Unit,
)
from pipeline.run import run_pipeline
from pipeline.schemas import TABLES, data_dictionary
from pipeline.write import write_tables

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
ENUM_COLUMNS = [
    ("resources", "duplicate_status", DuplicateStatus),
    ("resources", "date_precision", DatePrecision),
    ("divergences", "kind", DivergenceKind),
    ("divergences", "preferred", Side),
    ("speakers", "source", SpeakerSource),
    ("figures", "unit", Unit),
    ("figures", "kind", FigureKind),
]


def test_readme_data_dictionary_is_the_one_generated_from_the_schemas():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "| `kind` | string | whitespace \\| punctuation" in result.output  # pipes escaped
    assert result.output in Path("README.md").read_text(encoding="utf-8")
    assert result.output == data_dictionary()


def test_every_table_and_column_is_described():
    for name, schema in TABLES.items():
        assert schema.metadata[b"description"].strip(), name
        for field in schema:
            assert field.metadata[b"description"].strip(), f"{name}.{field.name}"


@pytest.mark.parametrize(("table", "column", "enum"), ENUM_COLUMNS)
def test_the_description_of_a_closed_column_names_every_value(table, column, enum):
    description = TABLES[table].field(column).metadata[b"description"].decode()
    assert [value for value in enum if value not in description] == []


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    write_tables(run_pipeline(SHIPPED), out)
    return out


@pytest.mark.parametrize(("table", "column", "enum"), ENUM_COLUMNS)
def test_a_closed_column_holds_only_values_of_its_set(written, table, column, enum):
    values = set(pq.read_table(written / f"{table}.parquet", columns=[column]).column(0).to_pylist())
    assert values - {None} <= {str(value) for value in enum}
