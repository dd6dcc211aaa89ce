"""What a build read, and whether it changed since (generator/site_inputs.py)."""

from __future__ import annotations

import os

from generator.site_inputs import (configuration_reads, fingerprint, record,
                                   site_unchanged)
from generator.files import write_cache


def test_the_fingerprint_changes_with_any_file_in_the_folders(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    page = folder / "sub" / "a.md"
    page.write_text("a", encoding="utf-8")
    paths = [str(folder), str(tmp_path / "mkdocs.yml")]
    before = fingerprint(paths)
    assert fingerprint(paths) == before
    os.utime(page, ns=(1, 1))
    assert fingerprint(paths) != before
    touched = fingerprint(paths)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert fingerprint(paths) != touched


def test_the_site_is_unchanged_only_with_the_same_fingerprint_and_no_build_under_way(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("a", encoding="utf-8")
    assert not site_unchanged(tmp_path)
    record(tmp_path, [str(folder)], None)
    assert site_unchanged(tmp_path)
    (tmp_path / ".papershelf" / "site.building").touch()
    assert not site_unchanged(tmp_path)
    (tmp_path / ".papershelf" / "site.building").unlink()
    (folder / "b.md").write_text("b", encoding="utf-8")
    assert not site_unchanged(tmp_path)
    write_cache(tmp_path, "site-inputs", {"paths": "docs", "environment": [],
                                          "fingerprint": "x"})
    assert not site_unchanged(tmp_path)


def test_the_configuration_names_what_it_inherits_and_the_variables_it_reads(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "common.yml").write_text(
        "INHERIT: ../root.yml\nrepo_url: !ENV REPO\n", encoding="utf-8")
    (tmp_path / "root.yml").write_text("copyright: !ENV [OWNER, 'nobody']\n",
                                       encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: 'base/common.yml'  # shared settings\n"
                      "site_url: !ENV [SITE_URL, PAGES_URL, 'http://localhost/']\n",
                      encoding="utf-8")
    files, names = configuration_reads(str(config))
    assert files == [str(tmp_path / "base" / "common.yml"), str(tmp_path / "root.yml")]
    assert set(names) >= {"SITE_URL", "PAGES_URL", "REPO", "OWNER"}


def test_a_changed_variable_or_inherited_file_is_a_change(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text("site_name: x\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\nsite_url: !ENV [SITE_URL, 'http://a/']\n",
                      encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("SITE_URL", "https://one.example/")
    record(tmp_path, [str(config)], str(config))
    assert site_unchanged(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://two.example/")
    assert not site_unchanged(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://one.example/")
    assert site_unchanged(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # MkDocs' build date
    assert not site_unchanged(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert site_unchanged(tmp_path)
    (tmp_path / "base.yml").write_text("site_name: changed\n", encoding="utf-8")
    assert not site_unchanged(tmp_path)
