"""Which characters are Han (CJK ideographs), for search tokens and reading time alike.

``overrides/assets/javascripts/hg-search.js`` has the same ranges; change both together.
"""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
