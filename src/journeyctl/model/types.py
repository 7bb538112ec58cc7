"""Field types shared by the models: slugs, dates, milestones, numbers, and the base model."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Annotated, Any, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from journeyctl.text.words import LANGUAGE_TAG_PATTERN, is_language_tag, language_tag_problem

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
EXTENSION_PATTERN = r"^x-"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
    raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{_ISO_DATE.pattern}$"}),
]


def _milestone(value: Any) -> str:
    if isinstance(value, str):
        quarter = _QUARTER.fullmatch(value)
        if quarter:
            if int(quarter.group(1)) < dt.MINYEAR:  # its deadline would be a date Python cannot hold
                raise ValueError(f"{value!r} is not a real quarter: years start at 0001")
            return value
        if _ISO_DATE.fullmatch(value):
            _iso_date(value)
            return value
    raise ValueError(f"{value!r} is not a milestone: use an ISO date (2027-03-31) or a quarter (2027-Q1)")


Milestone = Annotated[
    str,
    BeforeValidator(_milestone),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-(Q[1-4]|\d{2}-\d{2})$",
            "description": "An ISO date (2027-03-31) or a quarter (2027-Q1).",
        }
    ),
]


def milestone_deadline(milestone: str) -> dt.date:
    """The last day a milestone covers: the date itself, or the last day of the quarter."""
    quarter = _QUARTER.fullmatch(milestone)
    if quarter is None:
        return dt.date.fromisoformat(milestone)
    year, q = int(quarter.group(1)), int(quarter.group(2))
    if q == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * q + 1, 1) - dt.timedelta(days=1)


def _language_tag(value: str) -> str:
    # A well-formed tag BCP 47 has replaced (``iw``) is the deprecated-language rule's.
    if not is_language_tag(value):
        raise ValueError(language_tag_problem(value)[0])
    return value


LanguageTag = Annotated[
    str,
    AfterValidator(_language_tag),
    WithJsonSchema({
        "type": "string",
        "pattern": LANGUAGE_TAG_PATTERN,
        "description": "A BCP 47 language tag, e.g. en, el, he, pt-BR.",
    }),
]


def _finite(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    if isinstance(value, int) and not -_LARGEST <= value <= _LARGEST:
        # Emotions and metrics are averaged and drawn as floats, which end here.
        raise ValueError("must be a number between -1.7e308 and 1.7e308")
    return value


_LARGEST = sys.float_info.max


Number = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_finite)]
Scalar = Union[StrictInt, StrictFloat, StrictBool, str]
Flag = StrictBool


def schema_extra(**rules: Any) -> dict[str, Any]:
    """``json_schema_extra`` for a model whose schema needs more than its fields say."""
    return {"patternProperties": {EXTENSION_PATTERN: {"description": "Extension data, kept as is."}}, **rules}


class Model(BaseModel):
    """Base of every journeyctl model: unknown keys rejected except ``x-…``.

    Text, number and boolean fields are strict so that YAML's typing stays honest:
    ``name: 2026`` is a number, not a name, and ``entry: "yes"`` is text, not a boolean;
    both are reported instead of being converted silently.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        json_schema_extra=schema_extra(),
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        # `x-` keys belong to other tools; the raw document keeps them for `fmt` and `diff`.
        if isinstance(data, dict):
            for key in data:
                if isinstance(key, str) and key.startswith("x-"):
                    return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


def _no_items() -> list:
    # Not `list` itself: pydantic inspects a default factory's signature, and a builtin's
    # is parsed from text with the tokenizer, whose first use costs start-up ~25 ms.
    return []


def text_list(description: str) -> Any:
    return Field(default_factory=_no_items, description=description)
