"""The sandbox page's own style and script (served inline, with the page's nonce; nothing from another host).

The script posts what the visitor does to /do and swaps in the panel the server renders afterwards. It
reads a view's inputs as Slack builds `state.values`, places a modal's errors beneath their fields, and
offers people and channels while a command is typed after `@` or `#`.
"""

PAGE_STYLE = """
body { max-width: none; padding: 0; }
header { display: flex; gap: 12px; align-items: center; padding: 8px 16px; background: #3f0e40; color: #fff;
         flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0 12px 0 0; } header select, header input { font: inherit; }
header .clock { margin-left: auto; display: flex; gap: 6px; align-items: center; }
#note { padding: 4px 16px; min-height: 20px; color: #616061; font-size: 13px; background: #f8f8f8; }
.layout { display: flex; min-height: calc(100vh - 80px); }
nav { width: 220px; background: #f4ede4; padding: 8px 0; flex: none; }
nav a { display: block; padding: 4px 16px; color: #1d1c1d; text-decoration: none; }
nav a.current { background: #1164a3; color: #fff; }
nav .kind { color: #616061; font-size: 12px; padding: 8px 16px 2px; }
main { flex: 1; padding: 8px 20px; max-width: 760px; } main h2 { font-size: 18px; margin: 4px 0 8px; }
.ephemeral { background: #f8f8f8; border-radius: 6px; padding-left: 4px; }
.only-you { color: #616061; font-size: 12px; margin-left: 6px; font-weight: 400; }
#composer { display: flex; gap: 8px; margin: 12px 0; position: relative; }
#composer input { flex: 1; font: inherit; padding: 6px; }
.suggest { position: absolute; bottom: 100%; left: 0; margin: 0 0 4px; padding: 4px 0; list-style: none;
           background: #fff; border: 1px solid #bbbabb; border-radius: 6px; min-width: 260px;
           box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.suggest li { padding: 3px 12px; cursor: pointer; } .suggest li.active { background: #1164a3; color: #fff; }
.suggest li .handle { color: #616061; font-size: 12px; margin-left: 6px; }
.suggest li.active .handle { color: #e8f5fa; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-start;
           justify-content: center; padding-top: 40px; }
.modal { background: #fff; border-radius: 8px; width: 520px; max-height: 85vh; overflow: auto;
         padding: 16px 20px; }
.modal h2 { margin: 0 0 8px; font-size: 20px; }
.modal .foot { display: flex; justify-content: flex-end; gap: 8px; }
.errors { color: #e01e5a; white-space: pre-wrap; }
"""

SCRIPT = r"""
const $ = s => document.querySelector(s);
let who = document.body.dataset.who, conv = document.body.dataset.conv;
function show(j) {
  if (j.note !== undefined) $('#note').textContent = j.note;
  if (j.clock) $('#clock').textContent = j.clock;
  if (j.html !== undefined) { $('#panel').innerHTML = j.html; const cur = $('#panel [data-current]');
    if (cur) conv = cur.dataset.current; }
}
let latest = 0;  // show only the newest request's answer: a slow answer never hides a newer one
async function post(body) {
  const mine = ++latest;
  const r = await fetch('/do', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                body: JSON.stringify({as: who, c: conv, ...body})});
  const j = await r.json(); if (mine === latest) show(j); return j;
}
function valueOf(el) {  // what Slack would send for this control: a value, or a list of them
  if (el.classList.contains('choices')) {
    const on = [...el.querySelectorAll('input:checked')].map(i => i.value);
    return el.dataset.type === 'checkboxes' ? on : (on[0] || '');
  }
  return el.multiple ? [...el.selectedOptions].map(o => o.value) : el.value;
}
function values(root) {
  const found = {};
  root.querySelectorAll('[data-action-id]').forEach(el => {
    if (el.tagName === 'BUTTON' || el.tagName === 'A') return;
    (found[el.dataset.blockId || ''] ||= {})[el.dataset.actionId] = valueOf(el);
  });
  return found;
}
function act(el, selected) {
  const view = el.closest('[data-view-id]'), msg = el.closest('[data-ts]');
  return post({op: 'action', ts: msg ? msg.dataset.ts : null, view_id: view ? view.dataset.viewId : null,
               values: view ? values(view) : {}, block_id: el.dataset.blockId || '',
               action_id: el.dataset.actionId, selected: selected});
}
function showErrors(modal, errors) {  // each beneath its field, as Slack shows them; the rest on top
  const rest = [];
  modal.querySelectorAll('.input').forEach(b => {
    b.classList.remove('invalid'); b.querySelector('.field-error').textContent = ''; });
  for (const [block, text] of Object.entries(errors)) {
    const field = [...modal.querySelectorAll('.input')].find(b => b.dataset.blockId === block);
    if (field) { field.classList.add('invalid'); field.querySelector('.field-error').textContent = text; }
    else rest.push(text);
  }
  modal.querySelector('.errors').textContent = rest.join('\n');
}
document.addEventListener('click', e => {
  const t = e.target;
  const nav = t.closest('nav [data-c]');
  if (nav) {
    e.preventDefault(); conv = nav.dataset.c; post({op: conv === 'home' ? 'home' : 'look'}); return;
  }
  const pick = t.closest('.suggest li');
  if (pick) { e.preventDefault(); choose(pick); return; }
  const btn = t.closest('button[data-action-id]');
  if (btn) { e.preventDefault(); act(btn, btn.dataset.value || null); return; }
  const tick = t.closest('[data-clock]');
  if (tick) { e.preventDefault(); post({op: 'clock', phrase: tick.dataset.clock}); return; }
  if (t.closest('[data-close]')) { e.preventDefault(); post({op: 'close'}); return; }
  const submit = t.closest('[data-submit]');
  if (submit) {
    e.preventDefault();
    const modal = submit.closest('[data-view-id]');
    post({op: 'submit', view_id: modal.dataset.viewId, values: values(modal)}).then(j => {
      if (j.errors) showErrors(modal, j.errors); });
  }
});
document.addEventListener('change', e => {
  const el = e.target;
  if (el.id === 'who') { who = el.value; conv = ''; post({op: 'look'}); return; }
  const control = el.closest('[data-action-id]');
  if (control && !control.closest('.input') && control.tagName !== 'BUTTON') act(control, valueOf(control));
});
document.addEventListener('submit', e => {
  e.preventDefault();
  const form = e.target, input = form.querySelector('input');
  if (form.id === 'composer') { post({op: 'command', text: input.value}); input.value = ''; hideSuggest(); }
  if (form.id === 'move') { post({op: 'clock', phrase: input.value}); input.value = ''; }
});
// Typing @ or # offers people and channels, as Slack's composer does; a choice is written out in full.
function typed(input) {
  const upto = input.value.slice(0, input.selectionStart);
  const m = upto.match(/(^|[\s(])([@#])([^@#]*)$/);
  return m ? {sign: m[2], part: m[3], at: upto.length - m[3].length - 1} : null;
}
function hideSuggest() { const box = $('#suggest'); if (box) box.hidden = true; }
function suggest(input) {
  const box = $('#suggest'), t = typed(input);
  if (!box || !t) { hideSuggest(); return; }
  const data = JSON.parse(input.form.dataset.suggest || '{}'), q = t.part.toLowerCase();
  const people = (data.people || []).filter(([name, handle]) =>
    handle.startsWith(q) || name.toLowerCase().startsWith(q) ||
    name.toLowerCase().split(' ').some(w => w.startsWith(q)));
  const found = t.sign === '@' ? people.map(([name, handle]) => [name, handle])
                               : (data.channels || []).filter(c => c.startsWith(q)).map(c => [c, '']);
  box.replaceChildren(...found.slice(0, 8).map(([name, handle], i) => {
    const li = document.createElement('li');
    li.dataset.insert = t.sign + name; li.textContent = t.sign + name;
    if (handle) { const h = document.createElement('span'); h.className = 'handle'; h.textContent = handle;
      li.append(h); }
    if (i === 0) li.className = 'active';
    return li; }));
  box.hidden = found.length === 0;
}
function choose(li) {
  const input = $('#composer input'), t = typed(input);
  if (!t) return;
  const after = input.value.slice(input.selectionStart);
  input.value = input.value.slice(0, t.at) + li.dataset.insert + ' ' + after.replace(/^ /, '');
  const end = t.at + li.dataset.insert.length + 1;
  input.setSelectionRange(end, end); input.focus(); hideSuggest();
}
document.addEventListener('input', e => { if (e.target.matches('#composer input')) suggest(e.target); });
document.addEventListener('keydown', e => {
  const box = $('#suggest');
  if (!e.target.matches('#composer input') || !box || box.hidden) return;
  const items = [...box.children], at = items.findIndex(li => li.classList.contains('active'));
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((li, i) => li.classList.toggle('active', i === next));
  } else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(items[Math.max(at, 0)]); }
  else if (e.key === 'Escape') hideSuggest();
});
"""
