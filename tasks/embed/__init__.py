"""Embed: texts → unit vectors, every embedder behind one ``encode`` entry.

``encode``: options, the embedder resolver by mode, the content-addressed cache and
``embed_texts`` (what the embed stage calls). ``onnx_minilm``: the bundled MiniLM through
ONNX Runtime (``quality`` / ``exact``). ``static``: a model2vec-style static model
distilled from it (``fast``). ``model_files``: where derived model files live, built once.
"""
