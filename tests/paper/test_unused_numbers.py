"""Every computed number is used (by the text, a figure or the audit) or listed as unused."""

import fnmatch
import importlib
import json
from pathlib import Path

import yaml
from datapaper.audit import load_claims, run_audit
from datapaper.numbers import dumps
from datapaper.placeholders import resolve, scan
from helpers import units

ROOT = Path(__file__).resolve().parents[2]
FIGURES = yaml.safe_load((ROOT / "config" / "figures.yaml").read_text(encoding="utf-8"))


class Recording(dict):
    """A mapping that remembers which keys were read."""

    def __init__(self, data: dict, seen: set[str]):
        super().__init__(data)
        self.seen = seen

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        if key in self:
            self.seen.add(key)
        return super().get(key, default)


def used_numbers(numbers: dict, group_numbers: dict) -> set[str]:
    used: set[str] = set()
    for path in sorted(ROOT.glob("paper/*/*.md")) + sorted(ROOT.glob("paper/*/metadata.yaml")):
        used |= {occ.key for occ in scan(path.read_text(encoding="utf-8"), str(path))}
    for figure in FIGURES:
        importlib.import_module(figure["module"]).figure_data(Recording(group_numbers[figure["group"]], used))
    plain = json.loads(dumps(numbers))
    lexicon = yaml.safe_load((ROOT / "paper/en/lexicon.yaml").read_text(encoding="utf-8"))
    occurrences = [
        o for p in sorted(ROOT.glob("paper/en/*.md")) for o in scan(p.read_text(encoding="utf-8"), str(p))
    ]
    values = resolve(occurrences, plain, "en", lexicon, units())["values"]
    for finding in run_audit(plain, values, {}, load_claims(ROOT / "config" / "audit.yaml"), units()):
        used |= set(finding.keys)
    return used


def test_every_number_is_used_or_listed(numbers, group_numbers):
    listed = yaml.safe_load((ROOT / "data" / "unused_numbers.yaml").read_text(encoding="utf-8"))
    used = used_numbers(numbers, group_numbers)
    unused = sorted(set(numbers) - used)
    unexplained = [key for key in unused if not any(fnmatch.fnmatchcase(key, p) for p in listed)]
    assert not unexplained, f"computed but unused, and not in data/unused_numbers.yaml: {unexplained}"
    stale = [p for p in listed if not any(fnmatch.fnmatchcase(key, p) for key in unused)]
    assert not stale, f"data/unused_numbers.yaml lists numbers that are used or gone: {stale}"
    assert len(used & set(numbers)) > 100
