// The one place that talks to wink-nlp: sentences, tokens, parts of speech and lemmas, each
// carrying its UTF-16 offsets in the body (wink counts tokens, not characters, so offsets are
// recovered by walking the body). The body is read paragraph by paragraph so that a deadline can
// stop a long text between paragraphs (wink itself cannot be interrupted).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { checkDeadline } from './errors.js';

const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

export interface Token {
  text: string;
  /** Lower-cased text. */
  lower: string;
  pos: string;
  lemma: string;
  /** UTF-16 offsets in the body. */
  start: number;
  end: number;
}

export interface Sentence {
  /** UTF-16 offsets in the body, trimmed of surrounding spaces. */
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** Paragraph number (blank-line or line-break separated), from 0. */
  paragraph: number;
  index: number;
}

/** Paragraphs longer than this are read in pieces cut at line ends or sentence ends. */
const MAX_PIECE = 20_000;

/** Splits the body into sentences with tokens, checking the deadline between paragraphs. */
export function parse(body: string, deadline?: number): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const piece of pieces(body)) {
    checkDeadline(deadline);
    if (piece.text.trim()) readPiece(body, piece, paragraph++, sentences);
  }
  return sentences;
}

interface Piece {
  text: string;
  start: number;
}

/** Paragraphs (split at line breaks), with overlong ones cut at the last full stop before the limit. */
function* pieces(body: string): Generator<Piece> {
  const re = /[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let start = m.index;
    let text = m[0];
    while (text.length > MAX_PIECE) {
      const cut = text.lastIndexOf('. ', MAX_PIECE);
      const at = cut > MAX_PIECE / 2 ? cut + 2 : MAX_PIECE;
      yield { text: text.slice(0, at), start };
      text = text.slice(at);
      start += at;
    }
    yield { text, start };
  }
}

// wink's its.* helpers are plain functions passed by reference, and out() is typed looser than what
// it returns for them: the method and assertion rules do not fit this API.
/* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
function readPiece(body: string, piece: Piece, paragraph: number, out: Sentence[]) {
  const doc = nlp.readDoc(piece.text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // wink's typings reject its.lemma in out(), which it accepts at run time.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  // wink hands back each token as it stands in the text; find it from where the last one ended.
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const at = piece.text.indexOf(value, cursor);
    const found = at !== -1 && at - cursor <= 10;
    const start = found ? at : cursor;
    const end = found ? at + value.length : cursor;
    cursor = end;
    tokens.push({
      text: value,
      lower: value.toLowerCase(),
      pos: pos[i] ?? 'X',
      lemma: (lemmas[i] ?? value).toLowerCase(),
      start: piece.start + start,
      end: piece.start + end,
    });
  });
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const [first, last] = s.out(its.span) as [number, number];
    const own = tokens.slice(first, last + 1).filter((t) => t.end > t.start);
    if (!own.length) return;
    const start = own[0]!.start;
    const end = own[own.length - 1]!.end;
    out.push({ start, end, text: body.slice(start, end), tokens: own, paragraph, index: out.length });
  });
}
/* eslint-enable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
