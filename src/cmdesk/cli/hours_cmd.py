"""`cmdesk client hours NAME [WEEK] [--zone ZONE] [--holidays DATES] [--target 4h]`: a client's business hours and
first-response target (domain/business_hours.py), which the Overdue view and the reports count in."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date

from cmdesk.cli.context import client_named, open_database
from cmdesk.domain.business_hours import (
    BusinessHours,
    BusinessHoursError,
    known_zone,
    local_zone,
    parse_target,
    parse_week,
    target_text,
    week_text,
)
from cmdesk.services import clients
from cmdesk.services.commands import run


def register(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    hours = actions.add_parser(
        "hours", parents=[common], help="show or set a client's business hours and first-response target"
    )
    hours.add_argument("name")
    hours.add_argument("week", nargs="?", help="e.g. 'tue-sat 7:00-19:30, sun 7:00-13:00'; 'always' for 24/7")
    hours.add_argument("--zone", help="the client's time zone, e.g. Europe/Paris (default: this computer's)")
    hours.add_argument("--holidays", help="closed days, e.g. 2026-12-25,2027-01-01 ('none' to clear)")
    hours.add_argument("--target", help="first answer within, in business time: 4h, 90m, 1h30, 1d; 'none'")
    hours.set_defaults(handler=client_hours)


def client_hours(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    current = client.hours
    if args.week is None and args.zone is None and args.holidays is None and args.target is None:
        print(describe(client.name, current))
        return 0
    try:
        updated = changed(current, args)
    except BusinessHoursError as error:
        raise SystemExit(f"cmdesk: {error}") from error
    waiting = run(database, clients.set_hours(client.id, updated))
    print(describe(client.name, updated))
    print(f"{waiting} conversation(s) waiting for an answer now count against it")
    return 0


def changed(current: BusinessHours, args: argparse.Namespace) -> BusinessHours:
    updated = current
    if args.week is not None:
        week = {} if args.week.strip().lower() in ("always", "24/7") else parse_week(args.week)
        updated = replace(updated, week=week)
        if week and current.always_open and args.zone is None:
            updated = replace(updated, zone=local_zone())
    if args.zone is not None:
        updated = replace(updated, zone=known_zone(args.zone))
    if args.holidays is not None:
        text = args.holidays.strip().lower()
        try:
            days = frozenset(date.fromisoformat(day.strip()) for day in text.split(",") if text not in ("", "none"))
        except ValueError as error:
            raise BusinessHoursError(f"holidays are dates like 2026-12-25: {args.holidays!r}") from error
        updated = replace(updated, holidays=days)
    if args.target is not None:
        updated = replace(updated, target_minutes=parse_target(args.target))
    return updated


def describe(name: str, hours: BusinessHours) -> str:
    open_hours = "around the clock" if hours.always_open else f"{week_text(hours.week)} ({hours.zone})"
    holidays = ", ".join(sorted(day.isoformat() for day in hours.holidays)) or "none"
    return (
        f"{name}: open {open_hours}; holidays: {holidays}; first-response target: {target_text(hours.target_minutes)}"
    )
