"""Block Kit rendering stays inside Slack's limits whatever the report holds."""

from __future__ import annotations

from suijun.bot.slack.blocks import MAX_BLOCKS, MAX_SECTION, detail_markdown, result_message
from suijun.extractors.model import Document, Figure
from suijun.rules import load_ruleset
from suijun.rules.model import Basis, Evaluation, Evidence, ItemResult, Missing, PracticeResult, Reason


class Result:
    """The parts of ``CheckResult`` the renderer reads, built from the real model types."""

    def __init__(self, items, figures=()):
        self.document = Document(name="報告書<script>.pdf", sha256="0" * 64, size=1234, pages=[])
        self.figures = list(figures)
        self.evaluation = Evaluation("niad-c", "test", "f" * 64, items=tuple(items))

    @property
    def items(self):
        return self.evaluation.items

    @property
    def rules(self):
        return load_ruleset()


def big_item(i: int) -> ItemResult:
    quote = "外国人留学生の受入れを<拡大>し、&支援体制を整備した。" * 40
    practices = tuple(
        PracticeResult(
            id=f"p{i}.{j}",
            title=f"取組{j}",
            required=j % 2 == 0,
            evidence=(Evidence(page=j + 1, quote=quote),) if j % 3 else (),
        )
        for j in range(40)
    )
    return ItemResult(
        id=f"item{i}",
        title=f"項目{i}",
        level="below",
        level_label="一般的な水準を下回っている",
        basis=Basis(
            average=12.5,
            enrolled=2000,
            ratio=0.00625,
            years=(2020, 2021),
            values=(10, 15),
            required_found=3,
            required_total=20,
            others_found=7,
        ),
        practices=practices,
        measure="foreign_students",
        missing=tuple(Missing.practice(f"in.made_up_{k}_" + "x" * 90) for k in range(60)),
        reasons=tuple(
            Reason("coverage_step_down", {"found": 3, "total": 20, "threshold": 0.75, "restore": ["in.x" * 300]})
            for _ in range(5)
        ),
    )


def test_result_message_respects_slack_limits_for_a_huge_report():
    figures = [
        Figure(
            value=10 + k,
            unit="人",
            measure="foreign_students",
            label="留学生数",
            year=2020 + k % 3,
            kind="actual",
            page=k + 1,
            quote="留学生数 | 10人",
        )
        for k in range(500)
    ]
    msg = result_message(Result([big_item(i) for i in range(30)], figures), run_id=7)
    assert len(msg.blocks) <= MAX_BLOCKS
    for block in msg.blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    assert msg.blocks[-1]["type"] == "context" and "暫定" in msg.blocks[-1]["elements"][0]["text"]
    assert 0 < len(msg.text) <= 4000
    assert len({b["block_id"] for b in msg.blocks if "block_id" in b}) == len(
        [b for b in msg.blocks if "block_id" in b]
    )


def test_report_text_is_escaped_so_it_cannot_become_mentions_or_links():
    from dataclasses import replace

    item = replace(big_item(0), title="<!channel> 在籍者数 & <https://evil.example|こちら>")
    msg = result_message(Result([item]))
    text = "\n".join(b["text"]["text"] for b in msg.blocks if b["type"] == "section")
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text
    assert "<https://" not in text and "&amp;" in text


def test_detail_file_has_every_quote_with_its_page():
    result = Result(
        [big_item(0)],
        [
            Figure(
                value=2.9,
                unit="億円",
                measure="other",
                label="予算",
                year=2019,
                kind="actual",
                page=4,
                quote="予算 | 2.9億円",
            )
        ],
    )
    md = detail_markdown(result, run_id=1)
    assert "| 4 | 予算 ｜ 2.9億円 |" in md  # a pipe in a quote does not break the table
    assert md.count("| あり |") == sum(1 for p in big_item(0).practices for _ in p.evidence)


def test_english_replies_when_asked():
    msg = result_message(Result([big_item(0)]), lang="en")
    assert "below the general level" in msg.text
    assert "provisional" in msg.blocks[-1]["elements"][0]["text"]
