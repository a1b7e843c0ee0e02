"""A topic most of whose documents are one text (a template's placeholder, a tutorial's
example package) is named by that text (ContrastiveLabeller.majority_text).

The texts are written here in the style of package summaries; none comes from a corpus."""
from __future__ import annotations

from datamap.tasks.topics.labellers.contrastive import ContrastiveLabeller
from datamap.tasks.topics.labels import TopicInfo, _stop_words

ENGLISH = _stop_words("english")
OTHERS = [f"{what} for {whom}" for what in ("Parser", "Client", "Command line tool", "Plugin", "Wrapper")
          for whom in ("YAML files", "the GitHub API", "PostgreSQL", "pytest", "image processing")]
TOOLS = [f"{what} for {whom}" for what in ("Linter", "Formatter", "Profiler", "Debugger", "Test runner")
         for whom in ("Python code", "notebooks", "web apps", "data pipelines", "Django projects")]


def _topic(i: int, docs: list[str]) -> TopicInfo:
    return TopicInfo(topic_id=i, depth=2, parent_label=None, keywords=[], sibling_keywords=[],
                     count=len(docs), sample_docs=docs, parent_id=9)


def _names(boilerplate: list[str]) -> list[str]:
    return ContrastiveLabeller(stop_words=ENGLISH).label([_topic(1, boilerplate), _topic(2, OTHERS), _topic(3, TOOLS)])


def test_a_topic_that_is_mostly_one_text_is_named_by_it(monkeypatch):
    """Without the rule the topic is named by a span of the text ("Description"); with
    it by the text, and its siblings keep their names."""
    # written with other cases and end punctuation too: still one text
    docs = ["Add your description here"] * 12 + ["add your description here."] * 3 + ["Add your description here!"] * 2 \
        + OTHERS[:10]
    names = _names(docs)
    monkeypatch.setattr(ContrastiveLabeller, "majority_text", lambda self, t: None)
    before = _names(docs)
    assert names[0] == "Add your description here" != before[0]
    assert names[1:] == before[1:]


def test_leading_stop_words_are_dropped_from_the_text():
    # phrases split at "of", so only the text itself can be this name
    docs = ["A simple printer of nested lists"] * 20 + OTHERS[:15]
    assert _names(docs)[0] == "Simple printer of nested lists"


def test_half_is_not_a_majority_and_a_long_text_is_not_a_name():
    half = ["Add your description here"] * 10 + [f"Tools {o}" for o in OTHERS[:10]]
    assert _names(half)[0] != "Add your description here"
    long_text = ["This package reserves the name for the internal build of our data platform"] * 20 + OTHERS[:5]
    name = _names(long_text)[0]
    assert name and name.lower() != long_text[0].lower() and len(name.split()) <= 5

