"""The rule-set cache: a shortcut that is used when it is right and passed over when it is not.

A check loads the rule set from the cache (``rules/cache.py``) instead of parsing and tokenising
the rule files. Each failure mode of a cache has its test here: a corrupt entry, a folder that
cannot be written, a rule file edited after the entry was written. The tests load copies of the
rule files (``load_ruleset(DIR, run_examples=False)``: the examples run in tests/test_rules.py).
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.rules import RULES_DIR, _load_ruleset, load_ruleset
from suijun.rules.cache import KEEP, cache_dir, cache_key

SUIJUN = Path(sys.executable).parent / "suijun"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-report.pdf"


@pytest.fixture
def rules(tmp_path) -> Path:
    """A copy of the bundled rule files."""
    target = tmp_path / "rules"
    shutil.copytree(str(RULES_DIR), target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


@pytest.fixture
def cache(tmp_path) -> Path:
    """This test's cache folder (tests/conftest.py points SUIJUN_CACHE at the test's temp folder)."""
    assert cache_dir() == tmp_path / "cache"
    return tmp_path / "cache"


def load(directory: Path):
    """A load as a new process makes it: no rule set kept in this process."""
    _load_ruleset.cache_clear()
    return load_ruleset(directory, run_examples=False)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("rules-*.pickle"))


def test_a_load_stores_the_rule_set_and_the_next_load_reads_it(rules, cache):
    first = load(rules)
    [entry] = entries(cache)
    # the stored entry is what the next load returns: mark it and see the mark come back
    key, value = pickle.loads(entry.read_bytes())
    value["ruleset"]["title"] = "from the cache"
    entry.write_bytes(pickle.dumps((key, value)))
    again = load(rules)
    assert again.title == "from the cache"
    assert again.directory == str(rules) and again.guideline_text == rules / "guideline" / "niad-c.txt"
    assert first.title != "from the cache"


def test_a_cached_rule_set_equals_the_one_loaded_from_the_files(rules, cache):
    built = load(rules)
    assert entries(cache)
    cached = load(rules)
    assert cached is not built
    assert cached == built
    assert [p.patterns for i in cached.items for p in i.practices] == [
        p.patterns for i in built.items for p in i.practices
    ]


def test_the_bundled_rule_set_is_cached_and_still_the_bundled_one(cache):
    built = load(RULES_DIR)
    cached = load(RULES_DIR)
    assert len(entries(cache)) == 1
    assert cached == built and cached.directory == ""


def test_a_corrupt_entry_is_passed_over_and_replaced(rules, cache):
    good = load(rules)
    [entry] = entries(cache)
    for garbage in (b"", b"not a pickle", entry.read_bytes()[:100], pickle.dumps("another shape")):
        entry.write_bytes(garbage)
        assert load(rules) == good
        key, _ = pickle.loads(entry.read_bytes())  # written again, whole
        assert key == cache_key(rules)


def test_an_entry_of_other_files_under_this_key_is_passed_over(rules, cache):
    """An entry whose stored key is not the one it is filed under (a hash prefix that collides,
    a copy by hand) is not trusted."""
    good = load(rules)
    [entry] = entries(cache)
    _, value = pickle.loads(entry.read_bytes())
    value["ruleset"]["title"] = "stale"
    entry.write_bytes(pickle.dumps(("0" * 64, value)))
    assert load(rules).title == good.title


def test_an_unwritable_cache_folder_loads_the_files(rules, tmp_path, monkeypatch):
    """Where the cache cannot be written (here a file stands where its folder would be; a
    read-only folder is the same to a user who is not root), every load reads the files."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SUIJUN_CACHE", str(blocker / "cache"))
    first = load(rules)
    again = load(rules)
    assert first == again and again.id == "niad-c"
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_loads_the_files(rules, cache):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load(rules) == load(rules)
        assert entries(cache) == []
    finally:
        cache.chmod(0o700)


def test_pruning_keeps_the_entry_read_last_not_the_one_written_last(rules, cache):
    """Several versions or rule sets share one cache folder (a bot beside a CLI, an upgrade, a
    rule set of one's own). An entry every check reads must outlive entries written once since:
    pruned for being written first, each check after it would load the files again (a cold
    start 1.3x as long)."""
    load(rules)
    [used] = entries(cache)
    os.utime(used, (1_000_000, 1_000_000))  # written long ago
    for n in range(KEEP - 1):  # written since, each once
        other = cache / f"rules-{n:040d}.pickle"
        other.write_bytes(b"another version's entry")
        os.utime(other, (2_000_000 + n, 2_000_000 + n))
    load(rules)  # read: a hit
    path = rules / "outbound.toml"  # one more rule set is loaded and stored: one entry must go
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load(rules)
    kept = entries(cache)
    assert len(kept) == KEEP
    assert used in kept
    assert cache / "rules-0000000000000000000000000000000000000000.pickle" not in kept


def test_an_edited_rule_file_gets_a_new_key_and_its_own_rule_set(rules, cache):
    before = load(rules)
    path = rules / "outbound.toml"
    text = path.read_text(encoding="utf-8")
    old = 'title_en = "Sending domestic students abroad"'
    assert old in text
    path.write_text(text.replace(old, 'title_en = "Students abroad"'), encoding="utf-8")
    after = load(rules)
    assert before.item("outbound").title_en == "Sending domestic students abroad"
    assert after.item("outbound").title_en == "Students abroad"
    assert after.sha256 != before.sha256
    assert len(entries(cache)) == 2


def test_an_edited_guideline_text_gets_a_new_key(rules, cache):
    """The guideline text is checked against the items' quotes when the files load: a cached rule
    set must not outlive a change to it."""
    before = cache_key(rules)
    text = rules / "guideline" / "niad-c.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache_key(rules) != before


def test_an_invalid_rule_file_is_refused_with_or_without_an_entry(rules, cache):
    from suijun.rules import RuleError

    load(rules)
    path = rules / "inbound.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('kind = "coverage_step_down"', 'kind = "vibes"'))
    with pytest.raises(RuleError, match="unknown kind 'vibes'"):
        load(rules)
    assert len(entries(cache)) == 1  # nothing stored for the invalid files


def test_a_check_caches_in_the_user_cache_folder_or_suijun_cache(tmp_path):
    """A ``suijun check`` run stores its rule set where SUIJUN_CACHE says, else in the per-user cache
    folder (XDG_CACHE_HOME here; ~/.cache on a user's machine); the output is the same either way."""
    env = dict(os.environ)
    env.pop("SUIJUN_CACHE")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    argv = [str(SUIJUN), "check", str(SAMPLE), "--json", "--no-log"]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert entries(tmp_path / "xdg-cache" / "suijun")
    second = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert second.stdout == first.stdout and second.returncode == 0
    env["SUIJUN_CACHE"] = str(tmp_path / "own")
    third = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert third.stdout == first.stdout
    assert entries(tmp_path / "own")


def test_english_lemmas_are_the_pure_snowball_stems():
    """snowballstemmer stems with PyStemmer's C extension when it is installed (a dependency, for
    the cold start): its English stems must be the pure-Python Snowball stemmer's, which the rule
    files were written against."""
    import re

    from snowballstemmer.english_stemmer import EnglishStemmer
    from suijun.rules.patterns import english_lemma

    words = set()
    for path in Path(RULES_DIR).glob("*.toml"):
        words.update(re.findall(r"[A-Za-z][A-Za-z'-]+", path.read_text(encoding="utf-8")))
    words.update(["studies", "fairs", "helps", "housing", "exchanges", "programmes", "internationalization"])
    pure = EnglishStemmer()
    assert len(words) > 100
    assert {w: english_lemma(w) for w in words} == {w: pure.stemWord(w.lower()) for w in words}
