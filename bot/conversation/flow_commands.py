"""Keywords that work at any point: STOP, START, HELP, DELETE, CYMRAEG / ENGLISH."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.keywords import Command
from bot.conversation.steps import Step
from bot.conversation.turn import Turn
from storage.repositories import participants

# A DELETE not confirmed within this time is forgotten: a "yes" next week
# answers whatever we asked last, not an old erasure question.
ERASURE_CONFIRM_WINDOW = timedelta(hours=1)


def stop(turn: Turn, *, source: str = "keyword") -> None:
    """Opt out: one confirmation now, then silence until START."""
    turn.ensure_participant()
    turn.set_participant(opted_out=True, opted_out_at=turn.now, erasure_requested_at=None)
    turn.audit("opted_out", source=source)
    turn.say("opted-out", turn.t("opted-out"))


def start_after_opt_out(turn: Turn, *, source: str = "keyword") -> None:
    turn.set_participant(opted_out=False, opted_out_at=None)
    turn.audit("opted_in", source=source)
    turn.say("opted-in", turn.t("opted-in"))
    if turn.conversation is not None and turn.conversation.step != Step.DONE:
        turn.prompt()


def show_help(turn: Turn) -> None:
    turn.say("help", turn.t("help"))
    if turn.conversation is not None and turn.conversation.step != Step.DONE:
        turn.prompt()


def request_erasure(turn: Turn) -> None:
    if turn.participant is None:
        turn.say("nothing-held", turn.t("nothing-held"))
        return
    turn.set_participant(erasure_requested_at=turn.now)
    turn.say("erase-confirm", turn.t("erase-confirm"), options=turn.yes_no())


def answer_erasure_question(turn: Turn, command: Command | None) -> bool:
    """Handle the reply to "Delete everything?"; False when the message is about something else."""
    participant = turn.participant
    assert participant is not None and participant.erasure_requested_at is not None
    if turn.now - participant.erasure_requested_at > ERASURE_CONFIRM_WINDOW:
        turn.set_participant(erasure_requested_at=None)
        return False
    reading = turn.reading
    if reading.yes or command is Command.DELETE:
        participant_id = participant.id
        participants.erase_participant(session=turn.session, participant_id=participant_id)
        # Only the now-meaningless row id is kept: the log must show the
        # erasure happened without identifying who it was.
        turn.audit("erased")
        turn.forget_participant()
        turn.say("erased", turn.t("erased"))
        return True
    if reading.no:
        turn.set_participant(erasure_requested_at=None)
        turn.say("erase-cancelled", turn.t("erase-cancelled"))
        if turn.conversation is not None and turn.conversation.step != Step.DONE:
            turn.prompt()
        return True
    if command is None and not turn.says_something_else:
        # A garbled reply to "Delete everything?" is asked again, never kept
        # as an answer, and the question stays open.
        turn.say(
            "erase-confirm",
            turn.t("not-understood"),
            turn.t("erase-confirm"),
            options=turn.yes_no(),
        )
        return True
    turn.set_participant(erasure_requested_at=None)
    return False


def switch_language(turn: Turn, command: Command) -> None:
    language = "cy" if command is Command.WELSH else "en"
    turn.ensure_participant(language)
    turn.set_language(language)
    if turn.conversation is not None:
        turn.conversation.data.pop("lang_open", None)
        turn.touch_conversation()
    turn.say("language-set", turn.t("language-set"))
