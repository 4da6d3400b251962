"""``suijun audit …``: browse, verify, replay and export the audit log.

Loaded lazily by ``suijun.bot.cli.main``; the library is ``suijun.bot.audit`` (log, verify, replay).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from suijun.bot import messages
from suijun.bot.audit.export import NoTimeColumn, nested_export, table_rows
from suijun.bot.audit.log import AuditLog
from suijun.bot.audit.migrations import ALL_VIEWS, AUDIT_TABLES
from suijun.bot.audit.replay import ReplayError
from suijun.bot.audit.replay import replay as replay_run
from suijun.bot.audit.stamps import local_actor
from suijun.bot.audit.verify import parse_expect
from suijun.bot.cli.plaintext import clip, csv_cell, text_table
from suijun.bot.cli.runtext import audit_text as _m
from suijun.bot.cli.runtext import bundled_rules, combines, render_run, run_file, status_text
from suijun.bot.datadir import DB_HELP, resolve_db

EXPORTABLE = (*AUDIT_TABLES, "events", *ALL_VIEWS)


def _lang(explicit: str | None) -> str:
    return explicit or messages.lang_from_env()


class AuditGroup(click.Group):
    """Commands whose database lacks a table (dropped, or not an audit log) end in one line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except sqlite3.OperationalError as exc:
            table = str(exc).partition("no such table:")[2].strip()
            if not table:
                raise
            raise click.ClickException(_m(_lang(None), "missing_table", table=table)) from None


def _open(db: Path | None, lang: str, *, must_exist: bool = True) -> AuditLog:
    path = resolve_db(db).db
    if must_exist and not path.exists():
        raise click.ClickException(_m(lang, "no_log", path=path))
    return AuditLog(path)


def _since(value: str | None, lang: str) -> str | None:
    """A date or date-time (UTC unless it says otherwise) as the log's timestamp text."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(_m(lang, "bad_date"), param_hint="--since") from None
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


@click.group(cls=AuditGroup)
def audit():
    """The audit log: every check, question, answer and reviewer value, append-only and hash-chained.

    \b
    Example:
        suijun audit where
        suijun audit list
        suijun audit show 12
        suijun audit verify
        suijun audit anchor --file /mnt/anchors/suijun.jsonl
        suijun audit replay 12
        suijun audit export --format csv --since 2025-04-01 > runs.csv
        suijun audit add-value 12 enrolled_students 2350 --year 2022
        suijun audit add-evidence 12 out.self_review --page 12
        suijun audit result 12
        suijun audit export-key 12 -o regression/
        suijun audit correct runs 12 --reason "誤送信"
    """


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
    exists = location.db.exists()
    click.echo(str(location.db))
    click.echo(_m(lang, "where.why", why=_m(lang, f"source.{location.source}")))
    click.echo(_m(lang, "where.store", path=location.store))
    if not exists:
        click.echo(_m(lang, "where.not_created"))


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
        levels: dict[int, dict[str, str]] = {}
        if rows:
            marks = ",".join("?" * len(rows))
            for lv in log.query(
                f"SELECT run_id, item_id, level FROM levels WHERE run_id IN ({marks}) ORDER BY id",
                [r["id"] for r in rows],
            ):
                levels.setdefault(lv["run_id"], {})[lv["item_id"]] = lv["level"]
    if as_json:
        click.echo(json.dumps([{**r, "levels": levels.get(r["id"], {})} for r in rows], ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(_m(lang, "list.empty"))
        return
    # one column per item: the rule set's items in its order, then any other item a logged run has
    rules = bundled_rules()
    items = [i.id for i in rules.items] if rules else []
    items += sorted({i for lv in levels.values() for i in lv} - set(items))

    def header(item_id: str) -> str:
        item = rules.find_item(item_id) if rules else None
        if item is None:
            return item_id
        return item.short_en if lang == "en" else item.short

    def level(value):
        if value is None:
            return "-"
        return rules.level_label(value, lang, short=True) if rules else value

    headers = [_m(lang, f"col.{c}") for c in ("id", "time", "source", "user", "file", "status")]
    headers += [header(i) for i in items] + [_m(lang, "col.questions"), _m(lang, "col.combines")]
    body = [
        [
            r["id"],
            r["at"][:19].replace("T", " "),
            r["source"],
            r["actor_user"] or "",
            clip(run_file(r), 36),
            status_text(r["status"], lang),
            *[level(levels.get(r["id"], {}).get(i)) for i in items],
            r["questions"],
            combines(r),
        ]
        for r in rows
    ]
    click.echo(text_table(headers, body))


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
        raise click.ClickException(_m(lang, "no_run", run_id=run_id))
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
        return
    click.echo(render_run(record, lang))


@audit.command()
@db_option
@lang_option
@click.option(
    "--expect",
    metavar="[SEQ:]HASH",
    default=None,
    help="A head printed by an earlier verify or anchor: fail unless the chain still holds it "
    "(at SEQ, and at least SEQ rows long, when given as SEQ:HASH).",
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
        suijun audit verify --expect 345:9f2c…   # from an anchor line
    """
    lang = _lang(lang)
    with _open(db, lang) as log:
        result = log.verify(expect=expect)
    if result.bad is not None:
        click.echo(_m(lang, "verify.tampered", what=result.bad.describe(lang)))
        click.echo(_m(lang, "verify.before", rows=max(result.rows - 1, 0)))
    if result.missing_triggers:
        dropped = result.missing_triggers
        names = ", ".join(dropped[:3]) + (", …" if len(dropped) > 3 else "")
        click.echo(_m(lang, "verify.triggers", count=len(dropped), names=names))
    if result.expected_problem == "short":
        click.echo(_m(lang, "verify.expect_short", rows=result.rows, seq=result.expected_seq))
    elif result.expected_problem == "other":
        seq, digest = parse_expect(expect)
        click.echo(_m(lang, "verify.expect_other", seq=seq, found=result.hash_at_seq, hash=digest))
    elif result.expected_found is False:
        click.echo(_m(lang, "verify.expect_missing", hash=expect))
    if not result.ok:
        sys.exit(1)
    click.echo(_m(lang, "verify.ok", rows=result.rows))
    if result.expected_found:
        click.echo(_m(lang, "verify.expect_found"))
    click.echo(_m(lang, "verify.head", hash=result.head_hash))


@audit.command()
@db_option
@lang_option
@click.option(
    "--file",
    "files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append the line to this file (best on another mount or machine); repeat for several.",
)
@click.option("--slack", is_flag=True, help="Post it to the Slack channel SUIJUN_ANCHOR_CHANNEL (or --channel).")
@click.option("--channel", default=None, help="Slack channel id for --slack (default: SUIJUN_ANCHOR_CHANNEL).")
def anchor(db, lang, files, slack, channel):
    """Write the chain's head (seq, hash, UTC time, rows) outside this machine.

    Prints one JSON line on stdout (for cron mail, the journal, syslog), appends
    it to each --file, and posts it to Slack with --slack. Later, ``suijun audit
    verify --expect SEQ:HASH`` fails if the chain no longer holds that head, or
    is shorter than SEQ.

    \b
    Example:
        suijun audit anchor
        suijun audit anchor --file /mnt/audit-anchors/suijun.jsonl --slack
        suijun audit verify --expect "$(tail -n1 /mnt/audit-anchors/suijun.jsonl | jq -r '"\\(.seq):\\(.head)"')"
    """
    import os

    from suijun.bot.audit import anchor as anchoring

    lang = _lang(lang)
    with _open(db, lang) as log, log._lock:
        point = anchoring.current(log.conn)
    for path in files:
        anchoring.append_to_file(path, point)
    if slack:
        token = os.environ.get("SLACK_BOT_TOKEN", "")
        channel = channel or os.environ.get("SUIJUN_ANCHOR_CHANNEL", "")
        if not token or not channel:
            raise click.ClickException(_m(lang, "anchor.slack_config"))
        from suijun.bot.slack.config import DEFAULT_API_URL
        from suijun.bot.slack.failures import classify

        api_url = os.environ.get("SLACK_API_URL") or DEFAULT_API_URL
        try:
            anchoring.post_to_slack(point, token=token, channel=channel, api_url=api_url.rstrip("/") + "/")
        except Exception as exc:
            click.echo(point.line())
            raise click.ClickException(_m(lang, "anchor.slack_failed", code=classify(exc).code)) from None
    click.echo(point.line())


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
            click.echo(_m(lang, "replay.cannot", reason=exc.text(lang)), err=True)
            sys.exit(2)
    if as_json:
        payload = {**result.__dict__, "ruleset_changed": result.ruleset_changed}
        payload["differences"] = [d.__dict__ for d in result.differences]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        sys.exit(0 if result.identical else 1)
    rs_old = result.old_ruleset_version or "-"
    rs_new = result.new_ruleset_version or "-"
    if result.identical:
        click.echo(_m(lang, "replay.identical", run_id=run_id))
    else:
        click.echo(_m(lang, "replay.differs", run_id=run_id, count=len(result.differences)))
        for d in result.differences[:50]:
            click.echo(f"  {d.path}: {_short(d.old, lang)} → {_short(d.new, lang)}")
        if len(result.differences) > 50:
            click.echo(_m(lang, "replay.more", count=len(result.differences) - 50))
    if result.new_status != "ok" or result.old_status != "ok":
        click.echo(_m(lang, "replay.status", old=result.old_status, new=result.new_status))
    elif result.ruleset_changed:
        click.echo(
            _m(
                lang,
                "replay.ruleset_changed",
                old=rs_old,
                new=rs_new,
                old_sha=(result.old_ruleset_sha256 or "-")[:12],
                new_sha=(result.new_ruleset_sha256 or "-")[:12],
            )
        )
    else:
        click.echo(_m(lang, "replay.ruleset_same", version=rs_new))
    if result.old_software_version != result.new_software_version:
        click.echo(_m(lang, "replay.software", old=result.old_software_version, new=result.new_software_version))
    sys.exit(0 if result.identical else 1)


def _short(value, lang: str = "ja") -> str:
    if value is None:
        text = messages.text("none", lang)
    else:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return clip(text, 80)


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
            text = json.dumps(nested_export(log, since_at), ensure_ascii=False, indent=1) + "\n"
        else:
            try:
                rows, columns = table_rows(log, table or "runs_overview", since_at)
            except NoTimeColumn:
                raise click.BadParameter(_m(lang, "export.no_time", table=table), param_hint="--since") from None
            if fmt == "json":
                text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
            else:
                buf = io.StringIO()
                writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
                writer.writeheader()
                writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
                text = ("\ufeff" if bom else "") + buf.getvalue()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _measure_ids() -> set[str] | None:
    """Measure ids of the current rule set, or None when the rules cannot be read."""
    try:
        from suijun.rules import load_ruleset

        return {m.id for m in load_ruleset(run_examples=False).vocabulary.measures} | {"other"}
    except Exception:  # recording a reviewer's value must not depend on the rules loading
        return None


def _reviewer(user: str | None) -> dict:
    return local_actor({"user": user} if user else None)


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
        raise click.BadParameter(_m(lang, "value.measures", measures=", ".join(sorted(known))), param_hint="MEASURE")
    with _open(db, lang) as log:
        if log.run(run_id) is None:
            raise click.ClickException(_m(lang, "no_run", run_id=run_id))
        if supersedes is not None and not log.query(
            "SELECT 1 FROM reviewer_values WHERE id = ? AND run_id = ?", (supersedes, run_id)
        ):
            raise click.ClickException(_m(lang, "value.no_value", run_id=run_id, value_id=supersedes))
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
    click.echo(_m(lang, "value.recorded", value_id=value_id, run_id=run_id))


@audit.command(name="add-evidence")
@click.argument("run_id", type=int)
@click.argument("practice")
@click.option("--page", type=int, default=None, help="Page of the report where the practice is evidenced.")
@click.option("--quote", default="", help="The report's words that evidence it.")
@click.option(
    "--not-found", is_flag=True, help="The practice is NOT evidenced (what the checker quoted does not count)."
)
@click.option("--note", default="", help="Why, or where else it is documented.")
@click.option(
    "--supersedes", type=int, default=None, metavar="EVIDENCE_ID", help="Id of an earlier statement this one corrects."
)
@click.option("--user", default=None, help="Reviewer's name (default: the local user).")
@db_option
@lang_option
def add_evidence(run_id, practice, page, quote, not_found, note, supersedes, user, db, lang):
    """Record a reviewer's evidence for a practice, e.g. the page the checker missed.

    A later statement about the same practice supersedes the earlier one; both stay in the log.

    \b
    Example:
        suijun audit add-evidence 12 out.self_review --page 12 --note "派遣の自己点検"
        suijun audit add-evidence 12 in.career_support --not-found --note "就職支援は留学生向けではない"
    """
    lang = _lang(lang)
    known = _practice_ids()
    if known is not None and practice not in known:
        raise click.BadParameter(
            _m(lang, "practice_choices", ids=", ".join(sorted(known))),
            param_hint="PRACTICE",
        )
    with _open(db, lang) as log:
        if log.run(run_id) is None:
            raise click.ClickException(_m(lang, "no_run", run_id=run_id))
        evidence_id = log.record_reviewer_evidence(
            run_id=run_id,
            actor=_reviewer(user),
            practice_id=practice,
            found=not not_found,
            page=page,
            quote=quote,
            note=note,
            supersedes_id=supersedes,
        )
    click.echo(_m(lang, "evidence.recorded", evidence_id=evidence_id, run_id=run_id))


def _practice_ids() -> set[str] | None:
    try:
        from suijun.rules import load_ruleset

        return {p.id for i in load_ruleset(run_examples=False).items for p in i.practices}
    except Exception:  # recording must not depend on the rules loading
        return None


def _corrected(log: AuditLog, run_id: int, lang: str) -> dict:
    from suijun.bot.answers.reviewing import report_of_run
    from suijun.rules import load_ruleset

    if log.run(run_id) is None:
        raise click.ClickException(_m(lang, "no_run", run_id=run_id))
    report = report_of_run(log, run_id, load_ruleset(), with_sentences=False)
    if report is None:
        raise click.ClickException(_m(lang, "no_result", run_id=run_id))
    return report.result


@audit.command()
@click.argument("run_id", type=int)
@db_option
@lang_option
@click.option("--original", is_flag=True, help="The result as the checker logged it, without reviewers' corrections.")
def result(run_id, db, lang, original):
    """Print a run's result as reviewers corrected it, in the JSON of `suijun check --json`.

    Reviewer values and evidence are applied and the items re-evaluated by the
    rules engine; a replaced figure stays, relabelled (measure other, read_as).

    \b
    Example:
        suijun audit result 12 | jq '.items[] | {id, level}'
        python ../shared/tools/score.py keys/ --cmd "suijun audit result 12"
    """
    lang = _lang(lang)
    with _open(db, lang) as log:
        if original:
            run = log.run(run_id)
            if run is None or not run["result_json"]:
                raise click.ClickException(_m(lang, "no_result", run_id=run_id))
            out = json.loads(run["result_json"])
        else:
            out = _corrected(log, run_id, lang)
    click.echo(json.dumps(out, ensure_ascii=False, indent=1))


@audit.command(name="export-key")
@click.argument("run_id", type=int)
@db_option
@lang_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A folder (writes NAME.key.json and the kept PDF beside it) or a .json file; default stdout.",
)
def export_key(run_id, db, lang, output):
    """Write a run's reviewer-corrected result as an answer key (shared/corpus/*.key.json), so a
    reviewed report becomes a regression test that score.py reads.

    \b
    Example:
        suijun audit export-key 12 -o regression/
        python ../shared/tools/score.py regression/ --cmd "suijun check {pdf} --json --no-log"
    """
    import shutil

    from suijun.bot.pipeline.review import answer_key

    lang = _lang(lang)
    with _open(db, lang) as log:
        key = answer_key(_corrected(log, run_id, lang), run_id=run_id)
        kept = log.stored_pdf(run_id)
    payload = json.dumps(key, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        click.echo(payload, nl=False)
        return
    if output.suffix == ".json":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(payload, encoding="utf-8")
        click.echo(str(output))
        return
    output.mkdir(parents=True, exist_ok=True)
    name = Path(key["file"]).name or f"run-{run_id}.pdf"
    target = output / f"{Path(name).stem}.key.json"
    target.write_text(payload, encoding="utf-8")
    click.echo(str(target))
    if kept is not None and kept.exists():
        shutil.copyfile(kept, output / name)
        click.echo(str(output / name))
    else:
        click.echo(
            _m(lang, "key.no_pdf"),
            err=True,
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
            raise click.BadParameter(_m(lang, "correct.field_value"), param_hint="--set")
        replacement[field] = value
    with _open(db, lang) as log:
        columns = {c[1] for c in log.conn.execute(f"PRAGMA table_info({table})")}
        unknown = set(replacement) - columns
        if unknown:
            raise click.BadParameter(
                _m(lang, "correct.no_column", table=table, columns=", ".join(sorted(unknown))), param_hint="--set"
            )
        try:
            correction_id = log.record_correction(
                table=table, row_id=row_id, actor=_reviewer(user), reason=reason, replacement=replacement
            )
        except ValueError:
            raise click.ClickException(_m(lang, "correct.no_row", table=table, row_id=row_id)) from None
    click.echo(_m(lang, "correct.recorded", correction_id=correction_id, table=table, row_id=row_id))
