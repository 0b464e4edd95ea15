"""The fields an application carries, their kinds, and the names people give them."""

from __future__ import annotations

LEVELS = ("national", "provincial", "municipal")
LEVEL_NAMES_ZH = {"national": "国家级", "provincial": "省级", "municipal": "市级"}

# field -> kind; kinds: text, code, program, level, money (integer yuan), number (Decimal), bool
APPLICATION_FIELDS: dict[str, str] = {
    "application_id": "text",
    "program": "program",
    "enterprise_name": "text",
    "credit_code": "code",
    "project_name": "text",
    "level": "level",
    "actual_investment": "money",
    "construction_investment": "money",
    "sales_received_1y": "money",
    "rented_area_m2": "number",
    "requested_amount": "money",
    "fiscal_support": "bool",
    "international_organiser": "bool",
    "own_ip": "bool",
}

FIELD_NAMES_ZH: dict[str, str] = {
    "application_id": "申报编号",
    "program": "项目类别",
    "enterprise_name": "企业名称",
    "credit_code": "统一社会信用代码",
    "project_name": "项目名称",
    "level": "级别",
    "actual_investment": "实际投入",
    "construction_investment": "建设总投入",
    "sales_received_1y": "一年内销售合同到账额",
    "rented_area_m2": "租赁面积",
    "requested_amount": "申请金额",
    "fiscal_support": "财政支持",
    "international_organiser": "国际权威组织承办",
    "own_ip": "自主知识产权",
    # other inputs
    "expert_id": "专家编号",
    "name": "姓名",
    "organization": "单位",
    "criterion": "评分项",
    "score": "得分",
    "comment": "意见",
    "year": "年度",
    "amount": "金额",
}

FIELD_NAMES_EN: dict[str, str] = {
    "application_id": "Application ID",
    "program": "Program",
    "enterprise_name": "Enterprise",
    "credit_code": "Credit code",
    "project_name": "Project",
    "level": "Level",
    "actual_investment": "Actual investment",
    "construction_investment": "Construction investment",
    "sales_received_1y": "Sales received in 1 year",
    "rented_area_m2": "Rented area (m²)",
    "requested_amount": "Requested amount",
    "fiscal_support": "Fiscal support",
    "international_organiser": "International organiser",
    "own_ip": "Own IP",
}

NUMERIC_KINDS = ("money", "number")


def normalise_project_name(name: str) -> str:
    """RULES.md §7: NFKC, case-folded, all whitespace and punctuation removed.

    Symbols (``+``, ``/``, ``&``…) count as punctuation here: what is left is letters, digits and
    marks, so "5G+TSN 改造。" and "5gtsn改造" name the same project.
    """
    import unicodedata

    s = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in s if unicodedata.category(ch)[0] in "LNM")


def project_key(credit_code: str, project_name: str) -> str:
    """The identity of an enterprise's project for the no-double-funding rule."""
    return credit_code.strip().upper() + "|" + normalise_project_name(project_name)
