"""A logged run as text: what ``suijun audit show`` prints (``render_run``) and the cells of
``suijun audit list``. Reads the nested record of ``suijun.bot.audit.records``; words from the
message catalogue (``audit.*``), titles and labels from the bundled rule set when it loads.
"""

from __future__ import annotations

from suijun.bot import messages
from suijun.bot.cli.plaintext import clip


def audit_text(lang: str, msg_id: str, **params) -> str:
    """A message of the catalogue: ``audit.<msg_id>`` (or a full id with a dot-free prefix of its own)."""
    return messages.text(msg_id if msg_id.startswith("status.") else f"audit.{msg_id}", lang, **params)


def bundled_rules():
    """The bundled rule set, for titles and labels; None when it cannot be read (the log must stay readable)."""
    try:
        from suijun.rules import load_ruleset

        return load_ruleset(run_examples=False)
    except Exception:
        return None


def run_file(r: dict) -> str:
    """The run's file; a combined run's report and appendix, as the thread's heading names them."""
    name = r["file_name"] or ""
    return f"{name} ＋ {r['appendix_file_name']}" if r.get("appendix_file_name") else name


def combines(r: dict) -> str:
    """The runs a combined run rests on: the report's, then the appendix's."""
    if r.get("base_run_id") is None:
        return ""
    return "#" + " ＋ #".join(str(x) for x in (r["base_run_id"], r.get("appendix_run_id")) if x is not None)


def status_text(status: str, lang: str) -> str:
    return audit_text(lang, f"status.{status}") if f"status.{status}" in messages.CATALOGUE else status


def _said(r: dict, item_id: str) -> dict:
    """The item as the check JSON of the run gave it (titles in both languages, missing evidence as ids)."""
    result = r.get("result") or {}
    return next((i for i in result.get("items", []) if i.get("id") == item_id), {})


def _reason(reason, lang: str, rules) -> str:
    """A logged reason: the words said at the time (Japanese), or its code rendered in English."""
    if isinstance(reason, str):  # logged before reasons were codes
        return reason
    if lang == "ja" or rules is None:
        return reason.get("text", "")
    try:
        return messages.reason(reason, lang, rules)
    except (KeyError, ValueError):  # a code of a later or earlier rule set
        return reason.get("text", "")


def _missing(item: dict, said: dict, lang: str, rules) -> list[str]:
    """The evidence not found: the Japanese names logged, or the ids of the check JSON in English."""
    if lang == "en" and rules is not None and "missing_evidence" in said:
        try:
            return [messages.missing(m, lang, rules, item["item_id"]) for m in said["missing_evidence"]]
        except (KeyError, ValueError):
            pass
    return list(item.get("missing") or [])


def render_run(r: dict, lang: str = "ja") -> str:
    def m(msg_id: str, **params) -> str:
        return audit_text(lang, msg_id, **params)

    rules = bundled_rules()
    actor = r.get("actor") or {}
    who = " ".join(f"{k}={v}" for k, v in actor.items() if v)
    out = [
        m("run.head", run_id=r["id"], at=r["at"], source=r["source"], who=who),
        m("run.file", name=r["file_name"]),
        m(
            "run.facts",
            size=r["file_size"] if r["file_size"] is not None else "-",
            pages=r["page_count"] if r["page_count"] is not None else "-",
            text=r["text_source"] or "-",
            producer=r["producer"] or "-",
        ),
        f"  SHA-256: {r['file_sha256'] or '-'}",
        m("run.stored", path=r["stored_path"] or m("run.not_kept")),
        m("run.status", status=r["status"], label=status_text(r["status"], "ja")),
    ]
    if r.get("base_run_id") is not None:
        out.insert(
            2,
            m(
                "run.combined",
                base=r["base_run_id"],
                appendix=r.get("appendix_file_name") or "-",
                appendix_id=r.get("appendix_run_id") or "-",
                sha=r.get("appendix_sha256") or "-",
            ),
        )
    if r.get("message"):
        out.append(m("run.message", message=r["message"]))
    if r.get("error_detail"):
        out.append(m("run.detail", kind=r["error_kind"], detail=r["error_detail"]))
    libs = r.get("library_versions") or {}
    if r.get("ruleset_id"):
        out.append(m("run.ruleset", ruleset=r["ruleset_id"], version=r["ruleset_version"], sha256=r["ruleset_sha256"]))
    out.append(
        m("run.software", version=r["software_version"], libraries="  ".join(f"{k} {v}" for k, v in libs.items()))
    )
    if r["items"]:
        out.append(m("run.levels"))
    for item in r["items"]:
        said = _said(r, item["item_id"])
        title = messages.title(said, lang) if said else item["title"]
        level = (
            item["level_label"] if lang == "ja" else rules.level_label(item["level"], "en") if rules else item["level"]
        )
        out.append(m("run.level", title=title, item=item["item_id"], level=level))
        basis = item.get("basis") or {}
        parts = []
        if basis.get("average") is not None:
            years = ", ".join(str(y) for y in basis.get("years") or [])
            parts.append(m("run.average", average=basis["average"], years=years))
            parts.append(m("run.enrolled", enrolled=basis.get("enrolled") or m("run.unknown")))
            if basis.get("ratio") is not None:
                parts.append(m("run.ratio", ratio=messages.percent(basis["ratio"], 2)))
        if basis.get("required_total"):
            parts.append(
                m(
                    "run.practices",
                    found=basis["required_found"],
                    total=basis["required_total"],
                    others=basis.get("others_found", 0),
                )
            )
        if parts:
            out.append(m("run.basis", parts=messages.join(parts, lang)))
        for reason in item.get("reasons") or []:
            out.append(f"    - {_reason(reason, lang, rules)}")
        missing = _missing(item, said, lang, rules)
        if missing:
            out.append(m("run.missing", missing=messages.join(missing, lang)))
        titles = {p.get("id"): p for p in said.get("practices", [])}
        for p in item["practices"]:
            mark = "✓" if p["found"] else ("·" if not p["required"] else "✗")
            first = next((e for e in p["evidence"] if e["kind"] == "evidence"), None)
            where = f"  p.{first['page']} 「{clip(first['quote'], 60)}」" if first else ""
            req = m("run.required") if p["required"] else m("run.other")
            name = messages.title(titles[p["practice_id"]], lang) if p["practice_id"] in titles else p["title"]
            out.append(f"    {mark} {p['practice_id']} [{req}] {name}{where}")
    if r["figures"]:
        out.append(m("run.figures", count=len(r["figures"])))
        for f in r["figures"]:
            value = f["value"]
            value = int(value) if isinstance(value, float) and value.is_integer() else value
            unit = f["unit"] or ""
            amount = f"{value}{unit}" if lang == "ja" else f"「{value}{unit}」"
            out.append(
                f"  p.{f['page']} {f['measure']} {f['year'] or '-'} {f['kind']} {amount}  「{clip(f['quote'] or '', 50)}」"
            )
    if r["questions"]:
        out.append(m("run.questions", count=len(r["questions"])))
        for q in r["questions"]:
            out.append(f"  #{q['id']} {q['at']} {q['actor_user'] or ''}: {q['question']}")
            out.append(f"      → {clip(q['answer'] or '', 200)}")
    if r["reviewer_values"]:
        out.append(m("run.reviewer_values"))
        for v in r["reviewer_values"]:
            sup = m("run.corrects", value_id=v["supersedes_id"]) if v["supersedes_id"] else ""
            value = int(v["value"]) if isinstance(v["value"], float) and v["value"].is_integer() else v["value"]
            out.append(
                f"  #{v['id']} {v['at']} {v['actor_user'] or ''}: {v['measure']} {v['year'] or '-'} = {value}{v['unit'] or ''} {v['note'] or ''}{sup}".rstrip()
            )
    for c in r["corrections"]:
        out.append(
            m(
                "run.correction",
                id=c["id"],
                at=c["at"],
                user=c["actor_user"] or "",
                reason=c["reason"],
                replacement=c["replacement"],
            )
        )
    for p in r["replays"]:
        same = m("run.identical") if p["identical"] else m("run.differs")
        out.append(m("run.replay", id=p["id"], at=p["at"], same=same, version=p["software_version"]))
    if r.get("chain"):
        out.append(m("run.ledger", seq=r["chain"]["seq"], hash=r["chain"]["hash"]))
    return "\n".join(out)


__all__ = ["audit_text", "bundled_rules", "combines", "render_run", "run_file", "status_text"]
