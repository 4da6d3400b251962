"""The rule files: valid, complete against the spec, self-testing, and strict on load."""

import re
import shutil
from pathlib import Path

import pytest
from suijun.extractors.model import Sentence
from suijun.extractors.normalize import normalize
from suijun.rules import RULES_DIR, RuleError, check_guideline_quotes, load_ruleset, self_test
from suijun.rules.match import MatchContext, Place, assign_sections, match_practice
from suijun.rules.patterns import SentenceView
from support.shared import SPEC


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def spec_practices() -> dict[str, bool]:
    """Practice ids and required flags from shared/spec/practices.md."""
    path = SPEC / "practices.md"
    if not path.exists():
        pytest.skip("shared/spec is not beside this checkout")
    out = {}
    for m in re.finditer(r"^\| `([a-z_.]+)` \| (yes|no) \|", path.read_text(encoding="utf-8"), re.M):
        out[m.group(1)] = m.group(2) == "yes"
    return out


def test_every_spec_practice_has_a_rule_with_the_same_required_flag(ruleset):
    ours = {p.id: p.required for item in ruleset.items for p in item.practices}
    assert ours == spec_practices()


def test_each_item_quotes_the_guideline(ruleset):
    for item in ruleset.items:
        assert item.guideline["text"].strip()
        assert "ガイドライン" in item.guideline["page"]
        assert item.title in item.guideline["section"]


def test_each_item_points_into_the_shipped_guideline_text(ruleset):
    """References go to the text installed with the rules, never to a path only a checkout has."""
    text = ruleset.guideline_text
    assert text is not None and text.is_file()
    assert "選択評価事項C 水準判定のガイドライン" in text.read_text(encoding="utf-8")
    for item in ruleset.items:
        assert "seeds/" not in item.guideline["page"]
        first, last = item.guideline["lines"]
        assert item.title in "".join(text.read_text(encoding="utf-8").splitlines()[first - 1 : last])
    assert check_guideline_quotes(ruleset) == []


def test_rule_examples_pass(ruleset):
    assert self_test(ruleset) == []


def test_ruleset_identity_is_stable(ruleset):
    again = load_ruleset(RULES_DIR, run_examples=False)
    assert (again.id, again.version, again.sha256) == (ruleset.id, ruleset.version, ruleset.sha256)
    assert re.fullmatch(r"[0-9a-f]{64}", ruleset.sha256)


def edited_rules(tmp_path, file: str, old: str, new: str) -> Path:
    """A copy of the rule files with one edit in ``file``."""
    target = tmp_path / "rules"
    shutil.copytree(str(RULES_DIR), target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    "file,old,new,error",
    [
        ("inbound.toml", 'kind = "coverage_step_down"', 'kind = "vibes"', "unknown kind 'vibes'"),
        ("outbound.toml", 'page = "ガイドライン', 'where = "ガイドライン', "needs 'page'"),
        # a quote of the guideline that the shipped text does not contain (here: lines of another item)
        ("outbound.toml", "lines = [75, 103]", "lines = [37, 73]", "outbound: not in the guideline lines 37-73"),
        ("ruleset.toml", 'guideline = "guideline/niad-c.txt"', 'guideline = "guideline/gone.txt"', "is not beside"),
        ("outbound.toml", 'id = "out.credit_transfer"', 'id = "in.credit_transfer"', "must start with 'out.'"),
        ("inbound.toml", "count_band = [50, 150]", "count_band = [50, 150]\nfactor = 3", "needs .*optional"),
        # every title has its English title: the English surfaces take it from here
        ("environment.toml", 'title_en = "Course numbering"\n', "", "missing 'title_en'"),
        ("inbound.toml", 'title_en = "Acceptance of foreign students"\n', "", "missing 'title_en'"),
        ("measures.toml", 'label_en = "Enrolled students"\n', "", "missing 'label_en'"),
        # the item set comes from ruleset.toml; each file must be the item it is named as
        ("inbound.toml", 'id = "inbound"', 'id = "inbound2"', "id must be 'inbound'"),
        (
            "ruleset.toml",
            'items = ["environment", "inbound", "outbound"]',
            'items = ["environment", "inbound", "inbound"]',
            "distinct",
        ),
        ("outbound.toml", 'practice_prefix = "out."', 'practice_prefix = "in."', "must start with 'in.'|not distinct"),
        ("environment.toml", "strict_section = true", "strict_section = true\nweight = 2", "unknown keys"),
        # the closed set of pattern forms: an unknown word class, and two scopes in one pattern
        ("environment.toml", "GPA !@number", "GPA !@vibes", "unknown word class '@vibes'"),
        ("outbound.toml", '"事前 & 研修|', '"事前 + 研修 & ', "mixes ' \\+ ' \\(sentence\\) and ' & '"),
        # report specs run on load: without ビジョン as a goal heading, a vision is read as deeds
        ("ruleset.toml", '"ビジョン", ', "", r"spec\[3\] env.intl_info_dissemination \(a vision is a goal\)"),
        ("ruleset.toml", 'practice = "in.housing"', 'practice = "in.vibes"', "unknown practice 'in.vibes'"),
        ("environment.toml", '{ text = "提携姉妹校", heading = "" }', '{ txt = "提携姉妹校" }', "an example table"),
        # a rule that stops matching its own example cannot ship
        (
            "environment.toml",
            'patterns = ["ナンバリング|コース・ナンバリング|コースナンバリング|科目ナンバリング|ナンバリング制|科目番号制"]',
            'patterns = ["科目番号制"]',
            "env.course_numbering: example not matched",
        ),
    ],
)
def test_invalid_rules_are_refused_on_load(tmp_path, file, old, new, error):
    with pytest.raises(RuleError, match=error):
        load_ruleset(edited_rules(tmp_path, file, old, new))


def _hit(ruleset, pid, text, section=None):
    rule = ruleset.practice(pid)
    return match_practice(rule, SentenceView.of(normalize(text)), MatchContext.of(ruleset, Place(section)))


def _in_report(ruleset, pid, lines):
    """Evidence and near misses (as quotes) of one practice in a small report ("# " = heading)."""
    from suijun.rules.match import document, practice_evidence

    evidence, near = practice_evidence(document(lines), ruleset)[pid]
    return [e.quote for e in evidence], [e.quote for e in near]


def test_every_pattern_form_has_specs_that_run_on_load():
    """Each form of the closed set has a spec that must match and one that must not."""
    from suijun.rules.patterns import FORM_SPECS, form_self_test

    assert set(FORM_SPECS) == {"run", "wildcard", "class", "not followed", "alternatives", "sentence", "clause"}
    for form, specs in FORM_SPECS.items():
        assert {want for *_, want in specs} == {True, False}, form
    assert form_self_test() == []


def test_every_form_the_rules_use_is_a_known_one(ruleset):
    from suijun.rules.patterns import CLASS, NOT_FOLLOWED, WILDCARD

    for item in ruleset.items:
        for rule in item.practices:
            for pattern in rule.patterns:
                assert pattern.form in ("alternatives", "sentence", "clause")
                for group in pattern.groups:
                    for alt in group:
                        extra = {x for x in alt.lemmas if x == WILDCARD or x.startswith(CLASS)}
                        assert extra <= {WILDCARD, "@place_abroad", "@number"}, alt.text
                        assert not alt.not_followed or NOT_FOLLOWED in alt.text


def test_clause_patterns_stay_in_one_clause(ruleset):
    """「英語で、…発信することで」 is two clauses: no English-language dissemination."""
    assert _hit(ruleset, "env.intl_info_dissemination", "研究成果を英語で世界に向けて発信している。") == "found"
    assert _hit(ruleset, "env.intl_info_dissemination", "慣れない英語で、自分から発信することで自信がついた。") is None


def test_a_clause_takes_the_mood_of_the_clause_it_leans_on(ruleset):
    """「…を開催し、…を目指す」 is a plan; 「…を開催しており、…を目指す」 reports a deed and a plan."""
    plan = "留学生と日本人学生の交流会を開催し、多文化共生キャンパスの実現を目指す。"
    deed = "留学生と日本人学生の交流会を開催しており、今後は多文化共生キャンパスの実現を目指す。"
    assert _hit(ruleset, "env.exchange_events", plan, "environment") == "near_miss"
    assert _hit(ruleset, "env.exchange_events", deed, "environment") == "found"


def test_a_cancelled_year_does_not_cancel_the_practice(ruleset):
    assert _hit(ruleset, "out.short_programs", "海外研修は、令和3年度は中止、令和4年度は8名が参加した。") == "found"
    assert _hit(ruleset, "out.short_programs", "海外研修は令和3年度は中止したが、令和4年度は8名が参加した。") == "found"
    assert _hit(ruleset, "out.short_programs", "海外研修は、令和3年度、令和4年度ともに中止した。") == "near_miss"


def test_the_nearest_population_word_decides_the_direction(ruleset):
    """An exclusion word vetoes only where it is the population nearest to the match."""
    both = "私費外国人留学生には授業料を減免し、派遣学生には奨学金を給付している。"
    assert _hit(ruleset, "out.financial_support", both) == "found"
    assert _hit(ruleset, "in.financial_support", both) == "found"
    # in a compound the first word decides: 派遣留学生 are sent, 私費外国人留学生 received
    assert _hit(ruleset, "out.financial_support", "本学の派遣留学生には独自の奨学金を給付している。") == "found"
    assert _hit(ruleset, "out.financial_support", "私費外国人留学生を対象に授業料を減免している。") is None
    # a word in brackets speaks only inside them
    visa = "私費外国人留学生(在留資格「留学」の正規生)を経済的に援助するため、授業料の30%を減免している。"
    assert _hit(ruleset, "out.financial_support", visa) is None


def test_goal_headings_goal_lists_and_labels(ruleset):
    from suijun.rules.match import place_sentences

    sents = [
        Sentence("第4期中期目標・中期計画（抜粋）", 1, "heading"),
        Sentence("留学生の受入れを拡大する。", 1),
        Sentence("【実施状況】協定校から留学生を受け入れた。", 1),
        Sentence("取組の状況", 1, "heading"),
        Sentence("本学の国際化の目標は次のとおりである。", 1),
        Sentence("・英語による授業を拡充する。", 1),
        Sentence("英語による授業を開講している。", 1),
        Sentence("【目標】海外拠点を設置する。", 1),
        Sentence("国際化の全体像", 1, "heading"),
        Sentence("交流会を開いた。", 1),
    ]
    places = place_sentences(sents, ruleset.items, ruleset.goal_heads)
    assert [p.goal for p in places] == [True, True, False, False, False, True, False, True, False, False]
    assert places[9].topic.text == "国際化の全体像"


def test_the_actual_sentence_is_quoted_not_the_plan(ruleset):
    evidence, near = _in_report(
        ruleset,
        "env.foreign_language_classes",
        [
            "# 第4期中期計画",
            "英語による授業を拡充し、全学で200科目とする。",
            "# 実施状況",
            "英語による授業を令和5年度に48科目開講した。",
        ],
    )
    assert evidence == ["英語による授業を令和5年度に48科目開講した。"]
    assert near == ["英語による授業を拡充し、全学で200科目とする。"]


@pytest.mark.parametrize(
    "pid,line,want",
    [
        ("env.org_unit", "・国際交流室", ["・国際交流室"]),
        ("in.housing", "・住居", []),
        ("in.financial_support", "・奨学金", []),
        ("in.study_support", "チューター制度", ["チューター制度"]),
        ("env.info_in_foreign_language", "・英語版ウェブサイト", ["・英語版ウェブサイト"]),
    ],
)
def test_a_menu_label_counts_only_when_it_names_a_unit_scheme_or_page(ruleset, pid, line, want):
    assert _in_report(ruleset, pid, ["# 在学留学生への支援", line])[0] == want


@pytest.mark.parametrize(
    "pid,text",
    [
        ("in.housing", "留学生のための宿舎を整備し、入居を斡旋している。"),
        ("in.housing", "外国人留学生向けに国際交流会館を運営している。"),
        ("env.foreign_language_classes", "全学部で英語で行われる授業を提供している。"),
        ("in.double_degree", "協定校とのダブルディグリー・プログラムを実施している。"),
        ("env.org_unit", "国際連携推進機構の下に国際教育センターを置いている。"),
        ("out.financial_support", "海外派遣学生には旅費の一部を助成している。"),
        ("in.career_support", "留学生を対象とした就職セミナーを毎年開いている。"),
        # wildcards inside a noun phrase: 国際 * センター
        ("env.org_unit", "国際教育交流センターを設置している。"),
        ("env.org_unit", "グローバル教育推進課が留学生の受入を担う。"),
        ("env.multilingual_staff", "TOEIC800点以上の職員を各課に配置している。"),
    ],
)
def test_synonyms_and_orthographic_variants(ruleset, pid, text):
    assert _hit(ruleset, pid, text) == "found"


@pytest.mark.parametrize(
    "pid,text",
    [
        ("in.double_degree", "ダブル・ディグリー・プログラムの導入を検討している。"),
        ("env.course_numbering", "コース・ナンバリングを導入する予定である。"),
        ("in.housing", "留学生寮は整備していない。"),
        ("env.intl_curriculum", "クォーター制の導入を目指している。"),
    ],
)
def test_near_misses_are_not_evidence(ruleset, pid, text):
    """「検討している」 is not 「実施している」: planned or considered practices are near misses."""
    assert _hit(ruleset, pid, text) == "near_miss"


def test_wildcard_stays_inside_a_noun_phrase(ruleset):
    """「国際 * センター」 must not reach across particles: 国際交流を担うセンター is not a name."""
    from suijun.rules.patterns import find_span, lemma_seq

    assert find_span(lemma_seq("国際教育交流センター"), lemma_seq("国際 * センター")) == (0, 4)
    assert find_span(lemma_seq("国際交流を担うセンター"), lemma_seq("国際 * センター")) is None


def test_hedge_in_an_earlier_clause_does_not_cancel_a_later_practice(ruleset):
    assert (
        _hit(ruleset, "in.double_degree", "秋入学の導入を検討し、ダブル・ディグリー・プログラムを実施している。")
        == "found"
    )


def test_population_context_separates_inbound_from_outbound(ruleset):
    sent = "派遣学生には本学独自の海外留学奨学金を給付している。"
    assert _hit(ruleset, "out.financial_support", sent) == "found"
    assert _hit(ruleset, "in.financial_support", sent) is None


def test_strict_section_keeps_self_review_in_its_item(ruleset):
    sent = "これらの活動の状況は委員会が毎年度点検し、その結果を翌年度の計画に反映させて改善を図っている。"
    assert _hit(ruleset, "env.self_review", sent, section="environment") == "found"
    assert _hit(ruleset, "out.self_review", sent, section="environment") is None
    assert _hit(ruleset, "out.self_review", sent, section="outbound") == "found"


def test_sections_follow_headings(ruleset):
    sents = [
        Sentence("1. 国際的な教育環境の構築", 1, "heading"),
        Sentence("本文。", 1),
        Sentence("表1 外国人学生の受入実績", 1, "heading"),
        Sentence("本文。", 1),
        Sentence("2. 外国人学生の受入", 1, "heading"),
        Sentence("本文。", 1),
        Sentence("3. 日本人学生の海外派遣", 2, "heading"),
        Sentence("本文。", 2),
        Sentence("4. 今後の課題", 2, "heading"),
        Sentence("本文。", 2),
        Sentence("(4)国内学生の海外派遣", 3, "heading"),
        Sentence("本文。", 3),
        Sentence("7-2 点検・評価", 3, "heading"),
        Sentence("本文。", 3),
    ]
    assert assign_sections(sents, ruleset.items) == [
        "environment",
        "environment",
        "environment",
        "environment",
        "inbound",
        "inbound",
        "outbound",
        "outbound",
        None,
        None,
        "outbound",
        "outbound",
        None,
        None,
    ]


def test_readme_coverage_table_is_generated_from_the_rules(ruleset):
    """Golden check: README.md shows exactly what `suijun rules --markdown` prints."""
    from suijun.rules import coverage_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert coverage_table(ruleset) in readme, "run: suijun rules --markdown, and paste it into README.md"


def test_questions_and_crossed_rows_are_not_evidence(ruleset):
    """A Q&A report asks 「…はあるか。」; a 取組一覧 table marks what is not done with ×."""
    assert _hit(ruleset, "env.foreign_language_classes", "Q5.外国語による授業や短期の受入プログラムはあるか。") is None
    assert _hit(ruleset, "in.career_support", "受入 留学生の就職支援 ×") == "near_miss"
    assert _hit(ruleset, "in.career_support", "受入 留学生の就職支援 ○") == "found"
