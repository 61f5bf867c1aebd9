-- Full-text search (PostgreSQL), generated as a drizzle-kit custom migration: drizzle's schema DSL
-- has no generated tsvector columns or extensions. The counterpart of migrations/0001_search.sql
-- (FTS5 on SQLite): one weighted `search` column per searchable table, computed by PostgreSQL
-- itself (GENERATED ALWAYS ... STORED), so writers never maintain it, with a GIN index.
--
-- Tokenizing matches FTS5's `unicode61 remove_diacritics 2`: the `simple` configuration lowercases
-- and does no stemming and no stop words, and unaccent strips diacritics (café = cafe). unaccent()
-- is only STABLE (its dictionary could change), and a generated column needs an IMMUTABLE
-- expression: hence the wrapper, with every name schema-qualified so that neither the
-- search_path of a writer nor of pg_dump/restore changes what it does. ASCII punctuation becomes
-- spaces first (public.search_text): unicode61 splits words at every punctuation character, while
-- PostgreSQL's parser would keep 'example.com', 'jean@exemple.fr', '3.5' or 'v1.2' as single
-- lexemes that a search for `example`, `jean` or `3` cannot find. Queries must use the same
-- normalization: phraseto_tsquery('simple', public.search_text(...)) (src/store/postgres/search-query.ts).
--
-- Weights: A for the title-like column, B for the body text, C for an actor's description.
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
-- Text order that is the same everywhere: every column the API sorts, pages or joins on compares
-- in code-unit order (COLLATE "C"), as SQLite's BINARY does, whatever the database's default
-- collation (en_US.UTF-8 sorts "b" before "B" and ignores punctuation). Keyset cursors and the
-- order of every list are then identical on both engines. Done before the search columns below,
-- since a column a generated column uses cannot change its collation afterwards.
ALTER TABLE "publications" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "name" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "articles" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "headline" TYPE text COLLATE "C", ALTER COLUMN "kind" TYPE text COLLATE "C", ALTER COLUMN "publication_id" TYPE text COLLATE "C", ALTER COLUMN "date_published" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "article_documents" ALTER COLUMN "article_id" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "article_topics" ALTER COLUMN "article_id" TYPE text COLLATE "C", ALTER COLUMN "topic" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "actors" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "name" TYPE text COLLATE "C", ALTER COLUMN "type" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "article_actors" ALTER COLUMN "article_id" TYPE text COLLATE "C", ALTER COLUMN "actor_id" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "actor_mentions" ALTER COLUMN "article_id" TYPE text COLLATE "C", ALTER COLUMN "actor_id" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "recommendations" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "article_id" TYPE text COLLATE "C", ALTER COLUMN "date_published" TYPE text COLLATE "C", ALTER COLUMN "addressee_id" TYPE text COLLATE "C", ALTER COLUMN "strength" TYPE text COLLATE "C", ALTER COLUMN "domain" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "recommendation_partners" ALTER COLUMN "recommendation_id" TYPE text COLLATE "C", ALTER COLUMN "actor_id" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "sources" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "name" TYPE text COLLATE "C", ALTER COLUMN "type" TYPE text COLLATE "C", ALTER COLUMN "actor_id" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "quotations" ALTER COLUMN "id" TYPE text COLLATE "C", ALTER COLUMN "article_id" TYPE text COLLATE "C", ALTER COLUMN "date_published" TYPE text COLLATE "C", ALTER COLUMN "source_id" TYPE text COLLATE "C", ALTER COLUMN "kind" TYPE text COLLATE "C";
--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "name" TYPE text COLLATE "C", ALTER COLUMN "public_id" TYPE text COLLATE "C";
--> statement-breakpoint
-- The data version: moved by every write transaction, read by every node's response cache, so a
-- write on any node is visible to the next read on every node (the role SQLite's data_version
-- plays for processes sharing a file).
CREATE TABLE "data_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "version" bigint NOT NULL);
--> statement-breakpoint
INSERT INTO "data_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- What is indexed and searched: unaccented, with the 32 ASCII punctuation characters as spaces.
CREATE OR REPLACE FUNCTION public.search_text(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(public.immutable_unaccent($1), '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', repeat(' ', 32)) $$;
--> statement-breakpoint
-- The strings of a JSON array, space-separated (an actor's aliases): FTS5 indexes the JSON text,
-- whose quotes and commas only separate words; unaccent could turn typographic quotes into '"'
-- inside the JSON text, so the strings are taken out first.
CREATE OR REPLACE FUNCTION public.jsonb_array_text(jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(string_agg(e #>> '{}', ' '), '')
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof($1) = 'array' THEN $1 ELSE '[]'::jsonb END) AS e $$;
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, public.search_text("headline")), 'A') ||
  setweight(to_tsvector('simple'::regconfig, public.search_text("body")), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, public.search_text("statement")), 'A') ||
  setweight(to_tsvector('simple'::regconfig, public.search_text("evidence_exact")), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "recommendations_search_idx" ON "recommendations" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "quotations" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, public.search_text("claim")), 'A') ||
  setweight(to_tsvector('simple'::regconfig, public.search_text("evidence_exact")), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "quotations_search_idx" ON "quotations" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, public.search_text("name")), 'A') ||
  setweight(to_tsvector('simple'::regconfig, public.search_text(public.jsonb_array_text("aliases"))), 'B') ||
  setweight(to_tsvector('simple'::regconfig, public.search_text(coalesce("description", ''))), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX "actors_search_idx" ON "actors" USING gin ("search");
--> statement-breakpoint
-- For ts_headline (snippets and highlights), which parses the original text with a configuration
-- and cannot take the unaccented copy: `simple` with unaccent as a filtering dictionary first, so
-- 'Café' in the text is highlighted for the query lexeme 'cafe'. Matching and ranking use the
-- columns above (unaccent, then the `simple` parser), not this configuration.
CREATE TEXT SEARCH CONFIGURATION public.simple_unaccent (COPY = pg_catalog.simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.simple_unaccent
  ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart WITH public.unaccent, pg_catalog.simple;
