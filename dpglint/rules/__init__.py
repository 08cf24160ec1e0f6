"""The rule registry: one small function per rule, registered by id.

A rule function takes the :class:`~dpglint.engine.Record` being linted and a
:class:`~dpglint.engine.Reporter` bound to its catalogue entry, and yields
:class:`~dpglint.model.Finding` values made by the reporter. Rules never print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpglint.catalogue import RULE_ID, Catalogue, CatalogueError, RuleSpec

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

RuleFunction = Callable[["Record", "Reporter"], Iterable["Finding"]]


@dataclass(frozen=True, slots=True)
class RegisteredRule:
    id: str
    function: RuleFunction
    needs_record: bool  # False: runs on every document, even one that did not parse
    registry: bool = False  # runs once per run, over every record (cross-record rules)


_REGISTRY: dict[str, RegisteredRule] = {}


def rule(
    rule_id: str, *, needs_record: bool = True, registry: bool = False
) -> Callable[[Any], Any]:
    """Register the decorated function as the logic of catalogue rule ``rule_id``.

    With ``needs_record`` (the default) the rule runs only on a parsed record of a known
    kind that the catalogue says the rule applies to. A ``registry`` rule runs once, after
    every file of the run was linted: it takes the list of
    :class:`~dpglint.registry.RegistryEntry` and a function giving the reporter of an
    entry.
    """
    if not RULE_ID.match(rule_id):
        raise CatalogueError(f"rule id {rule_id!r} is not a letter and three digits")

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in _REGISTRY:
            raise CatalogueError(
                f"rule {rule_id} is registered twice: {_REGISTRY[rule_id].function.__qualname__} "
                f"and {function.__qualname__}"
            )
        _REGISTRY[rule_id] = RegisteredRule(rule_id, function, needs_record, registry)
        return function

    return register


def registered_rules() -> dict[str, RegisteredRule]:
    """Every registered rule function, by id (importing the rule modules once)."""
    from dpglint.rules import (  # noqa: F401  (each module registers its rules on import)
        business,
        community,
        core,
        documentation,
        files,
        github,
        hygiene,
        interoperability,
        licensing,
        network,
        ownership,
        privacy,
        registry,
        sdg,
    )

    return dict(_REGISTRY)


@dataclass(frozen=True, slots=True)
class BoundRule:
    spec: RuleSpec
    function: RuleFunction
    needs_record: bool
    registry: bool = False


def bind(catalogue: Catalogue) -> list[BoundRule]:
    """Join catalogue entries and rule functions by id; both sides must match exactly."""
    functions = registered_rules()
    without_code = sorted(set(catalogue.rules) - set(functions))
    without_entry = sorted(set(functions) - set(catalogue.rules))
    if without_code or without_entry:
        raise CatalogueError(
            f"catalogue and code disagree: no code for {without_code}, "
            f"no catalogue entry for {without_entry}"
        )
    return [
        BoundRule(
            spec,
            functions[rule_id].function,
            functions[rule_id].needs_record,
            functions[rule_id].registry,
        )
        for rule_id, spec in catalogue.rules.items()
    ]
