"""Editors' review tools: a proposal's summary between two git revisions (``revue``) and the
review dates of experiences (``relu``, the « à relire » page)."""
