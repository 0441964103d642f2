"""The live workshop, above the store and below the pages: who is answering
(``participation``), the facilitator's room (``facilitation``) and withdrawal and
erasure (``erasure``). No Jupyter imports."""
