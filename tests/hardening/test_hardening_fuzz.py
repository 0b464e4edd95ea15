"""Hostile files, fuzzed with hypothesis: the CSV and XLSX importers, signed envelopes, score packages
and session packs. Whatever the bytes: a result, or a :class:`ReviewDeskError` (never another
exception), and a refused file leaves the session exactly as it was (its logical fingerprint).

Default runs are sized for CI (about 3,000 cases in all); ``REVIEWDESK_LONG_FUZZ=1`` runs ten
times more. A score package or pack is fuzzed *behind a valid signature* too (signed by a trusted
expert, or by anyone for a pack, which the expert's first unpack accepts): the signature is checked
first, so only a signed file ever reaches the parser, and the parser must hold up even then.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hardening_helpers import (
    app_id,
    cases,
    credit_code,
    criteria,
    expert_id,
    fingerprint,
    make_identity,
    make_session,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.errors import InputError, ReviewDeskError
from reviewdesk.imports import IMPORTERS
from reviewdesk.session import Session

FUZZ = settings(max_examples=cases(300, 3000), deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])
FEW = settings(FUZZ, max_examples=cases(120, 1200))

COLUMNS = {
    "applications": ["application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
                     "actual_investment", "实际投入（万元）", "requested_amount", "rented_area_m2", "fiscal_support",
                     "申报编号", "项目类别", "企业名称", "统一社会信用代码", "项目名称"],
    "experts": ["expert_id", "name", "organization", "专家编号", "姓名", "单位"],
    "conflicts": ["expert_id", "credit_code", "专家编号", "统一社会信用代码"],
    "scores": ["expert_id", "application_id", "criterion", "score", "comment", "得分", "评分项"],
    "prior-awards": ["credit_code", "project_name", "program", "year", "amount", "金额（万元）", "level"],
}

NASTY = ["", " ", "0", "-1", "1e999", "NaN", "inf", "-0", "１２３", "1,234,567", "￥100元", "0.5", "99999999999999999999999",
         "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "\x00", "是", "否", "国家级", "provincial", "P07", "P99",
         "E01", "E99", "A-00001", "A-99999", "../../etc/passwd", "C:\\Windows\\x", "a\nb", '"', "\ufeff",
         "2021", "1899", "9" * 400, "企" * 3000]


def cell():
    ids = st.sampled_from([app_id(i) for i in range(1, 25)] + [expert_id(e) for e in range(1, 5)]
                          + [credit_code(i) for i in range(1, 25)] + [c for c, _ in criteria()])
    return st.one_of(st.sampled_from(NASTY), ids, st.text(max_size=20),
                     st.integers(-10**6, 10**12).map(str),
                     st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=-10, max_value=200)
                     .map(str))


def table(kind: str):
    header = st.lists(st.sampled_from(COLUMNS[kind] + ["junk", "备注"]), min_size=1, max_size=9)
    return st.tuples(st.lists(st.lists(st.sampled_from(NASTY), max_size=3), max_size=3),  # title rows
                     header, st.lists(st.lists(cell(), max_size=10), max_size=12))


def _fresh_id(prefix: str):
    return st.uuids().map(lambda u: f"{prefix}{u.hex[:10]}")


def valid_table(kind: str):
    """Mostly valid rows (so that imports go through and write), with a hostile cell now and then."""
    codes = st.sampled_from([credit_code(i) for i in range(1, 25)])
    name = st.text(min_size=1, max_size=12).filter(lambda t: t.strip())
    good = {
        "applications": {"application_id": _fresh_id("N"), "program": st.just("P07"), "enterprise_name": name,
                         "credit_code": codes, "project_name": name,
                         "actual_investment": st.integers(0, 10**9).map(str)},
        "experts": {"expert_id": _fresh_id("X"), "name": name, "organization": name},
        "conflicts": {"expert_id": st.sampled_from(["E02", "E03"]), "credit_code": codes},
        "scores": {"expert_id": st.sampled_from([expert_id(e) for e in range(1, 5)]),
                   "application_id": st.sampled_from([app_id(i) for i in range(1, 21)]),
                   "criterion": st.sampled_from([c for c, _ in criteria()]),
                   "score": st.sampled_from(["0", "5", "7.5", "10", "10.0"]), "comment": st.text(max_size=30)},
        "prior-awards": {"credit_code": codes, "project_name": name, "program": st.sampled_from(["P07", "旧政策"]),
                         "year": st.sampled_from(["2020", "2019"]), "amount": st.integers(0, 10**8).map(str)},
    }[kind]
    cols = list(good)
    hostile = st.sampled_from([False] * 29 + [True])  # about one cell in thirty
    row = st.tuples(*[st.tuples(hostile, good[c], cell()).map(lambda x: x[2] if x[0] else x[1])
                      for c in cols]).map(list)
    return st.tuples(st.just([]), st.permutations(cols), st.lists(row, min_size=1, max_size=8)).map(
        lambda t: (t[0], t[1], [[r[cols.index(c)] for c in t[1]] for r in t[2]]))


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz")
    s = make_session(d / "s.rdesk", apps=20, experts=4)
    yield s
    s.close()


def attempt(session: Session, kind: str, path: Path) -> str:
    """Run one import: ``"imported"`` or ``"refused"`` (and then nothing changed). Anything else fails."""
    before = fingerprint(session.path)
    try:
        IMPORTERS[kind](session, path)
        return "imported"
    except ReviewDeskError as e:
        assert e.lines()  # something to say
        assert fingerprint(session.path) == before
        return "refused"


# ----------------------------------------------------------------------------- CSV
@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_csv_importers_take_anything(tmp_path_factory, session, kind):
    d = tmp_path_factory.mktemp(f"csv-{kind}")
    seen: dict[str, int] = {}

    @FUZZ
    @given(t=st.one_of(table(kind), valid_table(kind)), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
           delimiter=st.sampled_from([",", ",", "\t", ";"]))
    def run(t, encoding, delimiter):
        import csv

        titles, header, rows = t
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter)
        w.writerows([*titles, header, *rows])
        f = d / "in.csv"
        f.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
        r = attempt(session, kind, f)
        seen[r] = seen.get(r, 0) + 1

    run()
    print(f"csv {kind}: {seen}")


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(list(IMPORTERS)), suffix=st.sampled_from([".csv", ".txt"]))
def test_csv_importers_take_any_bytes(tmp_path_factory, session, data, kind, suffix):
    f = tmp_path_factory.getbasetemp() / f"raw{suffix}"
    f.write_bytes(data)
    attempt(session, kind, f)


# ----------------------------------------------------------------------------- XLSX
def xlsx_bytes(rows: list[list], sheets: int = 1) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:  # control characters cannot be written into a workbook at all
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in r])
    for k in range(1, sheets):
        wb.create_sheet(f"S{k}").append(["other"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_cell():
    import datetime as dt

    return st.one_of(cell(), st.none(), st.booleans(), st.integers(-10**15, 10**15),
                     st.floats(allow_nan=False, allow_infinity=False, width=32),
                     st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
                     st.sampled_from(["=1+1", "=SUM(A1:A9)", "=WEBSERVICE(\"http://x\")", "=A1&B1"]))


@FEW
@given(kind=st.sampled_from(list(IMPORTERS)), data=st.data())
def test_xlsx_importers_take_any_workbook(tmp_path_factory, session, kind, data):
    header = data.draw(st.lists(st.sampled_from(COLUMNS[kind] + ["junk"]), min_size=1, max_size=8))
    rows = data.draw(st.lists(st.lists(xlsx_cell(), max_size=9), max_size=10))
    titles = data.draw(st.lists(st.lists(xlsx_cell(), max_size=2), max_size=2))
    raw = xlsx_bytes([*titles, header, *rows], sheets=data.draw(st.integers(1, 3)))
    f = tmp_path_factory.getbasetemp() / "in.xlsx"
    f.write_bytes(raw)
    attempt(session, kind, f)


@pytest.fixture(scope="module")
def good_xlsx() -> bytes:
    return xlsx_bytes([["expert_id", "name"], *[[f"X{i}", f"专家{i}"] for i in range(30)]])


@FEW
@given(data=st.data())
def test_xlsx_importer_takes_damaged_workbooks(tmp_path_factory, session, good_xlsx, data):
    b = bytearray(good_xlsx)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        pos = data.draw(st.integers(0, len(b) - 1))
        if op == "flip":
            b[pos] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del b[pos:pos + data.draw(st.integers(1, 200))]
        else:
            b[pos:pos] = data.draw(st.binary(min_size=1, max_size=50))
        if not b:
            break
    f = tmp_path_factory.getbasetemp() / "damaged.xlsx"
    f.write_bytes(bytes(b))
    attempt(session, "experts", f)


def test_xlsx_formulas_are_never_evaluated(tmp_path, session):
    """A formula cell arrives as its saved value, or as empty when the file saved none (openpyxl writes
    none): never evaluated, never stored as formula text."""
    f = tmp_path / "formulas.xlsx"
    f.write_bytes(xlsx_bytes([["expert_id", "name", "organization"],
                              ["F1", "=HYPERLINK(\"http://evil.example\",\"x\")", "单位"],
                              ["F2", "专家二", "=WEBSERVICE(\"http://evil.example\")"]]))
    before = fingerprint(session.path)
    with pytest.raises(InputError) as ei:
        IMPORTERS["experts"](session, f)
    assert [(p.row, p.column) for p in ei.value.problems] == [(2, "name")]  # the required one, named
    assert fingerprint(session.path) == before
    f.write_bytes(xlsx_bytes([["expert_id", "name", "organization"],
                              ["F2", "专家二", "=WEBSERVICE(\"http://evil.example\")"]]))
    IMPORTERS["experts"](session, f)
    org = session.conn.execute("SELECT organization FROM experts WHERE expert_id = 'F2'").fetchone()[0]
    assert org in (None, "")


def _rewrite(src: bytes, member: str, fn) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(src))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, fn(data) if info.filename == member else data)
    return out.getvalue()


def test_xlsx_compression_bomb_refused(tmp_path, session):
    """60 MB of sheet XML deflated to about 60 KB: refused by its expansion ratio before openpyxl reads
    a byte of it."""
    bomb = _rewrite(xlsx_bytes([["expert_id", "name"]]), "xl/worksheets/sheet1.xml",
                    lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * 60_000_000))
    f = tmp_path / "bomb.xlsx"
    f.write_bytes(bomb)
    assert f.stat().st_size < 200_000
    before = fingerprint(session.path)
    with pytest.raises(InputError) as ei:
        IMPORTERS["experts"](session, f)
    assert "unsafe" in ei.value.message.en
    assert fingerprint(session.path) == before


def test_xlsx_lying_sizes_refused(tmp_path, session):
    """A workbook whose zip directory understates the sheet's size (so the ratio check passes): the
    sheet is read only as far as its stated size, and the truncated XML is refused as unreadable."""
    raw = bytearray(_rewrite(xlsx_bytes([["expert_id", "name"], *[[f"Y{i}", "专家"] for i in range(2000)]]),
                             "xl/worksheets/sheet1.xml", lambda d: d))
    name = b"xl/worksheets/sheet1.xml"
    for sig, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = 0
        while (at := raw.find(sig, at)) >= 0:
            name_at = at + (46 if sig == b"PK\x01\x02" else 30)
            if raw[name_at:name_at + len(name)] == name:
                raw[at + size_at:at + size_at + 4] = (1000).to_bytes(4, "little")
            at += 4
    f = tmp_path / "liar.xlsx"
    f.write_bytes(bytes(raw))
    assert attempt(session, "experts", f) == "refused"


def test_xlsx_claiming_a_huge_sheet_is_read_narrow(tmp_path, session):
    """Five kilobytes that claim A1:XFD1048576 with a cell in the last row: openpyxl would pad a million
    rows to 16,384 columns (MemoryError); read at most 256 wide it takes a second."""
    import re
    import time

    raw = _rewrite(xlsx_bytes([["expert_id", "name"], ["Z1", "专家"]]), "xl/worksheets/sheet1.xml",
                   lambda d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', d).replace(
                       b"</sheetData>",
                       b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    f = tmp_path / "wide.xlsx"
    f.write_bytes(raw)
    assert f.stat().st_size < 10_000
    t0 = time.monotonic()
    assert attempt(session, "experts", f) == "imported"  # the one real row; column XFD is not read
    assert time.monotonic() - t0 < 30
    assert "Z1" in session.expert_ids()


def test_xlsx_row_limit(tmp_path, session, monkeypatch):
    from reviewdesk.imports import table

    monkeypatch.setattr(table, "MAX_XLSX_ROWS", 100)
    f = tmp_path / "long.xlsx"
    f.write_bytes(xlsx_bytes([["expert_id", "name"], *[[f"L{i}", "专家"] for i in range(150)]]))
    with pytest.raises(InputError) as ei:
        IMPORTERS["experts"](session, f)
    assert "more than 100 rows" in ei.value.message.en


def test_xlsx_is_read_in_read_only_mode(tmp_path, session, monkeypatch):
    import openpyxl

    calls = []
    real = openpyxl.load_workbook

    def spy(*a, **k):
        calls.append(k)
        return real(*a, **k)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    f = tmp_path / "ro.xlsx"
    f.write_bytes(xlsx_bytes([["expert_id", "name"], ["R1", "专家"]]))
    IMPORTERS["experts"](session, f)
    assert calls and all(k.get("read_only") and k.get("data_only") for k in calls)


# ----------------------------------------------------------------------------- signed envelopes
@pytest.fixture(scope="module")
def people(tmp_path_factory):
    d = tmp_path_factory.mktemp("people")
    return {"chair": make_identity(d / "chair", "组长", "chair"), "e1": make_identity(d / "e1", "专家一", "expert"),
            "mallory": make_identity(d / "m", "冒名者", "expert")}


@FUZZ
@given(data=st.data())
def test_envelope_reader_takes_anything(people, data):
    from reviewdesk.trust.envelope import SCORE_PACKAGE, open_sealed, seal

    good = seal(SCORE_PACKAGE, data.draw(st.binary(max_size=300)), people["e1"])
    choice = data.draw(st.sampled_from(["random", "mutated", "header", "truncated", "extended"]))
    b = bytearray(good)
    if choice == "random":
        b = bytearray(data.draw(st.binary(max_size=2000)))
    elif choice == "mutated":
        for _ in range(data.draw(st.integers(1, 5))):
            b[data.draw(st.integers(0, len(b) - 1))] ^= data.draw(st.integers(1, 255))
    elif choice == "header":
        b[20:36] = data.draw(st.binary(min_size=16, max_size=16))
    elif choice == "truncated":
        b = b[:data.draw(st.integers(0, len(b) - 1))]
    else:
        b += data.draw(st.binary(min_size=1, max_size=100))
    try:
        signer, _ = open_sealed(bytes(b), trusted=[people["e1"].certificate], expected_kind=SCORE_PACKAGE)
    except ReviewDeskError:
        return
    assert bytes(b) == good and signer == people["e1"].certificate  # only the untouched file opens


@FEW
@given(data=st.binary(max_size=4000))
def test_envelope_file_reader_leaves_nothing_on_refusal(tmp_path_factory, people, data):
    from reviewdesk.trust.envelope import SESSION_PACK, open_sealed_file

    d = tmp_path_factory.mktemp("env")
    (d / "in.rdpack").write_bytes(data)
    with pytest.raises(ReviewDeskError):
        open_sealed_file(d / "in.rdpack", trusted=None, expected_kind=SESSION_PACK, out_payload_path=d / "out")
    assert sorted(p.name for p in d.iterdir()) == ["in.rdpack"]


# ----------------------------------------------------------------------------- score packages behind a signature
@pytest.fixture(scope="module")
def chair_session(tmp_path_factory, people):
    from reviewdesk.exchange import roster_add

    d = tmp_path_factory.mktemp("merge")
    s = make_session(d / "s.rdesk", apps=10, experts=2)
    roster_add(s, "E01", people["e1"].cert_pem())
    yield s, d
    s.close()


def json_values():
    return st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=12),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                      max_size=4),
                        max_leaves=12)


@FUZZ
@given(data=st.data())
def test_score_package_parser_behind_a_valid_signature(chair_session, people, data):
    from reviewdesk.exchange import merge_package
    from reviewdesk.trust.envelope import SCORE_PACKAGE, seal

    s, d = chair_session
    crit = [c for c, _ in criteria()]
    review = st.one_of(
        st.tuples(st.sampled_from([app_id(i) for i in range(1, 12)]), st.sampled_from(crit + ["zz"]),
                  st.one_of(st.none(), st.integers(-3, 210), st.floats(), st.text(max_size=3)),
                  st.one_of(st.none(), st.text(max_size=20), st.integers())).map(list),
        json_values())
    pkg = {"format": data.draw(st.sampled_from([1, 1, 1, 2, "1", None])),
           "session_id": data.draw(st.sampled_from([s.id, s.id, "other", 7])),
           "expert_id": data.draw(st.sampled_from(["E01", "E01", "E02", None])),
           "sequence": data.draw(st.one_of(st.integers(-5, 2**64), st.sampled_from([1e400, "3", None, True]))),
           "reviews": data.draw(st.one_of(st.lists(review, max_size=8), json_values())),
           "conflicts": data.draw(st.one_of(st.lists(st.sampled_from([credit_code(3), "X", 5, None]), max_size=3),
                                            json_values()))}
    for key in data.draw(st.lists(st.sampled_from(list(pkg)), max_size=2)):
        pkg.pop(key, None)
    body = data.draw(st.sampled_from(["json", "json", "json", "raw", "deep"]))
    if body == "json":
        payload = json.dumps(pkg, ensure_ascii=False, allow_nan=True).encode()
    elif body == "raw":
        payload = data.draw(st.binary(max_size=200))
    else:
        payload = b"[" * 100_000 + b"]" * 100_000  # deeper than the JSON parser's recursion
    f = d / "p.rdscores"
    f.write_bytes(seal(SCORE_PACKAGE, payload, people["e1"]))
    before = fingerprint(s.path)
    try:
        merge_package(s, f)
    except ReviewDeskError:
        assert fingerprint(s.path) == before


def test_score_package_from_an_unknown_signer_is_refused_before_parsing(chair_session, people, monkeypatch):
    from reviewdesk import exchange
    from reviewdesk.errors import VerificationFailed
    from reviewdesk.trust.envelope import SCORE_PACKAGE, seal

    s, d = chair_session
    parsed = []
    monkeypatch.setattr(exchange.json, "loads", lambda *a, **k: parsed.append(a) or {})
    f = d / "m.rdscores"
    f.write_bytes(seal(SCORE_PACKAGE, b'{"format": 1}', people["mallory"]))
    with pytest.raises(VerificationFailed):
        exchange.merge_package(s, f)
    assert parsed == []  # the payload was never parsed


# ----------------------------------------------------------------------------- packs behind a signature
@pytest.fixture(scope="module")
def pack_payload(tmp_path_factory, people):
    """A real pack's SQLite payload (the chair's session with E01 in the roster)."""
    from reviewdesk.exchange import pack, roster_add
    from reviewdesk.trust.envelope import SESSION_PACK, open_sealed_file

    d = tmp_path_factory.mktemp("pack")
    s = make_session(d / "s.rdesk", apps=5, experts=1)
    roster_add(s, "E01", people["e1"].cert_pem())
    pack(s, d / "s.rdpack", people["chair"])
    s.close()
    open_sealed_file(d / "s.rdpack", trusted=None, expected_kind=SESSION_PACK, out_payload_path=d / "payload")
    return (d / "payload").read_bytes()


@FEW
@given(data=st.data())
def test_pack_reader_behind_a_valid_signature(tmp_path_factory, people, pack_payload, data):
    """Anyone can sign a pack (the expert compares the fingerprint read aloud); whatever its payload,
    unpacking gives a work copy or a refusal, and a refusal leaves nothing in the folder."""
    from reviewdesk.exchange import unpack
    from reviewdesk.trust.envelope import SESSION_PACK, seal

    b = bytearray(pack_payload)
    how = data.draw(st.sampled_from(["scribble", "scribble", "zero-page", "truncate", "random"]))
    if how == "scribble":
        for _ in range(data.draw(st.integers(1, 30))):
            b[data.draw(st.integers(100, len(b) - 1))] = data.draw(st.integers(0, 255))
    elif how == "zero-page":
        pg = data.draw(st.integers(1, len(b) // 4096 - 1))
        b[pg * 4096:(pg + 1) * 4096] = bytes(4096)
    elif how == "truncate":
        b = b[:data.draw(st.integers(0, len(b) - 1))]
    else:
        b = bytearray(data.draw(st.binary(max_size=5000)))
    d = tmp_path_factory.mktemp("unpack")
    signer = data.draw(st.sampled_from(["chair", "mallory"]))
    (d / "p.rdpack").write_bytes(seal(SESSION_PACK, bytes(b), people[signer]))
    out = d / "work"
    out.mkdir()
    try:
        u = unpack(d / "p.rdpack", out / "w.rdwork", people["e1"].certificate)
    except ReviewDeskError:
        assert list(out.iterdir()) == []
        return
    assert u.path == out / "w.rdwork"
    with Session.open(u.path, readonly=True) as w:
        assert w.kind == "work"


def _hostile_payload(path: Path, signer_fp: str, my_fp: str, **changes) -> bytes:
    """A pack payload built by hand: a valid-looking session whose tables say what an attacker wants."""
    conn = sqlite3.connect(path)
    conn.executescript(changes.get("schema", """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE experts (expert_id, name, organization, cert_pem, fingerprint);
        CREATE TABLE conflicts (expert_id, credit_code);
        CREATE TABLE applications (application_id);
    """))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("kind", "pack"), ("chair_fingerprint", signer_fp),
                                                        *changes.get("meta", [])])
    conn.execute("INSERT INTO experts (expert_id, name, fingerprint) VALUES (?, ?, ?)",
                 (changes.get("expert_id", "E01"), "x", my_fp))
    conn.executescript(changes.get("extra", ""))
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("variant", ["bare", "user_version", "newer", "trigger", "blob-id", "view"])
def test_hand_made_hostile_packs(tmp_path, people, variant):
    from reviewdesk.exchange import unpack
    from reviewdesk.session import schema_version
    from reviewdesk.trust import fingerprint as fp
    from reviewdesk.trust.envelope import SESSION_PACK, seal

    changes = {
        "bare": {},
        "user_version": {"extra": "PRAGMA user_version = 1;"},
        "newer": {"extra": f"PRAGMA user_version = {schema_version() + 5};"},
        "trigger": {"extra": "CREATE TABLE log (x); CREATE TRIGGER t AFTER DELETE ON conflicts BEGIN "
                             "INSERT INTO log VALUES (old.expert_id); END;"},
        "blob-id": {"expert_id": b"\x00\xff../../evil"},
        "view": {"schema": "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE conflicts (expert_id, "
                           "credit_code); CREATE TABLE experts (expert_id, name, organization, cert_pem, fingerprint); "
                           "CREATE VIEW applications AS SELECT 1 AS application_id;"},
    }[variant]
    payload = _hostile_payload(tmp_path / "p.sqlite", fp(people["mallory"].certificate),
                               fp(people["e1"].certificate), **changes)
    (tmp_path / "p.rdpack").write_bytes(seal(SESSION_PACK, payload, people["mallory"]))
    out = tmp_path / "work"
    out.mkdir()
    with pytest.raises(ReviewDeskError):
        unpack(tmp_path / "p.rdpack", out / "w.rdwork", people["e1"].certificate)
    assert list(out.iterdir()) == []
