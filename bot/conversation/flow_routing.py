"""Which consultation a message belongs to, and which handler answers it.

Order matters: an opted-out person hears nothing until START; STOP beats
everything; a pending "delete everything?" question comes next; then the
other keywords; then a consultation keyword or deep-link code; then the
conversation in progress; and only then a guess (the one open consultation)
or a kind request for the keyword on the poster or letter.
"""

from __future__ import annotations

from bot.conversation import flow_commands as commands
from bot.conversation.flow_steps import handle_step
from bot.conversation.keywords import (
    WELSH_COMMAND_KEYS,
    Command,
    command_of,
    is_greeting,
    looks_like_keyword,
    yes_no_language,
)
from bot.conversation.language import detect
from bot.conversation.steps import ConsultationInfo, Step
from bot.conversation.turn import Turn
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
            turn.language = _channel_language(turn) or _first_language(turn) or "en"
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
        turn.language = _channel_language(turn) or _first_language(turn) or "en"
    if command is Command.HELP:
        commands.show_help(turn)
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
    if target is not None:
        if (
            conversation is not None
            and conversation.consultation_id == target.id
            and conversation.step in (Step.OPEN, Step.PROBE, Step.DONE)
        ):
            # "Buses" in answer to "what matters to you?" in the BUSES
            # consultation is an answer, not a restart.
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


def _route_without_keyword(turn: Turn, *, keep_text: bool) -> None:
    open_now = turn.directory.open_now(turn.now)
    if len(open_now) == 1:
        _enter(turn, open_now[0], keep_text=keep_text)
    elif keep_text and looks_like_keyword(turn.text) and not is_greeting(turn.key):
        turn.say("unknown-keyword", turn.t("unknown-keyword"))
    else:
        turn.say("ask-keyword", turn.t("ask-keyword"))


def _enter(turn: Turn, target: ConsultationInfo, *, keep_text: bool) -> None:
    """Start, resume or switch to a consultation."""
    if not target.accepting(turn.now):
        _closed(turn, target)
        return
    new_person = turn.participant is None
    participant = turn.ensure_participant(turn.language, consultation_id=target.id)
    if participant.active_consultation_id != target.id:
        turn.set_participant(active_consultation_id=target.id)
    existing = None
    if turn.conversation is not None and turn.conversation.consultation_id == target.id:
        existing = turn.conversation
    elif not new_person:
        existing = participants.find_conversation(
            session=turn.session, participant_id=participant.id, consultation_id=target.id
        )
    speaks = keep_text and turn.substantive and not is_greeting(turn.key)
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
    data: dict[str, object] = {}
    # A language the channel states (the web chat page, with its visible switch)
    # stays: a tapped "Ie" button sends "YES", which must not turn it English.
    if (
        new_person
        and _channel_language(turn) is None
        and (not keep_text or _first_language(turn) is None)
    ):
        # A keyword or an emoji says nothing about language: the first
        # message in words decides (see _settle_language).
        data["lang_open"] = True
    if speaks:
        data["held"] = [{"text": turn.text, "pmid": turn.message.provider_message_id}]
    turn.conversation = participants.create_conversation(
        session=turn.session,
        participant_id=participant.id,
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
    language = detect(turn.text) or yes_no_language(turn.key)
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
    return detect(turn.text) or yes_no_language(turn.key)


def _channel_language(turn: Turn) -> str | None:
    """The language the channel says a newcomer reads (the web chat page they are on).

    It wins over the first message's own language: a poster's keyword is often an
    English word ("MATTERS") on a Welsh page. The first words still decide later
    (the conversation's lang_open).
    """
    return turn.message.language if turn.message.language in ("en", "cy") else None
