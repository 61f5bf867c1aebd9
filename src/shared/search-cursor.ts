// The search's keyset, the same on every engine: hits rank by score (higher first), then type,
// then seq (the row's sequence in its table); a cursor holds those three of the last hit served.
import { SearchTypes, type SearchHit, type SearchType } from '../schemas/search.js';
import { HttpProblem } from './errors.js';
import { decodeCursor, encodeCursor } from './pagination.js';

/** A hit's place in the ranking: its type and score as the API serves them, and its seq. */
export type SearchKey = Pick<SearchHit, 'type' | 'score'> & { seq: number };

export const byRank = (a: SearchKey, b: SearchKey) =>
  b.score - a.score || (a.type < b.type ? -1 : a.type > b.type ? 1 : a.seq - b.seq);

export const encodeSearchCursor = ({ score, type, seq }: SearchKey) => encodeCursor('search', [score, type, seq]);

/** The key a search cursor holds; a forged one (another type, a fractional seq) is a 400. */
export function decodeSearchCursor(cursor: string): SearchKey {
  const [score, type, seq] = decodeCursor(cursor, 'search', ['number', 'string', 'number']);
  if ((SearchTypes as readonly unknown[]).includes(type) && Number.isInteger(seq)) {
    return { score: score as number, type: type as SearchType, seq: seq as number };
  }
  throw new HttpProblem(400, 'The cursor is not one this search issued; start again without a cursor.', [
    { path: '/cursor', message: 'invalid cursor' },
  ]);
}
