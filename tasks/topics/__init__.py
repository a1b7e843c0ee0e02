"""Topics: clustering (the nested partition), model (c-TF-IDF keywords, BERTopic, the
saved model) and labels (names for every topic). Plain functions; no Prefect."""
