import { describe, expect, it } from 'vitest';
import { CodePoints, resolveAnchor } from '../../src/ingest/anchors.js';
import { findMentions } from '../../src/ingest/mentions.js';
import { sliceCodePoints } from '../helpers/text.js';

const resolve = (body: string, q: { exact: string; prefix?: string; suffix?: string }) =>
  resolveAnchor(new CodePoints(body), q);

describe('resolveAnchor', () => {
  it('finds a unique phrase and reports code-point offsets', () => {
    expect(resolve('Border controls should improve.', { exact: 'should improve' })).toEqual({
      ok: true,
      span: { start: 16, end: 30 },
    });
  });

  it('counts astral characters as one code point each', () => {
    const body = '𝐀𝐁 flags 🇵🇰 then the phrase';
    const found = resolve(body, { exact: 'the phrase' });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.span).toEqual({ start: 17, end: 27 }); // the flag is two code points
    expect(sliceCodePoints(body, found.span.start, found.span.end)).toBe('the phrase');
    expect(body.indexOf('the phrase')).toBe(21); // the UTF-16 index differs
  });

  it('refuses a phrase that is not in the body', () => {
    const found = resolve('Pakistan must act.', { exact: 'India must act' });
    expect(found).toEqual({ ok: false, message: '"India must act" does not occur in the body' });
  });

  it('refuses an ambiguous phrase and says where it occurs', () => {
    const found = resolve('It must act. They must act.', { exact: 'must act' });
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.message).toContain('occurs 2 times');
    expect(found.message).toContain('3, 18');
    expect(found.message).toContain('prefix or suffix');
  });

  it('uses prefix and suffix to single out one occurrence', () => {
    const body = 'It must act. They must act now.';
    expect(resolve(body, { exact: 'must act', prefix: 'They ' })).toEqual({ ok: true, span: { start: 18, end: 26 } });
    expect(resolve(body, { exact: 'must act', suffix: ' now' })).toEqual({ ok: true, span: { start: 18, end: 26 } });
    expect(resolve(body, { exact: 'must act', prefix: 'We ' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('never with the given prefix/suffix'),
    });
  });

  it('finds overlapping occurrences', () => {
    expect(resolve('aaa', { exact: 'aa' })).toMatchObject({ ok: false, message: expect.stringContaining('2 times') });
  });
});

describe('findMentions', () => {
  const mentions = (body: string, terms: Record<string, string[]>) =>
    findMentions(new CodePoints(body), new Map(Object.entries(terms))).map((m) => [m.actorId, m.exact, m.start]);

  it('matches whole words without case, not inside longer words', () => {
    expect(mentions('PAKISTAN’S army; Pakistani soldiers; Pakistan.', { pakistan: ['Pakistan'] })).toEqual([
      ['pakistan', 'PAKISTAN', 0],
      ['pakistan', 'Pakistan', 37],
    ]);
  });

  it('lets the longer of two overlapping names win', () => {
    expect(
      mentions('The Afghan Taliban and the Taliban', { 'afghan-taliban': ['Taliban'], afghanistan: ['Afghan Taliban'] }),
    ).toEqual([
      ['afghanistan', 'Afghan Taliban', 4],
      ['afghan-taliban', 'Taliban', 27],
    ]);
  });

  it('ends a match at a word boundary: a name is not found inside a longer word', () => {
    expect(mentions('Crisis Groupthink is not the Crisis Group.', { icg: ['Crisis Group'] })).toEqual([['icg', 'Crisis Group', 29]]);
    expect(mentions('Afghan Talibans, then the Afghan Taliban’s envoy', { 'afghan-taliban': ['Afghan Taliban'] })).toEqual([
      ['afghan-taliban', 'Afghan Taliban', 26],
    ]);
    expect(mentions('The ICGs and the ICG', { icg: ['ICG'] })).toEqual([['icg', 'ICG', 17]]);
  });

  it('matches an acronym only in its own case', () => {
    const terms = { who: ['World Health Organization', 'WHO'], ttp: ['TTP'], g20: ['G20'], nema: ['NEMA'] };
    expect(
      mentions('Those who asked the WHO, Who? and Ttp, TTP’s men, g20 or the G20 and Nema, NEMA.', terms),
    ).toEqual([
      ['who', 'WHO', 20],
      ['ttp', 'TTP', 39],
      ['g20', 'G20', 61],
      ['nema', 'NEMA', 75],
    ]);
  });

  it('ignores case otherwise, but a capitalised word after the first must be capitalised in the text', () => {
    const terms = {
      'world-bank': ['World Bank'],
      farmers: ['Farmers'],
      quarters: ['Different quarters within Pakistan'],
      icg: ['Crisis Group'],
    };
    expect(
      mentions(
        'A world bank is not the World Bank or the WORLD BANK; farmers and FARMERS; different quarters within Pakistan; ' +
          'a crisis group is not a Crisis Group.',
        terms,
      ),
    ).toEqual([
      ['world-bank', 'World Bank', 24],
      ['world-bank', 'WORLD BANK', 42],
      ['farmers', 'farmers', 54],
      ['farmers', 'FARMERS', 66],
      ['quarters', 'different quarters within Pakistan', 75],
      ['icg', 'Crisis Group', 135],
    ]);
  });

  it('escapes regex characters in names and counts code points', () => {
    expect(mentions('🙂 C++ (and) C++', { cpp: ['C++'] })).toEqual([
      ['cpp', 'C++', 2],
      ['cpp', 'C++', 12],
    ]);
  });
});
