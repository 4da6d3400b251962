"""Everything suijun says to a person, in Japanese and English: one catalogue, rendered at the edge.

The floors below speak in codes. The rules engine returns ``Reason`` codes with
their numbers and ``Missing`` ids; ``BadInput`` and ``DownloadRefused`` carry a
``kind``; the pipeline's warnings are ``Notice`` codes. Every surface (the text
report, the check JSON, Slack blocks and answers, the audit CLI and the audit
rows) turns them into words here, with the titles and labels of the rule set.

Why one Python module and not gettext: the catalogue has two languages and
Japanese is the source, not English; its parameters are structured (fiscal-year
lists rendered as 令和5年度 or FY2023, fractions as percentages, practice ids as
the rule set's titles), which needs code next to the templates anyway; and a
module ships and tests as itself, with no compiled ``.mo`` files in the wheel.
``tests/test_messages.py`` keeps the two languages in step (same ids, same
placeholders) and every id the code uses defined.

API::

    text(msg_id, lang, **params)      one message in one language
    both(msg_id, **params)            "日本語 / English" (one-line errors on stderr)
    reason(r, lang, ruleset)          a Reason (or its JSON) as a sentence
    missing(m, lang, ruleset, item)   a Missing (or its JSON) as a name
    fiscal_year(year, lang)           令和5年度 / FY2023
    bad_input(exc, lang)              a BadInput's message
    lang_from_env(env) / norm_lang(value)
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from suijun.extractors.errors import BadInput
    from suijun.rules import RuleSet
    from suijun.rules.model import Missing, Reason

LANGS = ("ja", "en")


@dataclass(frozen=True)
class Msg:
    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


CATALOGUE: dict[str, Msg] = {
    # -- input the checker cannot analyse (extractors.errors.BadInput kinds) --------------------------
    "bad_input.empty": Msg(
        "ファイルが空です（0バイト）。PDFを保存し直してから、もう一度アップロードしてください。",
        "The file is empty (0 bytes). Save the PDF again and upload it once more.",
    ),
    "bad_input.not_pdf": Msg(
        "PDFファイルではありません。報告書をPDF形式で書き出してから送ってください。",
        "This is not a PDF file. Export the report as PDF and send it again.",
    ),
    "bad_input.truncated": Msg(
        "PDFが途中で切れているか壊れています。元のファイルをもう一度書き出すか、ダウンロードし直してください。",
        "The PDF is truncated or damaged. Export or download the original file again.",
    ),
    "bad_input.encrypted": Msg(
        "PDFがパスワードまたはセキュリティ設定で保護されています。保護を解除したPDFを送ってください。",
        "The PDF is protected by a password or security settings. Remove the protection and send it again.",
    ),
    "bad_input.unreadable": Msg(
        "PDFから文字を読み取れません（スキャン画像か、文字化けしたフォント）。文字情報を含むPDFを書き出して送ってください。",
        "No readable text in the PDF (scanned images or garbled fonts). Export a PDF with a text layer and send it again.",
    ),
    "bad_input.too_large": Msg(
        "PDFが大きすぎます（上限 {limit}）。報告書の該当部分だけをPDFにして送ってください。",
        "The PDF is too large (limit {limit}). Send only the relevant part of the report as a PDF.",
    ),
    "bad_input.too_many_pages": Msg(
        "ページ数が多すぎます（上限 {limit} ページ）。報告書の該当部分だけをPDFにして送ってください。",
        "The PDF has too many pages (limit {limit}). Send only the relevant part of the report as a PDF.",
    ),
    "bad_input.timeout": Msg(
        "解析が制限時間内に終わりませんでした。ページ数を減らしたPDFで試してください。",
        "The analysis did not finish in time. Try a PDF with fewer pages.",
    ),
    # -- fetching a file from Slack (slack.files.DownloadRefused kinds) ------------------------------
    "download.host": Msg(
        "ファイルの取得を拒否しました：Slack 以外のホスト（{detail}）からはダウンロードしません。",
        "Download refused: files are fetched only from Slack's hosts, not {detail}.",
    ),
    "download.no_url": Msg(
        "ファイルのダウンロード先が見つかりません。もう一度アップロードしてください。",
        "The file has no download URL. Upload it again.",
    ),
    "download.scope": Msg(
        "Slack からファイルを取得できませんでした（PDF ではなくサインイン画面が返りました）。"
        "アプリに files:read 権限がありません。管理者に権限の追加とアプリの再インストールを依頼してください。",
        "Slack returned its sign-in page instead of the file: the app lacks the files:read scope. "
        "Ask an admin to add it and reinstall the app.",
    ),
    "download.http": Msg(
        "Slack からファイルを取得できませんでした（{detail}）。しばらくしてからもう一度アップロードしてください。",
        "Could not download the file from Slack ({detail}). Upload it again later.",
    ),
    "download.info": Msg(
        "Slack がファイルの情報を渡しませんでした（{detail}）：アプリに files:read 権限がありません。"
        "管理者に権限の追加とアプリの再インストールを依頼してください。",
        "Slack refused the file's details ({detail}): the app lacks the files:read scope. "
        "Ask an admin to add it and reinstall the app.",
    ),
    "download.info_transient": Msg(
        "Slack からファイルの情報を取得できませんでした（一時的な障害：{detail}）。"
        "しばらくしてからもう一度アップロードしてください。",
        "Slack did not answer with the file's details (a temporary failure: {detail}). Upload it again later.",
    ),
    "download.info_gone": Msg(
        "ファイルが見つかりません（{detail}）。削除されたか、ボットから見えない場所にあります。"
        "もう一度アップロードしてください。",
        "The file was not found ({detail}): it was deleted or the bot cannot see it. Upload it again.",
    ),
    "download.external": Msg(
        "外部サービス上のファイル（{detail}）は取得できません。PDF を Slack に直接アップロードしてください。",
        "Files hosted outside Slack ({detail}) cannot be fetched. Upload the PDF to Slack itself.",
    ),
    # -- why a level (rules.model.Reason codes) ---------------------------------------------------------
    "reason.no_figure": Msg(
        "{measure}の実数が見つからないため、水準を判定できません。",
        "No actual figure of {measure} was found, so no level is given.",
    ),
    "reason.summed_parts": Msg(
        "表に合計欄がないため、内訳の行を年度ごとに合計しています。",
        "The table has no total row, so its rows are added up per fiscal year.",
    ),
    "reason.count_tier": Msg(
        "実績の平均 A = {average}{unit}（{years}: {values}{unit}）は基準 {lo}〜{hi}{unit}に対し「{label}」。",
        "Average A = {average} {unit} ({years}: {values}) against the band of {lo}–{hi}: {label}.",
    ),
    "reason.ratio_tier": Msg(
        "{denominator} {enrolled}{unit}に対する比率 R = {ratio} は基準 {lo}〜{hi} に対し「{label}」。",
        "Ratio R = A / E = {ratio} (E: {denominator}, {enrolled}), against the band of {lo}–{hi}: {label}.",
    ),
    "reason.no_ratio": Msg(
        "{denominator}が見つからないため、比率 R は求めていません。",
        "{denominator}: no figure found, so there is no ratio R.",
    ),
    "reason.higher_tier": Msg(
        "人数・比率のうち高い方を採ります（ガイドラインの「又は」）。",
        'The higher of the two tiers counts (the guideline says "or").',
    ),
    "reason.outstanding_factor": Msg(
        "「大きく上回る」は基準上限の{factor}倍以上とする本ツールの仮定によります。",
        '"Outstanding" at {factor} times the upper end of the band or more is this tool\'s assumption, '
        "not the guideline's.",
    ),
    "reason.coverage": Msg(
        "必須の取組の根拠 {found}/{total} 件（{share}）。",
        "Required practices with evidence: {found}/{total} ({share}).",
    ),
    "reason.coverage_step_down": Msg(
        "必須の取組の根拠が {found}/{total} 件（{share}）で{threshold}未満のため、1段階下げています。"
        "次の取組の根拠があれば戻ります: {restore}。",
        "Required practices with evidence: {found}/{total} ({share}), under {threshold}: one step down. "
        "Evidence for these would restore it: {restore}.",
    ),
    "reason.coverage_level.met": Msg(
        "必須の取組の根拠 {found}/{total} 件（{share}）: {threshold}以上のため「{label}」。",
        "Required practices with evidence: {found}/{total} ({share}), at least {threshold}: {label}.",
    ),
    "reason.coverage_level.unmet": Msg(
        "必須の取組の根拠 {found}/{total} 件（{share}）: {threshold}未満のため「{label}」。",
        "Required practices with evidence: {found}/{total} ({share}), under {threshold}: {label}.",
    ),
    "reason.others_step_up": Msg(
        "その他の取組の根拠が {found} 件あるため{steps}段階上げています（{one_step}件で1段階、{two_steps}件で2段階）。",
        "Other practices with evidence: {found}, so the level goes up by {steps} "
        "({one_step} or more: one step, {two_steps} or more: two).",
    ),
    "reason.others_no_step": Msg(
        "その他の取組の根拠は {found} 件（{one_step}件以上で1段階上がります）。",
        "Other practices with evidence: {found} ({one_step} or more raise the level one step).",
    ),
    # -- evidence not found (rules.model.Missing); practices and figures are named by the rule set ---
    "missing.years": Msg(
        "過去{wanted}年間の実績（{found}年度分のみ記載）",
        "Actual figures of the past {wanted} years (only {found} stated)",
    ),
    # -- small words --------------------------------------------------------------------------------------
    "fy": Msg("{era}年度", "FY{year}"),
    "fy.unknown": Msg("年度不明", "year not stated"),
    "list.sep": Msg("、", ", "),
    "years.sep": Msg("・", ", "),
    "none": Msg("なし", "none"),
    "kind.actual": Msg("実績", "actual"),
    "kind.target": Msg("目標", "target"),
    "kind.plan": Msg("計画", "plan"),
    "kind.average": Msg("平均", "average"),
    "kind.ratio": Msg("比率", "ratio"),
    "kind.other": Msg("その他", "other"),
    "required.yes": Msg("必須", "required"),
    "required.no": Msg("その他", "other"),
    "found.yes": Msg("あり", "found"),
    "found.no": Msg("なし", "not found"),
    # -- pipeline warnings (bot.pipeline.check.Notice codes) ----------------------------------------------
    "notice.ocr_pages": Msg(
        "{pages} ページは画像のみのため、文字をOCRで読み取りました。誤認識があり得るので、数値は原本で確認してください。",
        "Page(s) {pages} are images; their text was recognised by OCR. Check the figures against the original.",
    ),
    "notice.image_pages": Msg(
        "{pages} ページは画像のみで文字を読めません。そのページの根拠は判定に含まれていません。",
        "Page(s) {pages} are images without text; nothing on them was read.",
    ),
    # -- the text report (suijun check) ---------------------------------------------------------------------
    "report.header": Msg(
        "{name}（{pages}ページ、判定基準 {ruleset} {version}）",
        "{name}  ({pages} pages, rule set {ruleset} {version})",
    ),
    "report.provisional": Msg(
        "※ 暫定の水準です。ガイドラインは「総合的に判断」するため、最終判断は評価者が行います。",
        "Provisional levels: the guideline weighs everything as a whole, which a checker cannot; reviewers decide.",
    ),
    "report.item": Msg("■ {title}: {level}", "■ {title}: {level}"),
    "report.practices_found": Msg(
        "根拠が見つかった取組 ({found}/{total}):", "Practices with evidence ({found}/{total}):"
    ),
    "report.not_found": Msg("見つからなかった根拠:", "Evidence not found:"),
    "report.near_miss": Msg("検討・予定の記述のみ", "planned or considered only"),
    "report.figures": Msg("主な数値", "Figures found"),
    "report.figure": Msg(
        "{label}: {quantity}（{year}、{kind}）p.{page}",
        "{label}: {quantity} ({year}, {kind}), p.{page}",
    ),
    "report.context": Msg("← {chain}", "← {chain}"),
    # where a figure's measure, year and kind were read (figures[].context), innermost first
    "context.clause": Msg("文", "clause"),
    "context.sentence": Msg("文", "sentence"),
    "context.previous_sentence": Msg("前の文", "previous sentence"),
    "context.heading": Msg("見出し", "heading"),
    "context.caption": Msg("表題", "caption"),
    "context.unit_line": Msg("単位", "unit line"),
    "context.row": Msg("行", "row"),
    "context.column": Msg("列", "column"),
    "context.report_date": Msg("報告書の日付", "report date"),
    # -- the command line -------------------------------------------------------------------------------------
    "cli.no_such_file": Msg("ファイルが見つかりません: {path}", "No such file: {path}"),
    "cli.unexpected": Msg(
        "解析中に予期しないエラーが起きました。ファイルを監査ログに残しました。管理者に連絡してください。",
        "The analysis failed unexpectedly. The file was kept in the audit log; please tell the administrator.",
    ),
    "cli.unexpected_not_logged": Msg(
        "解析中に予期しないエラーが起きました（監査ログには記録していません）。管理者に連絡してください。",
        "The analysis failed unexpectedly (not recorded in the audit log); please tell the administrator.",
    ),
    "cli.progress_pages": Msg("ページを読み取り中", "Reading pages"),
    "cli.progress_ocr": Msg("画像のページを文字認識中（OCR）", "Recognising scanned pages (OCR)"),
    "cli.progress_files": Msg("報告書を解析中", "Checking reports"),
    "cli.batch_summary": Msg(
        "{total}件中{analysed}件を解析、{bad}件は解析できませんでした（{seconds}秒）",
        "{analysed} of {total} analysed, {bad} could not be ({seconds} s)",
    ),
    "cli.warning": Msg("注意: {warning}", "warning: {warning}"),
    "cli.not_logged": Msg("監査ログに記録できませんでした: {error}", "could not write the audit log: {error}"),
    "cli.rules_item": Msg(
        "{title}: 取組 {practices}（必須 {required}）",
        "{title}: {practices} practices ({required} required)",
    ),
    "cli.guideline_text": Msg("ガイドライン本文: {path}", "guideline text (Japanese): {path}"),
    "cli.bad_rules": Msg("ルールファイルを読み込めません: {error}", "the rule files cannot be loaded: {error}"),
    # -- starting the bot (suijun bot) ------------------------------------------------------------------------
    "bot.no_bot_token": Msg(
        "SLACK_BOT_TOKEN が設定されていません（xoxb- で始まるボットトークン）。",
        "SLACK_BOT_TOKEN is not set (the xoxb- bot token).",
    ),
    "bot.no_app_token": Msg(
        "SLACK_APP_TOKEN が設定されていません（Socket Mode には xapp- で始まるアプリトークンが必要です）。"
        "HTTP モードなら --http PORT を指定してください。",
        "SLACK_APP_TOKEN is not set (Socket Mode needs the xapp- app-level token); or use --http PORT.",
    ),
    "bot.no_signing_secret": Msg(
        "SLACK_SIGNING_SECRET が設定されていません（HTTP モードで必要です）。",
        "SLACK_SIGNING_SECRET is not set (needed in HTTP mode).",
    ),
    "bot.no_slack_extra": Msg(
        "Slack ボットには追加のパッケージが必要です: pip install 'suijun[slack]'",
        "The Slack bot needs the slack extra: pip install 'suijun[slack]'",
    ),
    "bot.no_connection": Msg("Slack に接続できませんでした: {error}", "could not connect to Slack: {error}"),
    # -- Slack replies -----------------------------------------------------------------------------------------
    "slack.accepted": Msg("受け付けました。解析中…（{name}）", "Received. Analysing… ({name})"),
    "slack.waiting": Msg("受け付けました。順番待ちです（{name}）", "Received. Waiting for a free worker… ({name})"),
    "slack.progress": Msg("解析中…（{name}：{page} / {pages} ページ）", "Analysing… ({name}: page {page} / {pages})"),
    "slack.resumed": Msg(
        "ボットの再起動で解析が中断されたため、やり直しています…（{name}）",
        "The bot restarted during the analysis; analysing again… ({name})",
    ),
    "slack.interrupted": Msg(
        "{name} の解析は {attempts} 回とも途中で中断されました（ボットの再起動または異常終了）。"
        "ファイルを確認するか、ページを分けてもう一度アップロードしてください。",
        "The analysis of {name} was cut short {attempts} times (the bot restarted or crashed). "
        "Check the file, or split it and upload it again.",
    ),
    "slack.error": Msg(
        ":warning: {name} を解析できませんでした。{reason}", ":warning: Could not analyse {name}. {reason}"
    ),
    "slack.internal": Msg(
        "解析中に予期しないエラーが起きました（{detail}）。記録を残しました。管理者に連絡してください。",
        "An unexpected error occurred during the analysis ({detail}). It has been logged; contact the administrator.",
    ),
    "slack.not_pdf_note": Msg(
        "{name} は PDF ではないため解析しません。報告書は PDF でアップロードしてください。",
        "{name} is not a PDF, so it is not analysed. Upload the report as a PDF.",
    ),
    "slack.title": Msg("水準チェック結果（暫定）：{name}", "Provisional level check: {name}"),
    "slack.meta": Msg(
        "ルールセット {ruleset} 版 {version} ・ {pages} ページ ・ 記録番号 {run}",
        "Rule set {ruleset} version {version} · {pages} pages · record {run}",
    ),
    "slack.ledger": Msg("監査ログの先頭 seq {seq}：`{head}`", "Audit log head seq {seq}: `{head}`"),
    "slack.channel_type": Msg(
        "このボットは公開・非公開チャンネルでだけ使えます（この会話の種類 {kind} には対応していません）。"
        "報告書はボットを招待したチャンネルにアップロードしてください。",
        "This bot works in public and private channels only (not in a {kind}). "
        "Upload the report to a channel the bot was invited to.",
    ),
    "slack.item": Msg("*{title}*：*{level}*", "*{title}*: *{level}*"),
    "slack.item_plain": Msg("{title}：{level}", "{title}: {level}"),
    "slack.figures": Msg("根拠となる数値（{measure}）：{figures}", "Figures ({measure}): {figures}"),
    "slack.no_figures": Msg("根拠となる数値（{measure}）が見つかりません", "No figure of {measure} found"),
    "slack.figure": Msg("{year}{quantity}{page}", "{year}{quantity}{page}"),
    "slack.average": Msg("平均 {average}{unit}", "average {average}"),
    "slack.enrolled": Msg("{denominator} {enrolled}{unit}", "{denominator}: {enrolled}"),
    "slack.ratio": Msg("比率 {ratio}", "ratio {ratio}"),
    "slack.practices": Msg(
        "取組の根拠：必須 {found} / {total} 件、その他 {others} 件",
        "Practices with evidence: {found} / {total} required, {others} others",
    ),
    "slack.reasons": Msg("判定の理由：{reasons}", "Why: {reasons}"),
    "slack.missing": Msg("見つからなかった根拠", "Evidence not found"),
    "slack.provisional": Msg(
        "この水準は暫定です。ガイドラインは各項目を「総合的に」判断するため、最終的な判断は担当者が行ってください。"
        "「上限の{factor}倍以上で卓越」は本ツールの仮定です。すべての数値と引用（ページ付き）は添付の詳細ファイルにあります。",
        "These levels are provisional: the guideline judges each item as a whole, so a person decides. "
        '"Outstanding at {factor} times the upper end of the band" is this tool\'s assumption. Every figure and quote, '
        "with its page, is in the attached detail file.",
    ),
    "slack.detail_title": Msg("水準チェック詳細：{name}", "Level check detail: {name}"),
    "slack.detail_failed": Msg(
        "詳細ファイルを添付できませんでした（{detail}）。アプリに files:write 権限があるか確認してください。",
        "Could not attach the detail file ({detail}). Check that the app has the files:write scope.",
    ),
    "slack.chart_title": Msg("数値と目安のグラフ：{name}", "Figures against the bands: {name}"),
    "slack.highlight_title": Msg("根拠ハイライト版：{name}", "Evidence highlighted: {name}"),
    # One note per result, whatever picture Slack refused and why (the code is in the process log
    # and the audit log, never here): the levels above stand, and the user can draw both at hand.
    "slack.pictures_failed": Msg(
        "グラフと根拠ハイライト版をこのスレッドに添付できませんでした。水準と根拠は上の結果のとおりです。"
        "手元で作るには、この報告書で次を実行してください：`suijun check {name} --chart chart.png --highlight highlight.pdf`",
        "Could not attach the chart and the highlighted report to this thread. The levels and evidence above stand. "
        "To make them yourself, run on this report: `suijun check {name} --chart chart.png --highlight highlight.pdf`",
    ),
    # the detail file (Markdown)
    "detail.file": Msg(
        "ファイル: {name}（{pages} ページ、{size} バイト）", "File: {name} ({pages} pages, {size} bytes)"
    ),
    "detail.text_source": Msg("文字の取得元: {source}", "Text source: {source}"),
    "detail.producer": Msg("作成ソフト: {producer}", "Producer: {producer}"),
    "detail.ruleset": Msg(
        "ルールセット: {ruleset} {version} (`{sha256}`)", "Rule set: {ruleset} {version} (`{sha256}`)"
    ),
    "detail.record": Msg("記録番号: #{run}", "Record: #{run}"),
    "detail.practices": Msg("取組と根拠", "Practices and evidence"),
    "detail.practices_header": Msg(
        "| 取組 | 必須 | 根拠 | ページ | 引用 |", "| practice | required | found | page | quote |"
    ),
    "detail.figures": Msg("抽出したすべての数値", "Every figure found"),
    "detail.figures_header": Msg(
        "| 指標 | 項目 | 値 | 年度 | 種別 | ページ | 引用 |",
        "| measure | label | value | year | kind | page | quote |",
    ),
    # answers in a thread
    "answer.help": Msg(
        "報告書（PDF）をこのチャンネルにアップロードすると、スレッドに項目ごとの暫定水準と根拠を返します。"
        "結果のスレッドで質問すると、その報告書の記述を引用して答えます。",
        "Upload a report PDF to this channel and I reply in its thread with the provisional level per item. "
        "Ask in that thread and I answer by quoting the report.",
    ),
    "answer.pending": Msg(
        "この報告書はまだ解析中です。結果が出てから、もう一度質問してください。",
        "This report is still being analysed. Ask again once the result is posted.",
    ),
    "answer.no_result": Msg(
        "このスレッドには解析できた報告書がありません。PDF をアップロードし直してください。",
        "No report in this thread could be analysed. Upload the PDF again.",
    ),
    # -- answers by intent (bot.answers): figures, practices, levels, the guideline, retrieval ---------------
    "ask.figure.head": Msg(
        "{measure}（{name}）",
        "{measure} ({name})",
    ),
    "ask.figure.value": Msg(
        "{year}：{value}（p.{page}）",
        "{year}: {value} (p.{page})",
    ),
    "ask.figure.other": Msg("{measure} {value}（{year}{page}）", "{measure} {value} ({year}{page})"),
    "ask.figure.value_nopage": Msg(
        "{year}：{value}",
        "{year}: {value}",
    ),
    "ask.figure.context": Msg(
        "読み取った位置：{context}",
        "Read from: {context}",
    ),
    "ask.figure.used": Msg(
        "水準の判定に使った値です（{item}）。",
        "This value is used for the level ({item}).",
    ),
    "ask.figure.not_stated_year": Msg(
        "{year}の{measure}は、報告書に記載が見つかりませんでした。",
        "The report does not state {measure} for {year}.",
    ),
    "ask.figure.not_stated": Msg(
        "{measure}は、報告書に記載が見つかりませんでした。",
        "The report does not state {measure}.",
    ),
    "ask.figure.stated_years": Msg(
        "記載のある年度：",
        "Years the report states:",
    ),
    "ask.figure.others": Msg(
        "報告書にある主な数値：",
        "Figures the report does state:",
    ),
    "ask.figure.none_at_all": Msg(
        "報告書から数値は読み取れていません。",
        "No figure could be read from the report.",
    ),
    "ask.figure.kind_other": Msg(
        "（{kind}）",
        " ({kind})",
    ),
    "ask.figure.series_head": Msg(
        "年度",
        "Year",
    ),
    "ask.figure.col_value": Msg(
        "値",
        "Value",
    ),
    "ask.figure.col_page": Msg(
        "頁",
        "Page",
    ),
    "ask.figure.col_source": Msg(
        "根拠",
        "Source",
    ),
    "ask.figure.average": Msg(
        "過去{n}年度の平均 A = {average}人（水準判定の値）。",
        "Average over the last {n} years A = {average} (used for the level).",
    ),
    "ask.figure.ratio": Msg(
        "在籍者数 {enrolled}人に対する比率 R = {ratio}（水準判定の値）。",
        "Ratio to enrolment ({enrolled}) R = {ratio} (used for the level).",
    ),
    "ask.figure.reviewer": Msg(
        "査読者の値（{who}、{when}）",
        "reviewer's value ({who}, {when})",
    ),
    "ask.figure.superseded": Msg(
        "報告書の記載（{year} {value}、p.{page}）は査読者の値に置き換えています：",
        "The report's figure ({year} {value}, p.{page}) is replaced by the reviewer's value:",
    ),
    "ask.kind.target": Msg(
        "目標",
        "target",
    ),
    "ask.kind.plan": Msg(
        "予定",
        "plan",
    ),
    "ask.kind.average": Msg(
        "平均",
        "average",
    ),
    "ask.kind.ratio": Msg(
        "比率",
        "ratio",
    ),
    "ask.kind.actual": Msg(
        "実績",
        "actual",
    ),
    "ask.context.clause": Msg(
        "節",
        "clause",
    ),
    "ask.context.sentence": Msg(
        "文",
        "sentence",
    ),
    "ask.context.previous_sentence": Msg(
        "前の文",
        "previous sentence",
    ),
    "ask.context.heading": Msg(
        "見出し",
        "heading",
    ),
    "ask.context.caption": Msg(
        "表題",
        "caption",
    ),
    "ask.context.unit_line": Msg(
        "単位",
        "unit line",
    ),
    "ask.context.row": Msg(
        "行",
        "row",
    ),
    "ask.context.column": Msg(
        "列",
        "column",
    ),
    "ask.context.report_date": Msg(
        "報告書の日付",
        "report date",
    ),
    "ask.practice.head": Msg(
        "{title}（{item}・{required}）",
        "{title} ({item}, {required})",
    ),
    "ask.practice.required": Msg(
        "必須の取組",
        "required practice",
    ),
    "ask.practice.optional": Msg(
        "その他の取組",
        "other practice",
    ),
    "ask.practice.found": Msg(
        "報告書に記載があります：",
        "The report states it:",
    ),
    "ask.practice.not_found": Msg(
        "報告書には記載が見つかりませんでした（根拠なし）。",
        "The report does not mention it (no evidence found).",
    ),
    "ask.practice.guideline": Msg(
        "ガイドラインが「一般的な水準にある」に挙げる取組です：「{quote}」",
        "The guideline lists it for “at the general level”: “{quote}”",
    ),
    "ask.practice.guideline_other": Msg(
        "ガイドラインの「その他の取組の例」の一つです（実施していなくても一般的な水準の判定には影響しません）。",
        "The guideline lists it among the other practices (its absence does not lower the general level).",
    ),
    "ask.practice.near_miss": Msg(
        "計画・検討の段階の記述はあります（根拠には数えていません）：",
        "The report mentions it only as planned or considered (not counted):",
    ),
    "ask.practice.coverage": Msg(
        "{item}の必須の取組の根拠は {found}/{total} 件です。",
        "{item}: {found} of {total} required practices evidenced.",
    ),
    "ask.practice.rejected": Msg(
        "査読者が根拠にならないとしました（{who}、{when}）。",
        "A reviewer ruled the quotes out ({who}, {when}).",
    ),
    "ask.practice.reviewer": Msg(
        "査読者の指摘（{who}、{when}）",
        "pointed out by a reviewer ({who}, {when})",
    ),
    "ask.level.head": Msg(
        "{title}：{label}",
        "{title}: {label}",
    ),
    "ask.level.missing": Msg(
        "見つからなかった根拠（{title}）：",
        "Evidence not found ({title}):",
    ),
    "ask.level.none_missing": Msg(
        "なし",
        "none",
    ),
    "ask.level.change_head": Msg(
        "水準が変わる条件（{title}）：",
        "What would change the level ({title}):",
    ),
    "ask.level.top": Msg(
        "最上位の水準です。",
        "This is the highest level.",
    ),
    "ask.lever.practices": Msg(
        "必須の取組の根拠があと {needed} 件あれば（{found}/{total} → {after}/{total}、{threshold}以上）{also}「{target}」になります。根拠のない取組：{candidates}",
        "{needed} more required practice(s) with evidence ({found}/{total} → {after}/{total}, at least {threshold}){also} would make it “{target}”. Not evidenced: {candidates}",
    ),
    "ask.lever.and_average": Msg(
        "、かつ実績の平均 A が {needed}人{bound}（現在 {current}人）なら",
        " together with an average A of {bound} {needed} (now {current})",
    ),
    "ask.lever.average_count": Msg(
        "過去{years}年度の実績の平均 A が {needed}人{bound}（現在 {current}人）なら「{target}」になります（基準 {lo}〜{hi}人{factor_note}）。",
        "An average A of {bound} {needed} over the last {years} years (now {current}) would make it “{target}” (band {lo}–{hi}{factor_note}).",
    ),
    "ask.lever.average_ratio": Msg(
        "在籍者数 {enrolled}人に対する比率 R が {ratio}{bound}、つまり過去{years}年度の平均 A が {needed}人{bound}（現在 {current}人）なら「{target}」になります（基準 {rlo}〜{rhi}{factor_note}）。",
        "A ratio R of {bound} {ratio} of the {enrolled} enrolled, i.e. an average A of {bound} {needed} over the last {years} years (now {current}), would make it “{target}” (band {rlo}–{rhi}{factor_note}).",
    ),
    "ask.lever.more": Msg(
        "ほか{n}件",
        " and {n} more",
    ),
    "ask.lever.bound_min": Msg(
        "以上",
        "at least",
    ),
    "ask.lever.bound_strict": Msg(
        "を超える",
        "over",
    ),
    "ask.lever.factor": Msg(
        "。「大きく上回る」は上限の{factor}倍以上とする本ツールの仮定",
        "; “well above” is this tool's assumption of {factor}× the upper end",
    ),
    "ask.lever.others": Msg(
        "その他の取組の根拠があと {needed} 件あれば（現在 {current} 件、{one}件で1段階・{two}件で2段階）「{target}」になります。根拠のない取組：{candidates}",
        "{needed} more other practice(s) with evidence (now {current}; {one} raise one step, {two} two) would make it “{target}”. Not evidenced: {candidates}",
    ),
    "ask.lever.figure": Msg(
        "{measure}の実数（年度ごとの人数）が分かれば判定できます。スレッドで「令和4年度の{short}は71人」のように書いてください。",
        "A figure of {measure} (people per year) is needed for a level. Write it in the thread, e.g. 「令和4年度の{short}は71人」.",
    ),
    "ask.guideline.head": Msg(
        "ガイドライン：{section}",
        "Guideline: {section}",
    ),
    "ask.guideline.where": Msg(
        "出典：{page}",
        "Source: {page}",
    ),
    "ask.guideline.practice": Msg(
        "「{title}」（{required}）について、ガイドラインの文言：「{quote}」",
        "On “{title}” ({required}), the guideline says: “{quote}”",
    ),
    "ask.guideline.others": Msg(
        "その他の取組の例：{titles}",
        "Other practices listed: {titles}",
    ),
    "ask.guideline.assumption": Msg(
        "暫定判定では「大きく上回る」を基準上限の{factor}倍以上と読みます（本ツールの仮定）。",
        "The provisional level reads “well above” as {factor}× the band's upper end (this tool's assumption).",
    ),
    "ask.search.head": Msg(
        "{name} で質問に近い記述：",
        "Closest passages in {name}:",
    ),
    "ask.nothing": Msg(
        "{name} には質問に合う記述が見つかりませんでした。次のように聞いてみてください：",
        "Nothing in {name} matches the question. Try asking like this:",
    ),
    "ask.help": Msg(
        "このスレッドの報告書について、次のように質問できます：",
        "Ask about this thread's report like this:",
    ),
    "ask.footer": Msg(
        "報告書からの引用です。水準は暫定で、最終的な判断は担当者が行います。",
        "Quoted from the report. Levels are provisional; a person decides.",
    ),
    "ask.example.figure": Msg(
        "「{year}の外国人留学生数は？」",
        "「{year}の外国人留学生数は？」",
    ),
    "ask.example.series": Msg(
        "「海外派遣学生数の推移は？」",
        "「海外派遣学生数の推移は？」",
    ),
    "ask.example.practice": Msg(
        "「宿舎について何と書いてある？」",
        "「宿舎について何と書いてある？」",
    ),
    "ask.example.level": Msg(
        "「なぜ海外派遣は下回っているのですか」",
        "「なぜ海外派遣は下回っているのですか」",
    ),
    "ask.example.change": Msg(
        "「受入の水準を上げるには何が必要？」",
        "「受入の水準を上げるには何が必要？」",
    ),
    "ask.example.guideline": Msg(
        "「一般的な水準の基準は？」",
        "「一般的な水準の基準は？」",
    ),
    "ask.example.supply": Msg(
        "「在籍者数は18,000人です」（査読者の値として記録）",
        "「在籍者数は18,000人です」 (recorded as a reviewer's value)",
    ),
    "review.value": Msg(
        "{who} さんの値として記録しました（記録 #{id}、{when}）：{measure} {value}（{year}）{page}",
        "Recorded as {who}'s value (record #{id}, {when}): {measure} {value} ({year}){page}",
    ),
    "review.value.page": Msg(
        "、p.{page}",
        ", p.{page}",
    ),
    "review.value.supersedes": Msg(
        "以前の値 #{old}（{value}）を置き換えます。",
        "It supersedes value #{old} ({value}).",
    ),
    "review.value.same": Msg(
        "報告書の記載（{value}、p.{page}）と同じ値です。",
        "The report states the same value ({value}, p.{page}).",
    ),
    "review.value.replaces": Msg(
        "報告書から読み取った値（{value}、p.{page}）に代えて使います。",
        "It replaces the value read from the report ({value}, p.{page}).",
    ),
    "review.value.year_assumed": Msg(
        "年度の指定がないため、報告書の年度（{year}）の値としました。違う場合は年度を付けて書き直してください。",
        "No year was given, so it is taken as the report's year ({year}). Write it again with a year if that is wrong.",
    ),
    "review.evidence": Msg(
        "{who} さんの指摘として記録しました（記録 #{id}、{when}）：「{title}」（{item}）の根拠 {page}",
        "Recorded as {who}'s evidence (record #{id}, {when}): “{title}” ({item}) at {page}",
    ),
    "review.evidence.rejected": Msg(
        "{who} さんの指摘として記録しました（記録 #{id}、{when}）：「{title}」（{item}）は根拠なしとします",
        "Recorded as {who}'s ruling (record #{id}, {when}): “{title}” ({item}) is not evidenced",
    ),
    "review.evidence.page": Msg(
        "p.{page}",
        "p.{page}",
    ),
    "review.evidence.nopage": Msg(
        "（ページ指定なし）",
        "(no page given)",
    ),
    "review.changed": Msg(
        "再評価の結果：",
        "Re-evaluated:",
    ),
    "review.level": Msg(
        "{title}：{before} → {after}",
        "{title}: {before} → {after}",
    ),
    "review.level_same": Msg(
        "{title}：{level}（変わりません）",
        "{title}: {level} (unchanged)",
    ),
    "review.basis": Msg(
        "根拠の変化：{changes}",
        "Basis: {changes}",
    ),
    "review.why": Msg(
        "理由：",
        "Why:",
    ),
    "review.unchanged": Msg(
        "水準はどの項目も変わりません。",
        "No item's level changes.",
    ),
    "review.no_run": Msg(
        "この報告書は監査ログに記録されていないため、値を記録できませんでした。",
        "This report is not in the audit log, so the value could not be recorded.",
    ),
    "review.unknown_practice": Msg(
        "どの取組のことか分かりませんでした。取組の名前（例：派遣の自己点検、宿舎、就職支援）を含めて書いてください。",
        "Which practice is meant is unclear. Name it (e.g. 「派遣の自己点検」, 「宿舎」, 「就職支援」).",
    ),
    "review.appendix": Msg(
        "{name} を、このスレッドの報告書 {report} の追加資料として読みました。",
        "Read {name} as an appendix to this thread's report {report}.",
    ),
    "review.appendix.result": Msg(
        "水準チェック結果（暫定）：{report} ＋ 追加資料 {name}",
        "Provisional result: {report} with the appendix {name}",
    ),
    "review.appendix.result_note": Msg(
        "報告書と追加資料を合わせた結果です。{name} だけの結果ではなく、報告書の結果をこの資料の数値と根拠で補ったものです。",
        "The report and its appendix together: the report's result with the figures and evidence of {name}, not {name} alone.",
    ),
    "review.appendix.none": Msg(
        "{name} からは、報告書の判定に使う数値も取組の根拠も見つかりませんでした。",
        "Nothing in {name} bears on the report's levels (no key figure, no practice evidence).",
    ),
    "review.basis.enrolled": Msg(
        "在籍者数 {old} → {new}",
        "enrolled {old} → {new}",
    ),
    "review.basis.average": Msg(
        "平均 A {old} → {new}",
        "average A {old} → {new}",
    ),
    "review.basis.ratio": Msg(
        "比率 R {old} → {new}",
        "ratio R {old} → {new}",
    ),
    "review.basis.required_found": Msg(
        "必須の取組 {old} → {new} 件",
        "required practices {old} → {new}",
    ),
    "review.basis.others_found": Msg(
        "その他の取組 {old} → {new} 件",
        "other practices {old} → {new}",
    ),
    "review.basis.values": Msg(
        "実績 {old} → {new}",
        "figures {old} → {new}",
    ),
    "review.basis.years": Msg(
        "年度 {old} → {new}",
        "years {old} → {new}",
    ),
    "ask.none": Msg(
        "なし",
        "none",
    ),
    # -- the audit log and its command line (suijun audit) ---------------------------------------------------
    "status.ok": Msg("完了", "ok"),
    "status.bad_input": Msg("入力不可", "bad_input"),
    "status.unreadable": Msg("読取不可", "unreadable"),
    "status.timeout": Msg("時間切れ", "timeout"),
    "status.error": Msg("エラー", "error"),
    "audit.bad_row.hash_mismatch": Msg(
        "内容が記録時のハッシュと一致しません（書き換えられています）",
        "content does not match its recorded hash (altered)",
    ),
    "audit.bad_row.prev_mismatch": Msg(
        "直前の行（events seq={prev}）のハッシュとつながっていません（直前の行とそのハッシュが書き換えられています）",
        "does not link to the hash of the row before it (events seq={prev}): that row and its hash were rewritten",
    ),
    "audit.bad_row.row_missing": Msg(
        "台帳にある行が見つかりません（削除されています）", "row listed in the ledger is missing (deleted)"
    ),
    "audit.bad_row.not_chained": Msg(
        "台帳に記録されていない行です（後から挿入されています）", "row is not in the ledger (inserted afterwards)"
    ),
    "audit.bad_row.seq_gap": Msg("台帳の行が欠けています（削除されています）", "ledger entry missing (deleted)"),
    "audit.replay_error.no_run": Msg("実行 #{run_id} は記録されていません。", "run #{run_id} is not in the log."),
    "audit.replay_error.not_kept": Msg(
        "実行 #{run_id} の入力ファイルが保存されていません（store/ フォルダを確認してください）。",
        "the input of run #{run_id} was not kept (check the store/ folder).",
    ),
    "audit.replay_error.combined": Msg(
        "実行 #{run_id} は報告書と追加資料を合わせた結果で、入力ファイルを持ちません。合わせた実行（{detail}）を再実行してください。",
        "run #{run_id} combines a report with its appendix and has no input file of its own: replay the runs it combines ({detail}).",
    ),
    "audit.replay_error.hash_mismatch": Msg(
        "実行 #{run_id} の保存ファイルが記録された SHA-256 と一致しません（改ざんの可能性）。",
        "the kept input of run #{run_id} does not match its recorded SHA-256 (possibly altered).",
    ),
    "audit.replay_error.no_checker": Msg(
        "解析プログラムを読み込めません: {detail}", "the checker cannot be loaded: {detail}"
    ),
    "audit.no_log": Msg("監査ログがありません: {path}", "no audit log at {path}"),
    "audit.bad_date": Msg(
        "日付は 2025-04-01 や 2025-04-01T09:00 の形で指定してください", "use a date like 2025-04-01 or 2025-04-01T09:00"
    ),
    "audit.source.option": Msg("--db で指定", "given with --db"),
    "audit.source.env": Msg("環境変数 SUIJUN_DB", "from SUIJUN_DB"),
    "audit.source.checkout": Msg("チェックアウトの data/", "the data/ folder of this checkout"),
    "audit.source.user": Msg("ユーザーのデータフォルダ", "the per-user data folder"),
    "audit.where.why": Msg("理由: {why}", "why: {why}"),
    "audit.where.store": Msg("保存PDF: {path}", "kept PDFs: {path}"),
    "audit.where.not_created": Msg("（まだ作成されていません）", "(not created yet)"),
    "audit.list.empty": Msg("記録はまだありません。", "No runs logged yet."),
    "audit.col.id": Msg("ID", "ID"),
    "audit.col.time": Msg("日時 (UTC)", "time (UTC)"),
    "audit.col.source": Msg("経路", "source"),
    "audit.col.user": Msg("利用者", "user"),
    "audit.col.file": Msg("ファイル", "file"),
    "audit.col.status": Msg("状態", "status"),
    "audit.col.questions": Msg("質問", "questions"),
    "audit.col.combines": Msg("合成元", "combines"),
    "audit.no_run": Msg("実行 #{run_id} は記録されていません", "no run {run_id} in the log"),
    "audit.no_result": Msg("実行 #{run_id} には解析結果がありません", "run {run_id} has no result (it failed)"),
    "audit.practice_choices": Msg("取組の id は次のいずれかです: {ids}", "practice must be one of: {ids}"),
    "audit.evidence.recorded": Msg(
        "査読者の根拠 #{evidence_id} を実行 #{run_id} に記録しました。",
        "recorded reviewer evidence #{evidence_id} for run #{run_id}.",
    ),
    "audit.key.no_pdf": Msg(
        "（PDF は保存されていないため書き出していません）", "(the PDF was not kept, so it is not written)"
    ),
    "audit.run.head": Msg(
        "実行 #{run_id}  {at}  経路: {source}  利用者: {who}", "run #{run_id}  {at}  source: {source}  actor: {who}"
    ),
    "audit.run.file": Msg("ファイル: {name}", "file: {name}"),
    "audit.run.facts": Msg(
        "  サイズ: {size} バイト   ページ数: {pages}   テキスト: {text}   作成ソフト: {producer}",
        "  size: {size} bytes   pages: {pages}   text: {text}   producer: {producer}",
    ),
    "audit.run.combined": Msg(
        "  報告書（実行 #{base}）に追加資料 {appendix}（実行 #{appendix_id}、SHA-256: {sha}）を合わせた結果",
        "  the report (run #{base}) with the appendix {appendix} (run #{appendix_id}, SHA-256: {sha}) read in",
    ),
    "audit.run.stored": Msg("  保存先: {path}", "  stored at: {path}"),
    "audit.run.not_kept": Msg("（保存なし）", "(not kept)"),
    "audit.run.status": Msg("状態: {status}（{label}）", "status: {status}"),
    "audit.run.message": Msg("  利用者への表示: {message}", "  shown to the user: {message}"),
    "audit.run.detail": Msg("  詳細: {kind}: {detail}", "  detail: {kind}: {detail}"),
    "audit.run.ruleset": Msg(
        "ルールセット: {ruleset} {version}  (SHA-256 {sha256})", "rule set: {ruleset} {version}  (SHA-256 {sha256})"
    ),
    "audit.run.software": Msg("ソフトウェア: suijun {version}  {libraries}", "software: suijun {version}  {libraries}"),
    "audit.run.levels": Msg("水準:", "levels:"),
    "audit.run.level": Msg("  {title} ({item}): {level}", "  {title} ({item}): {level}"),
    "audit.run.basis": Msg("    根拠: {parts}", "    basis: {parts}"),
    "audit.run.average": Msg("平均 {average}（{years}）", "average {average} ({years})"),
    "audit.run.enrolled": Msg("在籍者数 {enrolled}", "enrolled {enrolled}"),
    "audit.run.ratio": Msg("比率 {ratio}", "ratio {ratio}"),
    "audit.run.practices": Msg(
        "必須の取組 {found}/{total}、その他 {others}", "required practices {found}/{total}, others {others}"
    ),
    "audit.run.unknown": Msg("不明", "unknown"),
    "audit.run.missing": Msg("    不足している根拠: {missing}", "    missing evidence: {missing}"),
    "audit.run.required": Msg("必須", "req"),
    "audit.run.other": Msg("その他", "other"),
    "audit.run.figures": Msg("数値（{count} 件）:", "figures ({count}):"),
    "audit.run.questions": Msg("質問と回答（{count} 件）:", "questions ({count}):"),
    "audit.run.reviewer_values": Msg("査読者が入力した値:", "reviewer values:"),
    "audit.run.corrects": Msg("（#{value_id} を訂正）", " (corrects #{value_id})"),
    "audit.run.correction": Msg(
        "訂正 #{id} {at} {user}: {reason} {replacement}", "correction #{id} {at} {user}: {reason} {replacement}"
    ),
    "audit.run.replay": Msg(
        "再実行 #{id} {at}: {same}（suijun {version}）", "replay #{id} {at}: {same} (suijun {version})"
    ),
    "audit.run.identical": Msg("同一", "identical"),
    "audit.run.differs": Msg("差異あり", "differs"),
    "audit.run.ledger": Msg("台帳: seq {seq}  ハッシュ {hash}", "ledger: seq {seq}  hash {hash}"),
    "audit.verify.tampered": Msg("改ざんを検出しました: {what}", "tampering detected: {what}"),
    "audit.verify.before": Msg("（それより前の {rows} 行は検証済み）", "({rows} rows before it verified)"),
    "audit.verify.triggers": Msg(
        "追記専用のトリガーが {count} 個削除されています: {names}",
        "{count} append-only triggers have been dropped: {names}",
    ),
    "audit.verify.expect_missing": Msg(
        "指定の先頭ハッシュ {hash} が連鎖にありません: その時点以降の記録が作り直されています。",
        "the head hash {hash} is not in the chain: the log was rebuilt after it was noted.",
    ),
    "audit.verify.expect_short": Msg(
        "連鎖は {rows} 行しかありませんが、seq {seq} までが記録されていました: 記録が削られています。",
        "the chain has only {rows} rows, but seq {seq} was noted: the log was cut back.",
    ),
    "audit.verify.expect_other": Msg(
        "seq {seq} のハッシュは {found} で、記録されていた {hash} と違います: その時点までの記録が作り直されています。",
        "the hash at seq {seq} is {found}, not the {hash} noted: the log was rebuilt up to that point.",
    ),
    "audit.missing_table": Msg(
        "監査ログのテーブル {table} がありません（削除されたか、監査ログではないファイルです）。",
        "the audit log has no table {table} (dropped, or not an audit log).",
    ),
    "audit.anchor.slack_config": Msg(
        "Slack に書くには SLACK_BOT_TOKEN と、--channel または SUIJUN_ANCHOR_CHANNEL が必要です。",
        "writing to Slack needs SLACK_BOT_TOKEN and --channel or SUIJUN_ANCHOR_CHANNEL.",
    ),
    "audit.anchor.slack_failed": Msg("Slack に書けませんでした（{code}）。", "could not write to Slack ({code})."),
    "audit.verify.ok": Msg("検証OK: {rows} 行の連鎖に改ざんはありません。", "verified: chain of {rows} rows intact."),
    "audit.verify.expect_found": Msg(
        "指定の先頭ハッシュは連鎖に含まれています。", "the given head hash is in the chain."
    ),
    "audit.verify.head": Msg("先頭ハッシュ: {hash}", "head hash: {hash}"),
    "audit.replay.cannot": Msg("再実行できません: {reason}", "cannot replay: {reason}"),
    "audit.replay.identical": Msg(
        "実行 #{run_id} を現在のコードで再実行しました: 結果は同一です。",
        "replayed run #{run_id} with the current code: identical result.",
    ),
    "audit.replay.differs": Msg(
        "実行 #{run_id} を現在のコードで再実行しました: 結果が異なります（{count} 件）。",
        "replayed run #{run_id} with the current code: the result differs ({count} differences).",
    ),
    "audit.replay.more": Msg("  …ほか {count} 件（--json で全件）", "  … {count} more (all with --json)"),
    "audit.replay.status": Msg("状態: {old} → {new}", "status: {old} → {new}"),
    "audit.replay.ruleset_changed": Msg(
        "ルールセットが変わっています: {old} → {new}（SHA-256 {old_sha} → {new_sha}）",
        "the rule set changed: {old} → {new} (SHA-256 {old_sha} → {new_sha})",
    ),
    "audit.replay.ruleset_same": Msg(
        "ルールセットは変わっていません: {version}", "the rule set is unchanged: {version}"
    ),
    "audit.replay.software": Msg("ソフトウェア: suijun {old} → {new}", "software: suijun {old} → {new}"),
    "audit.export.no_time": Msg(
        "{table} には日時がないため --since は使えません", "{table} has no time, so --since cannot apply"
    ),
    "audit.value.measures": Msg("指標は次のいずれかです: {measures}", "measure must be one of: {measures}"),
    "audit.value.no_value": Msg(
        "実行 #{run_id} に査読者の値 #{value_id} はありません", "run {run_id} has no reviewer value {value_id}"
    ),
    "audit.value.recorded": Msg(
        "査読者の値 #{value_id} を実行 #{run_id} に記録しました。",
        "recorded reviewer value #{value_id} for run #{run_id}.",
    ),
    "audit.correct.field_value": Msg("FIELD=VALUE の形で指定してください", "use FIELD=VALUE"),
    "audit.correct.no_column": Msg("{table} に列 {columns} はありません", "{table} has no column {columns}"),
    "audit.correct.no_row": Msg("{table} に id={row_id} の行はありません", "{table} has no row {row_id}"),
    # -- pictures: the chart (--chart) and the highlighted report (--highlight) ---------------------------
    "chart.title": Msg("数値と判定ガイドラインの目安：{name}", "Figures against the guideline's bands: {name}"),
    "chart.panel_title": Msg("{title}（暫定：{level}）", "{title} (provisional: {level})"),
    "chart.axis": Msg("{label}（{unit}）", "{label} ({unit})"),
    "chart.actual": Msg("実績（平均に使用）", "actual (averaged)"),
    "chart.actual_unused": Msg("実績（平均に不使用）", "actual (not averaged)"),
    "chart.target": Msg("目標", "target"),
    "chart.band": Msg("目安 {low}～{high}{unit}", "band {low}–{high} {unit}"),
    "chart.ratio_band": Msg(
        "在籍者比 {low}～{high}（在籍者数 {enrolled}{unit}）",
        "{low}–{high} of enrolment ({enrolled} {unit})",
    ),
    "chart.ratio_axis": Msg("在籍者数に対する割合（%）", "share of enrolment (%)"),
    "chart.outstanding": Msg(
        "上限の{factor}倍 {value}{unit}（卓越の目安）", "{factor} × the band's top, {value} {unit} (outstanding)"
    ),
    "chart.average": Msg("過去{years}年の平均 {value}{unit}", "{years}-year average {value} {unit}"),
    "chart.years_used": Msg("平均に用いた年度：{years}", "years averaged: {years}"),
    "chart.count_tier": Msg("平均 {value}{unit} → {tier}", "average {value} {unit} → {tier}"),
    "chart.ratio_tier": Msg("在籍者比 {ratio} → {tier}", "share of enrolment {ratio} → {tier}"),
    "chart.step_down": Msg(
        "必須の取組 {found}/{total}（{threshold}未満）→ 一段階下げて {level}",
        "required practices {found}/{total} (under {threshold}) → one step down: {level}",
    ),
    "chart.no_ratio": Msg("在籍者数が見つからないため割合は未判定", "no enrolment figure: no share judged"),
    "chart.no_figures": Msg("{label}の数値が見つかりません", "No figure found for 「{label}」"),
    "highlight.title": Msg("根拠ハイライト版：{name}", "Evidence highlighted: {name}"),
    "highlight.intro": Msg(
        "この頁は suijun が追加した要約です。2頁目以降は元の報告書の各頁で、判定の根拠となった記述と数値に色付きの注釈を付けています（注釈のメモに取組名または指標名）。",
        "suijun added this page. The pages after it are the report's own, with the passages and figures the levels rest on highlighted (each note names the practice or measure).",
    ),
    "highlight.ruleset": Msg("ルールセット：{ruleset} {version}", "Rule set: {ruleset} {version}"),
    "highlight.level": Msg("暫定判定：{level}", "Provisional level: {level}"),
    "highlight.found": Msg(
        "根拠のある取組：{found}件（ハイライト {marks}箇所）", "Practices with evidence: {found} ({marks} highlights)"
    ),
    "highlight.basis": Msg("平均 {average}{unit}（{years}）", "average {average} {unit} ({years})"),
    "highlight.missing": Msg("見つからなかった根拠：", "Evidence not found:"),
    "highlight.none_missing": Msg("見つからなかった根拠：なし", "Evidence not found: none"),
    "highlight.page": Msg("（{page}頁）", "(p. {page})"),
    "highlight.figure_note": Msg("{label}：{value}（{year}）", "{label}: {value} ({year})"),
    "highlight.unplaced": Msg(
        "位置が分からず注釈を付けられなかった根拠：{count}件", "Evidence without a position, not highlighted: {count}"
    ),
    "cli.chart_written": Msg("グラフを書き出しました：{path}", "chart written: {path}"),
    "cli.no_chart": Msg(
        "グラフにできる数値（受入・派遣の実績や目標）が報告書に見つからないため、グラフは作成しませんでした。",
        "No chart: the report states no figure (students received or sent abroad, actual or target) to draw.",
    ),
    "cli.highlight_written": Msg("根拠ハイライト版を書き出しました：{path}", "highlighted copy written: {path}"),
    "cli.pictures_missing": Msg(
        "--chart と --highlight には追加パッケージが必要です：pip install 'suijun[pictures]'（不足：{modules}）",
        "--chart and --highlight need the pictures extra: pip install 'suijun[pictures]' (missing: {modules})",
    ),
    "cli.pictures_one_report": Msg(
        "--chart と --highlight は報告書1件ずつに指定してください。",
        "--chart and --highlight take one report at a time.",
    ),
    "cli.picture_failed": Msg("{what} を書き出せませんでした：{error}", "could not write {what}: {error}"),
    "audit.correct.recorded": Msg(
        "訂正 #{correction_id} を記録しました（{table} id={row_id}）。",
        "recorded correction #{correction_id} of {table} id={row_id}.",
    ),
}


# -- rendering ------------------------------------------------------------------------------------------------


def norm_lang(value: str | None) -> str:
    """``en``, ``en_US.UTF-8``, ``English`` → en; anything else → ja."""
    return "en" if (value or "").strip().lower().startswith("en") else "ja"


def lang_from_env(env: Mapping[str, str] | None = None) -> str:
    """SUIJUN_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG); Japanese unless one says English."""
    env = os.environ if env is None else env
    for var in ("SUIJUN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return norm_lang(value)
    return "ja"


def text(msg_id: str, lang: str = "ja", **params: Any) -> str:
    return CATALOGUE[msg_id].get(lang).format(**params)


def both(msg_id: str, **params: Any) -> str:
    """Japanese, then English: for one-line errors whose reader's language is unknown."""
    return f"{text(msg_id, 'ja', **params)} / {text(msg_id, 'en', **params)}"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _era(year: int) -> str:
    if year >= 2019:
        n = year - 2018
        return f"令和{'元' if n == 1 else n}"
    if year >= 1989:
        n = year - 1988
        return f"平成{'元' if n == 1 else n}"
    return str(year)


def fiscal_year(year: int | None, lang: str = "ja") -> str:
    """令和5年度 / FY2023 (the Japanese fiscal year starting in April of ``year``)."""
    if year is None:
        return text("fy.unknown", lang)
    return text("fy", lang, era=_era(year), year=year)


def fiscal_years(years: Iterable[int], lang: str = "ja") -> str:
    years = list(years)
    if not years:
        return text("fy.unknown", lang)
    return text("years.sep", lang).join(fiscal_year(y, lang) for y in years)


def number(value: float | int | None) -> str:
    """1,234 / 88.25 / 0.66: grouped, integers without decimals, others with up to four."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def percent(fraction: float, digits: int = 0) -> str:
    """A fraction as a percentage: 0.5 → 50%; 0.0214 with 2 digits → 2.14%."""
    return f"{fraction * 100:.{digits}f}%"


def _g(value: float) -> str:
    return f"{value:g}"


def join(parts: Iterable[str], lang: str = "ja") -> str:
    return text("list.sep", lang).join(parts)


def title(obj: Any, lang: str = "ja") -> str:
    """An item's or practice's title (a result, a rule or their JSON) in ``lang``."""
    if isinstance(obj, Mapping):
        ja, en = obj.get("title", ""), obj.get("title_en", "")
    else:
        ja, en = getattr(obj, "title", ""), getattr(obj, "title_en", "")
    return (en or ja) if lang == "en" else ja


def practice_title(practice_id: str, lang: str, ruleset: RuleSet) -> str:
    rule = ruleset.find_practice(practice_id)
    return title(rule, lang) if rule is not None else practice_id


def unit(measure: str, lang: str, ruleset: RuleSet) -> str:
    """The unit a measure counts in: 人 / students."""
    if lang == "en":
        info = ruleset.measures.get(measure)
        return info.unit_en if info else ""
    terms = next((m for m in ruleset.vocabulary.measures if m.id == measure), None)
    return terms.units[0] if terms and terms.units else ""


_MULTIPLIERS = (("百万", 1_000_000), ("千万", 10_000_000), ("億", 100_000_000), ("万", 10_000), ("千", 1_000))


def quantity(value: float, stated_unit: str, measure: str | None, lang: str, ruleset: RuleSet | None) -> str:
    """A figure as a reader of ``lang`` writes it: 4,120人 / 4,120 students, 1.2万人 / 12,000 students."""
    if lang != "en":
        return f"{number(value)}{stated_unit}"
    if stated_unit in ("%", "％"):
        return f"{number(value)}%"
    for prefix, factor in _MULTIPLIERS:
        if stated_unit.startswith(prefix) and len(stated_unit) > len(prefix):
            value, stated_unit = value * factor, stated_unit[len(prefix) :]
            break
    name = unit(measure, "en", ruleset) if measure and ruleset is not None else ""
    if not name and stated_unit == "円":
        name = "yen"
    return f"{number(value)} {name}".rstrip()


def reason(r: Reason | Mapping, lang: str, ruleset: RuleSet) -> str:
    """One reason of a level as a sentence. Accepts a ``Reason`` or its JSON (stored results)."""
    from suijun.rules.model import Reason

    if isinstance(r, str):  # a result stored before reasons were codes
        return r
    r = r if isinstance(r, Reason) else Reason.from_json(dict(r))
    p = r.params

    def label(level: str) -> str:
        return ruleset.level_label(level, lang)

    def share(found: int, total: int) -> str:
        return percent(found / total if total else 1.0)

    code = r.code
    if code in ("no_figure", "summed_parts"):
        return text(f"reason.{code}", lang, measure=ruleset.measure_label(p["measure"], lang))
    if code == "count_tier":
        lo, hi = p["band"]
        return text(
            "reason.count_tier",
            lang,
            average=f"{p['average']:,.1f}",
            unit=unit(p["measure"], lang, ruleset),
            years=fiscal_years(p["years"], lang),
            values=join((number(v) for v in p["values"]), lang),
            lo=_g(lo),
            hi=_g(hi),
            label=label(p["tier"]),
        )
    if code == "ratio_tier":
        lo, hi = p["band"]
        return text(
            "reason.ratio_tier",
            lang,
            denominator=ruleset.measure_label(p["denominator"], lang),
            enrolled=number(p["enrolled"]),
            unit=unit(p["denominator"], lang, ruleset),
            ratio=percent(p["ratio"], 2),
            lo=_g(lo * 100),
            hi=_g(hi * 100) + "%",
            label=label(p["tier"]),
        )
    if code == "no_ratio":
        return text("reason.no_ratio", lang, denominator=ruleset.measure_label(p["denominator"], lang))
    if code == "higher_tier":
        return text("reason.higher_tier", lang)
    if code == "outstanding_factor":
        return text("reason.outstanding_factor", lang, factor=_g(p["factor"]))
    if code == "coverage":
        return text("reason.coverage", lang, found=p["found"], total=p["total"], share=share(p["found"], p["total"]))
    if code == "coverage_step_down":
        return text(
            "reason.coverage_step_down",
            lang,
            found=p["found"],
            total=p["total"],
            share=share(p["found"], p["total"]),
            threshold=percent(p["threshold"]),
            restore=join((practice_title(i, lang, ruleset) for i in p["restore"]), lang),
        )
    if code == "coverage_level":
        met = p["found"] >= p["threshold"] * p["total"]
        return text(
            "reason.coverage_level.met" if met else "reason.coverage_level.unmet",
            lang,
            found=p["found"],
            total=p["total"],
            share=share(p["found"], p["total"]),
            threshold=percent(p["threshold"]),
            label=label(p["level"]),
        )
    if code in ("others_step_up", "others_no_step"):
        return text(f"reason.{code}", lang, **p)
    raise KeyError(f"no message for reason code {code!r}")


def missing(m: Missing | Mapping | str, lang: str, ruleset: RuleSet, item_id: str | None = None) -> str:
    """A piece of evidence not found, named as the rule set names it."""
    from suijun.rules.model import Missing

    if isinstance(m, str):  # a result stored before missing evidence was structured
        return m
    m = m if isinstance(m, Missing) else Missing.from_json(dict(m))
    if m.kind == "practice":
        return practice_title(m.id, lang, ruleset)
    if m.kind == "figure":
        return ruleset.figure_label(m.id, item_id, lang)
    return text("missing.years", lang, wanted=m.wanted, found=m.found)


def notice(code: str, params: Mapping[str, Any], lang: str = "ja") -> str:
    """A pipeline notice (bot.pipeline.check.Notice): pages are listed as 1, 2, 5."""
    return text(f"notice.{code}", lang, pages=", ".join(str(n) for n in params["pages"]))


def level_label(level: str, lang: str, ruleset: RuleSet) -> str:
    return ruleset.level_label(level, lang)


def error(exc: Any, lang: str = "ja") -> str:
    """What a person reads for an error that names its catalogue: ``BadInput`` (bad_input.<kind>),
    ``DownloadRefused`` (download.<kind>)."""
    return text(f"{exc.catalogue}.{exc.kind}", lang, **exc.params)


def error_line(exc: Any) -> str:
    """The one line of Japanese and English the CLI prints and the audit log keeps."""
    return f"{error(exc, 'ja')} / {error(exc, 'en')}"


def bad_input(exc: BadInput, lang: str = "ja") -> str:
    return error(exc, lang)


def context_chain(links: Iterable[Any], lang: str = "ja", limit: int = 20) -> str:
    """A figure's context, innermost first: 行「合計」・列「R4」・表題「資料4-2 留学生数の推移」."""
    parts = []
    for link in links:
        source = link.source if hasattr(link, "source") else link["from"]
        words = link.text if hasattr(link, "text") else link["text"]
        words = words if len(words) <= limit else words[: limit - 1] + "…"
        # the report's words in 「」 in either language, as every quote of the report is shown
        parts.append(
            f"{text(f'context.{source}', lang)}「{words}」"
            if lang == "ja"
            else f"{text(f'context.{source}', lang)} 「{words}」"
        )
    return ("・" if lang == "ja" else ", ").join(parts)


def kind(value: str, lang: str = "ja") -> str:
    msg_id = f"kind.{value}"
    return text(msg_id, lang) if msg_id in CATALOGUE else value


__all__ = [
    "CATALOGUE",
    "LANGS",
    "Msg",
    "bad_input",
    "both",
    "context_chain",
    "error",
    "error_line",
    "fiscal_year",
    "fiscal_years",
    "lang_from_env",
    "missing",
    "norm_lang",
    "number",
    "percent",
    "quantity",
    "reason",
    "text",
    "title",
]
