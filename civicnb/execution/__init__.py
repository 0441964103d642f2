"""Running notebooks: instantiating a locality's pages with papermill (``instantiate``,
on the warm kernel a process keeps for them: ``standby``) and running one notebook for
many localities on warm kernels (``batch``, the public
:func:`~civicnb.execution.batch.run_batch`, built from ``jobs``, ``kernel``, ``engine``
and ``pools``)."""
