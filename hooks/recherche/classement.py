"""How search ranks its results for the same words: the options the search page hands to
Pagefind (``data-classement``, read by ``assets/recherche.js``), and the weights the stand-in
pages of :mod:`hooks.recherche.records` give to titles and text.

Pagefind scores a page by its words (BM25: frequent in the page, rare in the site, headings
weighing more), plus a boost for every meta field that holds all the words typed, in
proportion to the field's weight in ``metaWeights``. Every meta field is searchable, so
every one needs a weight here (a test checks it).

- The référentiel's records, territories and experiences name their title « title » (in an
  ``<h1>``); an enjeu's short name, « titre_court » (« Coopération »), weighs as much.
- Readers' words (``mots_cles``, words the text does not use) weigh a little less than a
  title: a record whose title holds the words comes first, one that only has them as
  keywords next, both before pages that merely mention them.
- The bibliography and the site's other pages (lists, help) name their title « nom », and
  their text weighs half: for the same words, a record comes before the sources it cites
  and the lists it is in. « coopération » used to rank the enjeu « Travailler en
  coopération » 17th, behind sources with the word in their title; it now comes first.
- A territory's départements and régions (« lieu ») weigh as readers' words: « Auvergne »
  finds the territories there before the lists that name the région, though their text
  never names it.
- The address, the rubrique and the population are meta fields for the results' display
  and sorting only: they must not make a page rank.

The weights were chosen on ``benchmarks/recherche.py`` (French reader queries, hit@3 and
MRR), for their meaning rather than to the last decimal: tuning them to the benchmark's own
queries would only fit those.
"""

from __future__ import annotations

SECONDARY_TITLE = 2.0  # data-pagefind-weight of a source's or list's title (an <h1>: 7)
SECONDARY_TEXT = 0.5  # data-pagefind-weight of its text (a record's text: 1)
RANKING = {
    "metaWeights": {
        "title": 5.0,  # Pagefind's default
        "titre_court": 5.0,
        "mots_cles": 3.0,
        "nom": 1.0,
        "territoire": 1.0,  # an experience's territory: « malaunay amap »
        "lieu": 3.0,  # a territory's départements and régions: « auvergne », « finistere »
        "url": 0.0,
        "rubrique": 0.0,
        "population": 0.0,
    },
}
