"""``suijun audit …``: browse, verify, replay and export the audit log.

Loaded lazily by ``suijun.bot.cli.main``; the library is ``suijun.bot.audit`` (log, verify, replay).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import click
from suijun.bot.audit.log import AuditLog, utc_now
from suijun.bot.audit.migrations import AUDIT_TABLES, VIEWS
from suijun.bot.audit.replay import ReplayError
from suijun.bot.audit.replay import replay as replay_run
from suijun.bot.datadir import DB_HELP, resolve_db

LEVEL_JA = {
    "below": "下回る",
    "standard": "一般的",
    "above": "上回る",
    "outstanding": "卓越",
    "undetermined": "保留",
}
STATUS_JA = {"ok": "完了", "bad_input": "入力不可", "unreadable": "読取不可", "timeout": "時間切れ", "error": "エラー"}
EXPORTABLE = (*AUDIT_TABLES, "events", *VIEWS)


def _lang(explicit: str | None) -> str:
    if explicit:
        return explicit
    for var in ("SUIJUN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    return "ja"


def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            return out + "…"
        out, used = out + ch, used + w
    return out


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table that stays aligned with full-width Japanese."""
    cells = [headers] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c + " " * (widths[i] - _width(c)) for i, c in enumerate(r)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _open(db: Path | None, lang: str, *, must_exist: bool = True) -> AuditLog:
    path = resolve_db(db).db
    if must_exist and not path.exists():
        raise click.ClickException(_t(lang, f"監査ログがありません: {path}", f"no audit log at {path}"))
    return AuditLog(path)


def _since(value: str | None, lang: str) -> str | None:
    """A date or date-time (UTC unless it says otherwise) as the log's timestamp text."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            _t(
                lang,
                "日付は 2025-04-01 や 2025-04-01T09:00 の形で指定してください",
                "use a date like 2025-04-01 or 2025-04-01T09:00",
            ),
            param_hint="--since",
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=DB_HELP,
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Language of the output (default: ja, or en from LANG).",
)


@click.group()
def audit():
    """The audit log: every check, question, answer and reviewer value, append-only and hash-chained.

    \b
    Example:
        suijun audit where
        suijun audit list
        suijun audit show 12
        suijun audit verify
        suijun audit replay 12
        suijun audit export --format csv --since 2025-04-01 > runs.csv
        suijun audit add-value 12 enrolled_students 2350 --year 2022
        suijun audit correct runs 12 --reason "誤送信"
    """


_SOURCE_TEXT = {
    "option": ("--db で指定", "given with --db"),
    "env": ("環境変数 SUIJUN_DB", "from SUIJUN_DB"),
    "checkout": ("チェックアウトの data/", "the data/ folder of this checkout"),
    "user": ("ユーザーのデータフォルダ", "the per-user data folder"),
}


@audit.command()
@db_option
@lang_option
def where(db, lang):
    """Print where the audit database (and the kept PDFs beside it) is, and why there.

    \b
    Example:
        suijun audit where
        sqlite3 "$(suijun audit where | head -n 1)" .tables
    """
    lang = _lang(lang)
    location = resolve_db(db)
    ja, en = _SOURCE_TEXT[location.source]
    exists = location.db.exists()
    click.echo(str(location.db))
    click.echo(_t(lang, f"理由: {ja}", f"why: {en}"))
    click.echo(_t(lang, f"保存PDF: {location.store}", f"kept PDFs: {location.store}"))
    if not exists:
        click.echo(_t(lang, "（まだ作成されていません）", "(not created yet)"))


@audit.command(name="list")
@db_option
@lang_option
@click.option("-n", "--limit", type=int, default=20, show_default=True, help="How many runs, newest first.")
@click.option(
    "--status",
    type=click.Choice(["ok", "bad_input", "unreadable", "timeout", "error"]),
    default=None,
    help="Only runs with this status.",
)
@click.option(
    "--source", type=click.Choice(["cli", "slack"]), default=None, help="Only runs from the CLI or from Slack."
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
def list_runs(db, lang, limit, status, source, as_json):
    """Recent checks, newest first, with their levels.

    \b
    Example:
        suijun audit list
        suijun audit list --status bad_input -n 50
        suijun audit list --json | jq '.[].file_name'
    """
    lang = _lang(lang)
    where, params = [], []
    if status:
        where.append("status = ?")
        params.append(status)
    if source:
        where.append("source = ?")
        params.append(source)
    sql = (
        "SELECT * FROM runs_overview" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT ?"
    )
    with _open(db, lang) as log:
        rows = log.query(sql, [*params, limit])
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(_t(lang, "記録はまだありません。", "No runs logged yet."))
        return

    def level(value):
        if value is None:
            return "-"
        return LEVEL_JA.get(value, value) if lang == "ja" else value

    headers = (
        ["ID", "日時 (UTC)", "経路", "利用者", "ファイル", "状態", "環境", "受入", "派遣", "質問"]
        if lang == "ja"
        else ["ID", "time (UTC)", "source", "user", "file", "status", "environment", "inbound", "outbound", "questions"]
    )
    body = [
        [
            r["id"],
            r["at"][:19].replace("T", " "),
            r["source"],
            r["actor_user"] or "",
            _clip(r["file_name"] or "", 36),
            STATUS_JA.get(r["status"], r["status"]) if lang == "ja" else r["status"],
            level(r["environment"]),
            level(r["inbound"]),
            level(r["outbound"]),
            r["questions"],
        ]
        for r in rows
    ]
    click.echo(_table(headers, body))


@audit.command()
@click.argument("run_id", type=int)
@db_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print everything logged about the run as JSON.")
def show(run_id, db, lang, as_json):
    """Everything logged about one check: file, versions, levels with basis and missing evidence, figures, questions.

    \b
    Example:
        suijun audit show 12
        suijun audit show 12 --json | jq '.items[] | {item_id, level, missing}'
    """
    lang = _lang(lang)
    with _open(db, lang) as log:
        record = log.run_record(run_id)
    if record is None:
        raise click.ClickException(_t(lang, f"実行 #{run_id} は記録されていません", f"no run {run_id} in the log"))
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
        return
    click.echo(render_run(record, lang))


def _reason(reason, lang: str) -> str:
    """A logged reason: the words said at the time (Japanese), or its code rendered in English."""
    if isinstance(reason, dict) and (lang == "ja" or "code" not in reason):
        return reason.get("text", "")
    if isinstance(reason, str):
        return reason
    from suijun.bot import messages
    from suijun.rules import load_ruleset

    try:
        return messages.reason(reason, lang, load_ruleset(run_examples=False))
    except (KeyError, ValueError):  # a code of a later or earlier rule set
        return reason.get("text", "")


def render_run(r: dict, lang: str = "ja") -> str:
    t = lambda ja, en: _t(lang, ja, en)  # noqa: E731
    actor = r.get("actor") or {}
    who = " ".join(f"{k}={v}" for k, v in actor.items() if v)
    out = [
        t(
            f"実行 #{r['id']}  {r['at']}  経路: {r['source']}  利用者: {who}",
            f"run #{r['id']}  {r['at']}  source: {r['source']}  actor: {who}",
        ),
        t(f"ファイル: {r['file_name']}", f"file: {r['file_name']}"),
        f"  {t('サイズ', 'size')}: {r['file_size'] if r['file_size'] is not None else '-'} {t('バイト', 'bytes')}"
        f"   {t('ページ数', 'pages')}: {r['page_count'] if r['page_count'] is not None else '-'}"
        f"   {t('テキスト', 'text')}: {r['text_source'] or '-'}   {t('作成ソフト', 'producer')}: {r['producer'] or '-'}",
        f"  SHA-256: {r['file_sha256'] or '-'}",
        f"  {t('保存先', 'stored at')}: {r['stored_path'] or t('（保存なし）', '(not kept)')}",
        t(f"状態: {r['status']}（{STATUS_JA.get(r['status'], '')}）", f"status: {r['status']}"),
    ]
    if r.get("message"):
        out.append(t(f"  利用者への表示: {r['message']}", f"  shown to the user: {r['message']}"))
    if r.get("error_detail"):
        out.append(f"  {t('詳細', 'detail')}: {r['error_kind']}: {r['error_detail']}")
    libs = r.get("library_versions") or {}
    if r.get("ruleset_id"):
        out.append(
            t("ルールセット", "rule set")
            + f": {r['ruleset_id']} {r['ruleset_version']}  (SHA-256 {r['ruleset_sha256']})"
        )
    out.append(
        t("ソフトウェア", "software")
        + f": suijun {r['software_version']}  "
        + "  ".join(f"{k} {v}" for k, v in libs.items())
    )
    if r["items"]:
        out.append(t("水準:", "levels:"))
    for item in r["items"]:
        out.append(f"  {item['title']} ({item['item_id']}): {item['level_label'] if lang == 'ja' else item['level']}")
        basis = item.get("basis") or {}
        parts = []
        if basis.get("average") is not None:
            years = ", ".join(str(y) for y in basis.get("years") or [])
            parts.append(t(f"平均 {basis['average']}（{years}）", f"average {basis['average']} ({years})"))
            parts.append(
                t(f"在籍者数 {basis.get('enrolled') or '不明'}", f"enrolled {basis.get('enrolled') or 'unknown'}")
            )
            if basis.get("ratio") is not None:
                parts.append(t(f"比率 {basis['ratio'] * 100:.2f}%", f"ratio {basis['ratio'] * 100:.2f}%"))
        if basis.get("required_total"):
            parts.append(
                t(
                    f"必須の取組 {basis['required_found']}/{basis['required_total']}、その他 {basis.get('others_found', 0)}",
                    f"required practices {basis['required_found']}/{basis['required_total']}, others {basis.get('others_found', 0)}",
                )
            )
        if parts:
            out.append(
                t("    根拠: ", "    basis: ") + "、".join(parts) if lang == "ja" else "    basis: " + ", ".join(parts)
            )
        for reason in item.get("reasons") or []:
            out.append(f"    - {_reason(reason, lang)}")
        if item.get("missing"):
            out.append(
                t("    不足している根拠: ", "    missing evidence: ")
                + ("、" if lang == "ja" else ", ").join(item["missing"])
            )
        for p in item["practices"]:
            mark = "✓" if p["found"] else ("·" if not p["required"] else "✗")
            first = next((e for e in p["evidence"] if e["kind"] == "evidence"), None)
            where = f"  p.{first['page']} 「{_clip(first['quote'], 60)}」" if first else ""
            req = t("必須", "req") if p["required"] else t("その他", "other")
            out.append(f"    {mark} {p['practice_id']} [{req}] {p['title']}{where}")
    if r["figures"]:
        out.append(t(f"数値（{len(r['figures'])} 件）:", f"figures ({len(r['figures'])}):"))
        for f in r["figures"]:
            value = f["value"]
            value = int(value) if isinstance(value, float) and value.is_integer() else value
            out.append(
                f"  p.{f['page']} {f['measure']} {f['year'] or '-'} {f['kind']} {value}{f['unit'] or ''}  「{_clip(f['quote'] or '', 50)}」"
            )
    if r["questions"]:
        out.append(t(f"質問と回答（{len(r['questions'])} 件）:", f"questions ({len(r['questions'])}):"))
        for q in r["questions"]:
            out.append(f"  #{q['id']} {q['at']} {q['actor_user'] or ''}: {q['question']}")
            out.append(f"      → {_clip(q['answer'] or '', 200)}")
    if r["reviewer_values"]:
        out.append(t("査読者が入力した値:", "reviewer values:"))
        for v in r["reviewer_values"]:
            sup = (
                t(f"（#{v['supersedes_id']} を訂正）", f" (corrects #{v['supersedes_id']})")
                if v["supersedes_id"]
                else ""
            )
            value = int(v["value"]) if isinstance(v["value"], float) and v["value"].is_integer() else v["value"]
            out.append(
                f"  #{v['id']} {v['at']} {v['actor_user'] or ''}: {v['measure']} {v['year'] or '-'} = {value}{v['unit'] or ''} {v['note'] or ''}{sup}".rstrip()
            )
    for c in r["corrections"]:
        out.append(
            t(
                f"訂正 #{c['id']} {c['at']} {c['actor_user'] or ''}: {c['reason']} {c['replacement']}",
                f"correction #{c['id']} {c['at']} {c['actor_user'] or ''}: {c['reason']} {c['replacement']}",
            )
        )
    for p in r["replays"]:
        same = t("同一", "identical") if p["identical"] else t("差異あり", "differs")
        out.append(
            t(
                f"再実行 #{p['id']} {p['at']}: {same}（suijun {p['software_version']}）",
                f"replay #{p['id']} {p['at']}: {same} (suijun {p['software_version']})",
            )
        )
    if r.get("chain"):
        out.append(
            t(
                f"台帳: seq {r['chain']['seq']}  ハッシュ {r['chain']['hash']}",
                f"ledger: seq {r['chain']['seq']}  hash {r['chain']['hash']}",
            )
        )
    return "\n".join(out)


@audit.command()
@db_option
@lang_option
@click.option(
    "--expect",
    metavar="HASH",
    default=None,
    help="A head hash printed by an earlier verify: fail unless the chain still contains it.",
)
def verify(db, lang, expect):
    """Check the whole hash chain and the append-only triggers.

    Exit 0 and print the head hash when every row verifies; exit 1 naming the
    first row that does not. Keep the head hash somewhere else (a ticket, a
    mail): a later verify that does not reach it means the log was rebuilt.

    \b
    Example:
        suijun audit verify
        suijun audit verify --db /srv/suijun/suijun.db && echo intact
        suijun audit verify --expect "$(cat head-2025-04.txt)"
    """
    lang = _lang(lang)
    with _open(db, lang) as log:
        result = log.verify(expect=expect)
    if result.bad is not None:
        click.echo(_t(lang, "改ざんを検出しました: ", "tampering detected: ") + result.bad.describe(lang))
        click.echo(
            _t(
                lang,
                f"（それより前の {result.rows - 1} 行は検証済み）",
                f"({max(result.rows - 1, 0)} rows before it verified)",
            )
        )
    if result.missing_triggers:
        dropped = result.missing_triggers
        names = ", ".join(dropped[:3]) + (", …" if len(dropped) > 3 else "")
        click.echo(
            _t(
                lang,
                f"追記専用のトリガーが {len(dropped)} 個削除されています: {names}",
                f"{len(dropped)} append-only triggers have been dropped: {names}",
            )
        )
    if result.expected_found is False:
        click.echo(
            _t(
                lang,
                f"指定の先頭ハッシュ {expect} が連鎖にありません: その時点以降の記録が作り直されています。",
                f"the head hash {expect} is not in the chain: the log was rebuilt after it was noted.",
            )
        )
    if not result.ok:
        sys.exit(1)
    click.echo(
        _t(
            lang,
            f"検証OK: {result.rows} 行の連鎖に改ざんはありません。",
            f"verified: chain of {result.rows} rows intact.",
        )
    )
    if result.expected_found:
        click.echo(_t(lang, "指定の先頭ハッシュは連鎖に含まれています。", "the given head hash is in the chain."))
    click.echo(_t(lang, f"先頭ハッシュ: {result.head_hash}", f"head hash: {result.head_hash}"))


@audit.command()
@click.argument("run_id", type=int)
@db_option
@lang_option
@click.option("--no-record", is_flag=True, help="Do not log the replay itself (for a read-only copy of the log).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def replay(run_id, db, lang, no_record, as_json):
    """Re-run a logged check on its kept input with the current code and compare.

    Exit 0 when the result is identical, 1 when it differs (each difference is
    listed, and whether the rule set changed), 2 when the run cannot be replayed.

    \b
    Example:
        suijun audit replay 12
        suijun audit replay 12 --json | jq .differences
    """
    lang = _lang(lang)
    with _open(db, lang) as log:
        try:
            result = replay_run(log, run_id, record=not no_record)
        except ReplayError as exc:
            click.echo(_t(lang, "再実行できません: ", "cannot replay: ") + exc.text(lang), err=True)
            sys.exit(2)
    if as_json:
        payload = {**result.__dict__, "ruleset_changed": result.ruleset_changed}
        payload["differences"] = [d.__dict__ for d in result.differences]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        sys.exit(0 if result.identical else 1)
    t = lambda ja, en: _t(lang, ja, en)  # noqa: E731
    rs_old = result.old_ruleset_version or "-"
    rs_new = result.new_ruleset_version or "-"
    if result.identical:
        click.echo(
            t(
                f"実行 #{run_id} を現在のコードで再実行しました: 結果は同一です。",
                f"replayed run #{run_id} with the current code: identical result.",
            )
        )
    else:
        click.echo(
            t(
                f"実行 #{run_id} を現在のコードで再実行しました: 結果が異なります（{len(result.differences)} 件）。",
                f"replayed run #{run_id} with the current code: the result differs ({len(result.differences)} differences).",
            )
        )
        for d in result.differences[:50]:
            click.echo(f"  {d.path}: {_short(d.old)} → {_short(d.new)}")
        if len(result.differences) > 50:
            click.echo(
                t(
                    f"  …ほか {len(result.differences) - 50} 件（--json で全件）",
                    f"  … {len(result.differences) - 50} more (all with --json)",
                )
            )
    if result.new_status != "ok" or result.old_status != "ok":
        click.echo(
            t(f"状態: {result.old_status} → {result.new_status}", f"status: {result.old_status} → {result.new_status}")
        )
    elif result.ruleset_changed:
        click.echo(
            t(
                f"ルールセットが変わっています: {rs_old} → {rs_new}（SHA-256 {(result.old_ruleset_sha256 or '-')[:12]} → {(result.new_ruleset_sha256 or '-')[:12]}）",
                f"the rule set changed: {rs_old} → {rs_new} (SHA-256 {(result.old_ruleset_sha256 or '-')[:12]} → {(result.new_ruleset_sha256 or '-')[:12]})",
            )
        )
    else:
        click.echo(t(f"ルールセットは変わっていません: {rs_new}", f"the rule set is unchanged: {rs_new}"))
    if result.old_software_version != result.new_software_version:
        click.echo(
            t(
                f"ソフトウェア: suijun {result.old_software_version} → {result.new_software_version}",
                f"software: suijun {result.old_software_version} → {result.new_software_version}",
            )
        )
    sys.exit(0 if result.identical else 1)


def _short(value) -> str:
    text = "なし" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return _clip(text, 80)


@audit.command()
@db_option
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    required=True,
    help="csv: one table or view; json: runs with everything logged about them.",
)
@click.option("--since", default=None, help="Only what was logged at or after this date (UTC), e.g. 2025-04-01.")
@click.option(
    "--table",
    default=None,
    type=click.Choice(EXPORTABLE),
    help="Table or view to export (default: runs_overview for csv, nested runs for json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
@click.option("--bom", is_flag=True, help="Start the CSV with a UTF-8 BOM, so Excel shows the Japanese text correctly.")
def export(db, lang, fmt, since, table, output, bom):
    """Export the log as CSV (one table or view) or JSON (nested runs).

    \b
    Example:
        suijun audit export --format csv > runs.csv
        suijun audit export --format csv --table missing_evidence --since 2025-04-01
        suijun audit export --format json --since 2025-04-01 -o audit-2025.json
        suijun audit export --format csv --table levels_by_run --bom -o levels.csv   # for Excel
    """
    lang = _lang(lang)
    since_at = _since(since, lang)
    with _open(db, lang) as log:
        if fmt == "json" and table is None:
            text = json.dumps(_nested_export(log, since_at), ensure_ascii=False, indent=1) + "\n"
        else:
            rows, columns = _table_rows(log, table or "runs_overview", since_at, lang)
            if fmt == "json":
                text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
            else:
                buf = io.StringIO()
                writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
                text = ("\ufeff" if bom else "") + buf.getvalue()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _table_rows(log: AuditLog, table: str, since_at: str | None, lang: str) -> tuple[list[dict], list[str]]:
    columns = [c[1] for c in log.conn.execute(f"PRAGMA table_info({table})")]
    order = "seq" if table == "events" else ("id" if "id" in columns else "run_id" if "run_id" in columns else "rowid")
    where, params = "", []
    if since_at:
        if "at" in columns:
            where, params = " WHERE at >= ?", [since_at]
        elif "run_id" in columns:
            where, params = " WHERE run_id IN (SELECT id FROM runs WHERE at >= ?)", [since_at]
        else:
            raise click.BadParameter(
                _t(
                    lang,
                    f"{table} には日時がないため --since は使えません",
                    f"{table} has no time, so --since cannot apply",
                ),
                param_hint="--since",
            )
    rows = log.query(f"SELECT * FROM {table}{where} ORDER BY {order}", params)
    return rows, columns


def _nested_export(log: AuditLog, since_at: str | None) -> dict:
    where, params = ("WHERE at >= ?", [since_at]) if since_at else ("", [])
    ids = [r["id"] for r in log.query(f"SELECT id FROM runs {where} ORDER BY id", params)]
    seq, head = log.head()
    loose = log.query(
        "SELECT * FROM questions WHERE run_id IS NULL" + (" AND at >= ?" if since_at else "") + " ORDER BY id", params
    )
    return {
        "exported_at": utc_now(),
        "database": str(log.path),
        "since": since_at,
        "chain_head": {"seq": seq, "hash": head},
        "runs": [log.run_record(i) for i in ids],
        "questions_without_run": loose,
    }


def _measure_ids() -> set[str] | None:
    """Measure ids of the current rule set, or None when the rules cannot be read."""
    try:
        from suijun.rules import load_ruleset

        return {m.id for m in load_ruleset(run_examples=False).vocabulary.measures} | {"other"}
    except Exception:  # recording a reviewer's value must not depend on the rules loading
        return None


def _reviewer(user: str | None) -> dict:
    from suijun.bot.audit.log import _local_actor

    return _local_actor({"user": user} if user else None)


@audit.command(name="add-value")
@click.argument("run_id", type=int)
@click.argument("measure")
@click.argument("value", type=float)
@click.option("--unit", default="人", show_default=True, help="Unit of the value as stated.")
@click.option("--year", type=int, default=None, help="Western fiscal year the value is for.")
@click.option("--note", default="", help="Where the value comes from, or why it replaces another.")
@click.option(
    "--supersedes",
    type=int,
    default=None,
    metavar="VALUE_ID",
    help="Id of an earlier reviewer value this one corrects.",
)
@click.option("--user", default=None, help="Reviewer's name (default: the local user).")
@db_option
@lang_option
def add_value(run_id, measure, value, unit, year, note, supersedes, user, db, lang):
    """Record a figure a reviewer supplied for a check, e.g. the 在籍者数 the report left out.

    A correction is a new value that supersedes the old one; the old one stays
    in the log (the view reviewer_values_current shows only the newest).

    \b
    Example:
        suijun audit add-value 12 enrolled_students 2350 --year 2022 --note "学校基本調査より"
        suijun audit add-value 12 enrolled_students 2530 --year 2022 --supersedes 3 --note "転記ミスを訂正"
    """
    lang = _lang(lang)
    known = _measure_ids()
    if known is not None and measure not in known:
        raise click.BadParameter(
            _t(
                lang,
                f"指標は次のいずれかです: {', '.join(sorted(known))}",
                f"measure must be one of: {', '.join(sorted(known))}",
            ),
            param_hint="MEASURE",
        )
    with _open(db, lang) as log:
        if log.run(run_id) is None:
            raise click.ClickException(_t(lang, f"実行 #{run_id} は記録されていません", f"no run {run_id} in the log"))
        if supersedes is not None and not log.query(
            "SELECT 1 FROM reviewer_values WHERE id = ? AND run_id = ?", (supersedes, run_id)
        ):
            raise click.ClickException(
                _t(
                    lang,
                    f"実行 #{run_id} に査読者の値 #{supersedes} はありません",
                    f"run {run_id} has no reviewer value {supersedes}",
                )
            )
        value_id = log.record_reviewer_value(
            run_id=run_id,
            actor=_reviewer(user),
            measure=measure,
            value=value,
            unit=unit,
            year=year,
            note=note,
            supersedes_id=supersedes,
        )
    click.echo(
        _t(
            lang,
            f"査読者の値 #{value_id} を実行 #{run_id} に記録しました。",
            f"recorded reviewer value #{value_id} for run #{run_id}.",
        )
    )


@audit.command()
@click.argument("table", type=click.Choice(AUDIT_TABLES))
@click.argument("row_id", type=int)
@click.option("--reason", required=True, help="Why the row is wrong.")
@click.option("--set", "changes", multiple=True, metavar="FIELD=VALUE", help="A corrected field; repeat for several.")
@click.option("--user", default=None, help="Who corrects (default: the local user).")
@db_option
@lang_option
def correct(table, row_id, reason, changes, user, db, lang):
    """Record a correction of any audit row; the row itself never changes.

    \b
    Example:
        suijun audit correct runs 12 --reason "別の大学の報告書を誤って送信"
        suijun audit correct questions 40 --reason "回答の数値の誤り" --set answer="在籍者数は2,350人です"
    """
    lang = _lang(lang)
    replacement = {}
    for change in changes:
        field, sep, value = change.partition("=")
        if not sep or not field:
            raise click.BadParameter(
                _t(lang, "FIELD=VALUE の形で指定してください", "use FIELD=VALUE"), param_hint="--set"
            )
        replacement[field] = value
    with _open(db, lang) as log:
        columns = {c[1] for c in log.conn.execute(f"PRAGMA table_info({table})")}
        unknown = set(replacement) - columns
        if unknown:
            raise click.BadParameter(
                _t(
                    lang,
                    f"{table} に列 {', '.join(sorted(unknown))} はありません",
                    f"{table} has no column {', '.join(sorted(unknown))}",
                ),
                param_hint="--set",
            )
        try:
            correction_id = log.record_correction(
                table=table, row_id=row_id, actor=_reviewer(user), reason=reason, replacement=replacement
            )
        except ValueError:
            raise click.ClickException(
                _t(lang, f"{table} に id={row_id} の行はありません", f"{table} has no row {row_id}")
            ) from None
    click.echo(
        _t(
            lang,
            f"訂正 #{correction_id} を記録しました（{table} id={row_id}）。",
            f"recorded correction #{correction_id} of {table} id={row_id}.",
        )
    )
