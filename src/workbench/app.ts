// The analyst's workbench in the browser: start from a raw editorial (POST /v1/analyze) or an
// existing article, review every candidate against the text, correct and add, let the server check
// the document as it changes (?dryRun=true), and publish it (POST, or PUT with If-Match).
import type { Analysis } from '../reader/reader.schemas.js';
import { Offsets, slugify } from './anchors.js';
import { askKey, call, forgetKey, storedKey, type Answer, type Problem } from './api.js';
import { byId, h, setText } from './dom.js';
import {
  addFromSelection,
  documentActors,
  ensureActor,
  fromAnalysis,
  fromArticle,
  included,
  isLow,
  mergeActors,
  ownerOf,
  toDocument,
  type ArticleJson,
  type Item,
  type SourceJson,
  type State,
} from './model.js';
import { apiTakesProvenance, provenanceOf } from './provenance.js';

interface Vocabularies {
  actorTypes: string[];
  roles: string[];
  portrayals: string[];
  strengths: string[];
  quotationKinds: string[];
  sourceTypes: string[];
}

let state: State | undefined;
/** The article as last read from or written to the API, to tell what changed meanwhile on a 412. */
let baseline: ArticleJson | undefined;
let vocab: Vocabularies;
let takesProvenance = false;
let current: string | undefined;
let editing: string | undefined;
let order: 'confidence' | 'text' = 'confidence';
let selection: { start: number; end: number } | undefined;
let checkTimer: ReturnType<typeof setTimeout> | undefined;
let checkSeq = 0;

const INCLUDE_ALL = 'include=body,actors,recommendations,quotations';

// ---------------------------------------------------------------------------------------------
// Start

async function init() {
  const spec = (await call<unknown>('GET', '/openapi.json')).body;
  const schemas = (spec as { components: { schemas: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }> } })
    .components.schemas;
  const enumOf = (schema: string, field: string) => schemas[schema]!.properties[field]!.enum ?? schemas[schema]!.properties[field]!.items!.enum!;
  vocab = {
    actorTypes: enumOf('ActorInput', 'type'),
    roles: enumOf('ActorInput', 'roles'),
    portrayals: enumOf('ActorInput', 'portrayal'),
    strengths: enumOf('RecommendationInput', 'strength'),
    quotationKinds: enumOf('QuotationInput', 'kind'),
    sourceTypes: enumOf('SourceInput', 'type'),
  };
  takesProvenance = apiTakesProvenance(spec);

  showKeyStatus();
  byId('forget-key').addEventListener('click', () => {
    forgetKey();
    showKeyStatus();
  });
  const publication = byId<HTMLInputElement>('new-publication');
  publication.addEventListener('input', () => setText('new-publication-id', slugify(publication.value) || '…'));
  setText('new-publication-id', '…');
  const date = byId<HTMLInputElement>('new-date');
  if (!date.value) date.value = new Date().toISOString().slice(0, 10);
  const body = byId<HTMLTextAreaElement>('new-body');
  body.addEventListener('dragover', (e) => e.preventDefault());
  body.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    void file.text().then((text) => {
      body.value = text;
      const headline = byId<HTMLInputElement>('new-headline');
      if (!headline.value) headline.value = file.name.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
    });
  });
  byId('new-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void analyze();
  });
  byId('open-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = byId<HTMLInputElement>('open-id').value.trim();
    history.pushState(null, '', `/workbench/${encodeURIComponent(id)}`);
    void openArticle(id);
  });
  wireBench();

  const match = /^\/workbench\/([^/]+)\/?$/.exec(location.pathname);
  if (match) await openArticle(decodeURIComponent(match[1]!));
}

function showKeyStatus() {
  setText('key-status', storedKey() ? 'API key kept for this tab' : 'No API key yet');
}

async function analyze() {
  const headline = byId<HTMLInputElement>('new-headline').value.trim();
  const pubName = byId<HTMLInputElement>('new-publication').value.trim();
  const datePublished = byId<HTMLInputElement>('new-date').value;
  const body = byId<HTMLTextAreaElement>('new-body').value;
  setText('new-error', '');
  setText('article-status', 'Reading the text…');
  const answer = await call<Analysis>('POST', '/v1/analyze', {
    keyed: true,
    body: { body, headline, publication: { id: slugify(pubName), name: pubName }, datePublished },
  });
  showKeyStatus();
  if (!answer.body) {
    setText('article-status', '');
    setText('new-error', problemText(answer));
    return;
  }
  state = fromAnalysis(answer.body);
  baseline = undefined;
  const { items } = state;
  setText(
    'article-status',
    `New editorial: ${items.filter((i) => i.kind === 'recommendation').length} recommendation, ` +
      `${items.filter((i) => i.kind === 'quotation').length} quotation and ${items.filter((i) => i.kind === 'actor').length} actor candidates to review.`,
  );
  enterBench();
}

async function openArticle(id: string) {
  setText('article-status', `Opening ${id}…`);
  const [full, plain] = await Promise.all([
    call<ArticleJson>('GET', `/v1/articles/${encodeURIComponent(id)}?${INCLUDE_ALL}`),
    call<unknown>('GET', `/v1/articles/${encodeURIComponent(id)}`),
  ]);
  if (!full.body || !plain.etag) {
    setText('article-status', problemText(full));
    byId('start').hidden = false;
    byId('bench').hidden = true;
    return;
  }
  const sourceIds = [...new Set(full.body.quotations.map((q) => q.source.id))];
  const sources = new Map<string, SourceJson>();
  for (const sid of sourceIds) {
    const s = await call<SourceJson>('GET', `/v1/sources/${encodeURIComponent(sid)}`);
    if (s.body) sources.set(sid, s.body);
  }
  state = fromArticle(full.body, sources, plain.etag);
  baseline = full.body;
  setText('article-status', `Article ${id}, last changed ${full.body.updatedAt}.`);
  enterBench();
}

function enterBench() {
  byId('start').hidden = true;
  byId('bench').hidden = false;
  current = sortedItems()[0]?.uid;
  editing = undefined;
  renderAll();
  scheduleCheck(0);
  focusItem(current);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderAll() {
  renderMeta();
  renderBody();
  renderItems();
  renderPreview();
}

function renderMeta() {
  const s = state!;
  const meta = byId('meta');
  const field = (id: string, label: string, value: string, type = 'text') => {
    const input = h('input', { id, type, value });
    input.addEventListener('input', () => {
      if (id === 'meta-headline') s.meta.headline = input.value;
      if (id === 'meta-date') s.meta.datePublished = input.value;
      if (id === 'meta-publication') s.meta.publication = { ...s.meta.publication, name: input.value };
      changed();
    });
    return h('div', {}, h('label', { for: id }, label), input);
  };
  meta.replaceChildren(
    h('h2', {}, s.articleId ? `Article ${s.articleId}` : 'New editorial'),
    h(
      'div',
      { class: 'meta-fields' },
      field('meta-headline', 'Headline', s.meta.headline),
      field('meta-publication', `Publication (${s.meta.publication.id})`, s.meta.publication.name),
      field('meta-date', 'Date published', s.meta.datePublished, 'date'),
    ),
  );
}

function renderBody() {
  const s = state!;
  const text = s.meta.body;
  const offsets = new Offsets(text);
  const marks = s.items.flatMap((item) =>
    item.spans.map((span) => ({ item, start: offsets.utf16(span.start), end: offsets.utf16(span.end) })),
  );
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const out: Node[] = [];
  for (let n = 0; n + 1 < cuts.length; n++) {
    const a = cuts[n]!;
    const b = cuts[n + 1]!;
    const piece = text.slice(a, b);
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    if (!covering.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const live = covering.filter((m) => m.item.status !== 'rejected');
    const top = (live.length ? live : covering).sort((x, y) => x.end - x.start - (y.end - y.start))[0]!.item;
    const span = h('span', {
      class: `hl-${top.kind}${top.status === 'rejected' ? ' hl-rejected' : ''}${isLow(top) ? ' low' : ''}`,
      'data-uids': covering.map((m) => m.item.uid).join(' '),
    }, piece);
    out.push(span);
  }
  byId('body').replaceChildren(...out);
  markCurrentInBody();
}

function markCurrentInBody() {
  for (const el of byId('body').querySelectorAll<HTMLElement>('span[data-uids]')) {
    el.classList.toggle('hl-current', !!current && el.dataset.uids!.split(' ').includes(current));
  }
}

function sortedItems(): Item[] {
  const s = state!;
  const first = (i: Item) => i.spans[0]?.start ?? Number.MAX_SAFE_INTEGER;
  const sure = (i: Item) => (i.method === 'assisted' ? (i.confidence ?? 1) : 2);
  return [...s.items].sort((a, b) => (order === 'confidence' ? sure(a) - sure(b) || first(a) - first(b) : first(a) - first(b)));
}

function actorName(id: string): string {
  const actor = documentActors(state!).find((a) => a.id === id);
  return actor ? actor.name : id || '(none)';
}

function titleOf(item: Item): string {
  if (item.recommendation) return `Recommendation · ${item.recommendation.strength} · to ${actorName(item.recommendation.addressee)}`;
  if (item.quotation) return `Quotation · ${item.quotation.source.name || '(no source)'} · ${item.quotation.verb}`;
  return `Actor · ${item.actor!.name} (${item.actor!.type})`;
}

function summaryOf(item: Item): string {
  if (item.recommendation) return item.recommendation.statement;
  if (item.quotation) return item.quotation.claim;
  const a = item.actor!;
  return `${a.roles.join(', ')} · ${a.portrayal}${a.aliases?.length ? ` · also ${a.aliases.join(', ')}` : ''}`;
}

function statusLabel(item: Item): string {
  if (item.status === 'accepted') return item.method === 'analyst' ? 'added or kept by you' : 'accepted';
  if (item.status === 'rejected') return 'rejected';
  return item.inDraft ? 'proposed' : 'proposed, left out unless accepted';
}

function factsOf(item: Item): string {
  const parts: string[] = [];
  const p = provenanceOf(item);
  parts.push(p.method === 'assisted' ? `assisted${p.rule ? `, rule ${p.rule}` : ''}` : 'analyst');
  if (item.confidence !== undefined) parts.push(`confidence ${item.confidence.toFixed(2)}`);
  if (item.alternatives.length) parts.push(`alternatives: ${item.alternatives.map((a) => `${actorName(a.addressee)} (${a.confidence.toFixed(2)})`).join(', ')}`);
  const exact = (item.recommendation ?? item.quotation)?.evidence.exact;
  if (exact) parts.push(`“${exact.length > 140 ? `${exact.slice(0, 137)}…` : exact}”`);
  return parts.join(' · ');
}

function renderItems() {
  const list = byId('items');
  list.replaceChildren(...sortedItems().map(itemElement));
}

function itemElement(item: Item): HTMLElement {
  const open = editing === item.uid;
  const el = h('div', {
    role: 'listitem',
    class: `item kind-${item.kind} status-${item.status}${isLow(item) ? ' is-low' : ''}${current === item.uid ? ' current' : ''}`,
    tabindex: current === item.uid ? 0 : -1,
    'data-uid': item.uid,
    'data-kind': item.kind,
    'aria-labelledby': `${item.uid}-title`,
    'aria-describedby': `${item.uid}-facts ${item.uid}-errors`,
  });
  const accept = h('button', { type: 'button', 'aria-pressed': String(item.status === 'accepted'), 'data-action': 'accept' }, 'Accept');
  const reject = h('button', { type: 'button', 'aria-pressed': String(item.status === 'rejected'), 'data-action': 'reject' }, 'Reject');
  const edit = h('button', { type: 'button', 'aria-expanded': String(open), 'data-action': 'edit' }, open ? 'Close editor' : 'Edit');
  accept.addEventListener('click', () => decide(item, 'accepted'));
  reject.addEventListener('click', () => decide(item, 'rejected'));
  edit.addEventListener('click', () => toggleEditor(item));
  el.append(
    h(
      'h3',
      { id: `${item.uid}-title` },
      titleOf(item),
      h('span', { class: 'badge' }, statusLabel(item)),
      isLow(item) ? h('span', { class: 'badge low' }, 'low confidence') : undefined,
    ),
    h('p', { class: 'summary' }, summaryOf(item)),
    h('p', { class: 'facts', id: `${item.uid}-facts` }, factsOf(item)),
    errorList(item),
    h('div', { class: 'actions' }, accept, reject, edit),
  );
  if (open) el.append(editorOf(item));
  el.addEventListener('focusin', () => setCurrent(item.uid, false));
  el.addEventListener('mouseenter', () => highlight(item.uid, true));
  el.addEventListener('mouseleave', () => highlight(current, false));
  return el;
}

function errorList(item: Item): HTMLElement {
  return h('ul', { class: 'errors', id: `${item.uid}-errors`, 'aria-live': 'polite' }, ...item.errors.map((e) => h('li', {}, e)));
}

/** Refreshes an item's heading, facts and errors in place (its editor keeps focus). */
function refreshItem(item: Item) {
  const el = itemEl(item.uid);
  if (!el) return;
  const title = el.querySelector('h3')!;
  title.firstChild!.textContent = titleOf(item);
  el.querySelector('.summary')!.textContent = summaryOf(item);
  el.querySelector('.facts')!.textContent = factsOf(item);
  el.querySelector('.errors')!.replaceWith(errorList(item));
}

const itemEl = (uid: string | undefined) => (uid ? byId('items').querySelector<HTMLElement>(`[data-uid="${uid}"]`) : null);

function highlight(uid: string | undefined, scroll: boolean) {
  const previous = current;
  current = uid;
  markCurrentInBody();
  current = previous;
  if (scroll && uid) byId('body').querySelector(`span[data-uids~="${uid}"]`)?.scrollIntoView({ block: 'nearest' });
}

function setCurrent(uid: string | undefined, focus: boolean) {
  if (current !== uid) {
    itemEl(current)?.classList.remove('current');
    itemEl(current)?.setAttribute('tabindex', '-1');
    current = uid;
    const el = itemEl(uid);
    el?.classList.add('current');
    el?.setAttribute('tabindex', '0');
    markCurrentInBody();
    byId('body').querySelector(`span[data-uids~="${uid}"]`)?.scrollIntoView({ block: 'nearest' });
  }
  if (focus) focusItem(uid);
}

function focusItem(uid: string | undefined) {
  const el = itemEl(uid);
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
  }
}

function renderPreview() {
  byId('preview').textContent = JSON.stringify(toDocument(state!, takesProvenance).doc, null, 2);
}

// ---------------------------------------------------------------------------------------------
// Deciding and editing

/** After any change: the body, the preview, and a server check a moment later. */
function changed(item?: Item) {
  renderBody();
  renderPreview();
  if (item) refreshItem(item);
  scheduleCheck();
}

function decide(item: Item, status: 'accepted' | 'rejected') {
  item.status = item.status === status ? 'pending' : status;
  if (item.status === 'pending' && item.method === 'analyst') item.status = 'accepted';
  const uid = item.uid;
  renderItems();
  changed();
  setCurrent(uid, true);
}

function toggleEditor(item: Item) {
  editing = editing === item.uid ? undefined : item.uid;
  renderItems();
  setCurrent(item.uid, false);
  const el = itemEl(item.uid);
  if (editing) el?.querySelector<HTMLElement>('.editor input, .editor select, .editor textarea')?.focus();
  else el?.focus();
}

let fieldSeq = 0;

function labelled(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', {}, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : undefined);
}

function textField(value: string, onInput: (v: string) => void, type = 'text') {
  const input = h('input', { type, value });
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function textArea(value: string, onInput: (v: string) => void, rows = 2) {
  const area = h('textarea', { rows });
  area.value = value;
  area.addEventListener('input', () => onInput(area.value));
  return area;
}

function selectField(options: string[], value: string, onChange: (v: string) => void) {
  const select = h('select', {}, ...options.map((o) => h('option', { value: o, selected: o === value }, o)));
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function editorOf(item: Item): HTMLElement {
  const box = h('div', { class: 'editor', role: 'group', 'aria-label': `Edit ${item.kind}` });
  const update = () => changed(item);
  if (item.recommendation) {
    const r = item.recommendation;
    box.append(
      actorPicker('Addressee', r.addressee, (id) => {
        r.addressee = id;
        update();
      }, item),
      h(
        'div',
        { class: 'row' },
        labelled('Strength', selectField(vocab.strengths, r.strength, (v) => ((r.strength = v as typeof r.strength), update()))),
        labelled('Priority', textField(String(r.priority), (v) => ((r.priority = Number(v)), update()), 'number')),
        labelled('Domain', textField(r.domain, (v) => ((r.domain = v.trim()), update()))),
      ),
      labelled('Statement', textArea(r.statement, (v) => ((r.statement = v), update()), 3)),
      labelled('Instruments', textArea((r.instruments ?? []).join('\n'), (v) => ((r.instruments = lines(v)), update())), 'One per line.'),
      labelled('Partners', textField((r.partners ?? []).join(', '), (v) => ((r.partners = v.split(',').map((p) => p.trim()).filter(Boolean)), update())), 'Actor ids, separated by commas.'),
      labelled('Against', textArea((r.against ?? []).join('\n'), (v) => ((r.against = lines(v)), update())), 'One per line.'),
    );
  } else if (item.quotation) {
    const q = item.quotation;
    box.append(
      h(
        'div',
        { class: 'row' },
        labelled('Source name', textField(q.source.name, (v) => {
          const wasDerived = !q.source.id || q.source.id === slugify(q.source.name);
          q.source = { ...q.source, name: v, ...(wasDerived ? { id: slugify(v) } : {}) };
          const idInput = box.querySelector<HTMLInputElement>('[data-field="source-id"]');
          if (idInput && wasDerived) idInput.value = q.source.id;
          update();
        })),
        labelled('Source id', Object.assign(textField(q.source.id, (v) => ((q.source = { ...q.source, id: v.trim() }), update())), { dataset: { field: 'source-id' } })),
      ),
      h(
        'div',
        { class: 'row' },
        labelled('Source type', selectField(vocab.sourceTypes, q.source.type, (v) => ((q.source = { ...q.source, type: v as typeof q.source.type }), update()))),
        labelled('Kind', selectField(vocab.quotationKinds, q.kind, (v) => ((q.kind = v as typeof q.kind), update()))),
        labelled('Verb', textField(q.verb, (v) => ((q.verb = v), update()))),
      ),
      labelled('Source is the actor (id)', textField(q.source.actor ?? '', (v) => {
        const { actor: _old, ...rest } = q.source;
        q.source = v.trim() ? { ...rest, actor: v.trim() } : rest;
        update();
      }), 'Optional: the actor id of the source, if it is one.'),
      labelled('Claim', textArea(q.claim, (v) => ((q.claim = v), update()), 3)),
    );
  } else {
    const a = item.actor!;
    const roles = h('fieldset', {}, h('legend', {}, 'Roles'));
    for (const role of vocab.roles) {
      const id = `${item.uid}-role-${role}`;
      const box2 = h('input', { type: 'checkbox', id, checked: a.roles.includes(role as never) });
      box2.addEventListener('change', () => {
        a.roles = vocab.roles.filter((r) => (r === role ? box2.checked : a.roles.includes(r as never))) as typeof a.roles;
        update();
      });
      roles.append(h('span', { class: 'check-option' }, box2, h('label', { for: id, class: 'inline' }, role), ' '));
    }
    const others = documentActors(state!).filter((o) => o.id !== a.id);
    const target = h('select', {}, h('option', { value: '' }, '(choose an actor)'), ...others.map((o) => h('option', { value: o.id }, `${o.name} (${o.id})`)));
    const merge = h('button', { type: 'button' }, 'Merge');
    merge.addEventListener('click', () => {
      const into = state!.items.find((i) => i.actor?.id === target.value);
      if (!into) return;
      mergeActors(state!, item, into);
      editing = undefined;
      renderItems();
      changed();
      setCurrent(into.uid, true);
    });
    box.append(
      h(
        'div',
        { class: 'row' },
        labelled('Name', textField(a.name, (v) => ((a.name = v), update()))),
        labelled('Id', textField(a.id, (v) => renameId(item, v.trim()))),
      ),
      h(
        'div',
        { class: 'row' },
        labelled('Type', selectField(vocab.actorTypes, a.type, (v) => ((a.type = v as typeof a.type), update()))),
        labelled('Portrayal', selectField(vocab.portrayals, a.portrayal, (v) => ((a.portrayal = v as typeof a.portrayal), update()))),
      ),
      roles,
      labelled('Aliases', textArea((a.aliases ?? []).join('\n'), (v) => ((a.aliases = lines(v)), update())), 'One per line; the server finds these names in the text too.'),
      (() => {
        const cb = h('input', { type: 'checkbox', id: `${item.uid}-update`, checked: !!a.update });
        cb.addEventListener('change', () => {
          if (cb.checked) a.update = true;
          else delete a.update;
          update();
        });
        return h('div', {}, cb, h('label', { for: `${item.uid}-update`, class: 'inline' }, ' Rename or retype it in the registry too'));
      })(),
      h('div', { class: 'row' }, labelled('Merge into', target), h('div', {}, h('span', { class: 'hint' }, 'Its names become aliases; every part moves.'), merge)),
    );
  }
  return box;
}

/** Renames an actor's id everywhere the document points at it. */
function renameId(item: Item, id: string) {
  const old = item.actor!.id;
  item.actor!.id = id;
  for (const i of state!.items) {
    const r = i.recommendation;
    if (r?.addressee === old) r.addressee = id;
    if (r?.partners) r.partners = r.partners.map((p) => (p === old ? id : p));
    if (i.quotation?.source.actor === old) i.quotation.source = { ...i.quotation.source, actor: id };
  }
  changed(item);
}

/**
 * Choosing an actor: those of this document and the registry's (GET /v1/actors?q=...), found as
 * the analyst types, the alternatives the reader weighed, or a new actor under the typed name.
 */
function actorPicker(label: string, value: string, choose: (id: string) => void, item: Item): HTMLElement {
  const base = `${item.uid}-picker`;
  const shown = h('p', { class: 'picked', id: `${base}-current` }, `${label}: ${value ? `${actorName(value)} (${value})` : 'none chosen yet'}`);
  const search = h('input', { type: 'search', id: `${base}-q`, 'aria-describedby': `${base}-current`, 'aria-controls': `${base}-results`, autocomplete: 'off' });
  const results = h('ul', { class: 'picker-results', id: `${base}-results`, 'aria-label': `Actors matching the search` });
  const newType = selectField(vocab.actorTypes, 'organization', () => undefined);
  newType.id = `${base}-new-type`;
  const create = h('button', { type: 'button' }, 'New actor with this name');
  const pick = (actor: { id: string; name: string; type: string }) => {
    ensureActor(state!, { id: actor.id, name: actor.name, type: actor.type as never }, 'addressee');
    choose(actor.id);
    shown.textContent = `${label}: ${actor.name} (${actor.id})`;
    results.replaceChildren();
    search.value = '';
    renderItemsKeepingEditor(item);
  };
  const option = (actor: { id: string; name: string; type: string }, where: string) => {
    const button = h('button', { type: 'button', 'data-actor': actor.id }, `${actor.name} (${actor.type}) · ${actor.id} · ${where}`);
    button.addEventListener('click', () => pick(actor));
    return h('li', {}, button);
  };
  let seq = 0;
  const find = async () => {
    const text = search.value.trim();
    const mine = ++seq;
    if (!text) {
      results.replaceChildren();
      return;
    }
    const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const local = documentActors(state!).filter((a) => words.every((w) => [a.name, a.id, ...(a.aliases ?? [])].some((n) => n.toLowerCase().includes(w))));
    const q = words.map((w) => `${w}*`).join(' ');
    const remote = q ? await call<{ data: Array<{ id: string; name: string; type: string }> }>('GET', `/v1/actors?q=${encodeURIComponent(q)}&limit=10`) : undefined;
    if (mine !== seq) return;
    const registry = (remote?.body?.data ?? []).filter((a) => !local.some((l) => l.id === a.id));
    results.replaceChildren(...local.map((a) => option(a, 'in this article')), ...registry.map((a) => option(a, 'registry')));
    if (!local.length && !registry.length) results.append(h('li', { class: 'hint' }, 'No actor found.'));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void find(), 200);
  });
  create.addEventListener('click', () => {
    const name = search.value.trim();
    if (!name) {
      search.focus();
      return;
    }
    pick({ id: slugify(name) || 'actor', name, type: newType.value });
  });
  const alternatives = item.alternatives.length
    ? h(
        'p',
        {},
        'The reader also weighed: ',
        ...item.alternatives.map((a) => {
          const b = h('button', { type: 'button' }, `${actorName(a.addressee)} (${a.confidence.toFixed(2)})`);
          b.addEventListener('click', () => {
            const actor = documentActors(state!).find((x) => x.id === a.addressee);
            pick(actor ?? { id: a.addressee, name: a.addressee, type: 'state' });
          });
          return b;
        }),
      )
    : undefined;
  return h(
    'div',
    { class: 'picker' },
    shown,
    alternatives,
    labelled(`Find an actor for the ${label.toLowerCase()}`, search, 'Searches this article and the registry.'),
    results,
    h('div', { class: 'row' }, labelled('Type of a new actor', newType), h('div', {}, create)),
  );
}

/** Re-renders the list after the actors changed, keeping the item's editor open and focused. */
function renderItemsKeepingEditor(item: Item) {
  renderItems();
  changed();
  setCurrent(item.uid, false);
  itemEl(item.uid)?.querySelector<HTMLElement>('.picker input[type="search"]')?.focus();
}

// ---------------------------------------------------------------------------------------------
// Selecting words to add a part

function selectionInBody(): { start: number; end: number } | undefined {
  const sel = document.getSelection();
  const body = byId('body');
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return undefined;
  const range = sel.getRangeAt(0);
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.selectNodeContents(body);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  let end = start + range.toString().length;
  const text = state!.meta.body;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/** The words the Add buttons take (UTF-16 indexes of the body), shown above the text. */
function useSelection(found: { start: number; end: number } | undefined) {
  selection = found;
  for (const id of ['add-recommendation', 'add-quotation', 'add-mention']) byId<HTMLButtonElement>(id).disabled = !selection;
  const words = selection ? state!.meta.body.slice(selection.start, selection.end) : '';
  setText('selection-text', selection ? `Selected: “${words.length > 60 ? `${words.slice(0, 57)}…` : words}”` : 'Select words in the text to add a part.');
}

/** Selects body[start, end) (UTF-16 indexes) in the page, as a mouse would, and takes it for the Add buttons. */
function selectInBody(start: number, end: number) {
  const body = byId('body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (start >= seen && start < seen + length) range.setStart(node, start - seen);
    if (end > seen && end <= seen + length) range.setEnd(node, end - seen);
    seen += length;
  }
  const sel = document.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  (range.startContainer.parentElement ?? body).scrollIntoView({ block: 'nearest' });
  useSelection({ start, end });
}

function wireBench() {
  document.addEventListener('selectionchange', () => {
    if (!state) return;
    const found = selectionInBody();
    const active = document.activeElement;
    if (!found && active && (byId('bench').querySelector('.selection-bar')!.contains(active) || byId('find-form').contains(active))) return;
    useSelection(found);
  });
  const add = (kind: 'recommendation' | 'quotation' | 'actor') => () => {
    if (!state || !selection) return;
    const item = addFromSelection(state, kind, selection.start, selection.end);
    editing = item.uid;
    current = item.uid;
    document.getSelection()?.removeAllRanges();
    renderItems();
    changed();
    setCurrent(item.uid, false);
    itemEl(item.uid)?.querySelector<HTMLElement>('.editor input, .editor select, .editor textarea')?.focus();
  };
  // The keyboard's way to select words: type them; Enter selects the next place they occur.
  let found = -1;
  byId('find-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const words = byId<HTMLInputElement>('find-words').value.trim();
    const text = state?.meta.body ?? '';
    if (!words) return;
    found = text.indexOf(words, found + 1);
    if (found < 0) found = text.indexOf(words);
    if (found < 0) {
      setText('selection-text', `“${words}” is not in the text.`);
      return;
    }
    selectInBody(found, found + words.length);
  });
  byId('add-recommendation').addEventListener('click', add('recommendation'));
  byId('add-quotation').addEventListener('click', add('quotation'));
  byId('add-mention').addEventListener('click', add('actor'));

  byId('body').addEventListener('click', (e) => {
    const span = (e.target as HTMLElement).closest<HTMLElement>('span[data-uids]');
    if (!span || !document.getSelection()?.isCollapsed) return;
    setCurrent(span.dataset.uids!.split(' ')[0], true);
  });

  byId<HTMLSelectElement>('order').addEventListener('change', (e) => {
    order = (e.target as HTMLSelectElement).value as typeof order;
    renderItems();
    focusItem(current);
  });

  byId('items').addEventListener('keydown', (e) => {
    if (!state) return;
    const target = e.target as HTMLElement;
    const inField = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    const item = state.items.find((i) => i.uid === current);
    if (e.key === 'Escape' && editing) {
      e.preventDefault();
      const uid = editing;
      editing = undefined;
      renderItems();
      setCurrent(uid, true);
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
    const list = sortedItems();
    const at = list.findIndex((i) => i.uid === current);
    const move = (to: number) => {
      e.preventDefault();
      const next = list[Math.max(0, Math.min(list.length - 1, to))];
      if (next) setCurrent(next.uid, true);
    };
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        return move(at + 1);
      case 'k':
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'a':
        if (item) {
          e.preventDefault();
          decide(item, 'accepted');
        }
        return;
      case 'r':
        if (item) {
          e.preventDefault();
          decide(item, 'rejected');
        }
        return;
      case 'e':
        if (item) {
          e.preventDefault();
          toggleEditor(item);
        }
        return;
    }
  });

  byId('publish').addEventListener('click', () => void publish(false));
  byId('conflict-reload').addEventListener('click', () => {
    byId('conflict').hidden = true;
    void openArticle(state!.articleId!);
  });
  byId('conflict-overwrite').addEventListener('click', () => void publish(true));
}

// ---------------------------------------------------------------------------------------------
// Checking and publishing

function scheduleCheck(delay = 900) {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => void check(), delay);
}

function writeRequest(dryRun: boolean) {
  const s = state!;
  const { doc, owner } = toDocument(s, takesProvenance);
  const query = dryRun ? '?dryRun=true' : '';
  if (s.articleId) {
    return { owner, send: () => call<ArticleJson>('PUT', `/v1/articles/${encodeURIComponent(s.articleId!)}${query}`, { keyed: true, body: { ...doc, id: s.articleId }, ifMatch: s.etag }) };
  }
  return { owner, send: () => call<ArticleJson>('POST', `/v1/articles${query}`, { keyed: true, body: doc }) };
}

async function check() {
  if (!state) return;
  if (!storedKey()) {
    setText('check-status', 'Not checked: the server checks with your API key, which Publish asks for.');
    return;
  }
  const mine = ++checkSeq;
  setText('check-status', 'Checking with the server…');
  const { owner, send } = writeRequest(true);
  const answer = await send();
  if (mine !== checkSeq) return;
  if (answer.status === 200) {
    showErrors(owner, undefined);
    const n = (kind: Item['kind']) => state!.items.filter((i) => i.kind === kind && included(i)).length;
    setText('check-status', `The server accepts this document: ${n('recommendation')} recommendations, ${n('quotation')} quotations, ${n('actor')} actors.`);
    return;
  }
  showErrors(owner, answer.problem);
  if (answer.status === 412) await showConflict();
  setText('check-status', `The server would refuse it (${answer.status}): ${problemText(answer)}`);
}

function showErrors(owner: Map<string, string>, problem: Problem | undefined) {
  const s = state!;
  for (const item of s.items) item.errors = [];
  const general: string[] = [];
  for (const e of problem?.errors ?? []) {
    const uid = ownerOf(owner, e.path);
    const item = s.items.find((i) => i.uid === uid);
    const rest = uid ? e.path.replace(/^\/\w+\/\d+/, '') || '/' : e.path;
    if (item) item.errors.push(`${rest}: ${e.message}`);
    else general.push(`${e.path || '/'}: ${e.message}`);
  }
  for (const item of s.items) refreshItem(item);
  byId('general-errors').replaceChildren(...general.map((g) => h('li', {}, g)));
}

async function publish(overwrite: boolean) {
  if (!state) return;
  if (!(await askKey())) return;
  showKeyStatus();
  const s = state;
  const status = byId('publish-status');
  if (overwrite && s.articleId) {
    const latest = await call<unknown>('GET', `/v1/articles/${encodeURIComponent(s.articleId)}`);
    if (latest.etag) s.etag = latest.etag;
  }
  status.textContent = 'Publishing…';
  clearTimeout(checkTimer);
  checkSeq++;
  const { owner, send } = writeRequest(false);
  const answer = await send();
  if (answer.status === 200 || answer.status === 201) {
    const id = answer.body!.id;
    s.articleId = id;
    s.meta.id = id;
    s.etag = answer.etag;
    byId('conflict').hidden = true;
    showErrors(owner, undefined);
    history.replaceState(null, '', `/workbench/${encodeURIComponent(id)}`);
    baseline = (await call<ArticleJson>('GET', `/v1/articles/${encodeURIComponent(id)}?${INCLUDE_ALL}`)).body;
    const link = h('a', { href: `/v1/articles/${encodeURIComponent(id)}?${INCLUDE_ALL}` }, id);
    status.replaceChildren(`${answer.status === 201 ? 'Published' : 'Updated'}: `, link, '.');
    renderMeta();
    setText('check-status', 'Published; later changes are checked against it.');
    return;
  }
  status.textContent = `Not published (${answer.status}): ${problemText(answer)}`;
  showErrors(owner, answer.problem);
  if (answer.status === 412) await showConflict();
  if (answer.status === 422 || answer.status === 400) {
    const first = state.items.find((i) => i.errors.length);
    if (first) setCurrent(first.uid, true);
  }
}

/** On a 412: what changed meanwhile, against the version this page last read or wrote. */
async function showConflict() {
  const s = state!;
  const id = s.articleId!;
  const latest = (await call<ArticleJson>('GET', `/v1/articles/${encodeURIComponent(id)}?${INCLUDE_ALL}`)).body;
  const changes: string[] = [];
  if (!latest) changes.push('The article has been deleted.');
  else if (baseline) {
    if (latest.headline !== baseline.headline) changes.push(`Headline: “${baseline.headline}” → “${latest.headline}”.`);
    if (latest.body !== baseline.body) changes.push('The text changed.');
    // A part's own fields: the article it embeds (headline, date) is reported once, above.
    const own = (x: object) => JSON.stringify({ ...x, article: undefined });
    const describe = <T extends { id: string }>(label: string, before: T[], after: T[], show: (x: T) => string) => {
      const was = new Map(before.map((x) => [x.id, x]));
      const now = new Map(after.map((x) => [x.id, x]));
      for (const [key, x] of now) {
        const old = was.get(key);
        if (!old) changes.push(`${label} added: ${show(x)}`);
        else if (own(old) !== own(x)) changes.push(`${label} changed: ${show(old)} → ${show(x)}`);
      }
      for (const [key, x] of was) if (!now.has(key)) changes.push(`${label} removed: ${show(x)}`);
    };
    describe('Recommendation', baseline.recommendations, latest.recommendations, (r) => `${r.addressee.name} ${r.strength}: ${r.statement}`);
    describe('Quotation', baseline.quotations, latest.quotations, (q) => `${q.source.name} ${q.verb}: ${q.claim}`);
    describe('Actor', baseline.actors, latest.actors, (a) => `${a.name} (${a.roles.join(', ')})`);
  }
  if (!changes.length) changes.push('Nothing in its text or parts; only its version (timestamps) moved.');
  setText('conflict-detail', latest ? `It was changed at ${latest.updatedAt}, after you opened it.` : 'It no longer exists.');
  byId('conflict-changes').replaceChildren(...changes.map((c) => h('li', {}, c)));
  byId('conflict').hidden = false;
  byId('conflict-title').focus();
}

function problemText(answer: Answer<unknown>): string {
  if (answer.status === 429) return `${answer.problem?.detail ?? 'Too many requests.'} (retry in ${answer.retryAfter ?? 'a few'} s)`;
  return answer.problem?.detail ?? `HTTP ${answer.status}`;
}

void init();
