"""Notes end to end: created by the CLI, edited, built, orphaned; never rewritten."""

from __future__ import annotations

import html
import re

from .conftest import HEADER, copy_project, run_papershelf

TITLE = "A Curated Paper About Transport"
LISTING = HEADER + f"Jan 7\n\n{TITLE}\n\nAn abstract about optimal transport maps.\n\n" \
                   "Another Paper\n\nSomething else entirely.\n"


def page(project, slug):
    return (project / "site" / "papers" / slug / "index.html").read_text(encoding="utf-8")


def test_note_round_trip(tmp_path):
    project = copy_project(tmp_path / "project")
    for seed in [*(project / "seeds").iterdir(), *(project / "notes").iterdir()]:
        seed.unlink()
    (project / "seeds" / "a.txt").write_text(LISTING, encoding="utf-8")

    created = run_papershelf(project, "note", "curated paper about")
    assert created.returncode == 0, created.stderr
    path = project / created.stdout.strip()
    assert path == project / "notes" / "a-curated-paper-about-transport.md"
    assert "Created a note" in created.stderr

    text = path.read_text(encoding="utf-8").replace("status: to-read", "status: read")
    text += ("Key idea: *Monge gap*, $W_c(\\rho, T_\\sharp\\rho)$.\n\n- one\n- two\n\n"
             "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n"
             "<script>alert('no')</script>\n")
    path.write_text(text, encoding="utf-8")
    again = run_papershelf(project, "note", "a-curated-paper-about-transport")
    assert "exists already" in again.stderr and path.read_text(encoding="utf-8") == text

    built = run_papershelf(project, "build", "--strict")
    assert built.returncode == 0, built.stderr
    document = page(project, "a-curated-paper-about-transport")
    assert "<em>Monge gap</em>" in document and "<table>" in document
    assert '<span class="arithmatex">' in document and "<li>one</li>" in document
    assert "<script>alert" not in document and "&lt;script&gt;alert" in document
    assert 'class="ps-status ps-status--read"' in document
    assert "/edit/main/notes/a-curated-paper-about-transport.md" in document
    other = page(project, "another-paper")
    new_file = re.search(r'href="([^"]*/new/main\?filename=[^"]*)"', other).group(1)
    assert "filename=notes%2Fanother-paper.md" in html.unescape(new_file)
    assert "status%3A%20to-read" in new_file
    read_page = (project / "site" / "status" / "read" / "index.html").read_text()
    assert TITLE in read_page
    assert "Recently read" in (project / "site" / "index.html").read_text()

    (project / "seeds" / "a.txt").write_text(
        LISTING.replace(TITLE, "A Curated Paper About Transport, Revised"), encoding="utf-8")
    rebuilt = run_papershelf(project, "build")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert path.read_text(encoding="utf-8") == text
    assert "orphaned note" in rebuilt.stderr
    assert "A Curated Paper About Transport, Revised" in rebuilt.stderr
    checked = run_papershelf(project, "check")
    assert "notes/a-curated-paper-about-transport.md: warning: orphaned note" in checked.stdout
    # Not published by default; a setting publishes it, the note shown as written.
    assert not (project / "site" / "notes" / "orphaned").exists()
    (project / "papershelf.yml").write_text("publish_orphaned_notes: true\n")
    assert run_papershelf(project, "build").returncode == 0
    orphans = (project / "site" / "notes" / "orphaned" / "index.html").read_text()
    assert "*Monge gap*" in orphans and "<em>Monge gap</em>" not in orphans
    assert run_papershelf(project, "build", "--strict").returncode == 1
    assert path.read_text(encoding="utf-8") == text


def test_note_command_messages(tmp_path):
    project = copy_project(tmp_path / "project")
    ambiguous = run_papershelf(project, "note", "scaling laws")
    assert ambiguous.returncode == 1
    assert "matches" in ambiguous.stderr and "unraveling-the-mystery" in ambiguous.stderr
    missing = run_papershelf(project, "note", "quantum chromodynamics of cheese")
    assert missing.returncode == 1 and "no paper matches" in missing.stderr
    assert not (project / "notes" / "quantum-chromodynamics-of-cheese.md").exists()


def test_a_broken_link_in_a_note_is_a_warning_and_the_site_still_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "notes" / "stable-resnet.md").write_text(
        "---\nstatus: read\n---\n\nCompare [the Monge gap](the-monge-gap.md), and\n"
        "see [a page that does not exist](../no-such-page.md).\n", encoding="utf-8")
    expected = [
        "notes/stable-resnet.md:5: warning: link to 'the-monge-gap.md': no such page or file "
        "in the site; did you mean "
        "'the-monge-gap-a-regularizer-to-learn-all-transport-maps.md'?; shown as text",
        "notes/stable-resnet.md:6: warning: link to '../no-such-page.md': no such page or "
        "file in the site; shown as text"]
    check = run_papershelf(project, "check")
    assert all(line in check.stdout for line in expected), check.stdout
    result = run_papershelf(project, "build")
    assert result.returncode == 0, result.stderr
    assert all(line in result.stderr for line in expected)
    page = (project / "site" / "papers" / "stable-resnet" / "index.html").read_text()
    assert ('see a page that does not exist <em class="ps-broken-link">(broken link)</em>.'
            in page)
    # The page marked again keeps its place in its topic: the trail, previous and next.
    assert '"position":{"topic"' in (project / "docs/papers/stable-resnet.md").read_text()
    assert 'class="ps-path"' in page
    assert 'rel="prev"' in page or 'rel="next"' in page
    strict = run_papershelf(project, "build", "--strict")
    assert strict.returncode == 1 and "notes/stable-resnet.md:6: warning" in strict.stderr


def test_odd_listing_names_and_tags_still_link(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "My listing #3 (v2).txt").write_text(
        HEADER + "Odd Listing Paper\n\nAbstract.\n", encoding="utf-8")
    (project / "seeds" / "index.txt").write_text(HEADER + "Index Paper\n\nAbstract.\n",
                                                 encoding="utf-8")
    (project / "notes" / "stable-resnet.md").write_text("---\ntags: [C, C++, ML, ml]\n---\n")
    result = run_papershelf(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "listings" / "index-listing" / "index.html").is_file()
    assert "Every page the papers were collected from" in (
        project / "site" / "listings" / "index.html").read_text()
    tags = (project / "site" / "tags" / "index.html").read_text()
    anchors = set(re.findall(r'<h2 id="(tag-(?:c|ml)-[^"]+)"', tags))
    assert len(anchors) == 4  # C, C++, ML and ml each keep a section of their own


def test_when_mkdocs_fails_anyway_the_note_behind_the_page_is_named(tmp_path):
    """A link Papershelf does not recognise (brackets nested twice) still reaches MkDocs;
    Papershelf's own warnings come first, and the failure names the note."""
    project = copy_project(tmp_path / "project")
    (project / "notes" / "stable-resnet.md").write_text(
        "---\nstatus: done\n---\n\nSee [a [b [c]]](no-such-page.md).\n", encoding="utf-8")
    result = run_papershelf(project, "build")
    assert result.returncode == 1
    own = result.stderr.index("notes/stable-resnet.md:2: warning: status 'done'")
    assert own < result.stderr.index("Doc file 'papers/stable-resnet.md'")
    assert ("mkdocs build failed (exit 1); see its output above. The pages it names come "
            "from: notes/stable-resnet.md (on papers/stable-resnet.md)") in result.stderr
