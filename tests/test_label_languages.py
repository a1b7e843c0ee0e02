"""Topic names in other languages than English: the stop words of the languages a topic's
documents are written in (tasks/topics/labellers/languages.py), and only those.

The texts are written here in the style of package summaries; none comes from a corpus."""
from __future__ import annotations

import pytest

from datamap.tasks.topics.labellers import languages as L
from datamap.tasks.topics.labellers.phrases import words
from datamap.tasks.topics.labels import TopicInfo, _stop_words

pytest.importorskip("stop_words")
ENGLISH = _stop_words("english")

SPANISH = [
    "Una biblioteca para consultar los datos de la bolsa",
    "Herramienta para generar facturas en PDF desde la terminal",
    "Librería para procesar archivos de texto con expresiones regulares",
    "Un cliente para la API de pagos con soporte de webhooks",
    "Biblioteca para leer hojas de cálculo y exportar los datos",
    "Paquete para enviar correos desde la línea de comandos",
]
RUSSIAN = [
    "Библиотека для работы с базами данных",
    "Пакет для создания телеграм ботов",
    "Инструмент для анализа логов на сервере",
]
ENGLISH_DOCS = [
    "A library for parsing invoices from PDF files",
    "Command line tool to convert spreadsheets to CSV",
    "Client for the payments API with webhook support",
    "Build conversational AI agents with tools and memory",
    "Amazon SES mail sender for Django",
    "Sale order reports for the point of sale",
    "Font rendering helpers for KDE applications",
    "Read and write email messages from the command line",
]


@pytest.mark.parametrize("doc,lang", [(SPANISH[0], "spanish"), (RUSSIAN[0], "russian"),
                                      ("Cálculos relativos à matemática financeira", "portuguese"),
                                      ("Eine Bibliothek für die Arbeit mit Daten", "german")])
def test_a_document_in_another_language_is_told_by_its_stop_words(doc, lang):
    assert lang in L.document_languages(doc, ENGLISH)


@pytest.mark.parametrize("doc", ENGLISH_DOCS)
def test_short_english_summaries_are_english_although_one_word_is_a_foreign_stop_word(doc):
    # "AI" is French, Italian and Romanian, "SES" French, "sale" Romanian, "font" and
    # "email" stop words elsewhere too: one ASCII word must not make a document foreign
    assert L.document_languages(doc, ENGLISH) == ()


def test_an_english_topic_gets_no_other_language_even_with_a_few_foreign_documents():
    docs = ENGLISH_DOCS * 3 + SPANISH[:2]          # 2 of 26: under a tenth
    assert L.topic_stop_words(docs, ENGLISH) == frozenset()


def test_a_topic_in_several_languages_gets_each_of_their_lists():
    docs = ENGLISH_DOCS + SPANISH + RUSSIAN
    stop = L.topic_stop_words(docs, ENGLISH)
    assert {"para", "una", "los", "для", "на"} <= stop
    assert not stop & {"python", "library", "pdf", "api", "ai", "email"}   # no content word of these docs


def test_no_stop_words_asked_for_means_none_are_added():
    assert L.topic_stop_words(SPANISH, frozenset()) == frozenset()


def _topic(i: int, docs: list[str], parent: int) -> TopicInfo:
    return TopicInfo(topic_id=i, depth=2, parent_label=None, keywords=[], sibling_keywords=[], count=len(docs), sample_docs=docs,
                     parent_id=parent)


def test_a_spanish_topic_is_not_named_by_spanish_function_words(monkeypatch):
    """Without the topic's own languages, "para" (written in every Spanish document here)
    is the name's first word; with them, no word of the name is a Spanish stop word, and
    the English sibling's name is what it was."""
    from datamap.tasks.topics.labellers import contrastive, reading

    spanish = [f"{d} y {w}" for d in SPANISH for w in ("Python", "datos", "archivos")]
    english = [f"{d} in {w}" for d in ENGLISH_DOCS for w in ("Python", "Rust", "Go")]
    topics = [_topic(1, spanish, 9), _topic(2, english, 9)]
    es_stop = L._lists()["spanish"]
    after = contrastive.ContrastiveLabeller(stop_words=ENGLISH).label(topics)
    monkeypatch.setattr(reading, "topic_stop_words", lambda docs, english: frozenset())   # where samples are read
    before = contrastive.ContrastiveLabeller(stop_words=ENGLISH).label(topics)
    assert set(words(before[0])) & es_stop, before      # the failure this guards against
    assert not set(words(after[0])) & es_stop, after
    assert after[1] == before[1]


FRENCH = [
    "Une bibliothèque pour les données de la bourse",
    "Outil pour générer des factures avec le terminal",
]


def test_a_language_of_a_twentieth_of_the_other_language_documents_is_brought_in():
    """A topic of Spanish summaries with two French ones among 32 (6 %) takes French's
    list too; with one French summary it does not (a language needs two documents)."""
    spanish = [f"{d} y {w}" for d in SPANISH for w in ("Python", "datos", "archivos", "Rust", "Go")]
    assert {"pour", "des", "les"} <= L.topic_stop_words(spanish + FRENCH, ENGLISH)
    assert not {"pour", "des"} & L.topic_stop_words(spanish + FRENCH[:1], ENGLISH)


def test_language_guesses_are_let_go_with_the_tokenised_documents():
    from datamap.tasks.topics.labellers.phrases import documents_memoised

    with documents_memoised():
        pass                                   # other tests' guesses let go
    with documents_memoised():
        L.topic_stop_words(SPANISH, ENGLISH)
        assert L.document_languages.cache_info().currsize == len(SPANISH)
    assert L.document_languages.cache_info().currsize == 0


def _two_language_draft():
    """A Spanish and an English topic (vectors in two well-apart groups), keywords fitted."""
    import numpy as np

    from datamap.tasks.topics.model import TopicOptions, prepare_topics

    spanish = [f"{d} y {w}" for d in SPANISH for w in ("Python", "datos", "archivos", "Rust", "Go")]
    english = [f"{d} in {w}" for d in ENGLISH_DOCS for w in ("Python", "Rust", "Go", "C", "Java")]
    rng = np.random.default_rng(0)
    centre = np.eye(2, 16, dtype=np.float32) * 10
    vectors = np.concatenate([centre[0] + rng.normal(size=(len(spanish), 16)),
                              centre[1] + rng.normal(size=(len(english), 16))]).astype(np.float32)
    return prepare_topics(spanish + english, vectors, None, TopicOptions(depths=1, sizes=(2,))), len(spanish)


def test_a_spanish_topic_s_keywords_hold_no_spanish_function_words(monkeypatch):
    """The stored keywords (topic_description) of a Spanish topic: without the topic's
    languages "para", "la", "de" are among them; with them none is, and the English
    topic's keywords are the same either way."""
    from datamap.resources import schema
    from datamap.tasks.topics import model as T

    draft, n_spanish = _two_language_draft()
    es_topic = int(draft.ids[0, 0])
    assert set(draft.ids[:n_spanish, 0].tolist()) == {es_topic} and es_topic not in draft.ids[n_spanish:, 0]
    es_stop = L._lists()["spanish"]

    def keywords(result) -> dict[int, list[str]]:
        return {m[schema.TOPIC_ID]: m[schema.TOPIC_KEYWORDS] for m in result.metadata}

    after = keywords(T.name_topics(draft))
    monkeypatch.setattr(T, "topic_stop_words", lambda docs, english: frozenset())
    before = keywords(T.name_topics(draft))
    es_words = lambda kws: {w for k in kws for w in k.split()} & es_stop      # noqa: E731
    assert es_words(before[es_topic]), before[es_topic]          # the failure this guards against
    assert not es_words(after[es_topic]), after[es_topic]
    assert len(after[es_topic]) == len(before[es_topic])        # refilled from further down the list
    en_topic = next(t for t in after if t != es_topic)
    assert after[en_topic] == before[en_topic]
