"""Packaging beyond what pyproject.toml can say: the top-level ``templates/`` and ``static/``
directories are shipped as ``portal/templates`` and ``portal/static`` of the installed package."""

import warnings

from setuptools import find_packages, setup

# Data folders inside packages (parsers/data, storage/migrations/versions, portal/static/css …)
# are shipped through package-data on purpose; setuptools would warn about each one as a
# folder that "looks like a package".
warnings.filterwarnings("ignore", message=r"Package '.*' is absent from the `packages`")

CODE_PACKAGES = find_packages(
    include=[
        "portal*", "crawler*", "archive*", "sources*", "index*", "parsers*", "storage*", "cli*",
        "demo_portal*", "figures*", "accountability*",
    ]
)  # fmt: skip
ASSET_PACKAGES = {"portal.templates": "templates", "portal.static": "static"}

setup(packages=[*CODE_PACKAGES, *ASSET_PACKAGES], package_dir=ASSET_PACKAGES)
