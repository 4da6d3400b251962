"""Answering questions about an analysed report, and taking reviewers' corrections.

The library below both surfaces: Slack (``suijun.bot.slack.answers``) and the CLI
(``suijun ask``) hand it a question and a ``Report`` and only render the
``Answer`` it returns (``render.to_mrkdwn`` / ``render.to_text``).

    from suijun.bot.answers import Report, ask
    from suijun.bot.answers.render import to_text
    print(to_text(ask("令和4年度の外国人学生の受入数は？", report)))
"""

from suijun.bot.answers.ask import ask
from suijun.bot.answers.model import Answer, Report
from suijun.bot.answers.reviewing import Reviewed, reviewed_report, take_appendix, take_statement
from suijun.bot.answers.statements import Statement, read_statement

__all__ = [
    "Answer",
    "Report",
    "Reviewed",
    "Statement",
    "ask",
    "read_statement",
    "reviewed_report",
    "take_appendix",
    "take_statement",
]
