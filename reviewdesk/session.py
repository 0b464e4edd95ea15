"""The session file: one SQLite database per review session (``.rdesk``).

Owns opening, creating and migrating the file (schema in ``db/``, version in ``PRAGMA
user_version``), the lock that keeps two processes from writing one session at once, and
:meth:`Session.change`, the one way to modify a session: it takes the lock, refuses a finalized
session, runs the change in one transaction and appends the audit entry in that same
transaction.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__
from .errors import EnvironmentProblem, SessionBusy, SessionError, SessionFinalized
from .i18n import msg
from .policy import Policy, policy_from_json
from .resources import migrations_dir

GENESIS = "0" * 64
LOCK_TIMEOUT = 3.0  # seconds a second writer waits before it is refused
SESSION_SUFFIX = ".rdesk"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def canonical(obj: Any) -> str:
    """JSON that hashes the same everywhere: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def migrations() -> list[tuple[int, Path]]:
    """The numbered migrations in ``db/``: ``001_initial.sql`` → ``(1, path)``."""
    out = []
    for p in sorted(migrations_dir().glob("[0-9][0-9][0-9]_*.sql")):
        out.append((int(p.name[:3]), p))
    return out


def schema_version() -> int:
    """The newest schema this version of ReviewDesk knows."""
    return max((n for n, _ in migrations()), default=0)


def audit_hash(prev: str, seq: int, at: str, actor: str | None, action: str, detail: str) -> str:
    body = canonical({"seq": seq, "at": at, "actor": actor, "action": action, "detail": detail})
    return hashlib.sha256((prev + "\n" + body).encode("utf-8")).hexdigest()


def translate_sqlite_error(e: sqlite3.Error, path: Path) -> Exception:
    """Turn the environment's SQLite failures into messages people understand."""
    text = str(e).lower()
    if "locked" in text or "busy" in text:
        return SessionBusy(msg("{p}: the session is being written by another program; try again in a moment",
                               "{p}：会话正被其他程序写入，请稍后再试", p=path.name))
    if "disk is full" in text or "database or disk is full" in text:
        return EnvironmentProblem(msg("{p}: the disk is full; nothing was changed. Free some space and try again.",
                                      "{p}：磁盘已满，未做任何更改。请释放空间后重试。", p=path.name))
    if "readonly" in text or "read-only" in text:
        return EnvironmentProblem(msg("{p}: the file or its folder is read-only; copy it to a writable folder",
                                      "{p}：文件或所在文件夹只读，请复制到可写的文件夹", p=path.name))
    if "disk i/o error" in text:
        return EnvironmentProblem(msg("{p}: the file could not be read or written (is the drive still connected?)",
                                      "{p}：无法读写文件（驱动器是否仍然连接？）", p=path.name))
    if ("not a database" in text or "malformed" in text or "corrupt" in text or "could not decode" in text
            or "quick_check" in text):
        return SessionError(msg("{p}: the file is damaged or is not a ReviewDesk session",
                                "{p}：文件已损坏或不是 ReviewDesk 会话文件", p=path.name))
    if "unable to open" in text:
        return EnvironmentProblem(msg("{p}: cannot open the file (check the folder exists and is writable)",
                                      "{p}：无法打开文件（请检查文件夹是否存在且可写）", p=path.name))
    return e


def translate_os_error(e: OSError, path: Path) -> Exception:
    if e.errno == errno.ENOSPC:
        return EnvironmentProblem(msg("{p}: the disk is full; nothing was written", "{p}：磁盘已满，未写入任何内容",
                                      p=path))
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EnvironmentProblem(msg("{p}: permission denied (read-only location?)", "{p}：没有权限（位置只读？）",
                                      p=path))
    return EnvironmentProblem(msg("{p}: {e}", "{p}：{e}", p=path, e=e.strerror or e))


def _text(value: bytes) -> str:
    """Text from the file; text that is not UTF-8 is a damaged page, said as SQLite says it (so it is
    met as a damaged file everywhere, not as a UnicodeDecodeError from deep inside a query)."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise sqlite3.DatabaseError("database disk image is malformed (text that is not UTF-8)") from None


def readonly_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading only."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(str(path) + "-wal").exists():
        # A read-only folder (a write-protected stick, a CD): SQLite cannot make the -shm file it
        # needs to read a WAL database, and nothing can change the file there.
        uri += "&immutable=1"
    return uri


class Session:
    """An open session file. Use :meth:`create` or :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool):
        self.path = path
        self.conn = conn
        self._db = None
        self.readonly = readonly
        self._lock = None  # a filelock.FileLock, made on the first write
        self._lock_depth = 0
        self._triggers_suspended = False
        self._policy: Policy | None = None
        self._meta: dict[str, str] | None = None
        # A session on removable media is worked on as a local copy (reviewdesk.removable): ``path``
        # stays the file the user opened, ``file`` is the database actually open (the copy).
        self.file = path
        self.local_copy = None

    @property
    def db(self):
        """The sqlite-utils view of the connection (imported on first write: reading needs none of it)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # ------------------------------------------------------------------ opening
    @staticmethod
    def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
        if readonly:
            uri = readonly_uri(path)
            conn = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT, isolation_level=None,
                                   check_same_thread=False)
        conn.text_factory = _text
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT * 1000)}")
        # 64 MiB of page cache (SQLite's default is 2 MiB): a provincial session's score table
        # (half a million rows, ~40 MB) then stays in memory while a merge or import writes it.
        conn.execute("PRAGMA cache_size = -65536")
        return conn

    @classmethod
    def create(cls, path: Path | str, policy: Policy, year: int, name: str | None = None,
               *, kind: str = "chair", session_id: str | None = None) -> Session:
        """Create a new session file for ``policy`` and ``year``; refuse an existing file or a year
        outside the policy's period."""
        path = Path(path)
        if path.exists():
            raise SessionError(msg("{p} already exists; choose another file name", "{p} 已存在，请换一个文件名",
                                   p=path))
        if year not in policy.years():
            raise SessionError(msg("year {y} is outside the policy's period {a}–{b}",
                                   "年度 {y} 不在政策有效期 {a}–{b} 内", y=year,
                                   a=policy.valid_from.isoformat(), b=policy.valid_to.isoformat()))
        if not path.parent.exists():
            raise EnvironmentProblem(msg("folder {p} does not exist", "文件夹 {p} 不存在", p=path.parent))
        tmp = path.with_name(path.name + ".creating")
        tmp.unlink(missing_ok=True)
        try:
            conn = cls._connect(tmp, readonly=False)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                s = cls(tmp, conn, readonly=False)
                s._migrate()
                created = now_iso()
                with s.db.atomic():
                    s.db["policy"].insert({"id": policy.id, "json": policy.canonical_json(),
                                           "digest": policy.digest()})
                    meta = {
                        "session_id": session_id or str(uuid.uuid4()),
                        "name": name if name is not None else path.stem,
                        "year": str(year),
                        "policy_id": policy.id,
                        "kind": kind,
                        "created_at": created,
                        "created_with": __version__,
                    }
                    s.db["meta"].insert_all([{"key": k, "value": v} for k, v in meta.items()])
                    s._append_audit("session.create", {"name": meta["name"], "year": year, "policy": policy.id,
                                                       "policy_digest": policy.digest(),
                                                       "session_id": meta["session_id"]})
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            for suffix in ("-wal", "-shm"):
                Path(str(tmp) + suffix).unlink(missing_ok=True)
            tmp.replace(path)
        except sqlite3.Error as e:
            tmp.unlink(missing_ok=True)
            raise translate_sqlite_error(e, path) from None
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise translate_os_error(e, path) from None
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, local_copy: bool | None = None) -> Session:
        """Open an existing session; migrate an older schema, refuse a newer one.

        A file on removable media (or with ``local_copy=True``) is copied to local disk and written
        back when closed (:mod:`reviewdesk.removable`).
        """
        path = Path(path)
        if not path.is_file():
            raise SessionError(msg("{p}: no such session file", "{p}：会话文件不存在", p=path))
        if local_copy is None:
            from .removable import is_removable

            local_copy = is_removable(path)
        if local_copy:
            return cls._open_local(path, readonly)
        try:
            with path.open("rb") as f:
                head = f.read(16)
        except OSError as e:
            raise translate_os_error(e, path) from None
        if head != b"SQLite format 3\x00":
            raise SessionError(msg("{p}: not a ReviewDesk session file", "{p}：不是 ReviewDesk 会话文件", p=path.name))
        if not readonly and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise EnvironmentProblem(msg(
                "{p}: the file or its folder is read-only; copy it to a writable folder (it can still be "
                "opened read-only)", "{p}：文件或所在文件夹只读，请复制到可写的文件夹（仍可只读打开）", p=path.name))
        try:
            conn = cls._connect(path, readonly)
            s = cls(path, conn, readonly)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > schema_version():
                conn.close()
                raise SessionError(msg(
                    "{p} was written by a newer ReviewDesk (schema {v}; this version reads up to {m}). "
                    "Install the newer version to open it.",
                    "{p} 由更新版本的 ReviewDesk 创建（数据结构版本 {v}，本版本最高支持 {m}），请安装新版本后打开。",
                    p=path.name, v=version, m=schema_version()))
            if not readonly:
                jm = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if jm.lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                if version < schema_version():
                    with s.lock():
                        s._migrate()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"meta", "policy", "applications", "audit"} <= tables:
                conn.close()
                raise SessionError(msg("{p}: not a ReviewDesk session file", "{p}：不是 ReviewDesk 会话文件",
                                       p=path.name))
            s.meta  # noqa: B018 - read once to fail early on a damaged file
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, path) from None
        except UnicodeDecodeError:
            # SQLite's message about a damaged schema quotes the damaged bytes, which Python
            # cannot decode: the file is damaged all the same.
            raise translate_sqlite_error(sqlite3.DatabaseError("malformed"), path) from None
        return s

    @classmethod
    def _open_local(cls, path: Path, readonly: bool) -> Session:
        from . import removable

        copy = removable.acquire(path, write_back=not readonly)
        try:
            s = cls.open(copy.path, readonly=readonly, local_copy=False)
        except BaseException:
            removable.release(copy)
            raise
        s.path, s.local_copy = path, copy
        return s

    def _migrate(self) -> None:
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, file in migrations():
            if number <= current:
                continue
            script = file.read_text(encoding="utf-8")
            # One transaction per migration: a failed migration leaves the file as it was.
            self.conn.execute("BEGIN")
            try:
                for stmt in _split_sql(script):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None and self._lock.is_locked:
                self._lock.release(force=True)
            if self.local_copy is not None:
                from . import removable

                copy, self.local_copy = self.local_copy, None
                removable.release(copy)  # the last user writes it back

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ facts
    @property
    def meta(self) -> dict[str, str]:
        if self._meta is None:
            self._meta = {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM meta")}
            if "session_id" not in self._meta:
                raise SessionError(msg("{p}: not a ReviewDesk session file", "{p}：不是 ReviewDesk 会话文件",
                                       p=self.path.name))
        return self._meta

    def refresh(self) -> None:
        """Forget cached facts (after another process changed the file)."""
        self._meta = None

    @property
    def id(self) -> str:
        return self.meta["session_id"]

    @property
    def name(self) -> str:
        return self.meta.get("name", "")

    @property
    def year(self) -> int:
        return int(self.meta["year"])

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "chair")

    @property
    def finalized(self) -> bool:
        return "finalized_at" in self.meta

    @property
    def policy(self) -> Policy:
        if self._policy is None:
            row = self.conn.execute("SELECT json, digest FROM policy LIMIT 1").fetchone()
            if row is None:
                raise SessionError(msg("{p}: the session holds no policy catalog", "{p}：会话中没有政策目录",
                                       p=self.path.name))
            self._policy = policy_from_json(row[0])
        return self._policy

    @property
    def policy_digest(self) -> str:
        return self.conn.execute("SELECT digest FROM policy LIMIT 1").fetchone()[0]

    def audit_head(self) -> str:
        row = self.conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else GENESIS

    # ------------------------------------------------------------------ changing
    def lock_path(self) -> Path:
        return self.file.with_name(self.file.name + ".lock")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the session's write lock; a second writer waits :data:`LOCK_TIMEOUT` s, then is refused."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.lock_path()))
        try:
            self._lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout:
            raise SessionBusy(msg(
                "{p} is being changed by another ReviewDesk window or command; try again when it is done",
                "{p} 正在被另一个 ReviewDesk 窗口或命令修改，请稍后再试", p=self.path.name)) from None
        except OSError as e:
            raise translate_os_error(e, self.lock_path()) from None
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            self._lock.release()

    @contextmanager
    def change(self, action: str, detail: dict[str, Any] | None = None, *, actor: str | None = None,
               allow_finalized: bool = False) -> Iterator[dict[str, Any]]:
        """The one way to change a session: lock, one transaction, and an audit entry in it.

        The body may add to the yielded ``detail`` dict; it is written to the audit entry when the
        body finishes. Any exception rolls everything back.
        """
        if self.readonly:
            raise SessionError(msg("{p} is open read-only", "{p} 以只读方式打开", p=self.path.name))
        detail = dict(detail or {})
        with self.lock():
            self.refresh()
            if self.finalized and not allow_finalized:
                raise SessionFinalized(msg(
                    "{p} is finalized ({t}); it can no longer be changed",
                    "{p} 已于 {t} 定稿，不能再修改", p=self.path.name, t=self.meta["finalized_at"]))
            try:
                with self.db.atomic():
                    yield detail
                    self._append_audit(action, detail, actor)
            except sqlite3.Error as e:
                err = translate_sqlite_error(e, self.path)
                if err is e:
                    raise
                raise err from None
            finally:
                self.refresh()

    def _append_audit(self, action: str, detail: dict[str, Any], actor: str | None = None) -> None:
        row = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = now_iso()
        body = canonical(detail)
        self.conn.execute(
            "INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
            (seq, at, actor, action, body, prev, audit_hash(prev, seq, at, actor, action, body)))

    @property
    def score_triggers_off(self) -> bool:
        """Whether :meth:`score_triggers_suspended` is in effect (the summary is written by hand)."""
        return self._triggers_suspended

    @contextmanager
    def score_triggers_suspended(self) -> Iterator[None]:
        """Inside :meth:`change` (or one transaction around several): drop the ``scores`` summary
        triggers now and recreate them at the end, for a batch of :meth:`bulk_scores` calls.

        Every score written meanwhile must go through :meth:`bulk_scores`, which then always
        rewrites the summary itself. Dropping and recreating are part of the transaction: a
        failure rolls both back, and no other connection ever sees the session without them.
        """
        if self._triggers_suspended:
            yield
            return
        triggers = [r[0] for r in self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'scores' ORDER BY name")]
        for name in [r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'scores'")]:
            self.conn.execute(f"DROP TRIGGER [{name}]")
        self._triggers_suspended = True
        try:
            yield
        finally:
            self._triggers_suspended = False
        for sql in triggers:
            self.conn.execute(sql)

    @contextmanager
    def bulk_scores(self, pairs: set[tuple[str, str]],
                    summaries: list[tuple[str, str, int, int, str]] | None = None) -> Iterator[None]:
        """Inside :meth:`change`: write many scores without the per-row summary triggers, then
        rewrite the ``reviews`` summary of the (application, expert) ``pairs`` written.

        ``summaries``: the new summary rows of those pairs, when the caller knows them (a merged
        package replaces an expert's scores wholly: :func:`review_summaries` of its rows); else
        they are recomputed from the scores. Below 1,000 pairs the triggers do the work, unless
        :meth:`score_triggers_suspended` has already taken them away.
        """
        if len(pairs) < 1000 and not self._triggers_suspended:
            yield
            return
        with self.score_triggers_suspended():
            yield
            self.conn.executemany("DELETE FROM reviews WHERE application_id = ? AND expert_id = ?", sorted(pairs))
            if summaries is not None:
                self.conn.executemany(
                    "INSERT INTO reviews (application_id, expert_id, total2, scored, points) VALUES (?,?,?,?,?)",
                    summaries)
                return
            by_expert: dict[str, list[str]] = {}
            for aid, eid in pairs:
                by_expert.setdefault(eid, []).append(aid)
            for eid, aids in sorted(by_expert.items()):
                # One expert's scores through the expert index, only the applications written.
                self.conn.execute(
                    "INSERT INTO reviews (application_id, expert_id, total2, scored, points) "
                    "SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2), "
                    "coalesce(group_concat(CASE WHEN points2 IS NOT NULL THEN criterion || ':' || points2 END), '') "
                    "FROM scores INDEXED BY scores_expert WHERE expert_id = ? "
                    "AND application_id IN (SELECT value FROM json_each(?)) GROUP BY application_id",
                    (eid, json.dumps(aids)))

    def set_meta(self, key: str, value: str) -> None:
        """Inside :meth:`change`: set a meta value."""
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ reading helpers
    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]

    def application_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT application_id FROM applications")}

    def expert_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT expert_id FROM experts")}

    def decisions(self) -> dict[str, tuple[str, str]]:
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT application_id, kind, reason FROM decisions")}


def review_summaries(rows: Iterable[tuple[str, str, str, int | None, str | None]]) \
        -> list[tuple[str, str, int, int, str]]:
    """The ``reviews`` rows of score rows ``(application, expert, criterion, points2, comment)``
    holding *all* the scores of each (application, expert) among them: what the summary triggers
    would leave, computed without them (``points`` lists the scored criteria in row order)."""
    acc: dict[tuple[str, str], list] = {}
    for aid, eid, crit, points2, _comment in rows:
        entry = acc.get((aid, eid))
        if entry is None:
            entry = acc[(aid, eid)] = [0, 0, []]
        if points2 is not None:
            entry[0] += points2
            entry[1] += 1
            entry[2].append(f"{crit}:{points2}")
    return [(aid, eid, total2, scored, ",".join(points)) for (aid, eid), (total2, scored, points) in acc.items()]


_SQL_COMMENT = re.compile(r"--[^\n]*")


def _split_sql(script: str) -> list[str]:
    """The statements of a migration script, as SQLite itself delimits them (triggers hold ``;``)."""
    out, buf = [], ""
    for line in _SQL_COMMENT.sub("", script).splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().rstrip(";").strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def move_into_place(checkpointed: Path, dest: Path) -> None:
    """Move a closed, checkpointed session file to ``dest`` without its (empty) WAL companions."""
    import shutil

    for suffix in ("-wal", "-shm"):
        Path(str(checkpointed) + suffix).unlink(missing_ok=True)
    shutil.move(str(checkpointed), str(dest))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
