"""Which consultation a message belongs to, and which handler answers it.

Order matters: an opted-out person hears nothing until START; STOP beats
everything; a pending "delete everything?" question comes next; then the
other keywords; then a consultation keyword or deep-link code; then the
conversation in progress; and only then a guess (the one open consultation)
or a kind request for the keyword on the poster or letter.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import flow_commands as commands
from bot.conversation.flow_steps import MAX_HELD, handle_step
from bot.conversation.keywords import (
    WELSH_COMMAND_KEYS,
    Command,
    command_of,
    is_greeting,
    keyword_key,
    looks_like_keyword,
)
from bot.conversation.language import detect
from bot.conversation.steps import ConsultationInfo, Step
from bot.conversation.turn import Turn
from bot.conversation.yes_no import Verdict
from storage.repositories import participants


def route(turn: Turn) -> None:
    command = command_of(turn.key)
    participant = turn.participant
    if participant is not None and participant.opted_out:
        # Opted out: silence, whatever they send, until START.
        if command is Command.START:
            commands.start_after_opt_out(turn)
        return
    if command is Command.STOP:
        if participant is None:
            turn.language = _first_language(turn) or _preferred(turn) or "en"
        commands.stop(turn)
        return
    if participant is not None and participant.erasure_requested_at is not None:
        if commands.answer_erasure_question(turn, command):
            return
    if command is Command.DELETE:
        commands.request_erasure(turn)
        return
    if command in (Command.WELSH, Command.ENGLISH):
        assert command is not None
        commands.switch_language(turn, command)
        if turn.conversation is not None:
            turn.prompt()
        else:
            _route_without_keyword(turn, keep_text=False)
        return
    if participant is None:
        turn.language = _first_language(turn) or _preferred(turn) or "en"
    if command is Command.HELP:
        commands.show_help(turn)
        if turn.participant is None and turn.language == "cy":
            # "CYMORTH" then the keyword: the greeting must be Welsh too.
            turn.ensure_participant("cy", data={"lang": "chosen"})
        return
    if _route_by_keyword_or_code(turn, command):
        return
    conversation = turn.conversation
    if command is Command.START:
        if conversation is not None:
            turn.prompt(turn.t("welcome-back"))
        else:
            _route_without_keyword(turn, keep_text=False)
        return
    if conversation is not None:
        consultation = turn.consultation()
        if consultation is None or not consultation.accepting(turn.now):
            _closed(turn, consultation)
            return
        _settle_language(turn)
        handle_step(turn, consultation)
        return
    _route_without_keyword(turn, keep_text=True)


def _route_by_keyword_or_code(turn: Turn, command: Command | None) -> bool:
    conversation = turn.conversation
    target: ConsultationInfo | None = None
    if command is None and not turn.slash and turn.key:
        target = turn.directory.by_keyword(turn.key)
        if target is None and conversation is None and looks_like_keyword(turn.text):
            target = turn.directory.by_keyword_or_refresh(turn.key)
    asked = target is None and _asked_for(turn)
    if asked:
        target = asked
    if target is not None:
        if not asked and conversation is not None and _is_an_answer(turn, target):
            return False
        _enter(turn, target, keep_text=False)
        return True
    code = turn.message.consultation_code
    if not code:
        return False
    target = turn.directory.by_code(code)
    if target is None:
        if conversation is not None:
            return False
        turn.say("unknown-keyword", turn.t("unknown-keyword"))
        return True
    if conversation is not None and conversation.consultation_id == target.id:
        return False
    _enter(turn, target, keep_text=command is None)
    return True


# "START PARKS" / "DECHRAU PARCIAU": a resident clearly asking for another
# consultation in the middle of one (a bare keyword there is an answer).
_SWITCH_WORDS = frozenset({"START", "DECHRAU", "SWITCH", "NEWID", "KEYWORD"})


def _asked_for(turn: Turn) -> ConsultationInfo | None:
    words = turn.text.split()
    if turn.slash or len(words) != 2 or keyword_key(words[0]) not in _SWITCH_WORDS:
        return None
    return turn.directory.by_keyword_or_refresh(keyword_key(words[1]))


def _is_an_answer(turn: Turn, target: ConsultationInfo) -> bool:
    """Whether a message that is a consultation's keyword answers the running conversation.

    "Parks" in answer to "what matters to you?" is an answer, even when a
    PARKS consultation exists (open or closed). A keyword switches only at
    the greeting, after the conversation is done, or after a long pause.
    """
    conversation = turn.conversation
    assert conversation is not None
    if conversation.consultation_id == target.id:
        # "Buses" in the BUSES consultation answers the open question or the
        # probe; elsewhere it repeats the pending question.
        return conversation.step in (Step.OPEN, Step.PROBE, Step.DONE)
    running = conversation.step in (Step.OPEN, Step.PROBE, Step.PROFILE, Step.FEEDBACK)
    return running and not turn.gap()


def _route_without_keyword(turn: Turn, *, keep_text: bool) -> None:
    open_now = turn.directory.open_now(turn.now)
    if len(open_now) == 1:
        _enter(turn, open_now[0], keep_text=keep_text)
        return
    speaks = keep_text and turn.substantive and not is_greeting(turn.key)
    if speaks and looks_like_keyword(turn.text) and not open_now:
        turn.say("unknown-keyword", turn.t("unknown-keyword"))
    elif speaks and not looks_like_keyword(turn.text) and open_now:
        # A real first answer ("hi there, the park is dirty") with several
        # consultations open: keep it, ask which one once, store it there.
        _hold_for_later(turn)
        turn.say("ask-keyword", turn.t("ask-keyword-kept"))
    elif speaks and looks_like_keyword(turn.text):
        turn.say("unknown-keyword", turn.t("unknown-keyword"))
    else:
        _remember_language(turn)
        turn.say("ask-keyword", turn.t("ask-keyword"))


def _hold_for_later(turn: Turn) -> None:
    shown = _first_language(turn)
    participant = turn.ensure_participant(turn.language)
    data = dict(participant.data)
    held = list(data.get("held", []))
    if len(held) < MAX_HELD:
        held.append({"text": turn.text, "pmid": turn.message.provider_message_id})
    data["held"] = held
    if shown is not None:
        data["lang"] = "chosen"
    turn.set_participant(data=data)


def _remember_language(turn: Turn) -> None:
    """A stranger whose words show their language: remember it for the greeting."""
    if turn.participant is None and _first_language(turn) is not None:
        turn.ensure_participant(turn.language, data={"lang": "chosen"})


def _enter(turn: Turn, target: ConsultationInfo, *, keep_text: bool) -> None:
    """Start, resume or switch to a consultation."""
    if not target.accepting(turn.now):
        _closed(turn, target)
        return
    speaks = keep_text and turn.substantive and not is_greeting(turn.key)
    new_person = turn.participant is None
    waiting: dict[str, Any] = {}
    if turn.participant is not None:
        participant = turn.participant
        if participant.active_consultation_id != target.id:
            turn.set_participant(active_consultation_id=target.id)
        existing = None
        if turn.conversation is not None and turn.conversation.consultation_id == target.id:
            existing = turn.conversation
        else:
            existing = participants.find_conversation(
                session=turn.connection, participant_id=participant.id, consultation_id=target.id
            )
        if existing is not None:
            turn.conversation = existing
            if speaks:
                _settle_language(turn)
                handle_step(turn, target)
            elif existing.step == Step.DONE:
                turn.say("already-done", turn.t("already-done"))
            else:
                turn.prompt(turn.t("welcome-back"))
            turn.touch_conversation()
            return
        waiting = dict(participant.data)
    data: dict[str, object] = {}
    chosen = waiting.get("lang") == "chosen"
    if (new_person or (waiting and not chosen)) and (
        not keep_text or _first_language(turn) is None
    ):
        # A keyword or an emoji says nothing about language: the first
        # message in words decides (see _settle_language).
        data["lang_open"] = True
    held = list(waiting.get("held", []))
    if speaks:
        held.append({"text": turn.text, "pmid": turn.message.provider_message_id})
    if held:
        data["held"] = held[:MAX_HELD]
    if new_person:
        # Their row and their first conversation in one write.
        turn.start_participant(consultation_id=target.id, step=Step.CONSENT, data=data)
    else:
        assert turn.participant is not None
        if waiting:
            # What was kept before the consultation was named now belongs to it.
            turn.set_participant(data={})
        turn.conversation = participants.create_conversation(
            session=turn.connection,
            participant_id=turn.participant.id,
            consultation_id=target.id,
            step=Step.CONSENT,
            now=turn.now,
            data=data,
        )
    turn.prompt()


def _closed(turn: Turn, consultation: ConsultationInfo | None) -> None:
    if consultation is None:
        turn.say("ask-keyword", turn.t("ask-keyword"))
    else:
        turn.say("closed", turn.titled("closed", consultation))


def _settle_language(turn: Turn) -> None:
    conversation = turn.conversation
    if conversation is None or not conversation.data.get("lang_open"):
        return
    language = _language_shown(turn)
    if language is not None:
        conversation.data.pop("lang_open", None)
        turn.set_language(language)
        turn.touch_conversation()


def _first_language(turn: Turn) -> str | None:
    """The language a newcomer's first message is in, if it shows one."""
    if turn.key in WELSH_COMMAND_KEYS:
        return "cy"
    if turn.slash:
        return None
    return _language_shown(turn)


def _preferred(turn: Turn) -> str | None:
    preferred = (turn.message.preferred_language or "").lower()[:2]
    return preferred if preferred in ("en", "cy") else None


def _language_shown(turn: Turn) -> str | None:
    """The language a message is in; a yes/no reply shows it only through its words.

    "y", "n", "ok" or "na" say nothing about language (the identifier would
    call a lone "y" Welsh); "Ydw" is Welsh and "yep" English.
    """
    if turn.reading.verdict is not Verdict.UNCLEAR:
        return turn.reading.language
    return detect(turn.text)
