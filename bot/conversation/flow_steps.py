"""What each step of a conversation does with the resident's next message.

consent -> open -> probe (skipped when the first answer is rich) -> profile
questions (each skippable) -> feedback offer -> done. Anything said after
"done", or that is not an answer to the pending yes/no question, is kept as
an extra answer: nothing a resident writes after consenting is thrown away.

Consent is asked per consultation (each greeting carries its own privacy
line); words sent before consent are held on the conversation and stored as
the open answer on "yes", dropped on "no". After a pause longer than
turn.RESUME_GAP a greeting ("hi", "helo") gets "Hello again!" and the pending
question; a real answer after a pause is simply taken as the answer.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation.follow_up import Plan, plan_follow_up
from bot.conversation.keywords import is_greeting, is_skip, keyword_key
from bot.conversation.steps import Choice, ConsultationInfo, Step
from bot.conversation.turn import Turn
from bot.conversation.wards import WARD_NOT_GIVEN
from bot.conversation.yes_no import Verdict

# Messages kept while waiting for consent; more than this and the rest are
# not kept (someone pasting a long essay before saying yes is asked again).
MAX_HELD = 10
# Profile answers longer than this are not a ward or an age: kept as answers.
MAX_PROFILE_TEXT = 60


def handle_step(turn: Turn, consultation: ConsultationInfo) -> None:
    conversation = turn.conversation
    assert conversation is not None
    if not turn.text:
        turn.prompt(turn.t("empty-message"))
        return
    step = conversation.step
    if (
        (turn.gap() or turn.slash)
        and step != Step.CONSENT
        and (is_greeting(turn.key) or turn.slash)
    ):
        turn.prompt(turn.t("welcome-back"))
        return
    handler = _HANDLERS.get(step, _done)
    handler(turn, consultation)
    turn.touch_conversation()


def _consent(turn: Turn, consultation: ConsultationInfo) -> None:
    conversation = turn.conversation
    assert conversation is not None
    reading = turn.reading
    if reading.yes:
        turn.set_participant(consent="given", consent_at=turn.now)
        turn.audit("consent_given", consultation_id=consultation.id)
        held = conversation.data.pop("held", [])
        if not held:
            conversation.step = Step.OPEN
            turn.prompt(turn.t("consent-thanks"))
            return
        # What they wrote before saying yes is their answer to the open question.
        for item in held:
            turn.store_answer(
                item["text"],
                kind="open",
                question=consultation.open_question,
                provider_message_id=item.get("pmid"),
            )
        _after_open(turn, consultation, " ".join(item["text"] for item in held))
        turn.prompt(turn.t("consent-thanks"))
    elif reading.no:
        turn.set_participant(consent="refused", consent_at=turn.now)
        turn.audit("consent_refused", consultation_id=consultation.id)
        conversation.data.pop("held", None)
        turn.say("consent-refused", turn.t("consent-refused"), options=turn.yes_no())
    elif is_greeting(turn.key) or turn.slash:
        turn.prompt()
    elif turn.says_something_else:
        held = conversation.data.setdefault("held", [])
        if len(held) < MAX_HELD:
            held.append({"text": turn.text, "pmid": turn.message.provider_message_id})
        turn.say("consent-held", turn.t("consent-held"), options=turn.yes_no())
    else:
        turn.say("consent-reask", turn.t("consent-reask"), options=turn.yes_no())


def _after_open(turn: Turn, consultation: ConsultationInfo, answer: str) -> None:
    """Move past the open question: a follow-up fitted to the answer, or none at all."""
    assert turn.conversation is not None
    follow_up = plan_follow_up(answer, turn.language)
    if follow_up.plan is Plan.SKIP:
        turn.conversation.data.pop("follow_up", None)
        _enter_profile(turn, consultation)
    else:
        turn.conversation.data["follow_up"] = follow_up.to_data()
        turn.conversation.step = Step.PROBE


def _enter_profile(turn: Turn, consultation: ConsultationInfo) -> None:
    assert turn.conversation is not None
    if consultation.profile:
        turn.conversation.step = Step.PROFILE
        turn.conversation.data["profile"] = 0
    else:
        turn.conversation.step = Step.FEEDBACK


def _bare_yes_no(turn: Turn) -> bool:
    """A lone "yes" / "Ie" / "no": a second tap on the consent button, not an answer."""
    return turn.reading.verdict is not Verdict.UNCLEAR and len(turn.text.split()) <= 3


def _open(turn: Turn, consultation: ConsultationInfo) -> None:
    if _bare_yes_no(turn):
        turn.prompt()
        return
    turn.store_answer(turn.text, kind="open", question=consultation.open_question)
    _after_open(turn, consultation, turn.text)
    _lead_into_next(turn)


def _probe(turn: Turn, consultation: ConsultationInfo) -> None:
    # "No" to "why does that matter?" says they have nothing to add: move on.
    if not _bare_yes_no(turn):
        turn.store_answer(turn.text, kind="probe", question=consultation.probe)
    _enter_profile(turn, consultation)
    _lead_into_next(turn)


def _lead_into_next(turn: Turn) -> None:
    assert turn.conversation is not None
    step = turn.conversation.step
    if step == Step.PROFILE:
        turn.prompt(turn.t("profile-intro"))
    elif step == Step.FEEDBACK:
        turn.say("ask-feedback", turn.t("ask-feedback"), options=turn.yes_no())
    else:
        turn.prompt()


def _profile(turn: Turn, consultation: ConsultationInfo) -> None:
    conversation = turn.conversation
    assert conversation is not None
    question = turn.profile_question(consultation)
    if question is None:
        conversation.step = Step.FEEDBACK
        _lead_into_next(turn)
        return
    if not is_skip(turn.key, turn.text):
        if question.kind == "ward":
            value = consultation.wards.match(turn.text)
        else:
            value = _profile_value(turn, question.choices)
        if value is None:
            if len(turn.text) > MAX_PROFILE_TEXT or len(turn.text.split()) >= 4:
                turn.store_answer(turn.text, kind="extra")
            elif question.kind == "ward" and conversation.data.get("ward_asked"):
                # Asked once already: stored as not given rather than as
                # whatever was typed, and on to the next question.
                value = WARD_NOT_GIVEN
            if value is None:
                if question.kind == "ward":
                    conversation.data["ward_asked"] = True
                turn.prompt(turn.t("not-understood"))
                return
        if question.kind == "ward":
            conversation.data.pop("ward_asked", None)
            conversation.ward = value[:100]
        elif question.kind == "age_band":
            conversation.age_band = value[:32]
        else:
            turn.store_answer(value, kind="choice", question=question)
    index = int(conversation.data.get("profile", 0)) + 1
    conversation.data["profile"] = index
    if index >= len(consultation.profile):
        conversation.step = Step.FEEDBACK
        _lead_into_next(turn)
    else:
        turn.prompt()


def _profile_value(turn: Turn, choices: tuple[Choice, ...]) -> str | None:
    if not choices:
        text = turn.text.strip()
        return text if len(text) <= MAX_PROFILE_TEXT else None
    key = turn.key
    for number, choice in enumerate(choices, start=1):
        if key in (str(number), keyword_key(choice.value), keyword_key(choice.en)) or (
            choice.cy and key == keyword_key(choice.cy)
        ):
            return choice.value
    return None


def _feedback(turn: Turn, consultation: ConsultationInfo) -> None:
    conversation = turn.conversation
    assert conversation is not None
    reading = turn.reading
    if reading.yes or reading.no:
        wants = reading.yes
        turn.set_participant(wants_feedback=wants)
        conversation.step = Step.DONE
        conversation.completed_at = turn.now
        key = "feedback-yes" if wants else "feedback-no"
        turn.say(key, turn.t(key))
    elif is_greeting(turn.key):
        turn.prompt()
    elif turn.says_something_else:
        turn.store_answer(turn.text, kind="extra")
        turn.say(
            "ask-feedback", turn.t("extra-added"), turn.t("feedback-reask"), options=turn.yes_no()
        )
    else:
        turn.say(
            "ask-feedback",
            turn.t("not-understood"),
            turn.t("feedback-reask"),
            options=turn.yes_no(),
        )


def _done(turn: Turn, consultation: ConsultationInfo) -> None:
    if is_greeting(turn.key):
        turn.say("already-done", turn.t("already-done"))
        return
    turn.store_answer(turn.text, kind="extra")
    turn.say("extra-added", turn.t("extra-added"))


_HANDLERS: dict[str, Callable[[Turn, ConsultationInfo], None]] = {
    Step.CONSENT: _consent,
    Step.OPEN: _open,
    Step.PROBE: _probe,
    Step.PROFILE: _profile,
    Step.FEEDBACK: _feedback,
    Step.DONE: _done,
}
