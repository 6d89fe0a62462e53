"""Putting releases into a CKAN portal: the payload (``payload``), the API calls (``portal``), the run (``run``).

One CKAN dataset per published version, named ``<package>-<version-slug>`` (``1.2.0`` → ``1-2-0``), in one
series per package (a ``dataset_series`` dataset where the portal runs ckanext-dataset-series, else a CKAN
group): every version stays reachable with its own resources, and a version already in CKAN is compared,
never overwritten.
"""
