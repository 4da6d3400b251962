"""Socket Mode (the default of ``suijun bot``): the same app, events over a WebSocket."""

from __future__ import annotations

from support.slack import copy_body, file_share_body, first_reply, pdf_bytes, result_update
from support.slack_standin import APP_TOKEN, BOT_TOKEN, SocketModeEndpoint


def test_socket_mode_acks_envelopes_and_answers_in_the_thread(standin, tmp_path):
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from suijun.bot.slack.app import create_app
    from suijun.bot.slack.config import BotConfig
    from suijun.bot.slack.service import SlackService

    endpoint = SocketModeEndpoint()
    standin.socket_url = endpoint.url
    config = BotConfig(
        bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_url=standin.url, db_path=tmp_path / "db.sqlite", workers=1
    )
    service = SlackService.open(config)
    app = create_app(config, service)
    service.start()
    handler = SocketModeHandler(app, config.app_token)
    try:
        handler.connect()
        opened = standin.api_calls("apps.connections.open")
        assert opened and opened[0].headers["authorization"] == f"Bearer {APP_TOKEN}"
        endpoint.wait(lambda: endpoint.connections, what="connection")

        body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
        ev = body["event"]
        endpoint.deliver(body, envelope_id="env-1")
        endpoint.wait(lambda: any(a["envelope_id"] == "env-1" for a in endpoint.acks), what="ack of env-1")
        endpoint.deliver(copy_body(body), envelope_id="env-2", retry_attempt=1)  # Slack's redelivery
        endpoint.wait(lambda: any(a["envelope_id"] == "env-2" for a in endpoint.acks), what="ack of env-2")

        def result():
            first = first_reply(standin, ev["channel"], ev["ts"])
            return first and result_update(standin, ev["channel"], first.response["ts"])

        update = standin.wait_for(result, what="result over socket mode")
        assert {b["block_id"].split(":")[1] for b in update.blocks() if b.get("block_id", "").startswith("item:")} == {
            "environment",
            "inbound",
            "outbound",
        }
        assert len(standin.in_thread(ev["channel"], ev["ts"])) == 1
        assert service.store.deliveries(body["event_id"]) == 2
    finally:
        handler.close()
        service.stop()
        endpoint.stop()
