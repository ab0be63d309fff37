"""Full-text search on the team database with PostgreSQL's own tools: a `search` tsvector kept by PostgreSQL itself
on every message (a stored generated column, so no writer has to know of it), a GIN index over it, and text search
configurations that fold accents (`unaccent`) and stem French and English words.

A message in French is stemmed the French way, one in English the English way, one of no known language both ways;
a query is stemmed both ways and OR-ed, so "boulangeries" finds "boulangerie" and "café" finds "cafe" whatever the
language. Title weighs most (A), then author (B), then text (D), as in the laptop's FTS5 index (storage/fts.py).

Without the `unaccent` extension (a hosted server that refuses it), the configurations stem without folding accents;
`team status` says so. A message's text is indexed up to its first 100,000 characters (a tsvector has a size limit,
and a stranger's message has none).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from cmdesk.domain.reads import SearchHit
from cmdesk.storage.fts import RANK_WINDOW, SNIPPET_WORDS, Term, parse_terms, ranked_hits
from cmdesk.storage.rawsql import Reader, marks, rows

CONFIGURATIONS = {"cmdesk_fr": ("french", "french_stem"), "cmdesk_en": ("english", "english_stem")}
INDEXED_CHARACTERS = 100_000

DOCUMENT_FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION cmdesk_weighted(configuration regconfig, title text, author text, body text)
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(configuration, coalesce(title, '')), 'A')
            || setweight(to_tsvector(configuration, coalesce(author, '')), 'B')
            || setweight(to_tsvector(configuration, left(coalesce(body, ''), {INDEXED_CHARACTERS})), 'D') $$""",
    """CREATE OR REPLACE FUNCTION cmdesk_document(language text, title text, author text, body text)
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
            WHEN language LIKE 'fr%' THEN cmdesk_weighted('cmdesk_fr'::regconfig, title, author, body)
            WHEN language LIKE 'en%' THEN cmdesk_weighted('cmdesk_en'::regconfig, title, author, body)
            ELSE cmdesk_weighted('cmdesk_fr'::regconfig, title, author, body)
                || cmdesk_weighted('cmdesk_en'::regconfig, title, author, body)
        END $$""",
)
COLUMN = """ALTER TABLE messages ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (cmdesk_document(
    coalesce(language, ''), title, coalesce(author_name, '') || ' ' || coalesce(author_handle, ''), text)) STORED"""
INDEX = "CREATE INDEX IF NOT EXISTS ix_messages_search ON messages USING gin (search)"


def _unaccent(pg: Connection) -> bool:
    """Whether `unaccent` is there or could be made (a trusted extension: the database's owner may)."""
    savepoint = pg.begin_nested()
    try:
        pg.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except Exception:  # noqa: BLE001 — refused (no right, not installed): search then keeps accents
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def create(pg: Connection) -> bool:
    """The configurations, the column and its index (idempotent); whether accents are folded."""
    folds = _unaccent(pg)
    for name, (language, stemmer) in CONFIGURATIONS.items():
        exists = pg.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = :n"), {"n": name}).scalar()
        if exists:
            continue
        pg.execute(text(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {language})"))
        if folds:
            pg.execute(
                text(
                    f"ALTER TEXT SEARCH CONFIGURATION {name} "
                    f"ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart "
                    f"WITH unaccent, {stemmer}"
                )
            )
    for statement in (*DOCUMENT_FUNCTIONS, COLUMN, INDEX):
        pg.execute(text(statement))
    return folds


def without_index(pg: Connection) -> None:
    """Drop the GIN index before a bulk copy (built again by `with_index` in one pass: many times faster than
    keeping it up to date row by row)."""
    pg.execute(text("DROP INDEX IF EXISTS ix_messages_search"))


def with_index(pg: Connection) -> None:
    pg.execute(text(INDEX))


def _term_query(term: Term) -> tuple[str, list[str]]:
    """One typed term as a tsquery matching it stemmed the French or the English way."""
    if term.prefix:
        word = term.words[0].replace("_", "")
        return "(to_tsquery('cmdesk_fr', ?) || to_tsquery('cmdesk_en', ?))", [f"{word}:*", f"{word}:*"]
    words = " ".join(term.words)
    function = "phraseto_tsquery" if len(term.words) > 1 else "plainto_tsquery"
    return f"({function}('cmdesk_fr', ?) || {function}('cmdesk_en', ?))", [words, words]


def tsquery(user_query: str) -> tuple[str, list[str]] | None:
    """The user's words as one tsquery expression (every term must match) and its parameters; None for no words."""
    parts = [_term_query(term) for term in parse_terms(user_query)]
    if not parts:
        return None
    return "(" + " && ".join(sql for sql, _ in parts) + ")", [value for _, values in parts for value in values]


OPEN, SHUT = "\x01", "\x02"
"""What ts_headline wraps a matching word in (taken out of the text first), replaced by the caller's marks: a word
is marked when its stem matches, so "messages" marks "message"."""
HEADLINE_OPTIONS = f"StartSel={OPEN}, StopSel={SHUT}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}"
HEADLINE_CHARACTERS = 5_000
"""How much of a message the snippet is looked for in (the head of a long e-mail: the snippet of a page of hits
stays milliseconds whatever their size)."""


def _marked(headline: str, mark: tuple[str, str]) -> str:
    return " ".join(headline.replace(OPEN, mark[0]).replace(SHUT, mark[1]).split())


def search(
    connection: Reader,
    user_query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    mark: tuple[str, str] = ("[", "]"),
    window: int | None = RANK_WINDOW,
) -> list[SearchHit]:
    """Ranked matches, as storage/fts.search gives them on a laptop: the newest `window` matches ranked (ts_rank,
    title first), one page of them read with a highlighted snippet. A hit's `rank` sorts best first (lower)."""
    query = tsquery(user_query)
    if query is None:
        return []
    expression, params = query
    bounded = "ORDER BY m.id DESC LIMIT ?" if window is not None else ""
    # The query is written out where it is used (not computed once in a WITH): PostgreSQL then knows its words
    # when planning and picks, by how common they are, between reading the newest messages backwards until
    # `window` match (a common word) and the GIN index (a rare one). Through a WITH it always took the index:
    # 1.5 s for a word in nearly every message of a million.
    ranked = rows(
        connection,
        f"""SELECT found.id, -ts_rank(found.search, {expression}) AS score FROM (
                SELECT m.id, m.search FROM messages AS m WHERE m.search @@ {expression} {bounded}) AS found
            ORDER BY score, found.id DESC LIMIT ? OFFSET ?""",
        [*params, *params, *((window,) if window is not None else ()), limit, offset],
    )
    if not ranked:
        return []
    scores = {row[0]: float(row[1]) for row in ranked}
    found = rows(
        connection,
        f"""SELECT m.id, m.conversation_id, m.account_id, m.author_name, m.title,
                ts_headline(CASE WHEN m.language LIKE 'en%' THEN 'cmdesk_en' ELSE 'cmdesk_fr' END::regconfig,
                    translate(left(coalesce(nullif(m.text, ''), m.title), {HEADLINE_CHARACTERS}), ?, ''),
                    {expression}, ?),
                m.created_at, m.url
            FROM messages AS m WHERE m.id IN ({marks(list(scores))})""",
        [OPEN + SHUT, *params, HEADLINE_OPTIONS, *scores],
    )
    return ranked_hits(found, scores, lambda row: _marked(row[5], mark))
