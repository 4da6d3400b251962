"""The wheel, tested as installed: build it, install it into a fresh venv in an empty folder
outside the checkout, and use it as a new user would.

    .venv/bin/python tests/wheel_check.py            # what .ci/run runs (make wheel-check)
    .venv/bin/python tests/wheel_check.py --keep     # keep the temp folder to look around

Checks, in order:
1. the wheel holds ``suijun/`` and its dist-info only, with the rule files, the guideline text and
   ``py.typed`` in each package;
2. ``pip install suijun-….whl`` (no extras) adds ``suijun`` + its dist-info and its dependencies to
   site-packages, and no Bolt: ``suijun bot`` says in one line how to get the ``[slack]`` extra;
3. with ``suijun[slack]``: ``suijun --version``, ``suijun check`` on the sample report (text and JSON),
   ``suijun rules``, ``suijun audit where``, and ``suijun bot --http`` against the loopback Slack
   stand-in until it answers one upload; ``suijun audit verify`` on what they logged;
4. the database and the kept PDFs are in the per-user data folder, and nothing was written into
   site-packages while the commands ran.

It prints what it saw (wheel contents, site-packages listing) and exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from slack_sdk.signature import SignatureVerifier  # noqa: E402
from support.slack import file_share_body, final_text  # noqa: E402
from support.slack_standin import BOT_TOKEN, StandIn  # noqa: E402

SAMPLE = REPO / "data" / "sample-report.pdf"
SIGNING_SECRET = "wheel-check-secret"
REQUIRED_IN_WHEEL = (
    "suijun/bot/__init__.py",
    "suijun/bot/cli/main.py",
    "suijun/bot/slack/listeners/__init__.py",
    "suijun/rules/ruleset.toml",
    "suijun/rules/environment.toml",
    "suijun/rules/guideline/niad-c.txt",
    "suijun/bot/py.typed",
    "suijun/extractors/py.typed",
    "suijun/rules/py.typed",
)


class CheckFailed(AssertionError):
    pass


def expect(condition: object, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    print(f"  ok  {what}")


def run(cmd: list, *, env: dict, cwd: Path, timeout: float = 300, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    if ok and done.returncode != 0:
        raise CheckFailed(f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return out


def build_wheel(dist: Path) -> Path:
    print(f"building the wheel from {REPO}")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO], env=dict(os.environ), cwd=REPO)
    (wheel,) = dist.glob("suijun-*.whl")
    return wheel


def check_wheel_contents(wheel: Path) -> str:
    names = zipfile.ZipFile(wheel).namelist()
    dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
    print(f"\nwheel {wheel.name}: {len(names)} files")
    folders: dict[str, int] = {}
    for name in names:
        folder = name.rsplit("/", 1)[0] if "/" in name else "."
        folders[folder] = folders.get(folder, 0) + 1
    for folder, count in sorted(folders.items()):
        print(f"  {count:3d}  {folder}/")
    expect(
        all(n.startswith(("suijun/", f"{dist_info}/")) for n in names), "the wheel holds suijun/ and its dist-info only"
    )
    missing = [n for n in REQUIRED_IN_WHEEL if n not in names]
    expect(not missing, f"rule files, guideline text, listeners and py.typed are in the wheel {missing or ''}")
    licence = [n for n in names if n.startswith(f"{dist_info}/") and n.endswith("LICENSE")]
    expect(licence, "the licence file ships in the dist-info")
    return dist_info


def site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def check_record(site: Path) -> None:
    """The suijun dist-info's RECORD lists only suijun's own files (and its console script)."""
    (dist_info,) = site.glob("suijun-*.dist-info")
    own = [line.split(",")[0] for line in (dist_info / "RECORD").read_text().splitlines() if line]
    foreign = [p for p in own if not p.startswith(("suijun/", f"{dist_info.name}/", "../../../bin/suijun"))]
    expect(not foreign, f"suijun installs nothing outside suijun/ and {dist_info.name} {foreign or ''}")
    expect(
        not any((site / name).exists() for name in ("bot", "extractors", "rules", "data")),
        "no generic top-level package (bot, extractors, rules, data) in site-packages",
    )


def start_bot(suijun: Path, env: dict, cwd: Path) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [str(suijun), "bot", "--http", "0", "--host", "127.0.0.1"],
        cwd=cwd,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)/slack/events", line):
            return proc, int(m.group(1))
        if time.monotonic() > deadline:
            break
    proc.kill()
    raise CheckFailed("suijun bot did not start listening")


def upload_through_slack(suijun: Path, env: dict, cwd: Path) -> str:
    """Run the bot against the stand-in and send it one upload of the sample; returns its final reply."""
    standin = StandIn().start()
    env = {**env, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": standin.url}
    proc, port = start_bot(suijun, env, cwd)
    try:
        body = file_share_body([standin.add_file(SAMPLE.read_bytes(), SAMPLE.name)])
        raw = json.dumps(body)
        ts = str(int(time.time()))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events",
            data=raw.encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=raw),
            },
        )
        expect(urllib.request.urlopen(request, timeout=30).status == 200, "the bot acknowledged a signed upload event")
        ev = body["event"]
        text = standin.wait_for(
            lambda: (t := final_text(standin, ev["channel"], ev["ts"])) and "一般的な水準" in t and t,
            timeout=300,
            what="the bot's result in the upload's thread",
        )
        expect(True, "the bot downloaded the upload with its token and answered in the thread")
        proc.send_signal(signal.SIGTERM)
        expect(proc.wait(timeout=60) == 0, "suijun bot stops cleanly on SIGTERM")
        return str(text)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
        standin.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="suijun-wheel-check-"))
    try:
        expect(REPO not in root.parents, f"working outside the checkout, in {root}")
        wheel = build_wheel(root / "dist")
        check_wheel_contents(wheel)
        wheel_version = wheel.name.split("-")[1]

        venv, work, home = root / "venv", root / "work", root / "home"
        work.mkdir()
        home.mkdir()
        base_python = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
        python, suijun = venv / "bin" / "python", venv / "bin" / "suijun"
        site = site_packages(python)
        fresh = set(os.listdir(site))

        # A new user's environment: no project variables, a home of its own, an empty working folder.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SUIJUN_", "SLACK_", "XDG_", "VIRTUAL_ENV"))}
        env.update(HOME=str(home), LANG="C.UTF-8", PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]

        print("\ninstalling the wheel without extras (the command line alone)")
        run([*pip, wheel], env=env, cwd=work)
        check_record(site)
        expect(not (site / "slack_bolt").exists(), "a CLI-only install does not pull in Bolt")
        no_extra = run([suijun, "bot"], env=env, cwd=work, ok=False)
        expect(
            no_extra.returncode == 1
            and "pip install 'suijun[slack]'" in no_extra.stderr
            and len(no_extra.stderr.strip().splitlines()) == 1,
            "without the extra, suijun bot says in one line how to install it",
        )

        print("\ninstalling the [slack] extra")
        run([*pip, f"suijun[slack] @ {wheel.as_uri()}"], env=env, cwd=work)
        added = sorted(set(os.listdir(site)) - fresh)
        print(f"site-packages after install ({site}):")
        for name in added:
            print(f"  {name}")
        ours = sorted(n for n in added if n.lower().startswith("suijun"))
        expect(ours == ["suijun", f"suijun-{wheel_version}.dist-info"], "suijun adds suijun/ and its dist-info")
        before = snapshot(site)

        print("\nusing it")
        version = run([suijun, "--version"], env=env, cwd=work).stdout
        expect(
            version == f"suijun {wheel_version}\n", f"suijun --version prints the wheel's version ({version.strip()})"
        )
        text = run([suijun, "check", SAMPLE], env=env, cwd=work).stdout
        expect("一般的な水準" in text, "suijun check prints the levels of the sample report")
        as_json = json.loads(run([suijun, "check", SAMPLE, "--json"], env=env, cwd=work).stdout)
        expect(
            as_json["ruleset"]["id"] == "niad-c" and len(as_json["items"]) >= 3,
            "suijun check --json gives the contract",
        )
        rules = run([suijun, "rules"], env=env, cwd=work).stdout
        rules_en = run([suijun, "rules", "--lang", "en"], env=env, cwd=work).stdout
        shown = next(line for line in rules_en.splitlines() if line.startswith("guideline text")).split(": ", 1)[1]
        expect(
            Path(shown).is_file() and site in Path(shown).parents,
            "suijun rules points to the guideline text it installed",
        )
        expect("seeds/" not in rules, "suijun rules names no checkout-only path")
        user_db = home / ".local" / "share" / "suijun" / "suijun.db"
        where = run([suijun, "audit", "where", "--lang", "en"], env=env, cwd=work).stdout.splitlines()
        expect(
            where[:2] == [str(user_db), "why: the per-user data folder"], "the database is in the per-user data folder"
        )
        reply = upload_through_slack(suijun, env, work)
        expect(SAMPLE.name in reply or "一般的な水準" in reply, "the reply names the levels")
        verified = run([suijun, "audit", "verify", "--lang", "en"], env=env, cwd=work).stdout
        expect("verified" in verified, "suijun audit verify: the chain of what was logged is intact")

        with sqlite3.connect(user_db) as db:
            runs = db.execute("SELECT source, status, software_version FROM runs ORDER BY id").fetchall()
        expect(
            sorted({r[0] for r in runs}) == ["cli", "slack"] and all(r[1] == "ok" for r in runs),
            f"the CLI checks and the Slack upload are logged ({len(runs)} runs)",
        )
        expect(all(r[2] == wheel_version for r in runs), "every audit row records the wheel's version")
        kept = list((user_db.parent / "store").rglob("*.pdf"))
        expect(len(kept) == 1, "the sample is kept once, beside the database")

        after = snapshot(site)
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        bytecode = [p for p in changed if "__pycache__" in p]
        written = [p for p in changed if "__pycache__" not in p]
        expect(not written, f"nothing was written into site-packages {written[:5] or ''}")
        if bytecode:
            print(f"  note: Python compiled {len(bytecode)} module(s) into __pycache__ on first import")
        expect(not list(venv.rglob("*.db")), "no database anywhere in the venv")
        print("\nwheel check passed")
        return 0
    except CheckFailed as failure:
        print(f"\nWHEEL CHECK FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
