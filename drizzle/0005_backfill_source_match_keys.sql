-- Sources without a url are found again by their match_key (issue 10): src/domain/normalise.ts
-- sourceMatchKey, that is the normalised title, the normalised publisher and the day published,
-- joined by U+001F. This gives the sources that were filed before it their key, computed here in
-- SQL by the same steps as normaliseText, in order: what NFKC does to the characters the
-- normaliser looks at, invisible characters dropped, quotes and dashes made straight, white space
-- made one space, trimmed, lower case. SQLite has no NFKC and its lower() folds ASCII only, so a
-- title with other compatibility characters or upper-case letters outside ASCII ("École") may get
-- a key the Worker would not compute: that source keeps its claims but is not found again (the
-- first new mention files a new one). Url-less sources with the same key (the duplicates issue 10
-- is about) keep their claims, and only the oldest of them (smallest id) gets the key.
WITH RECURSIVE
  steps(n, search, replacement) AS (VALUES
    -- what NFKC makes of the characters looked at below (acute accent, double prime, small and fullwidth dashes)
    (1, char(0xB4), ' ' || char(0x301)), (2, char(0x2033), char(0x2032) || char(0x2032)),
    (3, char(0xFE58), char(0x2014)), (4, char(0xFE63), '-'), (5, char(0xFF0D), '-'),
    -- invisible characters (soft hyphen, zero-width space and joiners, word joiner, BOM): dropped
    (6, char(0xAD), ''), (7, char(0x200B), ''), (8, char(0x200C), ''), (9, char(0x200D), ''),
    (10, char(0x2060), ''), (11, char(0xFEFF), ''),
    -- curly and other single quotes (primes, backtick), then double quotes: straight ones
    (12, char(0x2018), ''''), (13, char(0x2019), ''''), (14, char(0x201A), ''''), (15, char(0x201B), ''''),
    (16, char(0x2032), ''''), (17, char(0x60), ''''), (18, char(0x201C), '"'), (19, char(0x201D), '"'),
    (20, char(0x201E), '"'), (21, char(0x201F), '"'), (22, char(0xAB), '"'), (23, char(0xBB), '"'),
    -- a run of ASCII hyphens becomes one (six passes: runs of up to 64), then each dash one hyphen
    (24, '--', '-'), (25, '--', '-'), (26, '--', '-'), (27, '--', '-'), (28, '--', '-'), (29, '--', '-'),
    (30, char(0x2010), '-'), (31, char(0x2011), '-'), (32, char(0x2012), '-'), (33, char(0x2013), '-'),
    (34, char(0x2014), '-'), (35, char(0x2015), '-'), (36, char(0x2212), '-'),
    -- white space: one space (eight passes: runs of up to 256)
    (37, char(0x9), ' '), (38, char(0xA), ' '), (39, char(0xB), ' '), (40, char(0xC), ' '),
    (41, char(0xD), ' '), (42, char(0xA0), ' '), (43, char(0x1680), ' '), (44, char(0x2000), ' '),
    (45, char(0x2001), ' '), (46, char(0x2002), ' '), (47, char(0x2003), ' '), (48, char(0x2004), ' '),
    (49, char(0x2005), ' '), (50, char(0x2006), ' '), (51, char(0x2007), ' '), (52, char(0x2008), ' '),
    (53, char(0x2009), ' '), (54, char(0x200A), ' '), (55, char(0x2028), ' '), (56, char(0x2029), ' '),
    (57, char(0x202F), ' '), (58, char(0x205F), ' '), (59, char(0x3000), ' '), (60, '  ', ' '),
    (61, '  ', ' '), (62, '  ', ' '), (63, '  ', ' '), (64, '  ', ' '), (65, '  ', ' '), (66, '  ', ' '),
    (67, '  ', ' ')

  ),
  -- Each url-less source's title and publisher, through the steps in order.
  normalised(id, n, title, publisher) AS (
    SELECT id, 0, coalesce(title, ''), coalesce(publisher, '') FROM sources WHERE url IS NULL AND match_key IS NULL
    UNION ALL
    SELECT normalised.id, steps.n, replace(normalised.title, steps.search, steps.replacement),
      replace(normalised.publisher, steps.search, steps.replacement)
    FROM normalised JOIN steps ON steps.n = normalised.n + 1
  ),
  keyed(id, match_key) AS (
    SELECT normalised.id,
      lower(trim(normalised.title, ' ')) || char(0x1F) || lower(trim(normalised.publisher, ' ')) || char(0x1F)
        || substr(trim(coalesce(sources.published_at, '')), 1, 10)
    FROM normalised JOIN sources ON sources.id = normalised.id
    WHERE normalised.n = (SELECT max(n) FROM steps)
      AND (trim(normalised.title, ' ') <> '' OR trim(normalised.publisher, ' ') <> '')
  ),
  oldest(id, match_key) AS (
    SELECT min(id), match_key FROM keyed
    WHERE match_key NOT IN (SELECT match_key FROM sources WHERE match_key IS NOT NULL)
    GROUP BY match_key
  )
UPDATE sources SET match_key = (SELECT match_key FROM oldest WHERE oldest.id = sources.id)
WHERE id IN (SELECT id FROM oldest);
