"""Where an organisation works, and the days it does not: weekends and the public holidays of its country and region.

The calendars come from the `holidays` package (ISO 3166-1 country codes, ISO 3166-2 subdivisions as the package
names them); a country it does not know is refused, so a recorded place always has a calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

import holidays
from holidays.registry import COUNTRIES

from domain.shared.errors import ValidationFailed

Place = tuple[str | None, str | None]
"""A country code and, where its holidays differ by region, the region; (None, None) when not known."""


@cache
def countries() -> dict[str, str]:
    """Every country with a calendar: code → English name, by name."""
    known = holidays.list_supported_countries(include_aliases=False)
    names = {entry[1]: _spaced(entry[0]) for entry in COUNTRIES.values() if entry[1] in known}
    return dict(sorted(names.items(), key=lambda item: item[1]))


@cache
def regions(country: str) -> tuple[str, ...]:
    """The subdivisions of a country whose holidays differ, as the calendar names them."""
    return tuple(holidays.list_supported_countries(include_aliases=False).get(country, ()))


def check_place(country: str | None, region: str | None) -> tuple[str | None, str | None]:
    """The place in canonical form; an unknown country or region is refused on its field."""
    country = (country or "").strip().upper() or None
    region = (region or "").strip() or None
    if country is None:
        if region is not None:
            raise ValidationFailed("region", "Give the country first.")
        return None, None
    if country not in countries():
        raise ValidationFailed("country", "Not a country code with a public-holiday calendar (e.g. FR, DE, BE).")
    if region is not None:
        known = {name.upper(): name for name in regions(country)}
        if region.upper() not in known:
            listed = ", ".join(regions(country)) or "none"
            raise ValidationFailed("region", f"Not a region of {countries()[country]} (known: {listed}).")
        region = known[region.upper()]
    return country, region


def public_holidays(country: str | None, region: str | None, years: Iterable[int]) -> dict[date, str]:
    """The public holidays of the place in those years, with their English names; none for an unknown place."""
    if country is None:
        return {}
    return dict(_calendar(country, region, tuple(sorted(set(years)))))


@cache
def _calendar(country: str, region: str | None, years: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    language = "en_US" if "en_US" in holidays.country_holidays(country).supported_languages else None
    calendar = holidays.country_holidays(country, subdiv=region, years=years, language=language)
    return tuple(sorted(calendar.items()))


def place_name(country: str, region: str | None) -> str:
    """ "France", or "Germany (BY)" where the holidays are a region's."""
    name = countries().get(country, country)
    return name if region is None else f"{name} ({region})"


def day_off(day: date, holidays_by_place: Mapping[str, Mapping[date, str]]) -> str | None:
    """Why people do not work on `day`: "a weekend", or "Christmas Day in France"; None for a working day."""
    if day.weekday() >= 5:
        return "a weekend"
    named = [f"{calendar[day]} in {place}" for place, calendar in holidays_by_place.items() if day in calendar]
    return "; ".join(named) or None


def first_day_off(days: Iterable[date], places: Iterable[Place]) -> tuple[date, str] | None:
    """The first of `days` that is a weekend or a public holiday of one of the places, and why."""
    known = sorted({(country, region) for country, region in places if country is not None}, key=str)
    for day in days:
        reason = day_off(day, {place_name(c, r): public_holidays(c, r, [day.year]) for c, r in known if c})
        if reason is not None:
            return day, reason
    return None


def _spaced(class_name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
