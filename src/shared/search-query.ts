// The public search syntax, compiled to a safe FTS5 query. Users write words, "phrases",
// prefix*, OR and -exclusion; every other character only separates words, so no input can reach
// FTS5's own operators (NEAR, column filters, ^, parentheses) or break its parser.
import { HttpProblem } from './errors.js';

export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

export interface CompiledQuery {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The same query as OR-ed clauses of included and excluded terms: what other engines compile. */
  clauses: Clause[];
}

const MAX_TERMS = 32;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

const bad = (message: string) =>
  new HttpProblem(400, `Invalid query parameter 'q': ${message}.`, [{ path: '/q', message }]);

export interface Clause {
  include: SearchTerm[];
  exclude: SearchTerm[];
}

const ftsTerm = (t: SearchTerm) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;

export function compileQuery(input: string): CompiledQuery {
  const clauses: Clause[] = [{ include: [], exclude: [] }];
  let pendingOr = false;
  let count = 0;
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let negate = false;
    if (ch === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negate = true;
      i++;
    }
    let raw: string;
    let prefix = false;
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      if (close === -1) throw bad('a quote is not closed');
      raw = input.slice(i + 1, close);
      i = close + 1;
      if (input[i] === '*') {
        prefix = true;
        i++;
      }
    } else {
      const start = i;
      while (i < input.length && !/\s/.test(input[i]!) && input[i] !== '"') i++;
      raw = input.slice(start, i);
      if (!negate && raw === 'OR') {
        if (pendingOr || clauses.at(-1)!.include.length === 0) throw bad('OR needs a term on each side');
        pendingOr = true;
        continue;
      }
      prefix = raw.endsWith('*');
    }
    const words = raw.match(WORD) ?? [];
    if (words.length === 0) continue; // punctuation only: nothing to search for
    if (++count > MAX_TERMS) throw bad(`at most ${MAX_TERMS} terms`);
    if (pendingOr) {
      clauses.push({ include: [], exclude: [] });
      pendingOr = false;
    }
    const clause = clauses.at(-1)!;
    (negate ? clause.exclude : clause.include).push({ words, prefix });
  }
  if (pendingOr) throw bad('OR needs a term on each side');
  if (count === 0) throw bad('it has no words to search for');
  for (const clause of clauses) {
    if (clause.include.length === 0) throw bad('an excluded term (-word) needs a term to exclude it from');
  }
  const match = clauses
    .map(({ include, exclude }) => {
      const all = include.map(ftsTerm).join(' AND ');
      return exclude.length ? `((${all}) NOT (${exclude.map(ftsTerm).join(' OR ')}))` : `(${all})`;
    })
    .join(' OR ');
  return { match, clauses };
}
