"""The ``reviewdesk`` command (CONTRACT.md): a thin shell over the core.

Exit status: 0 success; 2 bad input or usage (every problem on stderr, one per line, as
``FILE:ROW: column: problem``); 3 a verification that failed; 1 an unexpected failure. Heavy
modules (Qt, reportlab, pyHanko, openpyxl) are imported only by the commands that need them, so
``reviewdesk policy list`` starts fast.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .errors import ReviewDeskError
from .i18n import msg


def _echo_err(line: str) -> None:
    click.echo(line, err=True)


class _Group(click.Group):
    """Turns known problems into messages and exit codes; bugs into exit 1 with details."""

    def invoke(self, ctx: click.Context):
        # The command line's words (click empties these once a subcommand runs; its public
        # ``protected_args`` is deprecated and warns).
        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            return super().invoke(ctx)
        except ReviewDeskError as e:
            for line in e.lines():
                _echo_err(line)
            if e.problems and str(e.message) not in ("",):
                _echo_err(str(e.message))
            ctx.exit(e.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except sqlite3.Error as e:
            # A damaged, locked or full session met past opening (a page read by a query): the
            # environment's fault, said plainly; anything else from SQLite is a bug.
            from .session import translate_sqlite_error

            err = translate_sqlite_error(e, _session_argument(args))
            if not isinstance(err, ReviewDeskError):
                _echo_err(str(msg("ReviewDesk hit an unexpected error (a bug). Details for IT:",
                                  "ReviewDesk 发生意外错误（程序缺陷）。供技术人员参考的详细信息：")))
                _echo_err(traceback.format_exc())
                ctx.exit(1)
            for line in err.lines():
                _echo_err(line)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            _echo_err(str(msg("interrupted; nothing was changed by the interrupted step",
                              "已中断；被中断的操作未做任何更改")))
            ctx.exit(130)
        except Exception:
            _echo_err(str(msg("ReviewDesk hit an unexpected error (a bug). Details for IT:",
                              "ReviewDesk 发生意外错误（程序缺陷）。供技术人员参考的详细信息：")))
            _echo_err(traceback.format_exc())
            ctx.exit(1)


def _session_argument(args: list[str]) -> Path:
    """The first argument that names an existing file: the session a failing command was working on."""
    for arg in args:
        if not arg.startswith("-") and Path(arg).is_file():
            return Path(arg)
    return Path("session")


def _print_json(obj) -> None:
    # No indent: the C encoder is several times faster on a 20,000-entry shortlist.
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewdesk")
@click.option("--self-test", is_flag=True, help="Check this installation (resources, PDF, signing, Qt) and exit.")
@click.pass_context
def main(ctx: click.Context, self_test: bool) -> None:
    """ReviewDesk: expert review sessions for industrial subsidy programs.

    With no command, opens the desktop app.
    """
    if self_test:
        from .selftest import run_self_test

        ctx.exit(run_self_test(echo=click.echo))
    if ctx.invoked_subcommand is None:
        ctx.exit(_open_app(None, None))


_APP_OPENER: Callable[..., int] | None = None


def set_app_opener(opener: Callable[..., int]) -> None:
    """Called by the desktop app's launcher (``ui.launcher``): the core never imports the app, the
    app plugs itself in."""
    global _APP_OPENER
    _APP_OPENER = opener


def _open_app(path: str | None, screenshot: str | None, demo: bool = False) -> int:
    if _APP_OPENER is None:
        raise ReviewDeskError(msg("the desktop app is not available in this command; start `reviewdesk` as "
                                  "installed (with the [gui] extra)",
                                  "此命令中没有桌面程序；请运行安装后的 reviewdesk（需安装 [gui] 组件）"))
    return _APP_OPENER(file=path, screenshot=screenshot, demo=demo)


# ----------------------------------------------------------------------------- policy
@main.group()
def policy() -> None:
    """The shipped policy catalogs."""


@policy.command("list")
def policy_list() -> None:
    """The shipped catalogs, one per line: id, name, period."""
    from .policy import load_catalog, shipped_catalogs

    for f in shipped_catalogs():
        p = load_catalog(f)
        click.echo(f"{p.id}\t{p.name}\t{p.valid_from.isoformat()}..{p.valid_to.isoformat()}")


@policy.command("show")
@click.argument("policy_id")
@click.option("--json", "as_json", is_flag=True, help="The whole catalog as JSON.")
def policy_show(policy_id: str, as_json: bool) -> None:
    """One catalog (an id of a shipped catalog, or a path to a .toml file)."""
    from .policy import find_catalog

    p = find_catalog(policy_id)
    if as_json:
        _print_json(p.to_json())
        return
    click.echo(f"{p.id}  {p.name}  ({p.valid_from}..{p.valid_to})")
    for prog in p.programs:
        quota = "-" if prog.quota is None else prog.quota
        click.echo(f"  {prog.id}  {prog.name}  quota={quota}  funding={prog.funding.kind}  "
                   f"criteria={len(prog.criteria)}")


# ----------------------------------------------------------------------------- session
@main.group()
def session() -> None:
    """Create, pack and unpack session files."""


@session.command("new")
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.option("--policy", "policy_id", required=True, help="Policy catalog id (see `policy list`).")
@click.option("--year", required=True, type=int)
@click.option("--name", default=None, help="The session's name (default: the file name).")
def session_new(session_file: str, policy_id: str, year: int, name: str | None) -> None:
    """Create a session file for a policy and a year."""
    from .policy import find_catalog
    from .session import Session

    pol = find_catalog(policy_id)
    with Session.create(session_file, pol, year, name) as s:
        click.echo(str(msg("created {p} (session {i}, {pol}, {y})", "已创建 {p}（会话 {i}，{pol}，{y} 年度）",
                           p=session_file, i=s.id, pol=pol.id, y=year)))


# ----------------------------------------------------------------------------- imports
@main.group("import")
def import_() -> None:
    """Import applications, experts, conflicts, scores, prior awards or documents."""


def _import_command(kind: str):
    @click.argument("session_file", type=click.Path(dir_okay=False))
    @click.argument("file", type=click.Path())
    def command(session_file: str, file: str) -> None:
        from .imports import IMPORTERS
        from .session import Session

        with Session.open(session_file) as s:
            result = IMPORTERS[kind](s, file)
        click.echo(result.summary())

    command.__doc__ = {
        "applications": "Applications (.csv or .xlsx).",
        "experts": "The panel roster.",
        "conflicts": "Declared conflicts of interest (expert, credit code).",
        "scores": "Scores entered by a clerk from paper sheets (replaces existing ones).",
        "prior-awards": "Awards of earlier sessions and years.",
    }[kind]
    return command


for _kind in ("applications", "experts", "conflicts", "scores", "prior-awards"):
    import_.command(_kind)(_import_command(_kind))


@import_.command("documents")
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.argument("folder", type=click.Path(file_okay=False))
def import_documents(session_file: str, folder: str) -> None:
    """Application documents (PDF, images) from FOLDER/<application id>/ or <id>_name files."""
    from .documents import import_documents as do_import
    from .session import Session

    with Session.open(session_file) as s:
        result = do_import(s, folder)
    click.echo(result.summary())


# ----------------------------------------------------------------------------- rank, decide
@main.command()
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The ranked shortlist per program as JSON.")
def rank(session_file: str, as_json: bool) -> None:
    """The ranked shortlist per program."""
    from .session import Session
    from .shortlist import shortlist

    with Session.open(session_file, readonly=True) as s:
        result = shortlist(s)
    if as_json:
        _print_json(result.to_json())
        return
    for p in result.programs:
        quota = "-" if p.quota is None else f"{p.quota} (left {p.quota_left})"
        line = f"{p.program.id} {p.program.name}  quota {quota}"
        if p.budget_pool is not None:
            line += f"  pool {p.budget_pool:,} (left {p.budget_left:,})"
        click.echo(line)
        for e in p.entries:
            rank_ = "" if e.rank is None else str(e.rank)
            score = "-" if e.score is None else str(e.score)
            amount = "" if e.amount is None else f"{e.amount:,}"
            click.echo(f"  {rank_:>4} {e.application_id:<12} {score:>6} {e.agg.n:>2} {e.status:<9} {amount:>12}  "
                       f"{'=' if e.tied else ' '} {e.reason or ''}  {e.application.enterprise_name}")


@main.command()
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.argument("application_id")
@click.option("--award", "kind", flag_value="award", help="Force an award.")
@click.option("--exclude", "kind", flag_value="exclude", help="Force an exclusion.")
@click.option("--clear", "kind", flag_value="clear", help="Withdraw the decision.")
@click.option("--reason", required=True, help="The written reason (printed on the shortlist).")
def decide(session_file: str, application_id: str, kind: str | None, reason: str) -> None:
    """The chair's decision on one application (RULES.md §8)."""
    from .decisions import decide as do_decide
    from .session import Session

    if kind is None:
        raise click.UsageError("one of --award, --exclude or --clear is required")
    with Session.open(session_file) as s:
        do_decide(s, application_id, kind, reason)
    click.echo(str(msg("decision recorded: {a} {k}", "已记录决定：{a} {k}", a=application_id, k=kind)))


# ----------------------------------------------------------------------------- app and demo
@main.command("open")
@click.argument("session_file", required=False, type=click.Path(dir_okay=False))
@click.option("--screenshot", type=click.Path(dir_okay=False), help="Render the first window to a PNG and exit.")
def open_(session_file: str | None, screenshot: str | None) -> None:
    """Open the desktop app (on a session, a work copy or a pack)."""
    raise SystemExit(_open_app(session_file, screenshot))


@main.command()
@click.option("--no-gui", is_flag=True, help="Only write the demo session file.")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Where to write the demo session.")
@click.option("--screenshot", type=click.Path(dir_okay=False), help="Render the first window to a PNG and exit.")
def demo(no_gui: bool, out: str | None, screenshot: str | None) -> None:
    """Build the demo session (and open it in the app)."""
    from .demo import build_demo, default_demo_path

    path = Path(out) if out else default_demo_path()
    if out is None and path.exists():
        path.unlink()
        for suffix in ("-wal", "-shm", ".lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    build_demo(path)
    if no_gui:
        click.echo(str(msg("demo session written to {p}", "演示会话已写入 {p}", p=path)))
        return
    raise SystemExit(_open_app(str(path), screenshot, demo=True))


def run() -> None:  # pragma: no cover - console entry for frozen builds
    main(prog_name="reviewdesk")




# ----------------------------------------------------------------------------- trust
def _passphrase(confirm: bool = False) -> str:
    env = os.environ.get("REVIEWDESK_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise ReviewDeskError(msg("a passphrase is needed: run at a terminal or set REVIEWDESK_PASSPHRASE",
                                  "需要口令：请在终端中运行，或设置 REVIEWDESK_PASSPHRASE"))
    return click.prompt(str(msg("Passphrase", "口令")), hide_input=True, confirmation_prompt=confirm)


def _identity():
    from .trust import load_identity

    return load_identity(_passphrase())


@main.group()
def key() -> None:
    """This person's identity: key and certificate."""


@key.command("new")
@click.option("--name", required=True, help="Your name as it appears on the certificate.")
@click.option("--role", default="expert", show_default=True, help="expert or chair (printed on the certificate).")
@click.option("--force", is_flag=True, help="Replace an existing identity (the old one is kept in retired/).")
def key_new(name: str, role: str, force: bool) -> None:
    """Create your identity (ECDSA P-256 key and self-signed certificate); prints the fingerprint."""
    from .trust import create_identity
    from .trust.identity import identity_path

    ident = create_identity(name, role, _passphrase(confirm=True), overwrite=force)
    click.echo(str(msg("identity created for {n} ({r}) in {p}", "已为 {n}（{r}）创建身份，保存于 {p}", n=ident.name,
                       r=ident.role, p=identity_path())))
    click.echo(str(msg("fingerprint: {f}", "指纹：{f}", f=ident.readable_fingerprint)))


@key.command("show")
def key_show() -> None:
    """Your certificate's fingerprint."""
    from .trust import certificate_name, certificate_role, fingerprint, load_certificate, readable_fingerprint

    cert = load_certificate()
    click.echo(f"{certificate_name(cert)} ({certificate_role(cert)})")
    click.echo(str(msg("fingerprint: {f}", "指纹：{f}", f=readable_fingerprint(cert))))
    click.echo(f"SHA-256: {fingerprint(cert)}")


@key.command("export-cert")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Where to write the certificate (PEM).")
def key_export_cert(out: str) -> None:
    """Write your certificate to hand to the chair."""
    from cryptography.hazmat.primitives import serialization

    from .trust import load_certificate, readable_fingerprint
    from .trust._files import atomic_write_bytes

    cert = load_certificate()
    atomic_write_bytes(Path(out), cert.public_bytes(serialization.Encoding.PEM))
    click.echo(str(msg("certificate written to {p}; fingerprint {f}", "证书已写入 {p}；指纹 {f}", p=out,
                       f=readable_fingerprint(cert))))


@main.group()
def roster() -> None:
    """The panel's certificates (chair)."""


@roster.command("add")
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.option("--expert-id", required=True)
@click.option("--cert", "cert_file", required=True, type=click.Path(dir_okay=False))
def roster_add_cmd(session_file: str, expert_id: str, cert_file: str) -> None:
    """Register an expert's certificate in the session."""
    from .exchange import roster_add
    from .session import Session

    try:
        pem = Path(cert_file).read_bytes()
    except OSError as e:
        raise ReviewDeskError(msg("{p}: cannot read: {e}", "{p}：无法读取：{e}", p=cert_file, e=e.strerror)) from None
    with Session.open(session_file) as s:
        fp = roster_add(s, expert_id, pem)
    click.echo(str(msg("registered {e}: fingerprint {f}", "已登记 {e}：指纹 {f}", e=expert_id, f=fp)))


@session.command("pack")
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False))
def session_pack(session_file: str, out: str) -> None:
    """The chair's signed copy of the session for the experts."""
    from .exchange import pack
    from .session import Session

    ident = _identity()
    with Session.open(session_file) as s:
        missing = [r[0] for r in s.conn.execute("SELECT expert_id FROM experts WHERE cert_pem IS NULL")]
        pack(s, out, ident)
    click.echo(str(msg("pack written to {p}, signed by {n} ({f})", "会话包已写入 {p}，签名者 {n}（{f}）", p=out,
                       n=ident.name, f=ident.readable_fingerprint)))
    if missing:
        click.echo(str(msg("note: no certificate registered yet for {e}: they cannot open this pack",
                           "提示：以下专家尚未登记证书，无法打开此会话包：{e}", e=", ".join(missing))), err=True)


@session.command("unpack")
@click.argument("pack_file", type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The work copy to write (local disk).")
@click.option("--chair-fingerprint", default=None, help="The chair's fingerprint as read aloud (checked if given).")
def session_unpack(pack_file: str, out: str, chair_fingerprint: str | None) -> None:
    """Check the chair's signature and write your work copy."""
    from .exchange import unpack

    u = unpack(pack_file, out, chair_fingerprint=chair_fingerprint)
    click.echo(str(msg("work copy {p} for expert {e} ({n}): {a} applications", "工作副本 {p}，专家 {e}（{n}）：{a} 项申报",
                       p=u.path, e=u.expert_id, n=u.expert_name, a=u.applications)))
    click.echo(str(msg("signed by the chair {c}, fingerprint {f} — compare it with the chair's",
                       "组长 {c} 签名，指纹 {f}——请与组长核对", c=u.chair_name, f=u.chair_fingerprint)))


@main.group()
def scores() -> None:
    """Score packages: export (expert) and merge (chair)."""


@scores.command("export")
@click.argument("work_file", type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False))
def scores_export(work_file: str, out: str) -> None:
    """Write your signed score package (your reviews and conflicts)."""
    from .exchange import export_scores
    from .session import Session

    ident = _identity()
    with Session.open(work_file) as w:
        r = export_scores(w, out, ident)
    click.echo(str(msg("package {n} written to {p}: {c} complete reviews, {k} conflicts declared",
                       "第 {n} 号评分包已写入 {p}：完整评审 {c} 份，回避 {k} 项", n=r["sequence"], p=out,
                       c=r["complete_reviews"], k=r["conflicts"])))


@scores.command("merge")
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def scores_merge(session_file: str, files: tuple[str, ...]) -> None:
    """Check and merge expert score packages (each merged or refused on its own)."""
    from .exchange import merge_packages
    from .session import Session

    with Session.open(session_file) as s:
        outcomes = merge_packages(s, list(files))
    worst = 0
    for o in outcomes:
        click.echo(o.message, err=o.status == "refused")
        worst = max(worst, o.exit_code)
    if worst:
        raise SystemExit(worst)


@main.command()
@click.argument("session_file", type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(file_okay=False), help="The folder for the outputs.")
def finalize(session_file: str, out: str) -> None:
    """Lock the session; write the signed shortlist PDF, the XLSX and the signed manifest."""
    from .finalize import finalize as do_finalize
    from .session import Session

    ident = _identity()
    last = {"stage": ""}

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last["stage"] or done == total:
            last["stage"] = stage
            click.echo(f"  {stage} {done}/{total}", err=True)

    with Session.open(session_file) as s:
        r = do_finalize(s, out, ident, progress)
    click.echo(str(msg("finalized: {n} awards, {a} yuan; files in {d}", "已定稿：入选 {n} 项，共 {a} 元；文件位于 {d}",
                       n=r.awarded, a=f"{r.awarded_amount:,}", d=r.out_dir)))
    for _name, path in r.files.items():
        click.echo(f"  {path}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--session", "session_file", type=click.Path(dir_okay=False),
              help="Also check against this session (signer is its chair; the shortlist recomputed).")
def verify(file: str, session_file: str | None) -> None:
    """Check a shortlist PDF, a manifest, a package or a session: exit 0 valid, 3 not valid."""
    from .finalize import verify as do_verify

    v = do_verify(file, session_path=session_file)
    for line in v.lines:
        click.echo(line)


# At the end: `python -m reviewdesk.cli` must see every command defined above.
if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main(prog_name="reviewdesk")
