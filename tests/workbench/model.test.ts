// The workbench's browser modules that need no DOM: anchors made from a selection are read by the
// server's own anchor resolver exactly where they were taken, the review state built from a real
// analysis publishes what was decided, and provenance goes out only when the API takes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePoints, resolveAnchor } from '../../src/ingest/anchors.js';
import { Offsets, anchorOf } from '../../src/workbench/anchors.js';
import { addFromSelection, fromAnalysis, included, mergeActors, ownerOf, toDocument } from '../../src/workbench/model.js';
import { apiTakesProvenance, provenanceOf } from '../../src/workbench/provenance.js';
import type { Analysis } from '../../src/reader/reader.schemas.js';

describe('anchorOf', () => {
  it('gives the server an anchor it resolves to the very span selected, repeated words and astral characters included', () => {
    const word = fc.constantFrom('the', 'lake', 'a', 'fish', '𝕏', 'é', ' ', ', ', '\n');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), (words, i, j) => {
        const body = words.join('');
        const points = [...body];
        const a = i % points.length;
        const b = a + 1 + (j % (points.length - a));
        const start = points.slice(0, a).join('').length;
        const end = points.slice(0, b).join('').length;
        const anchor = anchorOf(body, start, end);
        const resolved = resolveAnchor(new CodePoints(body), anchor);
        expect(resolved).toEqual({ ok: true, span: { start: a, end: b } });
        expect(anchor.prefix === undefined || anchor.prefix.length > 0).toBe(true);
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('adds nothing when the words occur once, and the shortest context when they repeat', () => {
    const body = 'a third fell; a third rots';
    expect(anchorOf(body, 0, 12)).toEqual({ exact: 'a third fell' });
    // Nothing precedes the first: the words after it single it out.
    expect(anchorOf(body, 0, 7)).toEqual({ exact: 'a third', suffix: ' f' });
    const second = body.lastIndexOf('a third');
    expect(anchorOf(body, second, second + 7)).toEqual({ exact: 'a third', prefix: ' ' });
  });

  it('converts between UTF-16 indexes and code points', () => {
    const o = new Offsets('a𝕏b');
    expect([0, 1, 3, 4].map((i) => o.codePoint(i))).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((c) => o.utf16(c))).toEqual([0, 1, 3, 4]);
  });
});

const analysis = (): Analysis => ({
  draft: {
    headline: 'Nets',
    kind: 'editorial',
    publication: { id: 'p', name: 'P' },
    author: null,
    datePublished: '2026-03-14',
    language: 'en',
    url: null,
    topics: [],
    body: 'Kenya must ban the nets. Uganda could help Kenya.',
    actors: [{ id: 'kenya', name: 'Kenya', type: 'state', roles: ['addressee'], portrayal: 'neutral' }],
    recommendations: [{ addressee: 'kenya', statement: 'Ban the nets.', strength: 'must', priority: 1, domain: 'fisheries', evidence: { exact: 'Kenya must ban the nets' } }],
    quotations: [],
  },
  candidates: {
    actors: [
      { id: 'kenya-1', name: 'Kenya', type: 'state', aliases: [], roles: ['addressee'], portrayal: 'neutral', confidence: 0.95, rule: 'gazetteer', evidence: { exact: 'Kenya', start: 0, end: 5 } },
      { id: 'uganda', name: 'Uganda', type: 'state', aliases: [], roles: ['addressee'], portrayal: 'neutral', confidence: 0.4, rule: 'gazetteer', evidence: { exact: 'Uganda', start: 25, end: 31 } },
    ],
    recommendations: [
      { evidence: { exact: 'Kenya must ban the nets', start: 0, end: 23 }, addressee: 'kenya-1', strength: 'must', priority: 1, statement: 'Ban the nets.', domain: 'fisheries', instruments: [], partners: [], against: [], confidence: 0.8, rule: 'modal-must' },
      { evidence: { exact: 'Uganda could help Kenya', start: 25, end: 48 }, addressee: 'uganda', alternatives: [{ addressee: 'kenya-1', confidence: 0.3, rule: 'implicit-home' }], strength: 'could', priority: 2, statement: 'Help Kenya.', domain: 'general', instruments: [], partners: ['kenya-1'], against: [], confidence: 0.45, rule: 'modal-could' },
    ],
    quotations: [],
  },
  warnings: [],
});

describe('the review state', () => {
  it('holds the draft as proposed, the unsure extras left out, reader ids mapped to the draft', () => {
    const state = fromAnalysis(analysis());
    const [kenya, uganda, ban, help] = state.items;
    expect(kenya).toMatchObject({ kind: 'actor', inDraft: true, confidence: 0.95, rule: 'gazetteer', spans: [{ start: 0, end: 5 }] });
    expect(uganda).toMatchObject({ kind: 'actor', inDraft: false, confidence: 0.4 });
    expect(ban).toMatchObject({ inDraft: true, confidence: 0.8 });
    expect(help).toMatchObject({ inDraft: false, alternatives: [{ addressee: 'kenya' }] });
    expect(help!.recommendation).toMatchObject({ partners: ['kenya'], priority: 2 });
    expect(state.items.filter(included)).toEqual([kenya, ban]);
  });

  it('publishes what was decided, names the item of each pointer, and sends provenance only when the API takes it', () => {
    const state = fromAnalysis(analysis());
    const [kenya, uganda, ban, help] = state.items;
    help!.status = 'accepted';
    uganda!.status = 'accepted';
    ban!.status = 'rejected';
    const body = state.meta.body;
    const added = addFromSelection(state, 'recommendation', body.lastIndexOf('Kenya'), body.lastIndexOf('Kenya') + 5);
    expect(added.recommendation!.evidence).toEqual({ exact: 'Kenya', prefix: ' ' });

    const plain = toDocument(state, false);
    expect(plain.doc.recommendations.map((r) => r.evidence.exact)).toEqual(['Uganda could help Kenya', 'Kenya']);
    expect(plain.doc.recommendations.every((r) => !('provenance' in r))).toBe(true);
    expect(ownerOf(plain.owner, '/recommendations/1/addressee')).toBe(added.uid);
    expect(ownerOf(plain.owner, '/actors/1/name')).toBe(uganda!.uid);
    expect(ownerOf(plain.owner, '/headline')).toBeUndefined();

    const withProvenance = toDocument(state, true).doc as unknown as { recommendations: Array<{ provenance: unknown }>; actors: Array<{ provenance: unknown }> };
    expect(withProvenance.recommendations.map((r) => r.provenance)).toEqual([
      { method: 'assisted', rule: 'modal-could', confidence: 0.45, reviewed: true },
      { method: 'analyst', reviewed: true },
    ]);
    expect(withProvenance.actors[0]!.provenance).toEqual({ method: 'assisted', rule: 'gazetteer', confidence: 0.95, reviewed: false });
    expect(provenanceOf(kenya!)).toEqual({ method: 'assisted', rule: 'gazetteer', confidence: 0.95, reviewed: false });
  });

  it('merges an actor into another: references move, names become aliases', () => {
    const state = fromAnalysis(analysis());
    const [kenya, uganda, , help] = state.items;
    mergeActors(state, uganda!, kenya!);
    expect(state.items).not.toContain(uganda);
    expect(kenya!.actor!.aliases).toEqual(['Uganda']);
    expect(help!.recommendation).toMatchObject({ addressee: 'kenya', partners: [] });
  });

  it('reads from the OpenAPI document whether the API takes provenance', () => {
    const spec = (withIt: boolean) => ({
      components: { schemas: Object.fromEntries(['RecommendationInput', 'QuotationInput', 'ActorInput'].map((n) => [n, { properties: withIt ? { provenance: {} } : {} }])) },
    });
    expect(apiTakesProvenance(spec(true))).toBe(true);
    expect(apiTakesProvenance(spec(false))).toBe(false);
  });
});
