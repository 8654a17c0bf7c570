"""An author's work done for them: every ambiguous name answered with the draft's own proposal,
every title written and every highlighted place without a note given one. The tests and the
Studio's benchmark both need a draft that passes the check."""

from __future__ import annotations

from storymap.authoring.studio import PlaceNote, SourceEntry, StudioDraft, answer, highlighted, open_questions
from storymap.model.gazetteer import Gazetteer

SOURCE_KEY = "test-atlas"


def finished(draft: StudioDraft, gazetteer: Gazetteer) -> StudioDraft:
    """`draft`, finished in place and returned."""
    for passage, index in open_questions(draft):
        answer(passage, index, passage.questions[index].options[0] if passage.questions[index].options else "-")
    for passage in draft.passages:
        passage.title = f"Our title for {passage.id[:20]}"
    draft.title, draft.author = draft.title or "A story", draft.author or "A. Writer"
    draft.sources[SOURCE_KEY] = SourceEntry(publisher="Test Atlas", title="Places", date="2026")
    for place in highlighted(draft):
        if gazetteer[place].note is None:
            draft.notes[place] = PlaceNote(note=f"A place the test names ({place}).", source=SOURCE_KEY)
    return draft
