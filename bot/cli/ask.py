"""``suijun ask``: the thread's answers, offline, on a PDF or a logged run.

The same library as the Slack bot (``suijun.bot.answers``), rendered as plain text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from suijun.bot import messages
from suijun.bot.cli.main import _ruleset, lang_option, rules_option
from suijun.bot.datadir import DB_HELP


@click.command()
@click.argument("source")
@click.argument("questions", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=DB_HELP)
@lang_option
@rules_option
@click.option("--json", "as_json", is_flag=True, help="Print each answer as JSON (intent, text, evidence).")
@click.option("--no-log", is_flag=True, help="Do not record the check, the questions or the answers.")
@click.option("--user", default=None, help="Who asks, for the audit log (default: the local user).")
def ask(source, questions, db, lang, rules_dir, as_json, no_log, user):
    """Ask about a report, as in its Slack thread: a PDF, or the id of a logged run.

    A statement instead of a question (「在籍者数は18,000人です」, 「派遣の自己点検は p.12 にあります」)
    is recorded as your reviewer value for the run, and the levels are re-evaluated.

    \b
    Example:
        suijun ask report.pdf "令和4年度の外国人学生の受入数は？"
        suijun ask report.pdf "宿舎について何と書いてある？" "なぜ海外派遣は下回っているのですか"
        suijun ask 12 "在籍者数は18,000人です"
        suijun ask 12 "一般的な水準の基準は？" --json
    """
    from suijun.bot.answers import ask as answer_question
    from suijun.bot.answers import read_statement, reviewed_report, take_statement
    from suijun.bot.answers.render import to_text
    from suijun.bot.answers.reviewing import report_of_run
    from suijun.bot.audit.log import AuditLog
    from suijun.bot.audit.stamps import local_actor

    lang = lang or messages.lang_from_env()
    ruleset = _ruleset(rules_dir)
    audit = None if no_log and not source.isdigit() else AuditLog(db)
    path = Path(source)
    if path.is_file():
        from suijun.bot.pipeline.check import BadInput, check_pdf

        try:
            result = check_pdf(path, ruleset=ruleset)
        except BadInput as exc:
            if audit is not None:
                audit.record_check(
                    source="cli", actor={"user": user} if user else {}, pdf_path=path, file_name=path.name, error=exc
                )
            click.echo(f"suijun: {messages.error_line(exc)}", err=True)
            sys.exit(2)
        run_id = None
        if audit is not None:
            run_id = audit.record_check(
                source="cli", actor={"user": user} if user else {}, pdf_path=path, file_name=path.name, result=result
            )
        sentences = [
            {"text": s.text, "page": s.page, "kind": s.kind, "section": s.section} for s in result.document.sentences
        ]
        report = reviewed_report(path.name, result.as_json(), ruleset, sentences=sentences, run_id=run_id, audit=audit)
    elif source.isdigit():
        logged = report_of_run(audit, int(source), ruleset)
        if logged is None:
            click.echo(f"suijun: {messages.both('audit.no_result', run_id=source)}", err=True)
            sys.exit(2)
        report = logged
    else:
        click.echo(f"suijun: {messages.both('cli.no_such_file', path=source)}", err=True)
        sys.exit(2)

    actor = local_actor({"user": user} if user else None)
    for question in questions:
        statement = read_statement(question, report, ruleset)
        if statement is not None:
            reviewed = take_statement(statement, report, audit=audit, actor=actor, ruleset=ruleset, lang=lang)
            answer = reviewed.answer
            if report.run_id is not None and audit is not None:  # later questions see the correction
                report = reviewed_report(
                    report.name,
                    report.base or report.result,
                    ruleset,
                    sentences=report.sentences,
                    run_id=report.run_id,
                    audit=audit,
                )
        else:
            answer = answer_question(question, report, ruleset, lang)
        rendered = to_text(answer)
        if audit is not None and not no_log and not answer.silent:
            audit.record_question(
                run_id=report.run_id,
                actor=actor,
                question=question,
                answer=rendered,
                evidence=answer.evidence,
                source="cli",
            )
        if as_json:
            click.echo(
                json.dumps(
                    {"question": question, "intent": answer.intent, "text": rendered, "evidence": answer.evidence},
                    ensure_ascii=False,
                )
            )
        elif not answer.silent:
            if len(questions) > 1:
                click.echo(f"Q: {question}")
            click.echo(rendered)
            if len(questions) > 1:
                click.echo("")
