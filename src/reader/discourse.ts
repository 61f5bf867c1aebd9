// Who a noun phrase stands for. Editorials name an actor once and then say "it", "they", "the
// commission", "the government" or "lawmakers"; advice and quotations have to be traced back to
// an actor through those. This module keeps, sentence by sentence, which actor each sentence is
// about (its subject), and resolves a phrase to an actor by name, pronoun, anaphor or head noun.
import { ActorIndex, type ActorRecord, type Mention } from './actors.js';
import { AGENTIVE, NOT_AGENTIVE, STATE_NOUNS, slug } from './gazetteer.js';
import type { Sentence } from './nlp.js';

export type Resolution =
  | { kind: 'actor' | 'pronoun' | 'anaphor' | 'state-noun' | 'we' | 'collective' | 'everybody'; actor: ActorRecord; rule: string }
  | { kind: 'nominal' | 'unknown'; actor?: undefined; rule: string; mentioned?: ActorRecord };

/** Words that open a clause without being its subject ("Most importantly, ...", "First, ..."). */
const CONNECTORS =
  /^(?:and|but|or|so|yet|nor|then|also|first|second|third|fourth|finally|lastly|meanwhile|instead|however|therefore|thus|still|now|above all|most importantly|more importantly|crucially|equally|likewise|similarly|in short|in addition|in turn|for now|of course|at the same time|in the meantime|to (?:this|that) end|this time|for (?:its|their|his|her|our) part|in the (?:long|short) (?:run|term)|until then|ultimately|here|again|too|for one|indeed|as such|perhaps|maybe|surely|at the very least|at least)\b[,\s]*/i;

/** Pieces of a subject that are asides: relative clauses, participles, adverbs between commas. */
const ASIDE = /^(?:which|who|whose|whom|where|having|despite|given|like|unlike|as|with|not|rather than|instead of|including|such as|notably|especially|particularly|not least|among them|for (?:its|their|his|her) part|too|also|therefore|meanwhile|however|then|of course|in turn|for one|in particular|for example|for instance|at least|in short|now|still|already|once again|again|though|moreover)\b/i;

const DETERMINERS = /^(?:the|a|an|this|that|these|those|its|their|our|his|her|every|each|all|some|any|both|many|several|most|one|few|a few|other|certain|various)\s+/i;

/** People nouns that a "let X ..." leaves as beneficiaries, not actors ("let the herders drink"). */
const BENEFICIARIES = /^(?:herders|farmers|people|children|citizens|villagers|families|the poor|residents|voters|women|girls|patients|workers|students|refugees|migrants|communities|households|pastoralists|islanders|passengers|commuters|pupils|parents|consumers|tenants|taxpayers|victims|survivors|pensioners|customers|travellers|the public)$/i;

const PERSON_PRONOUNS = /^(?:he|she|him|her)$/i;
const PLURAL_PRONOUNS = /^(?:they|them)$/i;
const SINGULAR_PRONOUNS = /^(?:it|this|that)$/i;
const WE = /^(?:we|us|all of us|each of us|this newspaper|this paper)$/i;
const EVERYBODY = /^(?:everybody|everyone|every one of us|all)\b/i;

/** Nouns an anaphor can name ("the commission", "the board", "the regulator"). */
const ANAPHOR_HEAD = /^(?:the|its|this) ([a-z-]+(?: [a-z-]+)?)$/i;

/** How far back (UTF-16 units) a pronoun or anaphor looks for its actor: a few paragraphs. */
const LOOKBACK = 4000;

interface SubjectRecord {
  position: number;
  actor: ActorRecord;
}

export class Discourse {
  /** Subjects of sentences and clauses seen so far, in text order. */
  private readonly subjects: SubjectRecord[] = [];

  constructor(
    readonly body: string,
    readonly sentences: Sentence[],
    readonly actors: ActorIndex,
    readonly home: ActorRecord | undefined,
  ) {}

  /** Records that the clause at `position` is about `actor` (for later pronouns). */
  noteSubject(position: number, actor: ActorRecord) {
    this.subjects.push({ position, actor });
  }

  /** The subject actor of the last clause before `position` that matches `accept`. */
  lastSubject(position: number, accept: (a: ActorRecord) => boolean = () => true): ActorRecord | undefined {
    for (let i = this.subjects.length - 1; i >= 0 && this.subjects[i]!.position > position - LOOKBACK; i--) {
      const s = this.subjects[i]!;
      if (s.position < position && accept(s.actor) && s.actor !== undefined) return s.actor;
    }
    return undefined;
  }

  /** The last mention before `position` of an actor that `accept` takes. */
  lastMention(position: number, accept: (a: ActorRecord) => boolean): ActorRecord | undefined {
    const ms = this.actors.mentions;
    for (let i = this.actors.firstAtOrAfter(position) - 1; i >= 0 && ms[i]!.start > position - LOOKBACK; i--) {
      if (accept(ms[i]!.actor)) return ms[i]!.actor;
    }
    return undefined;
  }

  /**
   * Resolves a noun phrase (a clause's subject, a quotation's speaker) to an actor.
   * `np` is body[start, end) with asides already cut away by `subjectPhrase`.
   */
  resolve(np: Mention, options: { create?: boolean } = {}): Resolution {
    const text = np.text.trim();
    const bare = text.replace(DETERMINERS, '').replace(/[’']s$/, '');
    const lower = text.toLowerCase();
    if (!text) return { kind: 'unknown', rule: 'no-subject' };

    // "Both governments", "the two sides": more than one actor, none named; the home state acts.
    if (/^(?:both|the two|all three|the three)\s+(?:\w+\s+)?(?:governments|sides|countries|states|capitals|nations|leaders|neighbours|neighbors)$/i.test(text) && this.home) return { kind: 'state-noun', actor: this.home, rule: 'both-sides-home' };
    // A named actor at the head of the phrase ("The Pakistani state", "Kenya's government").
    const inside = this.actors.within(np.start, np.end);
    const headStart = np.start + (text.length - text.replace(DETERMINERS, '').length);
    const head = inside.filter((m) => m.start <= headStart + 1 && m.start >= np.start).sort((a, b) => b.end - a.end)[0];
    if (head) {
      const after = this.body.slice(head.end, np.end).replace(/^[’']s\b/, '').trim().toLowerCase();
      // "Kenya's government" is Kenya; "Expectations from Kabul" is not about Kabul's acting.
      if (!after || STATE_NOUNS.includes(after) || /^(?:\w+ly|too|also|itself|themselves|alone|already|still|now|again|once|even|then|soon|long|first|finally|concerned|involved|responsible|in question|such as\b.*|,.*)$/.test(after)) {
        return { kind: 'actor', actor: head.actor, rule: 'named-subject' };
      }
      // "Cocobod's chief executive", "the agency's director": the one who holds that office.
      if (options.create && /[’']s\b/.test(text) && /^(?:chief executive|chief executive officer|ceo|chair|chairman|chairwoman|chairperson|president|director|director general|director-general|managing director|head|boss|secretary|permanent secretary|minister|governor|commissioner|spokesperson|spokesman|spokeswoman|leader|leadership|general manager|chief)$/.test(after)) {
        const actor = this.create(after, 'person', { start: np.end - after.length, end: np.end, text: after }, 'office-of-named');
        return { kind: 'actor', actor, rule: 'office-of-named' };
      }
      // "Lebanon's parliament": the body the text names by that noun.
      const body = this.actors.actors.find((a) => a.confidence > 0 && a.type === 'institution' && a.name.toLowerCase() === after);
      if (body && head.actor.type === 'state') return { kind: 'actor', actor: body, rule: 'state-body-named' };
      // "Karachi's citizens": the people of a place, a group of their own.
      const possessed = /^(\S+ )?(\S+)$/.exec(after);
      if (options.create && possessed && AGENTIVE.test(possessed[2]!) && !NOT_AGENTIVE.test(possessed[2]!) && /[’']s\b/.test(text)) {
        const actor = this.create(text.replace(DETERMINERS, ''), 'group', np, 'collective-of-place');
        addAlias(actor, after);
        return { kind: 'collective', actor, rule: 'collective-of-place' };
      }
      if (/^\S+(?: \S+)?$/.test(after) && !/^(?:of|from|with|in|on|for|to)\b/.test(after) && head.actor.type === 'state') {
        // "the Kenyan health ministry": a body of the state, named by the text but not the state itself.
        return { kind: 'nominal', rule: 'state-body', mentioned: head.actor };
      }
    }
    if (WE.test(lower)) return this.home ? { kind: 'we', actor: this.home, rule: 'we-home' } : { kind: 'unknown', rule: 'we-no-home' };
    if (PERSON_PRONOUNS.test(lower)) {
      const a = this.lastMention(np.start, (x) => x.type === 'person');
      return a ? { kind: 'pronoun', actor: a, rule: 'pronoun-person' } : { kind: 'unknown', rule: 'pronoun-unresolved' };
    }
    if (PLURAL_PRONOUNS.test(lower)) {
      const a = this.lastSubject(np.start, (x) => x.plural) ?? this.lastMention(np.start, (x) => x.plural);
      return a ? { kind: 'pronoun', actor: a, rule: 'pronoun-plural' } : { kind: 'unknown', rule: 'pronoun-unresolved' };
    }
    if (SINGULAR_PRONOUNS.test(lower)) {
      const a = this.lastSubject(np.start, (x) => !x.plural || x.type === 'state' || x.type === 'institution');
      return a ? { kind: 'pronoun', actor: a, rule: 'pronoun-singular' } : { kind: 'unknown', rule: 'pronoun-unresolved' };
    }
    if (EVERYBODY.test(lower)) {
      // "Citizens, too, have a part to play: everybody who can should ..." — the collective just named.
      const a = this.lastMention(np.start, (x) => x.type === 'group' && np.start - this.lastMentionAt(x, np.start) < 200);
      if (a) return { kind: 'everybody', actor: a, rule: 'everybody-collective' };
      return this.home ? { kind: 'everybody', actor: this.home, rule: 'everybody-home' } : { kind: 'unknown', rule: 'everybody' };
    }
    const headNoun = bare.split(/\s+(?:such as|who|which|that|of|from|in|on|at|with|for|to|whose|across|inside|within)\s+/i)[0]!.trim();
    if (this.home && (STATE_NOUNS.includes(headNoun.toLowerCase()) || /^(?:(?:federal|national|central|union|next|new|current|incoming|future|present|outgoing) )?government$/i.test(headNoun) || /^state$/i.test(headNoun))) {
      return { kind: 'state-noun', actor: this.home, rule: 'state-noun-home' };
    }
    // "the commission", "the board": the last actor whose name ends in that noun.
    const anaphor = ANAPHOR_HEAD.exec(text);
    if (anaphor) {
      const noun = anaphor[1]!.toLowerCase();
      const last = noun.split(' ').pop()!;
      // "the regulator" or "the watchdog" is the body whose name says it regulates.
      const regulator = /^(?:regulator|watchdog)$/.test(last);
      // "the force" is the police body last named ("the Metropolitan Police", "Wessex Constabulary").
      const force = last === 'force';
      const a = this.lastMention(np.start, (x) =>
        [x.name, ...x.aliases].some((n) => {
          const ln = n.toLowerCase();
          if (regulator && /regulat|watchdog|ombudsman/.test(ln)) return true;
          if (force && /\b(?:police|constabulary)\b/.test(ln)) return true;
          // "the ministry" for "Ministry of Agriculture", "the commission" for "Electoral Commission".
          return ln.endsWith(` ${noun}`) || ln === noun || ln.endsWith(` ${last}`) || ln === last || ln.startsWith(`${last} of `);
        }),
      );
      if (a) {
        addAlias(a, text.replace(/^(?:its|this) /i, 'the '));
        return { kind: 'anaphor', actor: a, rule: 'anaphor' };
      }
      if (options.create && /^(?:regulator|watchdog|treasury|police|army|military|judiciary|parliament|senate|cabinet|ministry|department|council|commission|board|authority|court|courts|agency|government|legislature|municipality|utility|company|party|service|office|bureau|inspectorate|directorate|administration|regulator)$/.test(last)) {
        return { kind: 'actor', actor: this.create(noun, 'institution', np, 'generic-institution'), rule: 'generic-institution' };
      }
    }
    // "Lawmakers", "Development partners", "Every parent": a collective that can act.
    const words = headNoun.split(/\s+/);
    const headWord = words[words.length - 1]!.toLowerCase();
    if (options.create && words.length <= 4 && words.every((w) => /^[\p{L}-]+$/u.test(w))) {
      const plural = AGENTIVE.test(headWord) && !NOT_AGENTIVE.test(headWord) ? headNoun : /^(?:every|each) /i.test(text) ? pluralise(headNoun) : undefined;
      if (plural) {
        const existing = this.actors.actors.find((a) => [a.name, ...a.aliases].some((n) => n.toLowerCase() === plural.toLowerCase()));
        if (existing) return { kind: 'collective', actor: existing, rule: 'collective-known' };
        const actor = this.create(plural, 'group', np, 'collective-subject');
        if (text.toLowerCase() !== plural.toLowerCase()) addAlias(actor, text);
        return { kind: 'collective', actor, rule: 'collective-subject' };
      }
    }
    return { kind: 'nominal', rule: 'nominal', mentioned: inside[0]?.actor };
  }

  private lastMentionAt(actor: ActorRecord, before: number): number {
    let at = -Infinity;
    for (const m of actor.mentions) if (m.start < before) at = m.start;
    return at;
  }

  /** Adds an actor the rules met as a subject or speaker ("Lawmakers", "the regulator"). */
  create(name: string, type: ActorRecord['type'], at: Mention, rule: string): ActorRecord {
    // "Some in Congress" keeps its "Some": without it the name is only a place.
    const clean = /^(?:some|many|few|others)\s+(?:in|within|of|from|at|on)\s/i.test(name) ? name : name.replace(DETERMINERS, '');
    const id = slug(clean) || 'actor';
    const existing = this.actors.get(id);
    if (existing) return existing;
    return this.actors.add({
      id,
      name: capitaliseFirst(clean),
      type,
      aliases: [],
      confidence: 0.6,
      rule,
      plural: /s$/i.test(clean),
      mentions: [{ start: at.start + (at.text.length - at.text.trimStart().replace(DETERMINERS, '').length), end: at.end, text: clean }],
    });
  }

  /** Whether a "let X ..." names someone to act (the council) or someone to benefit (the herders). */
  static isBeneficiary(text: string): boolean {
    return BENEFICIARIES.test(text.replace(DETERMINERS, '').trim());
  }
}

/**
 * The subject of a clause: the words before its verb, without openers ("Most importantly,"),
 * asides between commas or dashes, and relative clauses. Returns body offsets.
 */
export function subjectPhrase(body: string, start: number, end: number): Mention {
  let text = body.slice(start, end);
  // Blank out asides so offsets stay put: dashes in pairs, then comma-delimited pieces.
  text = text.replace(/\s[—–]\s[^—–]*\s[—–](?=\s)/g, (m) => ' '.repeat(m.length));
  text = text.replace(/\([^)]*\)/g, (m) => ' '.repeat(m.length));
  for (;;) {
    const lead = /^\s*/.exec(text)![0].length;
    const c = CONNECTORS.exec(text.slice(lead));
    if (!c || !c[0]) break;
    text = ' '.repeat(lead + c[0].length) + text.slice(lead + c[0].length);
  }
  const pieces: Array<{ s: number; e: number }> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === ',') {
      pieces.push({ s, e: i });
      s = i + 1;
    }
  }
  const kept = pieces.filter((p) => {
    const t = text.slice(p.s, p.e).trim();
    return t && !ASIDE.test(t) && !CONNECTORS.test(t + ' ');
  });
  let last = kept[kept.length - 1];
  if (!last) return { start: end, end, text: '' };
  // "Caledonian Maritime Assets, the body that buys the ships, ought to": the name, not its description.
  const previous = kept[kept.length - 2];
  const described = previous && /^\s*(?:the|a|an)\s/i.test(text.slice(last.s, last.e));
  const previousName = previous ? text.slice(previous.s, previous.e).trim() : '';
  // "Ms Wanjiru Kamau, the chairwoman of the federation, said": the name, not the office.
  const properName = /^(?:\p{Lu}[\p{L}’'.-]*)(?:\s+\p{Lu}[\p{L}’'.-]*){0,4}$/u.test(previousName);
  if (previous && described && (/\s(?:who|which|that|whose)\s/.test(text.slice(last.s, last.e)) || properName)) {
    const name = previousName;
    if (/^\p{Lu}/u.test(name) && !/^(?:In|On|At|For|By|With|From|After|Before|Since|Under|Across|Without|If|When|As|Like|Unlike|Despite|Although|Though|While|Once|Until|Because)\b/.test(name)) last = previous;
  }
  let ps = last.s;
  let pe = last.e;
  let t = text.slice(ps, pe);
  // Cut a relative clause or an example list off the head ("Governors who cannot account ...").
  const rel = /\s(?:who|which|whose|that|such as)\s/.exec(t);
  if (rel) pe = ps + rel.index;
  t = text.slice(ps, pe);
  // Auxiliaries and adverbs between the subject and the modal ("it will have to", "Kenya also must").
  const tail = /(?:\s+(?:will|would|also|still|now|then|simply|really|too|clearly|surely|certainly|therefore|however|itself|themselves|alone|urgently))+\s*$/i.exec(t);
  if (tail && tail.index > 0) {
    pe = ps + tail.index;
    t = text.slice(ps, pe);
  }
  ps += t.length - t.trimStart().length;
  pe -= t.length - t.trimEnd().length;
  return { start: start + ps, end: start + pe, text: body.slice(start + ps, start + pe) };
}

function addAlias(actor: ActorRecord, alias: string) {
  const lower = alias.toLowerCase();
  if (lower !== actor.name.toLowerCase() && !actor.aliases.some((a) => a.toLowerCase() === lower)) actor.aliases.push(alias);
}

function pluralise(noun: string): string {
  if (/(?:s|sh|ch|x)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export { DETERMINERS };
