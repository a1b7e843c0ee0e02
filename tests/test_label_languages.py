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
    from datamap.tasks.topics.labellers import contrastive

    spanish = [f"{d} y {w}" for d in SPANISH for w in ("Python", "datos", "archivos")]
    english = [f"{d} in {w}" for d in ENGLISH_DOCS for w in ("Python", "Rust", "Go")]
    topics = [_topic(1, spanish, 9), _topic(2, english, 9)]
    es_stop = L._lists()["spanish"]
    after = contrastive.ContrastiveLabeller(stop_words=ENGLISH).label(topics)
    monkeypatch.setattr(contrastive, "topic_stop_words", lambda docs, english: frozenset())
    before = contrastive.ContrastiveLabeller(stop_words=ENGLISH).label(topics)
    assert set(words(before[0])) & es_stop, before      # the failure this guards against
    assert not set(words(after[0])) & es_stop, after
    assert after[1] == before[1]
