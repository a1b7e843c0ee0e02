"""Faster embedders for the embed stage, each built offline from the bundled model.

``onnx_minilm``: the same MiniLM through ONNX Runtime (``quality`` / ``exact`` modes).
``static``: a model2vec-style static model distilled from it (``fast`` mode).
``model_files``: where the derived model files live and how they are built once.
"""
