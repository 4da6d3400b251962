"""The answering library (``suijun.bot.answers``) and its rules-side lookups, below Slack and the CLI.

One test per failure mode the issue measured, each saying why; the question sets
run through Slack in ``test_slack_questions.py`` and, held out, here.
"""

from __future__ import annotations

import pytest
from suijun.bot.answers import Report, ask, read_statement
from suijun.bot.answers.practices import pick_practices
from suijun.bot.answers.question import is_chatter, read, read_years
from suijun.bot.answers.render import to_mrkdwn, to_text
from suijun.bot.answers.search import content_lemmas, search, stop_lemmas
from suijun.rules import load_ruleset
from suijun.rules.lookup import guideline_wording, items_named, measures_named, practices_named
from support.answer_checks import INTENTS, problems
from support.shared import CORPUS

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


_reports: dict[str, Report] = {}


def report(name: str) -> Report:
    if name not in _reports:
        from suijun.bot.pipeline.check import check_pdf

        result = check_pdf(CORPUS / name)
        sentences = [
            {"text": s.text, "page": s.page, "kind": s.kind, "section": s.section} for s in result.document.sentences
        ]
        _reports[name] = Report(name=name, result=result.as_json(), sentences=sentences)
    return _reports[name]


# -- the cause of the failures the issue measured ---------------------------------------------------------


def test_the_stop_list_holds_unidics_lemmas():
    """「〜ありますか」 matched every 「〜である」: the stop list said ある, UniDic's lemma is 有る."""
    stop = stop_lemmas()
    assert {"有る", "為る", "居る", "成る"} <= stop
    assert content_lemmas("就職支援についての記載はありますか") == ["就職", "支援"]
    assert content_lemmas("本学は工学部及び大学院工学研究科を置く国立大学である。")[:2] == ["工学", "部"]
    assert "有る" not in content_lemmas("国際学生寮がある")


@needs_corpus
def test_a_practice_the_report_does_not_mention_is_said_plainly_not_quoted_around(ruleset):
    """就職支援 is absent from minato: the old answer quoted three unrelated sentences instead."""
    text = to_text(ask("就職支援についての記載はありますか", report("minato-intl-report-2023.pdf"), ruleset))
    assert "就職支援（外国人学生の受入・必須の取組）" in text and "記載が見つかりませんでした" in text
    assert "国立大学である" not in text


@needs_corpus
def test_a_practice_is_found_through_the_rule_files_words_not_the_questions(ruleset):
    """宿舎 is not in minato's sentence (国際学生寮): the rule file's pattern list connects them."""
    text = to_text(ask("宿舎について何と書いてある？", report("minato-intl-report-2023.pdf"), ruleset))
    assert "国際学生寮(150室)を整備している" in text and "（p.1）" in text


@needs_corpus
def test_a_year_of_a_table_is_answered_with_the_table_value(ruleset):
    """令和4年度の受入数 is the table's total row (71), not the 3-year average sentence nor the target."""
    text = to_text(ask("令和4年度の外国人学生の受入数は？", report("sakura-selfeval-2022.pdf"), ruleset))
    assert "令和4年度：71人（p.1）" in text and "合計 55 60 71" in text
    assert "100人" not in text and "約62人" not in text


# -- reading questions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years", "series", "count"),
    [
        ("令和4年度の受入数", (2022,), False, None),
        ("R4の留学生数は", (2022,), False, None),
        ("Ｒ４の留学生数は", (2022,), False, None),
        ("2022年度の受入数", (2022,), False, None),
        ("H30の派遣", (2018,), False, None),
        ("令和元年度", (2019,), False, None),
        ("昨年度の受入数", (2021,), False, None),
        ("一昨年度の受入数", (2020,), False, None),
        ("今年度の学生数", (2022,), False, None),
        ("過去3年の推移", (), True, 3),
        ("直近五年の受入", (), True, 5),
        ("令和2年度から令和4年度までの受入数", (2020, 2021, 2022), True, None),
        ("FY2021 の派遣", (2021,), False, None),
    ],
)
def test_years_in_a_question_are_read_against_the_reports_year(text, years, series, count):
    got = read_years(read(text).text, report_year=2022)
    assert (got.years, got.series, got.count) == (years, series, count)


@pytest.mark.parametrize(
    "text",
    ["ありがとうございます", "👍", ":+1:", "了解です！", "承知しました", "thanks!", "よろしくお願いします", "", "  "],
)
def test_chatter_is_recognised(text):
    assert is_chatter(text)


@pytest.mark.parametrize(
    "text",
    ["ありがとうございます。ところで派遣の人数は？", "在籍者数は？", "OK、では令和4年度は？", "宿舎はありますか", "18"],
)
def test_a_question_with_thanks_is_still_a_question(text):
    assert not is_chatter(text)


def test_measures_items_and_practices_are_named_in_the_rule_files_words(ruleset):
    assert [m.id for m in measures_named("令和4年度の外国人学生の受入数は？", ruleset)] == ["foreign_students"]
    # the longest term wins: 留学生数 is not the 学生数 inside it
    assert [m.id for m in measures_named("留学生数は", ruleset)] == ["foreign_students"]
    # a verb written as the noun it forms meets the report's noun
    assert [m.id for m in measures_named("受け入れ数は", ruleset)] == ["foreign_students"]
    assert [i.id for i in items_named("なぜ海外派遣は下回っているのですか", ruleset)] == ["outbound"]
    assert practices_named("宿舎について", ruleset)[0].id == "in.housing"
    assert practices_named("就職支援についての記載はありますか", ruleset)[0].id == "in.career_support"
    # population words (留学生, 派遣) name the item, not a practice
    assert practices_named("留学生について", ruleset) == []
    assert practices_named("一般的な水準の基準は？", ruleset) == []


def test_every_practice_is_named_by_its_own_title(ruleset):
    """The mapping reads the rule files: each practice's title finds that practice (with the item
    its title names: 短期・超短期プログラムの実施（派遣） is the outbound one)."""
    for item in ruleset.items:
        for rule in item.practices:
            named = practices_named(rule.title, ruleset)
            assert rule.id in pick_practices(rule.title, named, ruleset), (rule.id, named[:3])


def test_the_guidelines_wording_for_every_item_and_level_comes_from_the_shipped_text(ruleset):
    text = ruleset.guideline_text.read_text(encoding="utf-8").replace("**", "")
    for item in ruleset.items:
        assert guideline_wording(ruleset, item.id, "standard").text == item.guideline["text"]
        for level in ("below", "above", "outstanding"):
            wording = guideline_wording(ruleset, item.id, level)
            assert wording is not None and wording.text, (item.id, level)
            assert wording.text in text.replace("\n", "") or wording.text.replace("  ", "") in text, (item.id, level)
            assert ruleset.labels[level] in wording.section


# -- statements ----------------------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("在籍者数は18,000人です", [("enrolled_students", 18000, 2022)]),
        ("令和4年度の受入数は71人", [("foreign_students", 71, 2022)]),
        (
            "令和3年度の派遣学生数は8人、令和4年度は16人",
            [("outbound_students", 8, 2021), ("outbound_students", 16, 2022)],
        ),
        ("R3の在籍者数は2,340名です", [("enrolled_students", 2340, 2021)]),
    ],
)
def test_a_reviewers_figure_is_read_with_its_year(ruleset, text, values):
    statement = read_statement(text, report("sakura-selfeval-2022.pdf"), ruleset)
    assert [(v.measure, v.value, v.year) for v in statement.values] == values


@needs_corpus
@pytest.mark.parametrize(
    ("text", "practice", "found", "page"),
    [
        ("派遣の自己点検は p.12 にあります", "out.self_review", True, 12),
        ("受入の自己点検評価は2ページに書いてあります", "in.self_review", True, 2),
        ("就職支援の記載はありません", "in.career_support", False, None),
    ],
)
def test_a_reviewers_pointer_to_evidence_is_read(ruleset, text, practice, found, page):
    statement = read_statement(text, report("sakura-selfeval-2022.pdf"), ruleset)
    assert (statement.evidence.practice_id, statement.evidence.found, statement.evidence.page) == (
        practice,
        found,
        page,
    )


@needs_corpus
def test_a_statement_taken_again_after_a_takeover_reuses_what_its_first_take_logged(ruleset, tmp_path):
    """The process that took a reviewer's statement logged its value and died before answering; the process
    that takes the question over (``retake``) logs nothing twice and gives the answer the first would have."""
    from suijun.bot.answers.reviewing import reviewed_report, take_statement
    from suijun.bot.audit.log import AuditLog
    from suijun.bot.pipeline.check import check_pdf

    name, actor = "sakura-selfeval-2022.pdf", {"user": "U111", "channel": "C1", "thread_ts": "1.1"}
    result = check_pdf(CORPUS / name)
    with AuditLog(tmp_path / "audit.db") as audit:
        run_id = audit.record_check(source="slack", actor=actor, file_name=name, result=result)

        def as_stored():
            return reviewed_report(name, result.as_json(), ruleset, run_id=run_id, audit=audit)

        statement = read_statement("在籍者数は18,000人です", as_stored(), ruleset)
        first = take_statement(statement, as_stored(), audit=audit, actor=actor, ruleset=ruleset)
        again = take_statement(statement, as_stored(), audit=audit, actor=actor, ruleset=ruleset, retake=True)
        assert [r["value"] for r in audit.query("SELECT value FROM reviewer_values")] == [18000]
        assert to_mrkdwn(again.answer) == to_mrkdwn(first.answer)


@needs_corpus
@pytest.mark.parametrize(
    "text",
    [
        "在籍者数は？",
        "令和4年度の受入数は71人ですか",
        "宿舎について何と書いてある？",
        "目標は100人です",
        "英語授業科目数は",
    ],
)
def test_questions_are_not_statements(ruleset, text):
    assert read_statement(text, report("sakura-selfeval-2022.pdf"), ruleset) is None


# -- retrieval -------------------------------------------------------------------------------------------------


@needs_corpus
def test_retrieval_quotes_above_the_floor_and_nothing_below_it():
    sentences = report("sakura-selfeval-2022.pdf").sentences
    [best, *_] = search("新型コロナの影響は？", sentences)
    assert "大幅に縮小した" in best.text and best.page == 2
    assert search("今日の会議は何時から？", sentences) == []
    assert search("大学はどこ？", sentences) == []  # one common word shared is not an answer


@needs_corpus
def test_nothing_matching_suggests_wordings(ruleset):
    answer = ask("駐車場の場所はどこですか", report("sakura-selfeval-2022.pdf"), ruleset)
    assert answer.intent == "nothing"
    text = to_text(answer)
    assert "見つかりませんでした" in text and "「令和4年度の外国人留学生数は？」" in text


# -- rendering ---------------------------------------------------------------------------------------------------


@needs_corpus
def test_a_series_is_a_small_table_in_slack_and_in_text(ruleset):
    answer = ask("外国人留学生数の推移を教えて", report("sakura-selfeval-2022.pdf"), ruleset)
    slack = to_mrkdwn(answer)
    assert "```" in slack and "令和2年度  55人" in slack and "令和4年度  71人" in slack
    assert "令和3年度  60人" in to_text(answer)


@needs_corpus
def test_english_answers_use_the_english_words(ruleset):
    text = to_text(ask("令和4年度の外国人学生の受入数は？", report("sakura-selfeval-2022.pdf"), ruleset, lang="en"))
    assert "FY2022: 「71人」 (p.1)" in text


# -- held-out wordings --------------------------------------------------------------------------------------------


def _heldout():
    """heldout.toml (issue 11's own) and heldout_words.toml (everyday words: 住まい, 外国人の先生, 留学に行った)."""
    import tomllib
    from pathlib import Path

    for name in ("heldout.toml", "heldout_words.toml"):
        data = tomllib.loads((Path(__file__).parent / "answers" / name).read_text(encoding="utf-8"))
        for intent in INTENTS:
            for case in data.get(intent, []):
                yield pytest.param(intent, case, id=f"{intent}-{case['q'][:16]}")


@needs_corpus
@pytest.mark.parametrize(("intent", "case"), list(_heldout()))
def test_held_out_wordings(ruleset, intent, case):
    text = to_mrkdwn(ask(case["q"], report(case["report"]), ruleset))
    assert problems(intent, case, text, ruleset) == []


def test_question_words_only_lead_to_words_the_rule_files_use(ruleset):
    """questions.toml is a table, not a second vocabulary: every `means` must be a run of lemmas some
    measure term, practice pattern or title already has, or the table could name what the rules do not."""
    from suijun.rules.lookup import _measure_terms, _practice_index, question_lemmas

    runs = [t.lemmas for t in _measure_terms(ruleset)]
    runs += [lem for p in _practice_index(ruleset).practices for pat in p.patterns for g in pat for _, lem in g]
    runs += [question_lemmas(i.title, ruleset) for i in ruleset.items]
    assert ruleset.question_words
    for means, _words in ruleset.question_words:
        target = question_lemmas(means, ruleset)
        assert any(target == r[i : i + len(target)] for r in runs for i in range(len(r))), means
    assert question_lemmas("留学生の住まい", ruleset)[-1] == "住居"
