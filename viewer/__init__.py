"""The web map: a FastAPI server over the ``resources`` reader plus a prebuilt front end
(``viewer/static``, built from ``viewer/frontend`` with ``make viewer``)."""
from datamap.viewer.app import create_app, serve

__all__ = ["create_app", "serve"]
