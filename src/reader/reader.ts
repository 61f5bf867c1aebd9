// The assisted reader: from an editorial's raw text to candidate actors, recommendations and
// quotations, each anchored to its exact words and carrying a confidence and the rule that found
// it. Pure and synchronous; a deadline bounds the time it may take.
import { findActors, type ActorIndex, type ActorRecord } from './actors.js';
import { Discourse } from './discourse.js';
import { ReaderInputTooLarge, checkDeadline } from './errors.js';
import { Anchorer } from './evidence.js';
import { gazetteer, slug } from './gazetteer.js';
import { parse } from './nlp.js';
import { findQuotations } from './quotations.js';
import type { ActorCandidate, RecommendationCandidate } from './reader.schemas.js';
import { findRecommendations } from './recommendations.js';
import type { ActorRole, ReaderInput, ReaderOptions, Reading } from './types.js';

/** The longest body the reader takes, in code points: what an ingest document may hold. */
export const MAX_BODY_CODE_POINTS = 500_000;

/** "the Government", "the State", "Federal Government": the home state under another name. */
const HOME_NAMES = /^(?:(?:the )?(?:(?:federal|national|central|union) )?government|(?:the )?state)$/i;

export function readEditorial(input: ReaderInput, options: ReaderOptions = {}): Reading {
  const { body } = input;
  const { deadline } = options;
  // Counting code points of a huge string is itself work; the UTF-16 length bounds it from above.
  if (body.length > MAX_BODY_CODE_POINTS) {
    const points = codePointCount(body);
    if (points > MAX_BODY_CODE_POINTS) throw new ReaderInputTooLarge(points, MAX_BODY_CODE_POINTS);
  }
  checkDeadline(deadline);
  const warnings: string[] = [];
  if (input.language && !/^en\b/i.test(input.language)) warnings.push(`the reader's rules are for English; language '${input.language}' will be read poorly`);
  const sentences = parse(body, deadline);
  checkDeadline(deadline);
  const actors = findActors(body, sentences, deadline);
  checkDeadline(deadline);

  const home = homeActor(actors, input.home, warnings);
  const implicit = home ?? fallbackImplicit(actors, warnings);
  const discourse = new Discourse(body, sentences, actors, home ?? implicit);
  const anchor = new Anchorer(body);

  const quotations = findQuotations({ body, sentences, discourse, anchor, deadline });
  checkDeadline(deadline);
  const drafts = findRecommendations({ body, sentences, discourse, anchor, implicit, deadline });
  checkDeadline(deadline);

  // Priorities: what the text stresses ("Most importantly") first, then by strength, then in order.
  const order = { must: 0, should: 1, could: 2 } as const;
  const ranked = [...drafts].sort(
    (a, b) => Number(b.emphasised) - Number(a.emphasised) || order[a.strength] - order[b.strength] || a.evidence.start - b.evidence.start,
  );
  const recommendations: RecommendationCandidate[] = drafts.map(({ emphasised: _emphasised, ...r }, i) => ({
    ...r,
    priority: ranked.indexOf(drafts[i]!) + 1,
  }));

  return { actors: actorCandidates(actors, anchor, recommendations, quotations, implicit), recommendations, quotations, warnings };
}

/** Code points: UTF-16 units less the second half of each surrogate pair. */
function codePointCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) pairs++;
  }
  return text.length - pairs;
}

/** The paper's home state: an actor the text names, or a state from the gazetteer the text never names. */
function homeActor(actors: ActorIndex, home: string | undefined, warnings: string[]): ActorRecord | undefined {
  if (!home) return undefined;
  const key = home.toLowerCase();
  const matches = (a: { id: string; name: string; aliases: string[] }) =>
    a.id === key || slug(home) === a.id || [a.name, ...a.aliases].some((n) => n.toLowerCase() === key);
  // A home the gazetteer does not hold (a devolved nation, a province) may be named by the text as
  // its government: "the Scottish Government" for scotland, "the Ontario government" for ontario.
  const stem = key.replace(/[^a-z]/g, '').slice(0, 4);
  const governmentOf = (a: { name: string }) => {
    const m = /^(?:([\p{L}]+) government|government of ([\p{L}]+))$/iu.exec(a.name);
    const word = (m?.[1] ?? m?.[2])?.toLowerCase();
    return !!word && stem.length === 4 && word.startsWith(stem);
  };
  const entry0 = gazetteer().find((e) => e.type === 'state' && (matches(e) || e.code?.toLowerCase() === key));
  const named = (a: { id: string; name: string }) => a.id === key || slug(home) === a.id || a.name.toLowerCase() === key;
  const found = actors.actors.find(named) ?? (entry0 ? undefined : actors.actors.find(governmentOf)) ?? actors.actors.find(matches);
  const entry = found ? undefined : entry0;
  const actor =
    found ??
    actors.add({
      id: entry?.id ?? slug(home),
      name: entry?.name ?? home,
      type: 'state',
      aliases: [],
      confidence: 0.9,
      rule: entry ? 'home-gazetteer' : 'home-given',
      plural: false,
      mentions: [],
      implied: true,
    });
  if (!found && !entry) warnings.push(`home '${home}' is not a state the reader knows; used as given`);
  // Generic names for the government fold into the home state.
  for (const other of [...actors.actors]) if (other !== actor && HOME_NAMES.test(other.name)) actors.fold(other, actor);
  return actor;
}

/** Without a home state, implicit advice goes to the state the text names most. */
function fallbackImplicit(actors: ActorIndex, warnings: string[]): ActorRecord {
  const states = actors.actors.filter((a) => a.type === 'state').sort((a, b) => b.mentions.length - a.mentions.length);
  const best = states[0];
  if (best) {
    warnings.push(`no home state given; implicit advice addressed to ${best.name}, the state the text names most`);
    return best;
  }
  warnings.push('no home state given and no state named; implicit advice addressed to an unnamed government');
  return actors.add({ id: 'government', name: 'Government', type: 'institution', aliases: [], confidence: 0.5, rule: 'implicit-government', plural: false, mentions: [], implied: true });
}

function actorCandidates(
  actors: ActorIndex,
  anchor: Anchorer,
  recommendations: RecommendationCandidate[],
  quotations: Reading['quotations'],
  implicit: ActorRecord,
): ActorCandidate[] {
  const roles = new Map<string, Set<ActorRole>>();
  const role = (id: string, r: ActorRole) => roles.set(id, (roles.get(id) ?? new Set()).add(r));
  for (const r of recommendations) {
    role(r.addressee, 'addressee');
    for (const p of r.partners) role(p, 'partner');
  }
  for (const q of quotations) if (q.source.actor) role(q.source.actor, 'source');
  const out: ActorCandidate[] = [];
  for (const a of actors.actors) {
    if (a.confidence <= 0) continue;
    if (!a.mentions.length && !a.implied && !roles.has(a.id) && a !== implicit) continue;
    const own = roles.get(a.id) ?? new Set<ActorRole>();
    if (a.type === 'armed-group') own.add('perpetrator');
    if (a.mentions.length >= 3 || a === implicit) own.add('subject');
    if (!own.size) own.add('mentioned');
    // An actor that something refers to is at least as sure as that reference.
    const used = own.has('addressee') || own.has('source') || own.has('partner');
    const first = a.mentions[0];
    out.push({
      id: a.id,
      name: a.name,
      type: a.type,
      aliases: a.aliases.filter((x) => x.toLowerCase() !== a.name.toLowerCase()),
      roles: [...own],
      portrayal: a.type === 'armed-group' ? 'critical' : 'neutral',
      confidence: Math.max(a.confidence, used ? 0.6 : 0),
      rule: a.rule,
      ...(first ? { evidence: anchor.evidence(first.start, first.end) } : {}),
    });
  }
  return out.sort((x, y) => (x.evidence?.start ?? -1) - (y.evidence?.start ?? -1));
}
