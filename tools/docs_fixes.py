"""What the importer adds to the page: server texts, corrected and missing translations.

Every entry says why it is here; the importer copies that reason into the
translator comment of the catalogue entry, after the page's own text where the
page had one.  Used by ``tools/import_docs.py``; nothing here is read at runtime.
"""

from __future__ import annotations

from typing import NamedTuple


class Fix(NamedTuple):
    """A zh_CN translation written or corrected by us, with the reason."""

    zh: str
    why: str


class ServerText(NamedTuple):
    """A text the real server sends that the page does not show."""

    msgid: str
    seen: str
    zh: str
    why: str = "Not on the page; translated in the page's register."


class Extra(NamedTuple):
    """An English text of ours (a generic message or a hint) and its zh_CN."""

    en: str
    zh: str
    why: str = ""


_WRITTEN = "Missing on the page; written in the page's register."

#: Translations keyed by (code, msgid): the page has none, or one that is wrong.
TRANSLATIONS: dict[tuple[int, str], Fix] = {
    # -- missing on the page -------------------------------------------------
    (
        -1008,
        "Request throttled by system-level protection. Reduce-only/close-position orders "
        "are exempt. Please try again.",
    ): Fix("请求被系统级保护限流，仅减仓/平仓订单不受此限。请再试一次。", _WRITTEN),
    (-1099, "Not found, unauthenticated, or unauthorized."): Fix(
        "未找到、未认证或未授权。", _WRITTEN
    ),
    (-4016, "Price is higher than mark price multiplier cap."): Fix(
        "价格高于标记价格与报价乘数上限的乘积。", _WRITTEN
    ),
    (-4019, "Composite scale too large."): Fix("组合精度过大。", _WRITTEN),
    (-4024, "Price is lower than mark price multiplier floor."): Fix(
        "价格低于标记价格与报价乘数下限的乘积。", _WRITTEN
    ),
    (-4025, "Multiplier decimal less than zero."): Fix("乘数小数点位数小于0", _WRITTEN),
    (-4049, "Add margin only support for isolated position."): Fix(
        "增加保证金只适用于逐仓。", _WRITTEN + " Worded as -4053's official text."
    ),
    (-4052, "No need to change auto add margin."): Fix(
        "不需要更改自动增加保证金设置。", _WRITTEN + " Uses -4053's official term."
    ),
    (-4074, "Order amount is bigger than upper boundary or less than 0, reject order"): Fix(
        "订单数量大于上限或小于0，拒绝下单", _WRITTEN
    ),
    (-4075, "output premium fee is less than 0, reject order"): Fix(
        "输出的期权费小于0，拒绝下单", _WRITTEN + " Worded as -4073's official text."
    ),
    (-4079, "invalid options id: %s"): Fix("期权ID无效：%s", _WRITTEN),
    (-4079, "duplicate options id %d for user %d"): Fix(
        "期权ID %d 重复（用户 %d）", _WRITTEN + " Keeps the English order of the parameters."
    ),
    (-4080, "user not found with id: %s"): Fix("找不到ID为%s的用户", _WRITTEN),
    (-4081, "options not found with id: %s"): Fix("找不到ID为%s的期权", _WRITTEN),
    (-4082, "Invalid number of batch place orders: %s"): Fix("批量下单的数量不正确：%s", _WRITTEN),
    (
        -4172,
        "Unable to adjust Multi-Assets Mode with a negative wallet balance of margin "
        "available asset in USDⓈ-M Futures account.",
    ): Fix("U本位合约账户中可作保证金的资产钱包余额为负，无法切换多资产模式", _WRITTEN),
    # -- wrong on the page ---------------------------------------------------
    (-4006, "Stop price less than zero."): Fix(
        "触发价小于0",
        "Corrected: the page says 'less than the minimum' where the English says zero.",
    ),
    (-2011, "CANCEL_REJECTED"): Fix(
        "取消订单被拒绝",
        'Corrected: the page appends the server\'s English text "Unknown order sent", which '
        "is a template of its own; shown for every -2011 it would state a reason not sent.",
    ),
    (-4131, "The counterparty's best price does not meet the PERCENT_PRICE filter limit"): Fix(
        "交易对手的最优价格不满足PERCENT_PRICE过滤器限制",
        "Corrected: 'best' is not 最高 (highest), and 'does not meet' is not 未达到.",
    ),
    (-2016, "No trading window could be found for the symbol. Try ticker/24hrs instead."): Fix(
        "找不到该交易对的交易窗口。 尝试改用ticker/24hrs。",
        "Corrected: the page turns the endpoint ticker/24hrs into 24小时自动报价.",
    ),
    (-4031, "Invalid parameter working type"): Fix(
        "不正确的workingType参数",
        "Corrected: without the parameter's name the page's text says 'wrong parameter type'.",
    ),
    (-4031, "Invalid parameter working type: `%s`"): Fix(
        "不正确的workingType参数: `%s`",
        "Corrected: without the parameter's name the page's text says 'wrong parameter type'.",
    ),
    (-4032, "Invalid parameter working type: `%s`"): Fix(
        "不正确的workingType参数: `%s`",
        "Corrected as -4031's identical text, from which the page copied it.",
    ),
    (-4086, "Invalid price spread threshold"): Fix(
        "无效的价差阈值", "Corrected the typo 阀值 to 阈值 (threshold)."
    ),
    (-1106, "Parameter '%s' sent when not required."): Fix(
        "发送了不需要的参数`%s`。",
        "Corrected: a missing 的; worded as the page's generic line for this code.",
    ),
    (-1015, "Too many new orders; current limit is %s orders per %s."): Fix(
        "新订单太多； 当前限制为%s个订单，统计周期为%s。",
        "Rephrased: the page's text puts the interval first and the count second, the "
        "reverse of the English, and gettext cannot reorder parameters here.",
    ),
    (-1110, "Invalid symbolType."): Fix(
        "交易对类型不正确", "Corrected: the page says 'symbol', the English says 'symbolType'."
    ),
    (-2019, "Margin is insufficient."): Fix(
        "保证金不足",
        "Corrected: the page speaks of a margin (leveraged spot) account; this is futures margin.",
    ),
    (-4020, "Target strategy invalid for orderType '%s',reduceOnly '%b'."): Fix(
        "目标策略值不适合`%s`订单类型，仅减仓`%b`。",
        "Corrected: orderType is the order type (订单类型), not the order status.",
    ),
    (-4026, "Commission invalid."): Fix(
        "手续费不正确", "Corrected: the page says 收益 (earnings) for commission (手续费)."
    ),
    (-4055, "Amount must be positive."): Fix(
        "数量必须为正数", "Corrected: the page says 'a positive integer'; amounts may be decimals."
    ),
    (-4085, "Invalid notional limit coefficient"): Fix(
        "名义价值限制系数不正确", "Corrected: the page's text is garbled (期权的有限系数)."
    ),
    (-4184, "Limit price can't be lower than %s."): Fix(
        "止盈止损订单价格不应低于 `%s`", "Corrected: the page ends in a stray 'f'."
    ),
    (-4211, "Stop price is lower than price multiplier floor."): Fix(
        "触发价低于价格下限", "Corrected: the page's text is garbled (低于超过)."
    ),
    (
        -4400,
        "Futures Trading Quantitative Rules violated, only reduceOnly order is allowed, "
        "please try again later.",
    ): Fix(
        "违反合约量化交易规则，账户设置为仅减仓，请之后再试",
        "Corrected the typo 近减仓 (nearly reduce) to 仅减仓 (reduce only).",
    ),
    (-5029, "Order's notional must be no smaller than %s"): Fix(
        "订单的名义价值不可以小于%s",
        "Corrected: the page repeats -5028's text; worded as -4164's official text.",
    ),
    (-5039, "Invalid self trade prevention mode"): Fix(
        "错误的防止自成交类型", "Corrected the typo 防治 (to treat) to 防止 (to prevent)."
    ),
    (
        -5040,
        "The goodTillDate timestamp must be greater than the current time plus 600 seconds "
        "and smaller than 253402300799000 (UTC 9999-12-31 23:59:59)",
    ): Fix(
        "GTD订单的goodTillDate时间戳需要大于当前时间加600秒且小于253402300799000"
        "（UTC 9999-12-31 23:59:59）",
        "Corrected: the page says 60s where the English says 600 seconds, and drops the date.",
    ),
    (-5043, "A pending modification already exists for this order."): Fix(
        "该订单已经有改单请求在处理", "Corrected the typo 改订单 to 该订单 (this order)."
    ),
}

#: Texts the real server sends that the page does not show, by code.
SERVER_TEXTS: dict[int, tuple[ServerText, ...]] = {
    -1003: (
        ServerText(
            "Too many requests; current limit of IP(%s) is %s requests per minute. "
            "Please use the websocket for live updates to avoid polling the API.",
            "fapi HTTP 429 bodies quoted in freqtrade's changelog and user logs (2024-2025)",
            "请求权重过多； IP(%s)的当前限制为每分钟%s请求权重。 请使用websocket进行实时更新，"
            "以避免轮询API。",
            "Not on the page; worded as the page's text for the form without the IP.",
        ),
        ServerText(
            "Way too many requests; IP(%s) banned until %s. "
            "Please use the websocket for live updates to avoid bans.",
            "fapi HTTP 418 bodies, e.g. zyairelai/futures-hero#10 (2021) and user logs (2025)",
            "请求权重过多； IP(%s)被禁止，直到%s。 请使用websocket进行实时更新，以免被禁。",
            "Not on the page; worded as the page's text for the form without the IP.",
        ),
    ),
    -2011: (
        ServerText(
            "Unknown order sent.",
            "fapi cancel replies, e.g. binance-futures-connector-python#23; "
            "the page's Chinese line for -2011 quotes it",
            "发送的订单不存在。",
            "Not on the page in English: the page's Chinese line quotes it after 取消订单被拒绝.",
        ),
    ),
    -2015: (
        ServerText(
            "Invalid API-key, IP, or permissions for action, request ip: %s",
            "fapi replies quoted in ccxt#7822 and node-binance-api#629",
            "无效的API密钥，IP或操作权限，请求IP：%s",
            "Not on the page; worded as the page's text for the form without the IP.",
        ),
    ),
    -4003: (
        ServerText(
            "Quantity less than or equal to zero.",
            "fapi since 2023, e.g. conor19w/Binance-Futures-Trading-Bot#52",
            "数量小于或等于0",
            "Not on the page; worded as the page's 'Quantity less than zero.' (数量小于0).",
        ),
    ),
    -4164: (
        ServerText(
            "Order's notional must be no smaller than %s (unless you choose reduce only).",
            "fapi since 2023-09: the page's text with a final full stop",
            "订单的名义价值不可以小于`%s`，除了使用reduce only",
            "The page's translation of the same text without the final full stop.",
        ),
    ),
}

#: Generic messages for codes whose every template has parameters.
GENERIC: dict[int, Extra] = {
    -1003: Extra(
        "Too many requests. Please use the websocket for live updates to avoid polling the API.",
        "请求权重过多。 请使用websocket进行实时更新，以避免轮询API。",
        _WRITTEN + " Worded as the page's texts for this code.",
    ),
    -4020: Extra("Target strategy invalid.", "目标策略值不正确。", _WRITTEN),
    -4164: Extra(
        "Order's notional is below the minimum (unless you choose reduce only).",
        "订单的名义价值低于最小值，除了使用reduce only",
        _WRITTEN + " The page's texts for this code all state a value (5.0 or %s), which a "
        "generic message must not.",
    ),
    -4205: Extra(
        "More than 20x leverage is not yet available for this Futures account.",
        "该合约账户暂不能使用20倍以上杠杆",
        _WRITTEN,
    ),
    -4209: Extra(
        "Leverage adjustment failed: the leverage is above the symbol's maximum.",
        "杠杆调整失败。超过交易对最大杠杆",
        _WRITTEN + " The page's plain text states 20x, which a generic message must not.",
    ),
    -4403: Extra(
        "Dear user, as per our Terms of Use and compliance with local regulations, the leverage "
        "is limited in your region",
        "根据合规要求，所在地区杠杆受限",
        _WRITTEN + " The page's plain text states 10x, which a generic message must not.",
    ),
    -5029: Extra("Order's notional is too small.", "订单的名义价值过小", _WRITTEN),
}

#: Explanations the page gives in Chinese only, after the translation.
HINTS: dict[int, Extra] = {
    -2022: Extra(
        "This means the new reduce-only order conflicts with existing open orders on the same "
        "side; cancel the existing orders, then submit the reduce-only order again.",
        "",
    ),
    -4118: Extra(
        "This means the new reduce-only order, together with open orders on the same side, "
        "would open an opposite position and leave the margin insufficient; cancel those open "
        "orders, then try again.",
        "",
    ),
}
