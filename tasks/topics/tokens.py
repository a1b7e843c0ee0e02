"""How topic keywords are tokenised: shared by the c-TF-IDF vectorizer (``model``) and the
BERTopic representation labellers, so both see the same words."""
from __future__ import annotations

from datamap.tasks.topics.labels import URL

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W_]+\b"   # ≥ 2 chars, starts with a letter: no bare numbers


def preprocess(text: str) -> str:
    """Lower-case and drop URLs / e-mail addresses ("httpwwwhaskellorg" is no keyword)."""
    return URL.sub(" ", text.lower())
