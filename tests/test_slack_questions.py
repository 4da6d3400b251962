"""Follow-up questions in a result's thread, answered from that report (stretch of issue 3)."""

from __future__ import annotations

from support.slack import file_share_body, first_reply, mention_body, pdf_bytes, result_update, thread_message_body


def upload_and_wait(bot, standin, name="sakura-selfeval-2022.pdf"):
    body = file_share_body([standin.add_file(pdf_bytes(name), name)])
    ev = body["event"]
    bot.send(body)

    def done():
        first = first_reply(standin, ev["channel"], ev["ts"])
        return first and result_update(standin, ev["channel"], first.response["ts"])

    standin.wait_for(done, what="result")
    standin.wait_for(lambda: standin.api_calls("files.completeUploadExternal"), what="detail")
    return ev


def answers(standin, channel, thread_ts):
    return [c.args["text"] for c in standin.in_thread(channel, thread_ts)][1:]  # after the result reply


def test_question_in_the_thread_is_answered_with_quotes_and_pages_and_logged(slack_bot, standin):
    ev = upload_and_wait(slack_bot, standin)
    question = "経済的支援として奨学金はありますか"
    msg = thread_message_body(question, channel=ev["channel"], thread_ts=ev["ts"])
    # the same question typed with a mention arrives twice: message + app_mention
    twin = mention_body(text=f"<@U222> {question}", channel=ev["channel"], thread_ts=ev["ts"], ts=msg["event"]["ts"])
    assert slack_bot.send(msg).status == 200
    assert slack_bot.send(twin).status == 200
    [text] = standin.wait_for(lambda: answers(standin, ev["channel"], ev["ts"]), what="answer")
    assert "奨学金" in text and "（p.2）" in text and "「" in text
    later = thread_message_body("派遣の水準の理由は？", channel=ev["channel"], thread_ts=ev["ts"])
    slack_bot.send(later)
    texts = standin.wait_for(
        lambda: len(answers(standin, ev["channel"], ev["ts"])) == 2 and answers(standin, ev["channel"], ev["ts"]),
        what="second answer",
    )
    assert "国内学生の海外派遣" in texts[1] and "基準" in texts[1]

    from suijun.bot.audit.log import AuditLog

    rows = AuditLog(slack_bot.config.db_path).query("SELECT run_id, question, answer FROM questions ORDER BY id")
    assert [r["question"] for r in rows] == [question, "派遣の水準の理由は？"]
    assert rows[0]["run_id"] is not None and rows[0]["answer"] == text


def test_chatter_in_other_threads_is_left_alone_and_a_bare_mention_gets_help(slack_bot, standin):
    slack_bot.send(thread_message_body("今日の会議は何時から？", channel="C111", thread_ts="1500000000.000001"))
    mention = mention_body(text="<@U222> 使い方は？")
    slack_bot.send(mention)
    [help_text] = standin.wait_for(
        lambda: [c.args["text"] for c in standin.in_thread("C111", mention["event"]["ts"])], what="help reply"
    )
    assert "PDF" in help_text
    assert standin.in_thread("C111", "1500000000.000001") == []
