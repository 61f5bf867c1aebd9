// The workbench page and its stylesheet. The page holds the landmarks and forms; the scripts
// (src/workbench/app.ts) fill in the article, its highlights and the review list.
export const WORKBENCH_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Analyst's workbench · Editorial Data API</title>
<link rel="stylesheet" href="/workbench/assets/workbench.css">
<script type="module" src="/workbench/assets/app.js"></script>
</head>
<body>
<a class="skip" href="#items">Skip to the review list</a>
<header class="top">
  <h1>Analyst's workbench</h1>
  <p id="article-status" class="status" aria-live="polite"></p>
  <div class="key-area">
    <span id="key-status">No API key yet</span>
    <button type="button" id="forget-key">Forget key</button>
  </div>
</header>
<noscript><p>The workbench needs JavaScript.</p></noscript>
<main id="main">
  <section id="start" aria-labelledby="start-title">
    <h2 id="start-title">Start</h2>
    <div class="start-grid">
      <form id="new-form" aria-labelledby="new-title">
        <h3 id="new-title">Read a new editorial</h3>
        <label for="new-headline">Headline</label>
        <input id="new-headline" name="headline" required maxlength="500">
        <label for="new-publication">Publication</label>
        <input id="new-publication" name="publication" required maxlength="200" aria-describedby="new-publication-hint">
        <p id="new-publication-hint" class="hint">Its id is made from the name (<span id="new-publication-id"></span>).</p>
        <label for="new-date">Date published</label>
        <input id="new-date" name="date" type="date" required>
        <label for="new-body">Text (paste it, or drop a .txt file here)</label>
        <textarea id="new-body" name="body" rows="14" required></textarea>
        <button type="submit" id="analyze">Read it</button>
        <p id="new-error" class="error" role="alert"></p>
      </form>
      <form id="open-form" aria-labelledby="open-title">
        <h3 id="open-title">Open an article</h3>
        <label for="open-id">Article id</label>
        <input id="open-id" name="id" required pattern="[a-z0-9]+(-[a-z0-9]+)*">
        <button type="submit">Open</button>
      </form>
    </div>
  </section>
  <section id="bench" hidden aria-labelledby="bench-title">
    <h2 id="bench-title" class="visually-hidden">Review</h2>
    <div class="bench-grid">
      <div class="reading">
        <div class="meta" id="meta"></div>
        <div class="legend" aria-hidden="true">
          <span class="hl-actor">actor</span> <span class="hl-recommendation">recommendation</span>
          <span class="hl-quotation">quotation</span> <span class="low">low confidence</span>
        </div>
        <form id="find-form" class="find" aria-label="Select words by typing them">
          <label for="find-words" class="inline">Select words by typing them</label>
          <input id="find-words" type="search" autocomplete="off" aria-describedby="find-hint">
          <button type="submit">Select</button>
          <span id="find-hint" class="hint">Enter selects them in the text (again: the next place they occur).</span>
        </form>
        <div class="selection-bar" role="toolbar" aria-label="Add from the selected words">
          <span id="selection-text" class="hint">Select words in the text to add a part.</span>
          <button type="button" id="add-recommendation" disabled>Add recommendation</button>
          <button type="button" id="add-quotation" disabled>Add quotation</button>
          <button type="button" id="add-mention" disabled>Add actor mention</button>
        </div>
        <div id="body" class="body" aria-label="Article text" role="region" tabindex="0"></div>
      </div>
      <aside class="side" aria-labelledby="items-title">
        <div class="side-head">
          <h2 id="items-title">Candidates</h2>
          <label for="order">Order</label>
          <select id="order">
            <option value="confidence">least certain first</option>
            <option value="text">text order</option>
          </select>
        </div>
        <p class="hint" id="keys-help">Keys in the list: j or ↓ next, k or ↑ previous, a accept, r reject, e edit, Escape closes the editor.</p>
        <div id="items" class="items" role="list" aria-describedby="keys-help" tabindex="-1"></div>
        <div class="check">
          <h2>Check and publish</h2>
          <p id="check-status" class="status" aria-live="polite">Not checked yet.</p>
          <ul id="general-errors" class="errors"></ul>
          <button type="button" id="publish" class="primary">Publish</button>
          <p id="publish-status" class="status" role="status"></p>
          <div id="conflict" class="conflict" hidden role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-detail">
            <h3 id="conflict-title" tabindex="-1">Someone changed this article meanwhile</h3>
            <p id="conflict-detail"></p>
            <ul id="conflict-changes"></ul>
            <button type="button" id="conflict-reload">Reload theirs (drop my changes)</button>
            <button type="button" id="conflict-overwrite">Overwrite with mine</button>
          </div>
          <details>
            <summary>The document that will be sent</summary>
            <pre id="preview"></pre>
          </details>
        </div>
      </aside>
    </div>
  </section>
</main>
<dialog id="key-dialog" aria-labelledby="key-title">
  <form method="dialog" id="key-form">
    <h2 id="key-title">API key</h2>
    <p>Reading and publishing need a key with the write scope. It is kept for this tab only.</p>
    <label for="key-input">API key</label>
    <input id="key-input" type="password" autocomplete="off" required>
    <div class="row"><button type="submit" value="ok" class="primary">Use this key</button> <button type="button" id="key-cancel">Cancel</button></div>
  </form>
</dialog>
</body>
</html>
`;

export const WORKBENCH_CSS = `
:root { --actor: #d9ecff; --actor-line: #0b5cad; --rec: #fff1c2; --rec-line: #8a5a00; --quote: #e3f6e3; --quote-line: #1d6b1d;
  --focus: #1a4fd6; --error: #a0001c; --muted: #555; font-family: system-ui, sans-serif; color: #111; background: #fff; }
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem; border-bottom: 1px solid #ccc; flex-wrap: wrap; }
.top h1 { font-size: 1.2rem; margin: 0; }
.key-area { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
main { padding: .75rem 1rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button { font: inherit; padding: .3rem .7rem; border: 1px solid #666; border-radius: 4px; background: #f4f4f4; color: #111; cursor: pointer; }
button.primary { background: #1a4fd6; border-color: #1a4fd6; color: #fff; }
button:disabled { opacity: .6; cursor: default; }
input, select, textarea { font: inherit; padding: .25rem .4rem; border: 1px solid #666; border-radius: 3px; max-width: 100%; }
label { display: block; font-weight: 600; margin-top: .5rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.error, .errors li { color: var(--error); }
.status { margin: .3rem 0; }
.start-grid { display: grid; grid-template-columns: 2fr 1fr; gap: 2rem; }
.start-grid input, .start-grid textarea { width: 100%; }
.start-grid button { margin-top: .75rem; }
.bench-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(22rem, 2fr); gap: 1.25rem; }
.body { white-space: pre-wrap; font-family: Georgia, serif; font-size: 1.05rem; line-height: 1.7; border: 1px solid #ddd; padding: .75rem 1rem;
  max-height: calc(100vh - 14rem); overflow: auto; }
.meta h2 { margin: .2rem 0; font-size: 1.3rem; } .meta p { margin: 0; color: var(--muted); }
.legend span { padding: 0 .3rem; font-size: .85rem; }
.hl-actor { background: var(--actor); border-bottom: 2px solid var(--actor-line); }
.hl-recommendation { background: var(--rec); border-bottom: 2px solid var(--rec-line); }
.hl-quotation { background: var(--quote); border-bottom: 2px solid var(--quote-line); }
.low { border-bottom: 2px dashed var(--error) !important; }
.hl-rejected { background: none; border-bottom: 1px dotted #999; }
.hl-current { outline: 3px solid var(--focus); }
.find { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 0 0 .4rem; } .find label { margin: 0; }
label.inline { display: inline; font-weight: 400; }
.selection-bar { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .4rem 0; }
#selection-text { flex: 1 1 12rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.side { display: flex; flex-direction: column; min-width: 0; }
.side-head { display: flex; gap: .5rem; align-items: baseline; } .side-head h2 { margin: 0 auto 0 0; font-size: 1.1rem; }
.side-head label { display: inline; margin: 0; font-weight: 400; }
.items { max-height: calc(100vh - 22rem); min-height: 12rem; overflow: auto; border: 1px solid #ddd; padding: .25rem; }
.item { border: 1px solid #ccc; border-left: 6px solid #999; border-radius: 4px; padding: .4rem .5rem; margin: .35rem 0; background: #fff; }
.item.kind-actor { border-left-color: var(--actor-line); } .item.kind-recommendation { border-left-color: var(--rec-line); }
.item.kind-quotation { border-left-color: var(--quote-line); }
.item.is-low { background: #fff5f5; } .item.status-rejected { background: #f1f1f1; border-style: dashed; } .item.status-rejected .summary { text-decoration: line-through; }
.item.status-accepted { background: #f3fbf3; }
.item:focus, .item.current { outline: 3px solid var(--focus); outline-offset: 1px; }
.item h3 { font-size: .95rem; margin: 0; } .item .summary { margin: .2rem 0; }
.item .facts { font-size: .85rem; color: var(--muted); margin: 0; }
.item .badge { font-size: .75rem; padding: 0 .35rem; border-radius: 3px; border: 1px solid #888; margin-left: .3rem; }
.item .badge.low { color: var(--error); border-color: var(--error); }
.item .actions { display: flex; gap: .35rem; margin-top: .3rem; flex-wrap: wrap; }
.item .errors { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .9rem; }
.editor { border-top: 1px dashed #aaa; margin-top: .4rem; padding-top: .3rem; }
.editor input, .editor textarea, .editor select { width: 100%; }
.editor .row { display: flex; gap: .5rem; } .editor .row > div { flex: 1; }
.picker-results { list-style: none; padding: 0; margin: .2rem 0; max-height: 10rem; overflow: auto; border: 1px solid #ddd; }
.picker-results li button { width: 100%; text-align: left; border: 0; border-bottom: 1px solid #eee; border-radius: 0; background: #fff; }
.check { border-top: 1px solid #ccc; margin-top: .5rem; } .check h2 { font-size: 1.05rem; margin: .4rem 0; }
.conflict { border: 2px solid var(--error); padding: .5rem; margin: .5rem 0; background: #fff8f8; }
pre#preview { max-height: 16rem; overflow: auto; font-size: .8rem; background: #f6f6f6; padding: .5rem; }
dialog { border: 1px solid #666; border-radius: 6px; max-width: 30rem; } dialog input { width: 100%; } dialog .row { margin-top: .75rem; }
@media (max-width: 1100px) { .bench-grid { grid-template-columns: 1fr; } .body, .items { max-height: none; } .start-grid { grid-template-columns: 1fr; } }
`;
