"""The command line: exit codes, scaffolding, the shipped JSON Schema, documented fields."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from ocop_site.content.records import ProductRecord, Text, product_json_schema

REPO = Path(__file__).resolve().parent.parent


def test_usage_errors_exit_2(cli, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        cli("frobnicate")
    assert exit_info.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err
    assert cli("validate", "--content", "nowhere") == (
        2, "", "ocop-site: content folder 'nowhere' does not exist (run from the project folder, or pass "
               "--content DIR)\n")


def test_new_product_scaffolds_a_record_and_both_stories(content, cli):
    code, out, err = cli("new", "product", "duong-phoi", "--content", "content")
    assert code == 0, err
    schema = Path("schema/product.schema.json").resolve()
    assert out.splitlines()[:4] == [
        "created content/products/duong-phoi.yaml",
        "created content/stories/duong-phoi.vi.md",
        "created content/stories/duong-phoi.en.md",
        f"created {schema}",  # no schema/ above this content folder yet: one is written for the editor
    ]
    record = Path("content/products/duong-phoi.yaml").read_text(encoding="utf-8")
    assert record.startswith("# yaml-language-server: $schema=../../schema/product.schema.json\n")
    assert schema.read_text(encoding="utf-8") == product_json_schema()
    vi = Path("content/stories/duong-phoi.vi.md").read_text(encoding="utf-8")
    assert [line for line in vi.splitlines() if line.startswith("## ")] == [
        "## Nguồn gốc", "## Quy trình sản xuất", "## Dấu ấn văn hóa", "## Lợi ích cộng đồng"]
    # the placeholders are what validation asks the editor to fill in, with lines (all of them: test_placeholders.py)
    code, out, err = cli("validate", "--content", "content")
    assert code == 1
    assert "content/products/duong-phoi.yaml:7: 'name.vi' is still the template's placeholder\n" in err
    assert "content/stories/duong-phoi.en.md:5: section '## Origin' is still the template's placeholder\n" in err
    assert "content/products/duong-phoi.yaml:31: image file content/media/duong-phoi/hero.jpg does not exist\n" in err


def test_new_product_refuses_bad_slugs_and_existing_files(content, cli):
    assert cli("new", "product", "Tỏi_Lý_Sơn", "--content", "content") == (
        2, "", "ocop-site: 'Tỏi_Lý_Sơn' is not a valid slug: use lower-case letters a-z, digits and '-', "
               "e.g. ly-son-garlic\n")
    assert cli("new", "product", "product-000", "--content", "content") == (
        2, "", "ocop-site: content/products/product-000.yaml already exists; nothing was written\n")


def test_build_prints_progress(content, cli):
    code, out, err = cli("build", "--content", "content", "--out", "out", "--today", "2026-11-22")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Reading content …"
    assert lines[1] == "Content: 2 products, valid"
    assert lines[-1].startswith("Site written to out/site (")


def test_shipped_json_schema_is_generated_from_the_model():
    shipped = (REPO / "schema/product.schema.json").read_text(encoding="utf-8")
    assert shipped == product_json_schema(), "schema is stale: run python tools/refresh_schema.py"
    assert "Đặc khu Lý Sơn" in json.loads(shipped)["$defs"]["Locality"]["properties"]["commune"]["enum"]


def _field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, field in model.model_fields.items():
        paths.append(prefix + name)
        for inner in (field.annotation, *typing.get_args(field.annotation)):
            for candidate in (inner, *typing.get_args(inner)):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel) and \
                        not issubclass(candidate, Text):  # vi/en, documented once
                    paths += _field_paths(candidate, prefix + name + ".")
    return paths


def _bounds(model: type[BaseModel], prefix: str = "") -> dict[str, int]:
    """Field path → the most characters the schema allows it (a text in both languages: each language's)."""
    bounds = {}
    for name, field in model.model_fields.items():
        for inner in (field.annotation, *typing.get_args(field.annotation)):
            for candidate in (inner, *typing.get_args(inner)):
                limits = [getattr(meta, "max_length", None) for meta in getattr(candidate, "__metadata__", ())]
                limits += [getattr(meta, "max_length", None) for meta in field.metadata]
                if any(limits):
                    bounds[prefix + name] = next(limit for limit in limits if limit)
                if isinstance(candidate, type) and issubclass(candidate, Text) and candidate is not Text:
                    bounds[prefix + name] = _bounds(candidate)["vi"]
                elif isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    bounds |= _bounds(candidate, prefix + name + ".")
    return bounds


def test_every_bound_of_a_printed_text_is_in_the_readme():
    rows = {line.split("`")[1]: line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")}
    bounds = _bounds(ProductRecord)
    assert {"name", "summary", "producer.address", "where_to_buy.url", "images.credit"} <= set(bounds)
    assert {path: f"at most {most} characters" in rows[path] for path, most in bounds.items()} == \
        dict.fromkeys(bounds, True)


def test_every_record_field_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    undocumented = [path for path in dict.fromkeys(_field_paths(ProductRecord)) if f"`{path}`" not in readme]
    assert undocumented == []
