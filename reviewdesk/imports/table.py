"""Reading a bureau's table: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX (first sheet).

Finds the header row below up to five title rows, matches column names in English or Chinese
(case, surrounding spaces and full-width brackets ignored), notes 万元 columns, and turns cells
into typed values with a :class:`~reviewdesk.errors.Problem` for every cell that is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..fields import FIELD_NAMES_ZH, LEVEL_NAMES_ZH, LEVELS
from ..i18n import msg

MAX_TITLE_ROWS = 5
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_XLSX_ROWS = 2_000_000
MAX_XLSX_COLUMNS = 256  # a bureau's table has about 20; columns beyond this are not read
WAN = Decimal(10000)

Cell = Any  # None | str | int | float | bool | datetime


def norm_header(text: Any) -> str:
    """A header as compared: NFKC (full-width → ASCII), lower case, no spaces or underscores."""
    s = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s_\-]+", "", s)


_UNIT = re.compile(r"^(.*?)\(([^()]*)\)$")


def split_unit(text: Any) -> tuple[str, str | None]:
    """``"实际投入（万元）"`` → ``("实际投入", "万元")`` (both normalised)."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _UNIT.match(s)
    if m:
        return norm_header(m.group(1)), m.group(2).strip().lower()
    return norm_header(s), None


@dataclass
class Column:
    field: str
    index: int
    header: str
    unit: str | None  # "万元", "元" or None


@dataclass
class Table:
    """The data rows of a table, each with its 1-based row number in the file."""

    file: str
    header_row: int
    columns: dict[str, Column]
    rows: list[tuple[int, list[Cell]]]

    def cell(self, row: list[Cell], field: str) -> Cell:
        col = self.columns.get(field)
        if col is None or col.index >= len(row):
            return None
        return row[col.index]


def _decode_csv(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(msg("{f}: the file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8) or XLSX",
                             "{f}：文件既不是 UTF-8 也不是 GB18030 编码，请另存为 CSV（UTF-8）或 XLSX 格式",
                             f=name)) from None


def _read_csv(path: Path) -> list[list[Cell]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(msg("{f}: this is not a text CSV file (binary content)",
                             "{f}：不是文本 CSV 文件（含二进制内容）", f=path.name))
    text = _decode_csv(data, path.name)
    first = text.split("\n", 1)[0]
    delimiter = ","
    if first.count("\t") > first.count(",") and first.count("\t") > 0:
        delimiter = "\t"
    elif first.count(";") > first.count(",") and first.count(";") > 0:
        delimiter = ";"
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as e:
        raise InputError(msg("{f}: not a readable CSV file: {e}", "{f}：无法读取 CSV 文件：{e}",
                             f=path.name, e=e)) from None


def _read_xlsx(path: Path) -> list[list[Cell]]:
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
            packed = sum(i.compress_size for i in z.infolist()) or 1
    except (zipfile.BadZipFile, OSError):
        raise InputError(msg("{f}: not a readable XLSX workbook", "{f}：不是可读取的 XLSX 工作簿",
                             f=path.name)) from None
    if total > 1024 * 1024 * 1024 or total / packed > 200:
        raise InputError(msg("{f}: the workbook expands to {n} MB; refusing it as unsafe",
                             "{f}：工作簿解压后达 {n} MB，出于安全考虑拒绝读取", f=path.name, n=total // 2**20))
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise InputError(msg("{f}: not a readable XLSX workbook", "{f}：不是可读取的 XLSX 工作簿",
                             f=path.name)) from None
    try:
        ws = wb.worksheets[0]
        rows: list[list[Cell]] = []
        # openpyxl pads every row, and every missing row between two rows, to the width the sheet
        # claims: a few kilobytes claiming A1:XFD1048576 with a cell in its last row would be
        # 1,048,576 rows of 16,384 cells. So the width is capped, and empty rows are kept as ().
        width = min(ws.max_column or MAX_XLSX_COLUMNS, MAX_XLSX_COLUMNS)
        for r in ws.iter_rows(values_only=True, max_col=width):
            rows.append(() if r.count(None) == len(r) else r)  # type: ignore[arg-type]
            if len(rows) > MAX_XLSX_ROWS:
                raise InputError(msg("{f}: more than {n} rows; split the file", "{f}：超过 {n} 行，请拆分文件",
                                     f=path.name, n=MAX_XLSX_ROWS))
        return rows
    finally:
        wb.close()


def read_rows(path: Path | str) -> list[list[Cell]]:
    """All rows of a CSV or XLSX file as lists of cells."""
    path = Path(path)
    if not path.is_file():
        raise InputError(msg("{f}: no such file", "{f}：文件不存在", f=path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(msg("{f}: the file is too large", "{f}：文件过大", f=path.name))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    if suffix == ".xls":
        raise InputError(msg("{f}: old .xls workbooks are not read; save it as .xlsx or CSV",
                             "{f}：不支持旧版 .xls 格式，请另存为 .xlsx 或 CSV", f=path.name))
    raise InputError(msg("{f}: expected a .csv or .xlsx file", "{f}：应为 .csv 或 .xlsx 文件", f=path.name))


def _aliases(fields: Iterable[str], extra: dict[str, Iterable[str]] | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields:
        out[norm_header(f)] = f
        if f in FIELD_NAMES_ZH:
            out[norm_header(FIELD_NAMES_ZH[f])] = f
    for f, names in (extra or {}).items():
        for n in names:
            out[norm_header(n)] = f
    return out


def _has_data(row: list[Cell]) -> bool:
    """A row with at least one non-blank cell (blank rows between data rows are skipped)."""
    try:
        return bool("".join(row).strip())  # a CSV row: all text
    except TypeError:
        return not all(is_blank(c) for c in row)


def is_blank(v: Cell) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_table(path: Path | str, required: list[str], optional: list[str],
               extra_aliases: dict[str, Iterable[str]] | None = None,
               money: Iterable[str] = ()) -> Table:
    """Read a file and locate its header; raise :class:`InputError` if required columns are missing."""
    path = Path(path)
    rows = read_rows(path)
    aliases = _aliases(required + optional, extra_aliases)
    money = set(money)
    best: tuple[int, set[str]] = (-1, set())
    for i, row in enumerate(rows[: MAX_TITLE_ROWS + 1]):
        found: dict[str, Column] = {}
        problems: list[Problem] = []
        for j, cell in enumerate(row):
            if is_blank(cell):
                continue
            base, unit = split_unit(cell)
            field = aliases.get(base)
            if field is None:
                field = aliases.get(norm_header(cell))
                unit = None
            if field is None:
                continue
            if field in found:
                problems.append(Problem(msg("column appears twice", "列重复出现"), file=path.name, row=i + 1,
                                        column=str(cell).strip()))
                continue
            if unit is not None and field in money and unit not in ("万元", "元", "yuan", "cny", "rmb", "10kyuan",
                                                                    "10,000yuan"):
                problems.append(Problem(msg("unknown unit ({u})", "无法识别的单位（{u}）", u=unit), file=path.name,
                                        row=i + 1, column=str(cell).strip()))
            if unit in ("万元", "10kyuan", "10,000yuan") and field not in money:
                problems.append(Problem(msg("this column cannot be in 万元", "此列不能以万元为单位"),
                                        file=path.name, row=i + 1, column=str(cell).strip()))
            found[field] = Column(field, j, str(cell).strip(),
                                  "万元" if unit in ("万元", "10kyuan", "10,000yuan") else None)
        names = set(found)
        if set(required) <= names:
            if problems:
                raise InputError(msg("{f}: the header row has problems", "{f}：表头有问题", f=path.name), problems)
            data = [(k + 1, r) for k, r in enumerate(rows) if k > i and _has_data(r)]
            return Table(path.name, i + 1, found, data)
        if len(names & set(required)) > len(best[1]):
            best = (i, names & set(required))
    missing = [f for f in required if f not in best[1]]
    problems = [Problem(msg("required column missing (English {en} or Chinese {zh})",
                            "缺少必需的列（英文 {en} 或中文 {zh}）", en=f, zh=FIELD_NAMES_ZH.get(f, f)),
                        file=path.name, row=(best[0] + 1) if best[0] >= 0 else 1, column=f)
                for f in missing]
    raise InputError(msg("{f}: no header row with the required columns in the first {n} rows",
                         "{f}：前 {n} 行中没有包含必需列的表头", f=path.name, n=MAX_TITLE_ROWS + 1), problems)


# ----------------------------------------------------------------------------- cell parsers
class CellError(ValueError):
    """A cell's value is wrong; carries the bilingual message."""

    def __init__(self, message: Any):
        super().__init__(str(message))
        self.message = message


def cell_text(v: Cell) -> str:
    """A cell as text as people typed it (XLSX numbers without a spurious ``.0``)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return unicodedata.normalize("NFC", str(v)).strip()


_NUM_CLEAN = re.compile(r"[\s,，'_]")


def parse_decimal(v: Cell) -> Decimal:
    """A number from a cell: numeric cells, text with thousands separators, full-width digits."""
    if isinstance(v, bool):
        raise CellError(msg("not a number", "不是数字"))
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise CellError(msg("not a number", "不是数字"))
        return Decimal(repr(v))
    s = unicodedata.normalize("NFKC", str(v)).strip()
    s = s.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
    s = _NUM_CLEAN.sub("", s)
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", s):
        raise CellError(msg("not a number", "不是数字"))
    try:
        return Decimal(s)
    except InvalidOperation:
        raise CellError(msg("not a number", "不是数字")) from None


def parse_money(v: Cell, unit: str | None) -> int:
    """Whole yuan from a cell; ``unit == "万元"`` multiplies by 10,000. Negative or fractional yuan are
    refused: an application's amounts are whole yuan."""
    d = parse_decimal(v)
    if unit == "万元":
        d = d * WAN
    if d < 0:
        raise CellError(msg("must not be negative", "不能为负数"))
    if d != d.to_integral_value():
        raise CellError(msg("not a whole number of yuan", "不是整数元"))
    return int(d)


_YES = {"yes", "y", "true", "t", "1", "是", "有", "√", "✓"}
_NO = {"no", "n", "false", "f", "0", "否", "无", "×", "✗"}


def parse_bool(v: Cell) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):
        return bool(v)
    s = unicodedata.normalize("NFKC", str(v)).strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise CellError(msg("expected yes/no, true/false, 1/0 or 是/否", "应为 是/否、yes/no、true/false 或 1/0"))


_LEVEL_WORDS = {lv: lv for lv in LEVELS}
_LEVEL_WORDS.update({zh: lv for lv, zh in LEVEL_NAMES_ZH.items()})
_LEVEL_WORDS.update({"国家": "national", "省": "provincial", "市": "municipal", "省部级": "provincial"})


def parse_level(v: Cell) -> str:
    s = unicodedata.normalize("NFKC", str(v)).strip().lower()
    lv = _LEVEL_WORDS.get(s)
    if lv is None:
        raise CellError(msg("unknown level; expected national/provincial/municipal or 国家级/省级/市级",
                            "未知级别，应为 国家级/省级/市级 或 national/provincial/municipal"))
    return lv


def parse_credit_code(v: Cell) -> str:
    """A unified social credit code (GB 32100-2015), upper case, checked with python-stdnum."""
    from stdnum import exceptions as stdnum_exc
    from stdnum.cn import uscc

    s = unicodedata.normalize("NFKC", cell_text(v))
    try:
        return uscc.validate(s)
    except stdnum_exc.InvalidChecksum:
        raise CellError(msg("invalid unified social credit code: the check digit is wrong",
                            "统一社会信用代码无效：校验位错误")) from None
    except stdnum_exc.InvalidLength:
        raise CellError(msg("invalid unified social credit code: it must have 18 characters",
                            "统一社会信用代码无效：应为 18 位")) from None
    except stdnum_exc.ValidationError:
        raise CellError(msg("invalid unified social credit code", "统一社会信用代码无效")) from None


def parse_int(v: Cell) -> int:
    d = parse_decimal(v)
    if d != d.to_integral_value():
        raise CellError(msg("not a whole number", "不是整数"))
    return int(d)
