"""Every place where civicnb relies on a private name or an undocumented behaviour of
an upstream project: one module per project, each saying what it uses, why, and the
versions it was checked with. ``tests/fast/test_compat.py`` has a test per reliance
that fails when the upstream behaviour it relies on changes; when one fails after an
upgrade, read the module's notes before changing anything else.

The serving side (Voilà pages, reports):

* :mod:`civicnb._compat.voila`: Voilà's exporter name, kernel manager factory and
  preheated pools, the order of its stop, its static file handlers, the request-info
  protocol of preheated kernels, and the blocks of its ``lab`` template that civicnb's
  Voilà template replaces.
* :mod:`civicnb._compat.nbconvert`: HTMLExporter's steps before its BeautifulSoup pass
  (the report's exporter skips that pass), and the blocks of nbconvert's ``lab``
  template that the report and handout templates replace.

The execution side (running notebooks):

* ``civicnb._compat.papermill``: papermill's engine and its registry.
* ``civicnb._compat.nbclient``: nbclient's client internals.
* :mod:`civicnb._compat.jsonschema`: when jsonschema imports rfc3987_syntax (its IRI
  parser, built then), deferred to the first IRI checked.

ipywidgets, jupyter_server and tornado are used through their public interfaces only
(tornado's ``StaticFileHandler.get_cache_time``, Jupyter Server's
``static_immutable_cache`` setting), so they have no module here. Outside this
package, civicnb names no private attribute of Voilà, nbconvert, ipywidgets,
jupyter_server or tornado (``tests/fast/test_compat.py`` holds the checks).
"""
