"""How alike two texts are, in a way that survives re-wrapped lines and punctuation fixes.

A text is normalised by dropping everything that is not a letter, digit or ideograph (spaces,
line breaks, punctuation of either width) and by folding full-width Latin letters and digits to
ASCII; it is then cut into overlapping shingles of SHINGLE characters. Two texts are as alike as
the Jaccard index of their shingle sets, estimated from a bottom-k sketch: the SKETCH smallest
hash values of each set (one hash function, as Broder's bottom-k MinHash). The sketch values
also go into an index table, so that the articles sharing enough of them with a new one are the
candidates, found by the database without comparing against every article.

A text whose normalised form is shorter than MIN_CHARS has too few shingles to tell a reprint
from a document on the same subject: it gets no sketch.
"""

from __future__ import annotations

import array
import heapq
import re
import zlib

SHINGLE = 5
SKETCH = 64
MIN_CHARS = 120
SAME_TEXT = 0.7            # estimated Jaccard from which a body is "near-identical"
# Sketch values an earlier article must share to be compared at all. Two texts with Jaccard index
# J share about 2J/(1+J) of their sketch values (52 of 64 at SAME_TEXT); sharing fewer than 32
# (J < 1/3) they are not near-identical, and the lower the bar, the more articles that merely
# share common phrases (为深入贯彻落实…) — whose shingles have the smallest hashes as often as any — are compared.
CANDIDATE_SHARE = 32
# Sketches made another way cannot be compared: an index whose sketches were made otherwise is rebuilt.
ALGORITHM = f"bottom-{SKETCH} crc32 utf-16 {SHINGLE}-shingles, min {MIN_CHARS}"

_NOT_WORD = re.compile(r"[\W_]+")
# Shingles as the bytes of SHINGLE UTF-16 code units, found at every code unit (2 bytes) in one
# pass of the regex engine: no Python code runs per shingle, only crc32.
_SHINGLES = re.compile(b"(?=(.{%d})).." % (2 * SHINGLE), re.S)
_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_TO_ASCII = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def normalise(text: str) -> str:
    """Only the letters, digits and ideographs of `text`, full-width Latin folded, lower-case."""
    out = _NOT_WORD.sub("", text)
    if _FULLWIDTH.search(out):
        out = out.translate(_TO_ASCII)
    return out.lower()


def sketch(text: str) -> list[int] | None:
    """The bottom-k sketch of the normalised `text`, ascending; None for a text too short to compare."""
    return sketch_of_normalised(normalise(text))


def sketch_of_normalised(norm: str) -> list[int] | None:
    """sketch() of a text already normalised (normalise()): a function of `norm` alone."""
    if len(norm) < MIN_CHARS:
        return None
    hashes = set(map(zlib.crc32, _SHINGLES.findall(norm.encode("utf-16-le"))))
    return heapq.nsmallest(SKETCH, hashes)       # not sorted()[:SKETCH]: thousands of hashes, 64 wanted


def text_key(text: str) -> str:
    """A key of `text` (128 bits of BLAKE2b). The sketch is a function of the text alone, so an article
    whose body has the key of one in the index has that one's sketch (or, like it, none): checking an
    issue the index holds takes its sketches from there instead of normalising and hashing every
    shingle again (about 1.5 ms an article)."""
    import hashlib      # here: a PDF build imports this module (store.py, pages.py) and no hashlib

    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def jaccard(a: list[int], b: list[int]) -> float:
    """The Jaccard index of two texts estimated from their sketches: of the SKETCH smallest values of
    both together, the share found in both."""
    union = sorted(set(a) | set(b))[:SKETCH]
    if not union:
        return 0.0
    sa, sb = set(a), set(b)
    return sum(1 for v in union if v in sa and v in sb) / len(union)


def pack(values: list[int]) -> bytes:
    return array.array("I", values).tobytes()


def unpack(blob: bytes | None) -> list[int]:
    if not blob:
        return []
    values = array.array("I")
    values.frombytes(blob)
    return values.tolist()
