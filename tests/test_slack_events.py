"""The bot in HTTP mode, end to end: signed deliveries in, Web API calls out (to the stand-in)."""

from __future__ import annotations

import threading

from support.slack import (
    copy_body,
    file_share_body,
    final_text,
    first_reply,
    mention_body,
    pdf_bytes,
    result_update,
    start_bot,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def wait_final(standin, channel, thread_ts, contains, what="reply"):
    return standin.wait_for(
        lambda: (text := final_text(standin, channel, thread_ts)) and contains in text and text,
        what=f"{what} containing {contains!r} in {channel}/{thread_ts}",
    )


# -- protocol ----------------------------------------------------------------------


def test_unsigned_or_badly_signed_request_is_refused(slack_bot, standin):
    body = file_share_body([standin.add_file(PNG, "x.png", mimetype="image/png", filetype="png")])
    assert slack_bot.send(body, secret="not-the-secret").status == 401
    assert slack_bot.send(body, timestamp=1).status == 401  # replayed: too old
    assert standin.api_calls("chat.postMessage") == []


def test_events_the_bot_does_not_act_on_are_still_acknowledged(slack_bot, standin):
    edited = file_share_body([])
    edited["event"] = {
        "type": "message",
        "subtype": "message_changed",
        "channel": "C111",
        "ts": "1.2",
        "message": {"text": "edited"},
        "event_ts": "1.2",
    }
    other = file_share_body([])
    other["event"] = {
        "type": "file_shared",
        "file_id": "F1",
        "user_id": "U111",
        "channel_id": "C111",
        "event_ts": "1.3",
    }
    plain = file_share_body([])
    plain["event"] = {
        "type": "message",
        "text": "hello",
        "user": "U111",
        "channel": "C111",
        "ts": "1.4",
        "event_ts": "1.4",
    }
    for body in (edited, other, plain):
        assert slack_bot.send(body).status == 200
    assert standin.api_calls("chat.postMessage") == []


# -- errors become replies in the thread --------------------------------------------


def test_non_pdf_upload_gets_a_short_note_in_its_thread(slack_bot, standin):
    body = file_share_body([standin.add_file(PNG, "photo.png", mimetype="image/png", filetype="png")])
    ev = body["event"]
    assert slack_bot.send(body).status == 200
    text = wait_final(standin, ev["channel"], ev["ts"], "PDF ではない")
    assert "photo.png" in text
    assert standin.downloads() == []  # nothing fetched for a file that is not a PDF


def test_file_named_pdf_that_is_not_a_pdf_gets_an_error_reply(slack_bot, standin):
    body = file_share_body([standin.add_file(pdf_bytes("bad/not-a-pdf.pdf"), "not-a-pdf.pdf")], private=True)
    ev = body["event"]
    assert slack_bot.send(body).status == 200
    text = wait_final(standin, ev["channel"], ev["ts"], "PDFファイルではありません")
    assert text.startswith(":warning: not-a-pdf.pdf を解析できませんでした")


def test_encrypted_pdf_gets_an_error_reply(slack_bot, standin):
    body = file_share_body([standin.add_file(pdf_bytes("bad/encrypted.pdf"), "encrypted.pdf")])
    ev = body["event"]
    assert slack_bot.send(body).status == 200
    text = wait_final(standin, ev["channel"], ev["ts"], "パスワード")
    assert "encrypted.pdf" in text
    # the process lives on: a later upload is still answered
    body2 = file_share_body([standin.add_file(PNG, "after.png", mimetype="image/png", filetype="png")])
    slack_bot.send(body2)
    wait_final(standin, body2["event"]["channel"], body2["event"]["ts"], "after.png")


def test_missing_files_read_scope_is_said_plainly(standin, tmp_path):
    standin.files_scope = False  # Slack then serves its sign-in page instead of the file
    bot = start_bot(standin, tmp_path / "db.sqlite")
    try:
        body = file_share_body([standin.add_file(pdf_bytes("bad/encrypted.pdf"), "report.pdf")])
        bot.send(body)
        text = wait_final(standin, "C111", body["event"]["ts"], "files:read")
        assert "サインイン" in text
        download = standin.downloads()[0]
        assert download.headers["authorization"] == "Bearer xoxb-test-token"
    finally:
        bot.stop()


def test_download_from_a_host_that_is_not_slack_is_refused(slack_bot, standin):
    f = standin.add_file(b"%PDF-1.4 ...", "report.pdf")
    f["url_private_download"] = "https://files.example.org/report.pdf"
    f["url_private"] = "https://files.example.org/report.pdf"
    body = file_share_body([f])
    slack_bot.send(body)
    text = wait_final(standin, "C111", body["event"]["ts"], "拒否")
    assert "files.example.org" in text


def test_file_over_the_size_cap_is_refused_before_download(standin, tmp_path):
    bot = start_bot(standin, tmp_path / "db.sqlite", max_bytes=1024)
    try:
        body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "big.pdf")])
        bot.send(body)
        wait_final(standin, "C111", body["event"]["ts"], "大きすぎます")
        assert standin.downloads() == []
    finally:
        bot.stop()


def test_file_larger_than_stated_is_cut_off_while_downloading(standin, tmp_path):
    bot = start_bot(standin, tmp_path / "db.sqlite", max_bytes=1024)
    try:
        f = standin.add_file(b"%PDF-1.4\n" + b"0" * 4096, "liar.pdf")
        f["size"] = 100  # the event says small; the body is not
        body = file_share_body([f])
        bot.send(body)
        wait_final(standin, "C111", body["event"]["ts"], "大きすぎます")
        assert len(standin.downloads()) == 1
    finally:
        bot.stop()


def test_stub_file_object_is_resolved_with_files_info(slack_bot, standin):
    full = standin.add_file(PNG, "scan.png", mimetype="image/png", filetype="png")
    stub = {"id": full["id"], "mode": "hosted", "file_access": "check_file_info"}
    body = file_share_body([stub])
    slack_bot.send(body)
    wait_final(standin, "C111", body["event"]["ts"], "scan.png")
    assert [c.args.get("file") for c in standin.api_calls("files.info")] == [full["id"]]


# -- the result ----------------------------------------------------------------------


def levels_in(call) -> dict[str, str]:
    out = {}
    for block in call.blocks():
        parts = (block.get("block_id") or "").split(":")
        if parts[0] == "item":
            out[parts[1]] = parts[2]
    return out


def wait_result(standin, channel, thread_ts):
    """Wait for the first reply in the thread to be replaced by a result; returns that chat.update."""

    def done():
        first = first_reply(standin, channel, thread_ts)
        return first and result_update(standin, channel, first.response["ts"])

    return standin.wait_for(done, what=f"result in {channel}/{thread_ts}")


def test_dev_corpus_pdf_gets_the_levels_of_check_pdf_in_its_thread(slack_bot, standin):
    from suijun.bot.pipeline.check import check_pdf

    pdf = pdf_bytes("sakura-selfeval-2022.pdf")
    body = file_share_body([standin.add_file(pdf, "sakura-selfeval-2022.pdf")])
    ev = body["event"]
    assert slack_bot.send(body).status == 200

    update = wait_result(standin, ev["channel"], ev["ts"])
    expected = check_pdf(standin_path(standin, pdf)).levels()
    assert levels_in(update) == expected
    assert set(expected) == {"environment", "inbound", "outbound"}

    first = first_reply(standin, ev["channel"], ev["ts"])
    assert first.args["text"].startswith("受け付けました。解析中…")
    assert first.args["thread_ts"] == ev["ts"]
    # Block Kit within Slack's limits, with a plain fallback
    blocks = update.blocks()
    assert len(blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    assert "一般的な水準" in update.args["text"]
    body_text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    context_text = "\n".join(e["text"] for b in blocks if b["type"] == "context" for e in b["elements"])
    assert "見つからなかった根拠" in body_text
    assert "暫定" in context_text and "ルールセット" in context_text

    # the full detail, attached to the same thread with files_upload_v2
    complete = standin.wait_for(lambda: standin.api_calls("files.completeUploadExternal"), what="detail upload")[0]
    assert complete.args["channel_id"] == ev["channel"] and complete.args["thread_ts"] == ev["ts"]
    detail = next(iter(standin.uploads.values())).decode()
    assert detail.startswith("# 水準チェック詳細：sakura-selfeval-2022.pdf")
    assert "| ページ |" in detail

    # the chart and the highlighted report, in the same thread, through files.uploadV2's three steps
    def pictures():
        shared = standin.shared_files(ev["channel"], ev["ts"])
        return shared if {f.name.rsplit("-", 1)[-1] for f in shared} >= {"chart.png", "highlight.pdf"} else None

    shared = {f.name.rsplit("-", 1)[-1]: f for f in standin.wait_for(pictures, what="chart and highlight")}
    chart, highlighted = shared["chart.png"], shared["highlight.pdf"]
    assert chart.mimetype == "image/png" and chart.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert highlighted.title == "根拠ハイライト版：sakura-selfeval-2022.pdf"
    assert highlighted.mimetype == "application/pdf"
    import io

    from pypdf import PdfReader

    copy = PdfReader(io.BytesIO(highlighted.content))
    assert len(copy.pages) == len(PdfReader(io.BytesIO(pdf)).pages) + 1
    notes = [a.get_object()["/Contents"] for page in copy.pages[1:] for a in page.get("/Annots") or []]
    assert "外国人学生の受入実績（人数）：71人（令和4年度）" in notes
    for name in ("files.getUploadURLExternal", "files.completeUploadExternal"):
        assert all(c.ok for c in standin.api_calls(name)), name
    # sent, so no longer kept beside the database
    kept = slack_bot.config.db_path.parent / "attachments"
    standin.wait_for(lambda: not any(kept.glob("*")), what="attachments removed once sent")

    # every upload is in the audit log, with its result
    from suijun.bot.audit.log import AuditLog

    runs = AuditLog(slack_bot.config.db_path).query("SELECT source, status, file_name, actor_channel FROM runs")
    assert runs == [
        {"source": "slack", "status": "ok", "file_name": "sakura-selfeval-2022.pdf", "actor_channel": ev["channel"]}
    ]


def standin_path(standin, data: bytes):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "copy.pdf"
    path.write_bytes(data)
    return path


def test_ack_returns_well_inside_three_seconds(slack_bot, standin):
    body = file_share_body([standin.add_file(pdf_bytes("tohoku-progress-2020.pdf"), "tohoku.pdf")])
    ack = slack_bot.send(body)
    assert ack.status == 200
    # Slack gives 3 s; the listener only writes to SQLite, so even a loaded CI machine is far inside it.
    assert ack.seconds < 1.5
    wait_result(standin, "C111", body["event"]["ts"])


def test_retried_delivery_is_neither_downloaded_nor_answered_twice(standin, tmp_path):
    bot = start_bot(standin, tmp_path / "db.sqlite", workers=1)
    try:
        body = file_share_body([standin.add_file(pdf_bytes("minato-intl-report-2023.pdf"), "minato.pdf")])
        ev = body["event"]
        assert bot.send(body).status == 200
        assert bot.send(copy_body(body), retry=1).status == 200  # Slack's retry while the first is in hand
        wait_result(standin, ev["channel"], ev["ts"])
        assert bot.send(copy_body(body), retry=2).status == 200  # and once more after the answer
        # A later upload queued behind the retries (FIFO, one worker) proves they were not queued.
        marker = file_share_body([standin.add_file(b"GIF89a", "m.gif", mimetype="image/gif", filetype="gif")])
        bot.send(marker)
        wait_final(standin, "C111", marker["event"]["ts"], "m.gif")
        assert len(standin.downloads(ev["files"][0]["id"])) == 1
        assert len(standin.in_thread(ev["channel"], ev["ts"])) == 1
        assert bot.service.store.deliveries(body["event_id"]) == 3
    finally:
        bot.stop()


def test_message_and_app_mention_of_one_upload_are_answered_once(standin, tmp_path):
    bot = start_bot(standin, tmp_path / "db.sqlite", workers=1)
    try:
        f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
        message = file_share_body([f], text="<@U222> お願いします")
        mention = mention_body(files=[f], ts=message["event"]["ts"], text="<@U222> お願いします")
        assert bot.send(message).status == 200
        assert bot.send(mention).status == 200
        wait_result(standin, "C111", message["event"]["ts"])
        marker = file_share_body([standin.add_file(b"GIF89a", "m.gif", mimetype="image/gif", filetype="gif")])
        bot.send(marker)
        wait_final(standin, "C111", marker["event"]["ts"], "m.gif")
        assert len(standin.downloads(f["id"])) == 1
        assert len(standin.in_thread("C111", message["event"]["ts"])) == 1
    finally:
        bot.stop()


def test_restart_survives_dedupe_and_resumes_unfinished_jobs(standin, tmp_path):
    """The dedupe is durable, and a job a dead process left 'running' is finished by the next one."""
    from suijun.bot.slack.store import NewJob, SlackStore

    db = tmp_path / "db.sqlite"
    f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
    body = file_share_body([f])
    ev = body["event"]
    # What a process killed mid-analysis leaves behind: the delivery claimed, the
    # first reply posted, the job marked running once.
    crashed = SlackStore(db)
    [job] = crashed.claim(
        body["event_id"],
        "message",
        [NewJob(channel=ev["channel"], message_ts=ev["ts"], file_id=f["id"], thread_ts=ev["ts"], file=f)],
    )
    reply_ts = standin.posted_earlier(ev["channel"], ev["ts"], "受け付けました。解析中…（sakura.pdf）")
    crashed.update(job.id, state="queued", reply_ts=reply_ts, announced=1)
    crashed.start(job.id)
    crashed.close()

    bot = start_bot(standin, db)
    try:
        update = standin.wait_for(lambda: result_update(standin, ev["channel"], reply_ts), what="resumed result")
        assert set(levels_in(update)) == {"environment", "inbound", "outbound"}
        notes = [c.args["text"] for c in standin.replies(ev["channel"], reply_ts)]
        assert any("再起動" in n for n in notes)
        # Slack's retry of the same delivery after the restart is still recognised.
        bot.send(copy_body(body), retry=1)
        assert bot.service.store.deliveries(body["event_id"]) == 2
        assert len(standin.downloads(f["id"])) == 1
    finally:
        bot.stop()


def test_job_interrupted_too_often_is_reported_not_retried(standin, tmp_path):
    from suijun.bot.slack.store import NewJob, SlackStore

    db = tmp_path / "db.sqlite"
    f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "crashy.pdf")
    store = SlackStore(db)
    [job] = store.claim(
        "Ev-crash", "message", [NewJob(channel="C111", message_ts="5.5", file_id=f["id"], thread_ts="5.5", file=f)]
    )
    reply_ts = standin.posted_earlier("C111", "5.5", "受け付けました。解析中…（crashy.pdf）")
    store.update(job.id, state="queued", reply_ts=reply_ts, announced=1)
    store.start(job.id)
    store.start(job.id)  # two processes died on it
    store.close()

    bot = start_bot(standin, db)
    try:
        standin.wait_for(
            lambda: any("中断" in c.args["text"] for c in standin.replies("C111", reply_ts)),
            what="interrupted report",
        )
        assert standin.downloads(f["id"]) == []
        done = standin.wait_for(lambda: bot.service.store.job(job.id).state == "delivered", what="delivered state")
        assert done and bot.service.store.job(job.id).outcome == "interrupted"
    finally:
        bot.stop()


def test_ten_uploads_at_once_are_all_answered(slack_bot, standin):
    names = ["sakura-selfeval-2022.pdf", "tohoku-progress-2020.pdf", "minato-intl-report-2023.pdf"]
    bodies = []
    for i in range(10):
        name = names[i % 3]
        channel = "C111" if i % 2 else "G111"
        bodies.append(
            file_share_body(
                [standin.add_file(pdf_bytes(name), f"{i}-{name}")], channel=channel, private=channel.startswith("G")
            )
        )
    acks = [None] * 10

    def send(i):
        acks[i] = slack_bot.send(bodies[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(10)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert [a.status for a in acks] == [200] * 10
    for body in bodies:
        ev = body["event"]
        update = wait_result(standin, ev["channel"], ev["ts"])
        assert set(levels_in(update)) == {"environment", "inbound", "outbound"}
    standin.wait_for(lambda: len(standin.shared_files(suffix=".md")) == 10, what="ten details")
    assert len(standin.downloads()) == 10


def test_first_reply_is_updated_with_page_progress_then_the_result(standin, tmp_path):
    bot = start_bot(standin, tmp_path / "db.sqlite", progress_interval=0.0)  # every page, to see it happen
    try:
        body = file_share_body([standin.add_file(pdf_bytes("tohoku-progress-2020.pdf"), "tohoku.pdf")])
        ev = body["event"]
        bot.send(body)
        update = wait_result(standin, ev["channel"], ev["ts"])
        reply_ts = first_reply(standin, ev["channel"], ev["ts"]).response["ts"]
        texts = [c.args["text"] for c in standin.replies(ev["channel"], reply_ts)]
        # progress lines may be dropped under Slack's limits; the ones shown are in page order
        progress = [t for t in texts if t.startswith("解析中…")]
        assert progress and progress == sorted(progress)
        assert progress[0] == "解析中…（tohoku.pdf：1 / 3 ページ）"
        assert texts[-1] == update.args["text"]
        assert all(c.args["ts"] == reply_ts for c in standin.api_calls("chat.update"))
    finally:
        bot.stop()


def test_file_slack_will_not_describe_gets_an_error_reply(slack_bot, standin):
    body = file_share_body([{"id": "FGONE", "mode": "hosted", "file_access": "check_file_info"}])
    slack_bot.send(body)
    text = wait_final(standin, "C111", body["event"]["ts"], "file_not_found")
    assert "files:read" not in text  # the scope message is for missing_scope / not_allowed only
    assert "見つかりません" in text
    assert standin.downloads() == []


def test_locked_database_fails_the_delivery_fast_and_slacks_retry_is_taken(slack_bot, standin):
    import sqlite3

    body = file_share_body([standin.add_file(PNG, "late.png", mimetype="image/png", filetype="png")])
    holder = sqlite3.connect(slack_bot.config.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing for a long time
    try:
        ack = slack_bot.send(body)
        assert ack.status == 500 and ack.seconds < 3.0  # no late ack: Slack will redeliver
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert slack_bot.send(copy_body(body), retry=1).status == 200
    wait_final(standin, "C111", body["event"]["ts"], "late.png")


def test_url_verification_challenge_is_answered(slack_bot):
    ack = slack_bot.send(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    )
    assert ack.status == 200 and b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in ack.body


def test_scanned_and_truncated_pdfs_get_their_own_error_replies(slack_bot, standin, tmp_path):
    # a scan without any recognisable text stays unreadable with OCR too (tests/test_ocr.py)
    from support.pdfs import make_blank_pdf

    scan = make_blank_pdf(tmp_path / "scanned.pdf", pages=1, image=True).read_bytes()
    cases = {"scanned.pdf": "文字を読み取れません", "bad/truncated.pdf": "途中で切れている"}
    data = {"scanned.pdf": scan, "bad/truncated.pdf": pdf_bytes("bad/truncated.pdf")}
    bodies = {name: file_share_body([standin.add_file(data[name], name.split("/")[-1])]) for name in cases}
    for body in bodies.values():
        assert slack_bot.send(body).status == 200
    for name, words in cases.items():
        wait_final(standin, "C111", bodies[name]["event"]["ts"], words)
