-- Full-text search (FTS5), generated as a drizzle-kit custom migration: drizzle's schema DSL has
-- no virtual tables. External-content indexes over the tables' own text, keyed by their integer
-- `seq`; the ingest module (src/ingest/search-index.ts) keeps them in step with every write.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(headline, body, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `recommendations_fts` USING fts5(statement, evidence_exact, content='recommendations', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `quotations_fts` USING fts5(claim, evidence_exact, content='quotations', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `actors_fts` USING fts5(name, aliases, description, content='actors', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
