"""`datapaper check`: every input checked as the build checks it, without building. A good
paper passes with a summary of what was checked; a paper with several bad inputs at once
(a table cell, a placeholder in one language, a citation key, a config value) gets every
problem, each with its file and line and the fix, exit code 1, and nothing is written."""

import time
from pathlib import Path

import yaml
from datapaper.__main__ import main
from helpers import FIXTURES, copy_project


def files_of(project: Path) -> dict[str, tuple[int, int]]:
    """Every file of the project with its size and modification time."""
    return {
        str(p.relative_to(project)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in project.rglob("*")
        if p.is_file()
    }


def check(project: Path, monkeypatch, capsys) -> tuple[int, str, float]:
    """`datapaper check` run in `project`: exit code, output, seconds."""
    monkeypatch.chdir(project)
    before = files_of(project)
    start = time.monotonic()
    code = main(["check"])
    took = time.monotonic() - start
    out = capsys.readouterr()
    assert not (project / "build").exists(), "check wrote build/"
    assert files_of(project) == before, "check wrote or changed a file of the project"
    return code, out.out + out.err, took


def line_of(path: Path, text: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line
    )


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; the line it was on."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    line = content[: content.index(old)].count("\n") + 1
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return line


def test_this_paper_passes_with_what_was_checked(project_copy, monkeypatch, capsys):
    project = project_copy()
    code, out, took = check(project, monkeypatch, capsys)
    assert code == 0, out
    config = yaml.safe_load((project / "config/config.yaml").read_text(encoding="utf-8"))
    tables = yaml.safe_load((project / "data/schema.yaml").read_text(encoding="utf-8"))["tables"]
    figures = yaml.safe_load((project / "config/figures.yaml").read_text(encoding="utf-8"))
    assert out.startswith("datapaper check: ok"), out
    assert f" {len(tables)} tables," in out
    assert f"{len(config['languages'])} languages ({', '.join(config['languages'])})" in out
    assert f"{len(figures)} figures" in out
    placeholders = sum(
        text.count("{{")
        for lang in config["languages"]
        for path in sorted((project / "paper" / lang).glob("[0-9]*.md"))
        + [project / "paper" / lang / "metadata.yaml"]
        for text in [path.read_text(encoding="utf-8")]
    )
    assert f" {placeholders} placeholders" in out
    print(f"\ndatapaper check on this paper: {took:.2f} s")
    assert took < 10, f"check took {took:.1f} s"


def test_every_problem_is_reported_with_its_place_and_nothing_is_written(project_copy, monkeypatch, capsys):
    project = project_copy()
    cell = edit(project / "data/raw/social_media_market_share.csv", "facebook,26.4", "facebook,twenty")
    second_table = edit(project / "data/raw/advertising_by_medium.csv", "tv,52", "tv,152")
    placeholder = edit(
        project / "paper/ru/50.advertising.md", "{{advertising.total_volume}}", "{{advertising.total_volum}}"
    )
    edit(project / "paper/en/60.conclusion.md", "\n", " [@nobody2020]\n")
    citation = line_of(project / "paper/en/60.conclusion.md", "[@nobody2020]")
    engine = edit(project / "config/config.yaml", "engine: typst\n", "engine: word\n")
    code, out, _ = check(project, monkeypatch, capsys)
    assert code == 1
    assert out.startswith("datapaper check: "), out
    expected = [
        f"data/raw/social_media_market_share.csv:{cell}: column `share`: 'twenty' is not a number — write",
        f"data/raw/advertising_by_medium.csv:{second_table}: column `share`: 152.0 is greater than the maximum of 100 — ",
        f"paper/ru/50.advertising.md:{placeholder}: unknown placeholder key 'advertising.total_volum' in "
        "{{advertising.total_volum}}; did you mean advertising.total_volume",
        f"paper/en/60.conclusion.md:{citation}: unknown citation key 'nobody2020' (not in paper/references.yaml) — add",
        f"config/config.yaml:{engine}: `engine`: 'word' is not one of ['typst', 'latex'] — write",
    ]
    for message in expected:
        assert message in out, f"{message!r} not reported:\n{out}"
    problems = out.splitlines()[1:]
    assert len(problems) == len(set(problems)), "a problem reported twice"
    assert all(" — " in problem for problem in problems), out
    # A table that failed hides none of its placeholders' problems as unknown keys.
    assert (
        "unknown placeholder key 'social_media" not in out
        and "unknown placeholder key 'advertising." not in out.replace("'advertising.total_volum'", "")
    )


def test_a_malformed_config_is_named_and_the_rest_still_checked(project_copy, monkeypatch, capsys):
    project = project_copy()
    config = project / "config/config.yaml"
    config.write_text("languages: [en, kk\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    cell = edit(project / "data/raw/advertising_by_medium.csv", "tv,52", "tv,152")
    code, out, _ = check(project, monkeypatch, capsys)
    assert code == 1
    problems = out.splitlines()[1:]
    assert problems[0].startswith("config/config.yaml:") and "malformed YAML" in problems[0], out
    assert f"data/raw/advertising_by_medium.csv:{cell}: column `share`" in out
    assert len(problems) == 3 and problems[-1].startswith("Not checked: the texts and the figures"), out


def test_the_fixture_paper_passes(tmp_path, monkeypatch, capsys):
    project = copy_project(FIXTURES / "city_bikes", tmp_path / "city_bikes")
    code, out, took = check(project, monkeypatch, capsys)
    assert code == 0, out
    assert "3 languages (en, de, uk)" in out
    # ... and this paper's code is not the fixture's: a check of this paper still passes after it.


def test_a_paper_without_audit_claims_is_checked_and_declares_none(tmp_path, monkeypatch, capsys):
    from datapaper.audit import Claims, load_claims

    project = copy_project(FIXTURES / "city_bikes", tmp_path / "city_bikes")
    claims = project / "config" / "audit.yaml"
    assert load_claims(claims) != Claims(), "the fixture declares claims"
    assert load_claims([str(claims)]) == load_claims(claims), "a rule's input list: its file"
    claims.unlink()
    assert load_claims(claims) == Claims() and load_claims([]) == Claims()
    code, out, _ = check(project, monkeypatch, capsys)
    assert code == 0, out


def test_the_settings_defaults_are_each_callers_own():
    """The engine's schema is read once per process and shared: a caller that changes the
    settings it got (a default list) changes no one else's."""
    from datapaper import settings

    first = settings.with_defaults({})
    default = list(first["languages"])
    first["languages"].append("de")
    assert settings.with_defaults({})["languages"] == default
