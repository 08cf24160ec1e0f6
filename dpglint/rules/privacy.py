"""Privacy and do-no-harm rules (family P): the answers to indicators 7 and 9 (9a data
privacy and security, 9b inappropriate and illegal content, 9c protection from
harassment) of the DPG Standard meet it, and every "Yes" carries the evidence the
Standard asks for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.rules import rule
from dpglint.rules._common import (
    blank_state,
    canonical_answer,
    field_name,
    get,
    has_items,
    has_text,
    is_placeholder,
    pointer,
    unmet_answer,
    yes_without_evidence,
)
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_PRIVACY = "privacy"
_HARM = "doNoHarm/preventHarm"
_PII = "doNoHarm/dataPrivacySecurity"
_CONTENT = "doNoHarm/inappropriateIllegalContent"
_USERS = "doNoHarm/protectionFromHarassment"


def _field(path: str) -> str:
    """A field path as a reader writes it: ``doNoHarm.preventHarm.stepsToPreventHarm``."""
    return path.replace("/", ".")


def _is_null(data: Any, path: str) -> bool:
    """The field at ``path`` is present with the value null."""
    parent_path, _, key = path.rpartition("/")
    parent = get(data, parent_path) if parent_path else data
    return isinstance(parent, dict) and key in parent and parent[key] is None


def _answer_state(data: Any, path: str) -> str:
    """How an answer that is not "Yes" reads in a message."""
    value = get(data, path)
    if value is None:
        return "is null" if _is_null(data, path) else "is not answered"
    if isinstance(value, str) and not value.strip():
        return "is empty"
    return f"is {shorten(value)}"


def _text_state(data: Any, path: str) -> str:
    """How a text or list field that says nothing reads in a message."""
    value = get(data, path)
    if value is None:
        return "is null" if _is_null(data, path) else "is missing"
    state = blank_state(value)
    if state is not None:
        return state
    if isinstance(value, list) and all(is_placeholder(v) or v in (None, {}, []) for v in value):
        return f"holds only placeholders ({shorten(value)})"
    return f"is {shorten(value)}, not a description"


def _unmet_answer(
    record: Record,
    report: Reporter,
    path: str,
    *,
    failing: tuple[str, ...],
    requirement: str,
    hint: str,
) -> Iterator[Finding]:
    """One finding when the answer at ``path`` is one of ``failing`` (named by its full
    path; where "No" fails too, "Unknown" is said not to show what is required)."""
    requirements = dict.fromkeys(failing, requirement)
    if "No" in failing and "Unknown" in failing:
        requirements["Unknown"] += ", which 'Unknown' does not show"
    yield from unmet_answer(record, report, path, requirements, hint=hint, name=_field(path))


def _yes_without_text(
    record: Record,
    report: Reporter,
    answer_path: str,
    text_path: str,
    *,
    requirement: str,
    hint: str,
) -> Iterator[Finding]:
    """One finding when ``answer_path`` is "Yes" and ``text_path`` has no content."""
    yield from yes_without_evidence(
        record,
        report,
        answer_path,
        text_path,
        lead=f"{_field(answer_path)} is 'Yes'",
        state=lambda _, name: f"{name} {_text_state(record.data, text_path)}",
        requirement=requirement,
        hint=hint,
    )


def _yes_with_safeguard(
    record: Record,
    report: Reporter,
    *,
    lead: str,
    answer_path: str,
    text_path: str,
    requirement: str,
    hint: str,
) -> Iterator[Finding]:
    """One finding when the safeguard answer at ``answer_path`` is not "Yes" or its
    description at ``text_path`` has no content (located at the first of the two)."""
    data = record.data
    answered = canonical_answer(data, answer_path) == "Yes"
    text = get(data, text_path)
    described = has_items(text)
    if answered and described:
        return
    problems = []
    if not answered:
        problems.append(f"{field_name(answer_path)} {_answer_state(data, answer_path)}")
    if not described:
        problems.append(f"{field_name(text_path)} {_text_state(data, text_path)}")
    target = text_path if answered else answer_path
    message = f"{lead} but {' and '.join(problems)}: {requirement}"
    yield report(pointer(target), message, hint=hint)


# ---------------------------------------------------------------- indicator 7


@rule("P001")
def privacy_not_compliant(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if has_items(get(data, f"{_PRIVACY}/privacyComplianceList")):
        hint = (
            "privacyComplianceList already names laws: if the project complies with them, "
            "answer 'Yes' and link the evidence (privacy policy, terms of service) in "
            "adherenceSteps"
        )
    elif canonical_answer(data, f"{_PII}/collectsPII") == "No":
        hint = (
            "the record says no PII is collected: if the project complies with the laws that "
            "apply to it, answer 'Yes', name them in privacyComplianceList and explain in "
            "adherenceSteps why it complies (e.g. it processes no personal data)"
        )
    else:
        hint = (
            "once the project complies, answer 'Yes', list the laws in privacyComplianceList "
            "and link the privacy policy or terms of service in adherenceSteps"
        )
    yield from _unmet_answer(
        record,
        report,
        f"{_PRIVACY}/isPrivacyCompliant",
        failing=("No", "Unknown"),
        requirement=(
            "indicator 7 of the DPG Standard requires a project designed and developed to "
            "comply with privacy and other applicable laws"
        ),
        hint=hint,
    )


@rule("P002")
def privacy_laws_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _yes_without_text(
        record,
        report,
        f"{_PRIVACY}/isPrivacyCompliant",
        f"{_PRIVACY}/privacyComplianceList",
        requirement="indicator 7 asks for the list of the relevant laws the project complies with",
        hint=(
            "list the laws, e.g. 'General Data Protection Regulation (GDPR)', "
            "'Kenya Data Protection Act 2019'"
        ),
    )


@rule("P003")
def privacy_evidence_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _yes_without_text(
        record,
        report,
        f"{_PRIVACY}/isPrivacyCompliant",
        f"{_PRIVACY}/adherenceSteps",
        requirement=(
            "indicator 7 asks for evidence of adherence, such as a privacy policy, terms of "
            "service or other legal documents"
        ),
        hint="describe the steps taken and link the privacy policy or terms of service",
    )


# ---------------------------------------------------------------- indicator 9


@rule("P004")
def harm_prevention_not_confirmed(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _unmet_answer(
        record,
        report,
        f"{_HARM}/stepsToPreventHarm",
        failing=("No", "Unknown"),
        requirement=(
            "indicator 9 of the DPG Standard requires that the project anticipate, prevent "
            "and do no harm by design"
        ),
        hint=(
            "take and describe the steps in additionalInfoMechanismProcessesPolicies, then "
            "answer 'Yes'"
        ),
    )


@rule("P005")
def pii_handling_unknown(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _unmet_answer(
        record,
        report,
        f"{_PII}/collectsPII",
        failing=("Unknown",),
        requirement=(
            "indicator 9a depends on whether the project collects, stores or distributes "
            "personally identifiable information (PII): answer 'Yes' or 'No'"
        ),
        hint=(
            "answer 'No' if no PII is collected or stored; otherwise answer 'Yes', list "
            "typesOfDataCollected and describe how privacy and security are ensured"
        ),
    )


@rule("P006")
def pii_protection_undescribed(record: Record, report: Reporter) -> Iterator[Finding]:
    if canonical_answer(record.data, f"{_PII}/collectsPII") != "Yes":
        return
    yield from _yes_with_safeguard(
        record,
        report,
        lead="the project collects or stores PII (collectsPII is 'Yes')",
        answer_path=f"{_PII}/ensurePrivacySecurity",
        text_path=f"{_PII}/privacySecurityDescription",
        requirement=(
            "indicator 9a requires showing how the privacy, security and integrity of that "
            "data are ensured and what prevents adverse impacts"
        ),
        hint=(
            "describe the protections (access control, encryption, data minimisation, "
            "breach procedure) with a link to the privacy policy in "
            "privacySecurityDescription, and answer ensurePrivacySecurity 'Yes'"
        ),
    )


@rule("P007")
def pii_sharing_undescribed(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _yes_without_text(
        record,
        report,
        f"{_PII}/thirdPartyDataSharing",
        f"{_PII}/dataSharingCircumstances",
        requirement=(
            "indicator 9a asks under what circumstances data is shared with third parties"
        ),
        hint=(
            "say with whom data is shared, on what basis (consent, agreements) and under "
            "which safeguards, with a link to the data-sharing policy"
        ),
    )


@rule("P008")
def content_handling_unknown(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _unmet_answer(
        record,
        report,
        f"{_CONTENT}/collectStoreDistribute",
        failing=("Unknown",),
        requirement=(
            "indicator 9b depends on whether the project collects, stores or distributes "
            "content: answer 'Yes' or 'No'"
        ),
        hint=(
            "answer 'No' if the project handles no content; otherwise answer 'Yes' and "
            "describe its content policies and moderation processes"
        ),
    )


# (field, is a Yes/No answer, what indicator 9b asks of it, hint)
_MODERATION = (
    (
        "contentFilter",
        True,
        "indicator 9b requires policies that define inappropriate and illegal content "
        "(e.g. child sexual abuse material)",
        "publish a content policy, answer 'Yes' and link it in policyGuidelinesDocumentationLink",
    ),
    (
        "policyGuidelinesDocumentationLink",
        False,
        "indicator 9b asks for a link to the policy that defines inappropriate and illegal content",
        "link the content policy or community guidelines",
    ),
    (
        "illegalContentDetection",
        True,
        "indicator 9b requires processes to detect, moderate, report and remove "
        "inappropriate and illegal content",
        "set up a moderation process, answer 'Yes' and describe it in "
        "illegalContentDetectionMechanism",
    ),
    (
        "illegalContentDetectionMechanism",
        False,
        "indicator 9b asks how such content is detected, reported and removed, with "
        "the average response time",
        "describe how content is reported, reviewed and removed, and how fast",
    ),
)


@rule("P009")
def content_moderation_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if canonical_answer(data, f"{_CONTENT}/collectStoreDistribute") != "Yes":
        return
    for name, is_answer, requirement, hint in _MODERATION:
        path = f"{_CONTENT}/{name}"
        value = get(data, path)
        if is_answer:
            if canonical_answer(data, path) == "Yes":
                continue
            state = _answer_state(data, path)
        else:
            if has_text(value):
                continue
            state = _text_state(data, path)
        message = (
            f"the project collects, stores or distributes content (collectStoreDistribute "
            f"is 'Yes') but {name} {state}: {requirement}"
        )
        yield report(pointer(path), message, hint=hint)


@rule("P010")
def user_interaction_unknown(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _unmet_answer(
        record,
        report,
        f"{_USERS}/userInteraction",
        failing=("Unknown",),
        requirement=(
            "indicator 9c depends on whether the project facilitates interactions with or "
            "between users or contributors: answer 'Yes' or 'No'"
        ),
        hint=(
            "answer 'No' if users do not interact through the project; otherwise answer "
            "'Yes' and describe the protection from harassment and for underage users"
        ),
    )


_INTERACTS = (
    "the project facilitates interactions with or between users or contributors "
    "(userInteraction is 'Yes')"
)


@rule("P011")
def harassment_protection_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    if canonical_answer(record.data, f"{_USERS}/userInteraction") != "Yes":
        return
    yield from _yes_with_safeguard(
        record,
        report,
        lead=_INTERACTS,
        answer_path=f"{_USERS}/griefAbuseHarassmentProtection",
        text_path=f"{_USERS}/harassmentProtectionSteps",
        requirement=(
            "indicator 9c requires a process that protects users and contributors against "
            "grief, abuse and harassment"
        ),
        hint=(
            "describe the code of conduct, moderation and reporting process in "
            "harassmentProtectionSteps and answer 'Yes'; if users do not interact through "
            "the project, answer userInteraction 'No' instead"
        ),
    )


@rule("P012")
def underage_safety_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    if canonical_answer(record.data, f"{_USERS}/userInteraction") != "Yes":
        return
    yield from _yes_with_safeguard(
        record,
        report,
        lead=_INTERACTS,
        answer_path=f"{_USERS}/addressSafetySecurityUnderageUsers",
        text_path=f"{_USERS}/stepsAddressRiskPreventSafetyUnderageUsers",
        requirement="indicator 9c requires systems for the safety and security of underage users",
        hint=(
            "describe how underage users are protected or kept out (e.g. accounts issued "
            "only to vetted adult staff, age checks, parental consent) and answer 'Yes'"
        ),
    )
