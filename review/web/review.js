// The review page: a list of reports, and one report as the official form, each flagged value
// marked by kind; a value clicked shows its crop from the page, what was printed and why it is
// flagged, and takes a confirmation (Enter) or a correction. Tab goes to the next flagged value.
'use strict';

const token = document.querySelector('meta[name="review-token"]').content;
const app = document.getElementById('app');
const state = { list: [], sort: 'flagged', asc: false, filter: '', status: '', report: null, selected: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function notice(text, error) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.className = error ? 'error' : '';
}

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

// ---- the list

async function showList() {
  document.getElementById('crumb').textContent = '';
  state.list = await api('/api/reports');
  renderList();
}

function renderList() {
  const columns = [['file', 'file'], ['agency', 'agency'], ['year', 'year'], ['status', 'status'],
                   ['flagged', 'flagged values'], ['failed_checks', 'failed checks'], ['reviewed', 'reviewed']];
  const rows = state.list
    .filter(r => !state.status || r.status === state.status)
    .filter(r => !state.filter || `${r.file} ${r.agency || ''} ${r.title} ${r.year || ''}`.includes(state.filter))
    .sort((a, b) => {
      const x = a[state.sort] ?? '', y = b[state.sort] ?? '';
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
      return state.asc ? order : -order;
    });
  const head = el('tr', {}, columns.map(([id, label]) => el('th', {
    class: state.sort === id ? 'sorted' + (state.asc ? ' asc' : '') : '',
    onclick: () => { state.asc = state.sort === id ? !state.asc : id === 'file' || id === 'agency'; state.sort = id; renderList(); },
  }, label)), el('th', {}, 'flags'));
  const body = rows.map(r => el('tr', { onclick: () => { location.hash = `#/report/${r.id}`; }, 'data-id': r.id },
    el('td', {}, r.file), el('td', {}, r.agency || ''), el('td', {}, r.year ?? ''),
    el('td', {}, el('span', { class: `status status-${r.status}` }, r.status)),
    el('td', {}, r.flagged), el('td', {}, r.failed_checks), el('td', {}, r.reviewed),
    el('td', { class: 'kinds' }, Object.entries(r.kinds).map(([k, n]) => el('span', {}, `${k} ×${n}`)))));
  const search = el('input', { type: 'search', placeholder: 'filter: file, agency, year', value: state.filter,
    oninput: e => { state.filter = e.target.value; renderList(); document.querySelector('.filters input').focus(); } });
  const status = el('select', { onchange: e => { state.status = e.target.value; renderList(); } },
    ['', 'review', 'partial', 'ok', 'failed'].map(s => el('option', { value: s, selected: s === state.status }, s || 'any status')));
  app.replaceChildren(el('div', { class: 'filters' }, search, status, el('span', { class: 'hint' }, `${rows.length} of ${state.list.length} reports`)),
    el('table', { class: 'list' }, el('thead', {}, head), el('tbody', {}, body)));
}

// ---- one report

function valueAt(record, key) {
  const [t, r, c] = key.split('.');
  return ((record.tables[t] || {})[r] || {})[c];
}

function cellAt(record, key) {
  const [t, r, c] = key.split('.');
  return (((record.cells || {})[t] || {})[r] || {})[c];
}

function flagsOf(key) {
  return state.report.flags[key] || [];
}

const reviewCodes = ['confirmed', 'corrected'];
function isReviewed(key) { return flagsOf(key).some(f => reviewCodes.includes(f.code)); }
function isFlagged(key) { return flagsOf(key).some(f => !reviewCodes.includes(f.code)); }

// The form's labels over a value: the row labels left of it, the headers above it.
function labelsOf(form, cell) {
  const covers = (c, row, col) => c.row <= row && row < c.row + (c.rowspan || 1) && c.col <= col && col < c.col + (c.colspan || 1);
  const rows = form.cells.filter(c => c.kind === 'label' && covers(c, cell.row, c.col)).map(c => c.text);
  const heads = form.cells.filter(c => c.kind === 'header' && c.row < cell.row && c.col <= cell.col && cell.col < c.col + (c.colspan || 1)).map(c => c.text);
  return { rows, heads };
}

function formTable(form) {
  const record = state.report.record;
  const rows = [];
  for (let r = 0; r < form.rows; r++) rows.push(el('tr'));
  for (const c of form.cells) {
    const attrs = { rowspan: c.rowspan > 1 ? c.rowspan : null, colspan: c.colspan > 1 ? c.colspan : null, class: c.kind };
    if (c.kind !== 'value') { rows[c.row].append(el('td', attrs, c.text || '')); continue; }
    const v = valueAt(record, c.key);
    const classes = ['value'];
    if (v === null || v === undefined) classes.push('null');
    if (isReviewed(c.key)) classes.push('reviewed');
    else if (isFlagged(c.key)) { classes.push('flagged'); for (const f of flagsOf(c.key)) classes.push('flag-' + f.code); }
    if (state.selected === c.key) classes.push('selected');
    const td = el('td', { ...attrs, class: classes.join(' '), 'data-key': c.key, tabindex: -1,
      title: flagsOf(c.key).map(f => f.code).join(', ') || null, onclick: () => select(c.key) }, v ?? '');
    rows[c.row].append(td);
  }
  return el('table', { class: 'form', 'data-table': form.table }, el('caption', {}, form.title), el('tbody', {}, rows));
}

function flaggedKeys() {
  const keys = [];
  for (const form of state.report.forms) for (const c of form.cells) if (c.kind === 'value' && isFlagged(c.key)) keys.push(c.key);
  return keys;
}

function checksPanel(record) {
  const failed = record.validation.failed || [];
  if (!failed.length) return el('p', { class: 'checks ok' }, `The form's checks: ${record.validation.passed} pass, none fails.`);
  return el('div', {}, el('p', {}, `The form's checks: ${record.validation.passed} pass, ${failed.length} fail:`),
    el('ul', { class: 'checks' }, failed.map(f => el('li', { class: 'failed' },
      `${f.rule} (${f.on}): ${f.sum.keys.join(' + ')} = ${f.sum.value}, but ${f.equals.keys.join(' + ')} = ${f.equals.value}`))));
}

function metaFacts(record) {
  const fact = (key, label, value) => {
    const cls = isReviewed(key) ? 'fact reviewed' : isFlagged(key) ? 'fact flagged' : 'fact';
    return el('span', { class: cls, 'data-key': key, onclick: () => select(key) }, `${label}: ${value ?? '—'}`);
  };
  return el('div', { class: 'meta' }, el('strong', {}, record.meta.title || record.source.file),
    fact('meta.agency', 'agency', record.meta.agency), fact('meta.year', 'year', record.meta.year),
    el('span', {}, `edition ${record.meta.edition}`),
    el('span', { class: `status status-${record.status}`, id: 'report-status' }, record.status),
    el('span', {}, `${record.doubtful_values} doubtful values`),
    el('span', { class: 'exports' }, ['json', 'csv', 'xlsx'].map(f => el('a', { href: `/api/reports/${state.report.id}/export?format=${f}` }, f))));
}

function sections(record) {
  return el('div', {}, el('h3', {}, 'Sections'), record.sections.map(s =>
    el('details', { class: 'section' }, el('summary', {}, `${s.number}. ${s.title} (p. ${s.page})`), el('pre', {}, s.text))));
}

function renderReport() {
  const record = state.report.record;
  document.getElementById('crumb').textContent = record.source.file;
  const forms = state.report.forms.map(formTable);
  const note = state.report.pages_shown ? state.report.cells_note : state.report.pages_note;
  const pagesNote = note ? el('p', { class: 'hint' }, note) : null;
  app.replaceChildren(metaFacts(record), el('div', { class: 'layout' },
    el('div', {}, pagesNote, checksPanel(record),
      el('p', { class: 'hint' }, 'Click a value. Enter confirms it (or saves what you typed); Tab goes to the next flagged value.'),
      forms, sections(record)),
    el('aside', { id: 'panel' }, state.selected ? panel(state.selected) : el('p', { class: 'hint' }, `${flaggedKeys().length} flagged values. Press Tab to start.`))));
  if (state.selected) document.getElementById('value-input')?.focus();
}

function panel(key) {
  const record = state.report.record;
  const isMeta = key.startsWith('meta.');
  const value = isMeta ? record.meta[key.slice(5)] : valueAt(record, key);
  const cell = isMeta ? null : cellAt(record, key);
  const form = isMeta ? null : state.report.forms.find(f => f.cells.some(c => c.key === key));
  const spot = form ? form.cells.find(c => c.key === key) : null;
  const labels = spot ? labelsOf(form, spot) : { rows: [], heads: [] };
  const input = el('input', { type: 'text', id: 'value-input', value: value ?? '', autocomplete: 'off', onkeydown: onKey });
  const crop = !isMeta && state.report.pages_shown && cell && cell.page > 0
    ? el('img', { id: 'crop', alt: `the cell of ${key} on page ${cell.page}`, src: `/api/reports/${state.report.id}/crop?key=${encodeURIComponent(key)}`,
        onerror: e => fetch(e.target.src).then(r => r.json()).then(j => e.target.replaceWith(el('p', { class: 'hint' }, `no crop: ${j.error}`)), () => {}) }) : null;
  const pageLink = crop ? el('button', { onclick: () => showPage(key, cell.page) }, `page ${cell.page}`) : null;
  const flags = flagsOf(key);
  return el('div', {}, el('h3', {}, key),
    labels.rows.length || labels.heads.length ? el('div', { class: 'labels' }, el('div', {}, labels.rows.join(' › ')), el('div', {}, labels.heads.join(' › '))) : null,
    crop, el('div', { id: 'page-view' }),
    cell ? el('dl', {}, el('dt', {}, 'printed'), el('dd', {}, JSON.stringify(cell.raw)), el('dt', {}, 'read as'), el('dd', {}, cell.kind),
      el('dt', {}, 'OCR confidence'), el('dd', {}, cell.confidence), el('dt', {}, 'label match'), el('dd', {}, cell.label_score),
      cell.placed_by ? [el('dt', {}, 'placed by'), el('dd', {}, cell.placed_by.replace(/_/g, ' '))] : null,
      cell.other_reading ? [el('dt', {}, 'other reading'), el('dd', {}, cell.other_reading)] : null,
      cell.review ? [el('dt', {}, 'machine read'), el('dd', {}, JSON.stringify(cell.review.machine_value))] : null) : null,
    flags.length ? el('ul', { class: 'flags' }, flags.map(f => el('li', { class: reviewCodes.includes(f.code) ? 'reviewed' : '' }, el('b', {}, f.code), ': ', f.message))) : el('p', { class: 'hint' }, 'not flagged'),
    el('div', {}, input, ' ', el('button', { onclick: () => submit(key, input.value) }, 'save (Enter)'), ' ',
      state.report.corrections[key] ? el('button', { onclick: () => send(key, 'undo') }, 'undo') : null, ' ', pageLink),
    el('p', { class: 'hint' }, isMeta ? 'Enter with the text unchanged confirms it.' : 'Enter with the number unchanged confirms it; empty means the report prints nothing here.'));
}

function showPage(key, page) {
  document.getElementById('page-view').replaceChildren(el('img', { alt: `page ${page}`, src: `/api/reports/${state.report.id}/page/${page}?key=${encodeURIComponent(key)}` }));
}

function select(key) {
  state.selected = key;
  renderReport();
}

function step(forward) {
  const keys = flaggedKeys();
  if (!keys.length) { notice('no flagged values left'); return; }
  const i = keys.indexOf(state.selected);
  const next = i < 0 ? (forward ? 0 : keys.length - 1) : (i + (forward ? 1 : -1) + keys.length) % keys.length;
  select(keys[next]);
}

function onKey(e) {
  if (e.key === 'Enter') { e.preventDefault(); submit(state.selected, e.target.value); }
  else if (e.key === 'Tab') { e.preventDefault(); step(!e.shiftKey); }
  else if (e.key === 'Escape') { state.selected = null; renderReport(); }
}

document.addEventListener('keydown', e => {
  if (state.report && e.key === 'Tab' && e.target.id !== 'value-input') { e.preventDefault(); step(!e.shiftKey); }
});

function submit(key, text) {
  const record = state.report.record;
  const isMeta = key.startsWith('meta.');
  const current = isMeta ? record.meta[key.slice(5)] : valueAt(record, key);
  const typed = text.trim().replace(/[０-９]/g, d => String.fromCharCode(d.charCodeAt(0) - 0xFEE0)).replace(/[,，\s]/g, '');
  if (key === 'meta.agency') return send(key, typed === String(current ?? '') ? 'confirm' : 'correct', text.trim());
  const value = typed === '' || typed === '—' ? null : Number(typed);
  if (value !== null && !Number.isFinite(value)) { notice(`'${text}' is not a number`, true); return; }
  const same = value === (current ?? null);
  return send(key, same ? 'confirm' : 'correct', value, true);
}

async function send(key, action, value, advance) {
  try {
    const wasFlagged = flaggedKeys();
    state.report = withMetaFlags(await api(`/api/reports/${state.report.id}/review`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Review-Token': token },
      body: JSON.stringify({ key, action, value }),
    }));
    notice(`${action === 'undo' ? 'undone' : action + 'ed'}: ${key} — saved to ${state.report.sidecar}`);
    if (advance) {
      const after = wasFlagged.slice(wasFlagged.indexOf(key) + 1).find(k => isFlagged(k)) || flaggedKeys()[0];
      state.selected = after || null;
    }
    renderReport();
  } catch (err) {
    notice(err.message, true);
  }
}

// Doubts about the title facts are warnings without a key: shown on the fact they concern.
function withMetaFlags(report) {
  for (const w of report.record.warnings) {
    const key = w.code.startsWith('agency_') ? 'meta.agency' : w.code.startsWith('year_') ? 'meta.year' : null;
    if (key && !w.key) (report.flags[key] = report.flags[key] || []).push({ code: w.code, message: w.message });
  }
  return report;
}

async function showReport(id) {
  state.report = withMetaFlags(await api(`/api/reports/${id}`));
  state.selected = null;
  renderReport();
}

async function route() {
  try {
    const m = location.hash.match(/^#\/report\/(\d+)/);
    if (m) await showReport(Number(m[1])); else { state.report = null; await showList(); }
  } catch (err) {
    app.replaceChildren(el('p', { class: 'error' }, err.message));
    notice(err.message, true);
  }
}

window.addEventListener('hashchange', route);
route();
