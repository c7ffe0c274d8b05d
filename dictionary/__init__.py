"""The domain of the Shared Data Catalog: models, services, policies and errors.

Vietnamese terms used throughout (explained once here):

- *cơ sở dữ liệu dùng chung* (CSDL dùng chung): a shared database of the province; a *Dataset* here.
- *cơ quan, đơn vị*: an agency (a department "Sở", the People's Committee "UBND", a commune "xã").
- *chủ quản* (owner), *đơn vị vận hành* (custodian), *đầu mối* (steward contact): ownership roles.
- *từ điển dữ liệu*: the data dictionary, i.e. the *Fields* (data elements) of a dataset.
- *dữ liệu cá nhân cơ bản / nhạy cảm*: basic / sensitive personal data (Decree 356/2025).

This package knows nothing of Flask, search engines or RDF (DESIGN.md §1). What it needs from
outside is declared in :mod:`dictionary.ports` and wired in by ``app``.
"""
