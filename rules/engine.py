"""The provisional-level policy of shared/spec/levels.md, with its reasons as data.

Every number comes from the rule files (``[policy]`` and each item's checks);
the reasons and the missing evidence are returned as Japanese sentences so the
CLI, the bot and the audit log say the same thing.
"""

from __future__ import annotations

from suijun.extractors.figures import report_year
from suijun.extractors.model import Figure, Sentence

from .match import assign_sections, match_practice
from .model import Basis, Evaluation, Evidence, ItemResult, PracticeResult
from .patterns import SentenceView

MAX_EVIDENCE = 5


def _fmt_num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def _era(year: int) -> str:
    if year >= 2019:
        n = year - 2018
        return f"令和{'元' if n == 1 else n}年度"
    if year >= 1989:
        return f"平成{year - 1988}年度"
    return f"{year}年度"


def find_practices(sentences: list[Sentence], ruleset) -> dict[str, PracticeResult]:
    sections = assign_sections(sentences, ruleset.items)
    views = [SentenceView.of(s.text) for s in sentences]
    out = {}
    for item in ruleset.items:
        for rule in item.practices:
            evidence, near = [], []
            for s, section, view in zip(sentences, sections, views):
                hit = match_practice(rule, view, section=section, near_miss=ruleset.near_miss)
                if hit == "found":
                    evidence.append((section != item.id, len(evidence), Evidence(page=s.page, quote=s.text)))
                elif hit == "near_miss":
                    near.append((section != item.id, len(near), Evidence(page=s.page, quote=s.text)))
            # quotes from under the item's own heading first, then in reading order
            evidence = [e for *_, e in sorted(evidence)[:MAX_EVIDENCE]]
            near = [e for *_, e in sorted(near)[:MAX_EVIDENCE]]
            out[rule.id] = PracticeResult(
                id=rule.id, title=rule.title, required=rule.required, evidence=tuple(evidence), near_misses=tuple(near)
            )
    return out


def _tier(value: float | None, band: tuple[float, float], factor: float) -> str | None:
    if value is None:
        return None
    lo, hi = band
    if value >= factor * hi:
        return "outstanding"
    if value > hi:
        return "above"
    if value >= lo:
        return "standard"
    return "below"


def _pick_by_year(figures: list[Figure]) -> dict[int, Figure]:
    """One figure per fiscal year: a table total beats a sentence, else the first stated."""
    by_year: dict[int, Figure] = {}
    for f in figures:
        if f.year is None:
            continue
        cur = by_year.get(f.year)
        if cur is None or (f.source == "table" and cur.source != "table"):
            by_year[f.year] = f
    return by_year


def summed_parts(figures: list[Figure], measure: str) -> list[Figure]:
    """Per-year sums of table rows that split ``measure`` in a table with no total row
    (表2 海外派遣学生数: 協定派遣 + 短期研修)."""
    by_year: dict[int, list[Figure]] = {}
    for f in figures:
        if f.part_of == measure and f.kind == "actual" and f.year is not None:
            by_year.setdefault(f.year, []).append(f)
    return [
        Figure(
            value=sum(p.value for p in parts),
            unit=parts[0].unit,
            measure=measure,
            label="表の内訳の合計",
            year=year,
            kind="actual",
            page=parts[0].page,
            quote=" + ".join(p.quote for p in parts),
            source="table_sum",
        )
        for year, parts in sorted(by_year.items())
    ]


def actual_series(figures: list[Figure], measure: str, years: int) -> list[Figure]:
    """The actual figures of ``measure`` for the latest ``years`` fiscal years stated;
    where only a table's parts are stated, their sums."""
    actual = [f for f in figures if f.measure == measure and f.kind == "actual"]
    if not actual:
        actual = summed_parts(figures, measure)
    by_year = _pick_by_year(actual)
    if by_year:
        return [by_year[y] for y in sorted(by_year)[-years:]]
    # no year stated anywhere: the last figure stated is the current one
    return actual[-1:] if actual else []


def latest_enrolled(figures: list[Figure]) -> Figure | None:
    enrolled = [f for f in figures if f.measure == "enrolled_students" and f.kind == "actual"]
    by_year = _pick_by_year(enrolled)
    if by_year:
        return by_year[max(by_year)]
    return enrolled[-1] if enrolled else None


def _step(order, level: str, steps: int) -> str:
    i = order.index(level) + steps
    return order[max(0, min(len(order) - 1, i))]


def _coverage(practices: list[PracticeResult]) -> tuple[int, int, float]:
    required = [p for p in practices if p.required]
    found = sum(1 for p in required if p.found)
    return found, len(required), (found / len(required) if required else 1.0)


def _figure_item(item, practices, figures, ruleset) -> ItemResult:
    policy = ruleset.policy
    labels = ruleset.labels
    band = next(c for c in item.checks if c.kind == "figure_band").params
    measure = band["measure"]
    series = actual_series(figures, measure, int(policy["years"]))
    enrolled = latest_enrolled(figures)
    found, total, cov = _coverage(practices)
    missing = [p.title for p in practices if p.required and not p.found]
    reasons: list[str] = []
    factor = float(policy["outstanding_factor"])
    lo, hi = band["count_band"]
    rlo, rhi = band["ratio_band"]
    if not series:
        missing.insert(0, band["missing_label"])
        if enrolled is None:
            missing.insert(1, "在籍者数")
        reasons.append(f"{band['missing_label']}の実数が見つからないため、水準を判定できません。")
        return ItemResult(
            id=item.id,
            title=item.title,
            level="undetermined",
            level_label=labels["undetermined"],
            basis=Basis(
                coverage=cov,
                required_found=found,
                required_total=total,
                enrolled=int(enrolled.value) if enrolled else None,
            ),
            practices=tuple(practices),
            missing=tuple(missing),
            reasons=tuple(reasons),
        )
    values = [f.value for f in series]
    years = [f.year for f in series if f.year is not None]
    average = sum(values) / len(values)
    ratio = average / enrolled.value if enrolled and enrolled.value else None
    count_tier = _tier(average, (lo, hi), factor)
    ratio_tier = _tier(ratio, (rlo, rhi), factor)
    order = ruleset.order
    figure_tier = max((t for t in (count_tier, ratio_tier) if t), key=order.index)
    if any(f.source == "table_sum" for f in series):
        reasons.append("表に合計欄がないため、内訳の行を年度ごとに合計しています。")
    if len(series) < int(policy["years"]):
        missing.insert(0, f"過去{policy['years']}年間の実績（{len(series)}年度分のみ記載）")
    if enrolled is None:
        missing.insert(0, "在籍者数")
    year_text = "・".join(_era(y) for y in years) if years else "年度不明"
    reasons.append(
        f"実績の平均 A = {average:,.1f}人（{year_text}: {'、'.join(_fmt_num(v) for v in values)}人）"
        f"は基準 {lo}〜{hi}人に対し「{labels[count_tier]}」。"
    )
    if ratio is not None:
        reasons.append(
            f"在籍者数 {_fmt_num(enrolled.value)}人に対する比率 R = {ratio * 100:.2f}% は基準 {rlo * 100:g}〜{rhi * 100:g}% に対し「{labels[ratio_tier]}」。"
        )
    else:
        reasons.append("在籍者数が見つからないため、比率 R は求めていません。")
    reasons.append("人数・比率のうち高い方を採ります（ガイドラインの「又は」）。")
    if "outstanding" in (count_tier, ratio_tier):
        reasons.append(f"「大きく上回る」は基準上限の{factor:g}倍以上とする本ツールの仮定によります。")
    level = figure_tier
    threshold = float(policy["coverage_threshold"])
    restore: tuple[str, ...] = ()
    if cov < threshold:
        level = _step(order, figure_tier, -1)
        restore = tuple(p.title for p in practices if p.required and not p.found)
        reasons.append(
            f"必須の取組の根拠が {found}/{total} 件（{cov:.0%}）で{threshold:.0%}未満のため、1段階下げています。"
            f"次の取組の根拠があれば戻ります: {'、'.join(restore)}。"
        )
    else:
        reasons.append(f"必須の取組の根拠 {found}/{total} 件（{cov:.0%}）。")
    basis = Basis(
        average=average,
        enrolled=int(enrolled.value) if enrolled else None,
        ratio=ratio,
        years=tuple(years),
        values=tuple(values),
        count_tier=count_tier,
        ratio_tier=ratio_tier,
        figure_tier=figure_tier,
        coverage=cov,
        required_found=found,
        required_total=total,
        others_found=sum(1 for p in practices if not p.required and p.found),
    )
    return ItemResult(
        id=item.id,
        title=item.title,
        level=level,
        level_label=labels[level],
        basis=basis,
        practices=tuple(practices),
        missing=tuple(missing),
        reasons=tuple(reasons),
        restore=restore,
    )


def _coverage_item(item, practices, ruleset) -> ItemResult:
    policy = ruleset.policy
    found, total, cov = _coverage(practices)
    others = sum(1 for p in practices if not p.required and p.found)
    threshold = float(policy["coverage_threshold"])
    level = "standard" if cov >= threshold else "below"
    reasons = [
        f"必須の取組の根拠 {found}/{total} 件（{cov:.0%}）: {'75%以上' if cov >= threshold else f'{threshold:.0%}未満'}のため「{ruleset.labels[level]}」。"
    ]
    steps = 2 if others >= policy["others_two_steps"] else 1 if others >= policy["others_one_step"] else 0
    if steps:
        level = _step(ruleset.order, level, steps)
        reasons.append(
            f"その他の取組の根拠が {others} 件あるため{steps}段階上げています（{policy['others_one_step']}件で1段階、{policy['others_two_steps']}件で2段階）。"
        )
    else:
        reasons.append(f"その他の取組の根拠は {others} 件（{policy['others_one_step']}件以上で1段階上がります）。")
    missing = tuple(p.title for p in practices if p.required and not p.found)
    restore = missing if cov < threshold else ()
    basis = Basis(coverage=cov, required_found=found, required_total=total, others_found=others)
    return ItemResult(
        id=item.id,
        title=item.title,
        level=level,
        level_label=ruleset.labels[level],
        basis=basis,
        practices=tuple(practices),
        missing=missing,
        reasons=tuple(reasons),
        restore=restore,
    )


def evaluate(sentences: list[Sentence], figures: list[Figure], ruleset) -> Evaluation:
    found = find_practices(sentences, ruleset)
    items = []
    for item in ruleset.items:
        practices = [found[p.id] for p in item.practices]
        if item.check("figure_band"):
            items.append(_figure_item(item, practices, figures, ruleset))
        else:
            items.append(_coverage_item(item, practices, ruleset))
    return Evaluation(
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        items=tuple(items),
        report_year=report_year(sentences),
    )
