// Search queries with the clauses src/shared/search-query.ts parses them into and the
// tsquery compileTsQuery makes of them: shared by search-query.test.ts (checked against
// compileQuery, no server) and search.test.ts (evaluated on PostgreSQL).
import type { TsClause } from '../../src/store/postgres/search-query.js';

export const t = (words: string, prefix = false) => ({ words: words.split(' '), prefix });

/** Queries, with the clauses src/shared/search-query.ts parses them into. */
export const CASES: Array<{ q: string; clauses: TsClause[]; tsquery: string }> = [
  { q: 'café', clauses: [{ include: [t('café')], exclude: [] }], tsquery: "'cafe'" },
  { q: 'Café noir', clauses: [{ include: [t('Café'), t('noir')], exclude: [] }], tsquery: "'cafe' & 'noir'" },
  { q: '"café noir"', clauses: [{ include: [t('café noir')], exclude: [] }], tsquery: "'cafe' <-> 'noir'" },
  { q: 'caf*', clauses: [{ include: [t('caf', true)], exclude: [] }], tsquery: "'caf':*" },
  { q: '"café noi"*', clauses: [{ include: [t('café noi', true)], exclude: [] }], tsquery: "'cafe' <-> 'noi':*" },
  {
    q: 'café OR thé -vert',
    clauses: [
      { include: [t('café')], exclude: [] },
      { include: [t('thé')], exclude: [t('vert')] },
    ],
    tsquery: "'cafe' | 'the' & !'vert'",
  },
  {
    q: 'crème -brûlée -"au lait"',
    clauses: [{ include: [t('crème')], exclude: [t('brûlée'), t('au lait')] }],
    tsquery: "'creme' & !( 'brulee' | 'au' <-> 'lait' )",
  },
  // Characters unaccent turns into tsquery punctuation stay separators: no syntax error, no injection.
  { q: 'ʼn⑴', clauses: [{ include: [t('ʼn⑴')], exclude: [] }], tsquery: "'n' <-> '1'" },
  { q: "O'Brien*", clauses: [{ include: [t('O Brien', true)], exclude: [] }], tsquery: "'o' <-> 'brien':*" },
];
