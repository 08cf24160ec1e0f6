"""The readiness summary: per DPG Standard indicator and per insight of the report,
derived from a file's findings and the rules that ran on it (never by re-checking).

Indicator N is
- ``failing`` when an error finding of a rule whose catalogue ``readiness`` is
  "failing" is tagged ``standard:N``;
- else ``missing`` when a finding of a rule whose ``readiness`` is "missing" is tagged
  with it (the answer or its evidence is absent);
- else ``evidenced`` when some rule tagged ``standard:N`` ran on the file;
- else ``unknown`` (nothing in this kind of record speaks to it).

Insight K is ``unmet`` when a finding cites ``insight-K``; ``met`` when no finding does
and the file is a merged record on which a rule citing it ran (only merged records can
carry the stewardship, business-model, interoperability and community blocks that
evidence an insight); else ``unknown``.
"""

from __future__ import annotations

from dpglint.catalogue import Catalogue
from dpglint.kinds import RecordKind
from dpglint.model import INDICATORS, INSIGHTS, FileReport, Readiness, Severity

_RANK = {"evidenced": 0, "missing": 1, "failing": 2}


def _indicator_tags(tags: tuple[str, ...]) -> list[str]:
    return [t.split(":", 1)[1] for t in tags if t.startswith("standard:")]


def file_readiness(file_report: FileReport, catalogue: Catalogue) -> Readiness:
    ran = [catalogue.rules[i] for i in file_report.rules_run if i in catalogue.rules]
    indicators = {n: "unknown" for n in INDICATORS}
    for spec in ran:
        for indicator in _indicator_tags(spec.tags):
            indicators[indicator] = "evidenced"
    cited_by_findings: set[str] = set()
    for finding in file_report.findings:
        cited_by_findings.update(c.key for c in finding.citations)
        effect = catalogue.rules[finding.rule_id].readiness
        if effect is None:
            continue
        if effect == "failing" and finding.severity is not Severity.ERROR:
            continue  # a policy or the configuration made it advice, not a failure
        for indicator in _indicator_tags(finding.tags):
            if _RANK[effect] > _RANK.get(indicators[indicator], -1):
                indicators[indicator] = effect
    merged = file_report.kind == RecordKind.MERGED.value
    assessed = {c.key for spec in ran for c in spec.citations}
    insights = {}
    for key in INSIGHTS:
        if key in cited_by_findings:
            insights[key] = "unmet"
        elif merged and key in assessed:
            insights[key] = "met"
        else:
            insights[key] = "unknown"
    return shared_readiness(indicators, insights)


_SHARED: dict[tuple[tuple[str, ...], tuple[str, ...]], Readiness] = {}


def shared_readiness(indicators: dict[str, str], insights: dict[str, str]) -> Readiness:
    """One Readiness object for each combination of states: the values are never
    changed, and a registry repeats a handful of combinations thousands of times."""
    key = (tuple(indicators.values()), tuple(insights.values()))
    found = _SHARED.get(key)
    if found is None:
        found = _SHARED[key] = Readiness(indicators=indicators, insights=insights)
    return found
