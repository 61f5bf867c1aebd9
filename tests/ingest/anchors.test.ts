import { describe, expect, it } from 'vitest';
import { CodePoints, resolveAnchor, sliceCodePoints } from '../../src/ingest/anchors.js';
import { findMentions } from '../../src/ingest/mentions.js';

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

  it('escapes regex characters in names and counts code points', () => {
    expect(mentions('🙂 C++ (and) C++', { cpp: ['C++'] })).toEqual([
      ['cpp', 'C++', 2],
      ['cpp', 'C++', 12],
    ]);
  });
});
