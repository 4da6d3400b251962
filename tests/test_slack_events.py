"""The bot in HTTP mode, end to end: signed deliveries in, Web API calls out (to the stand-in)."""
from __future__ import annotations

import threading

import pytest

from conftest_slack import (  # noqa: F401 - fixtures
    copy_body,
    file_share_body,
    final_text,
    first_reply,
    mention_body,
    pdf_bytes,
    result_update,
    slack_bot,
    standin,
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
    edited["event"] = {"type": "message", "subtype": "message_changed", "channel": "C111", "ts": "1.2",
                       "message": {"text": "edited"}, "event_ts": "1.2"}
    other = file_share_body([])
    other["event"] = {"type": "file_shared", "file_id": "F1", "user_id": "U111", "channel_id": "C111",
                      "event_ts": "1.3"}
    plain = file_share_body([])
    plain["event"] = {"type": "message", "text": "hello", "user": "U111", "channel": "C111", "ts": "1.4",
                      "event_ts": "1.4"}
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
