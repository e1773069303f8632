// The scenario explorer (collab serve): every control is a rule step of a scenario; the page
// sends the steps to /api/compute, which runs them through the same code as `collab whatif`, and
// shows the comparison it returns. It polls /api/status to reload when the inputs change.
// Plain JavaScript, no library; ASCII only (the pound sign is written \u00a3).
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);

// What the page knows: the choices (/api/model), the changes made, the last good figures.
const page = {
  info: null,           // /api/model
  version: null,        // the load the figures were computed from
  last: null,           // the last good /api/compute answer
  grants: {},           // force id -> percent change
  budgets: {},          // unit id -> percent change
  formulae: {},         // unit id -> {id, params (text)}
  members: {},          // unit id -> {force id -> true (takes part) / false}
  inflight: false,
  again: false,         // a control moved while a computation was on its way
  updates: 0,           // figures shown so far (the browser test waits on it)
  lastMs: null,         // the last update's time in the browser, request to figures shown
};
window.explorer = page;

function api(method, path, body) {
  const options = { method, headers: { 'X-Collab-Token': token } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  return fetch(path, options).then((response) =>
    response.json().then((json) => ({ status: response.status, json }),
      () => ({ status: response.status, json: { error: 'HTTP ' + response.status } })));
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function svg(tag, attributes) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
  return node;
}

// Pence as pounds: 12345600 -> "\u00a3123,456"; pence shown only when there are some.
function money(pence) {
  if (pence === null || pence === undefined) return '';
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + '\u00a3' + grouped + (rest ? '.' + String(rest).padStart(2, '0') : '');
}

function signedMoney(pence) { return (pence > 0 ? '+' : '') + money(pence); }
function percent(value) { return value === null || value === undefined ? '' : (value > 0 ? '+' : '') + value.toFixed(1) + '%'; }

// "2017/18" -> "2016/17"
function previousYear(year) {
  const start = parseInt(year.slice(0, 4), 10) - 1;
  return start + '/' + String((start + 1) % 100).padStart(2, '0');
}

function forceName(id) {
  const force = page.info.forces.find((f) => f.id === id);
  return force ? force.short_name || force.name : id;
}

function unitName(id) {
  const unit = page.info.units.find((u) => u.id === id);
  return unit ? unit.name : id;
}

// The reference's budget lines of the year, one entry per unit: who takes part, which formula.
function baselineUnits() {
  const units = new Map();
  if (!page.last) return units;
  for (const line of page.last.lines.reference) {
    const unit = units.get(line.unit) || { id: line.unit, lines: [], participants: new Set(), formula: line.formula };
    unit.lines.push(line);
    for (const f of line.participants) unit.participants.add(f);
    units.set(line.unit, unit);
  }
  return units;
}

function percentText(value) { return (value > 0 ? '+' : '') + value + '%'; }

// The changes as scenario steps, in a fixed order: who takes part, budgets, formulae, grants.
function steps() {
  const year = $('year').value;
  const out = [];
  const units = baselineUnits();
  for (const [unitId, wanted] of Object.entries(page.members)) {
    const unit = units.get(unitId);
    if (!unit) continue;
    for (const force of page.info.forces) {
      if (!(force.id in wanted)) continue;
      const now = unit.participants.has(force.id);
      if (wanted[force.id] && !now) out.push({ rule: 'join', from: year, params: { force: force.id, unit: unitId } });
      if (!wanted[force.id] && now) out.push({ rule: 'withdraw', from: year, params: { force: force.id, unit: unitId } });
    }
  }
  for (const [unitId, by] of Object.entries(page.budgets))
    if (by) out.push({ rule: 'budget_change', from: year, params: { unit: unitId, by: percentText(by) } });
  for (const [unitId, choice] of Object.entries(page.formulae)) {
    if (!choice.id) continue;
    const params = { unit: unitId, formula: choice.id };
    if (choice.parsed && Object.keys(choice.parsed).length) params.formula_params = choice.parsed;
    out.push({ rule: 'switch_formula', from: year, params });
  }
  for (const force of page.info.forces) {
    const by = page.grants[force.id];
    if (by) out.push({ rule: 'grant_change', from: previousYear(year), params: { forces: force.id, by: percentText(by), once: true } });
  }
  return out;
}

function request() { return { year: $('year').value, baseline: $('baseline').value, steps: steps() }; }

// Sends the changes; while one computation is on its way, the latest state waits for it.
function update() {
  if (!page.info) return;
  if (page.inflight) { page.again = true; return; }
  page.inflight = true;
  document.body.dataset.busy = 'true';
  const started = performance.now();
  api('POST', '/api/compute', request()).then(({ status, json }) => {
    if (status === 200) {
      const first = page.last === null || page.last.year !== json.year || page.last.baseline !== json.baseline;
      page.last = json;
      page.version = json.version;
      showErrors($('compute-errors'), []);
      $('results').classList.remove('stale');
      if (first) {
        buildUnitControls();
        if (Object.keys(page.members).length) page.again = true;  // they need the baseline's members first
      }
      render(json);
      page.lastMs = performance.now() - started;
      $('timing').textContent = 'Updated in ' + page.lastMs.toFixed(1) + ' ms in the browser (' +
        json.server_ms.toFixed(1) + ' ms computing), from load ' + json.version + '.';
      $('timing').dataset.ms = page.lastMs.toFixed(1);
      console.log('collab explorer: updated in ' + page.lastMs.toFixed(1) + ' ms');
    } else {
      $('results').classList.add('stale');
      const sent = steps();
      const problem = (e) => (e.step ? 'step ' + e.step + ' (' + (sent[e.step - 1] || {}).rule + '): ' : '') + e.message +
        (e.hint ? ' (' + e.hint + ')' : '');
      showErrors($('compute-errors'), [json.error || 'HTTP ' + status].concat((json.errors || []).map(problem)),
        page.last ? 'The figures below are the last good ones.' : '');
    }
  }).catch((error) => {
    showErrors($('compute-errors'), ['The server did not answer: ' + error], 'The figures below are the last good ones.');
  }).finally(() => {
    page.inflight = false;
    page.updates += 1;
    if (page.again) { page.again = false; update(); return; }
    document.body.dataset.busy = 'false';
  });
}

function showErrors(box, lines, footer) {
  box.replaceChildren();
  if (!lines.length) { box.hidden = true; return; }
  for (const line of lines) box.append(el('div', { text: line }));
  if (footer) box.append(el('div', { class: 'footer', text: footer }));
  box.hidden = false;
}

function table(doc, id) { return doc.blocks.find((b) => b.type === 'table' && b.id === id); }

function figureCell(row, key, kind) {
  const value = row[key];
  const text = key.endsWith('_pct') ? percent(value) : key.endsWith('_diff') ? signedMoney(value) : money(value);
  const td = el('td', { text, 'data-col': key });
  if (typeof value === 'number') td.dataset.value = String(value);
  if ((key.endsWith('_diff') || key.endsWith('_pct')) && value) td.className = value > 0 ? 'up' : 'down';
  if (kind) td.dataset.kind = kind;
  return td;
}

function header(tbl, labels, scenarioTitle, baselineTitle) {
  const head = tbl.tHead;
  head.replaceChildren(el('tr', {}, ...labels.map((l) => el('th', { scope: 'col', text: l })),
    el('th', { scope: 'col', text: baselineTitle }), el('th', { scope: 'col', text: scenarioTitle }),
    el('th', { scope: 'col', text: 'Change \u00a3' }), el('th', { scope: 'col', text: 'Change %' })));
}

function render(answer) {
  const doc = answer.document;
  const forces = table(doc, 'forces-' + answer.year_key);
  const units = table(doc, 'units-' + answer.year_key);
  const baselineTitle = forces.columns.find((c) => c.key === 'reference').title;
  $('forces-title').textContent = "Each force's bill, " + answer.year;
  const ft = $('forces');
  header(ft, ['Force'], 'Changed', baselineTitle);
  const body = ft.tBodies[0];
  body.replaceChildren();
  for (const row of forces.rows) {
    const total = row.$kind === 'total';
    const tr = el('tr', { class: total ? 'total' : null, 'data-force': total ? 'total' : row.force });
    tr.append(el('td', { text: row.force }));
    for (const key of ['reference', 's1', 's1_diff', 's1_pct']) tr.append(figureCell(row, key));
    body.append(tr);
  }
  const ut = $('units');
  header(ut, ['Unit', 'Kind', 'Force'], 'Changed', baselineTitle);
  const ubody = ut.tBodies[0];
  ubody.replaceChildren();
  for (const row of units.rows) {
    const sub = row.$kind === 'subtotal';
    const tr = el('tr', { class: sub ? 'subtotal' : null, 'data-unit': row.unit, 'data-force': row.force });
    tr.append(el('td', { class: 'text', text: row.unit }), el('td', { class: 'text', text: row.kind }),
      el('td', { class: 'text', text: row.force }));
    for (const key of ['reference', 's1', 's1_diff', 's1_pct']) tr.append(figureCell(row, key));
    ubody.append(tr);
  }
  chart(forces.rows.filter((r) => r.$kind !== 'total'));
  $('scenario-text').textContent = answer.scenario;
  markChanged();
}

// Two bars a force, the baseline and the changed bill, with the difference written beside them.
function chart(rows) {
  const width = 640, left = 90, right = 150, barHeight = 12, gap = 10;
  const height = rows.length * (2 * barHeight + gap) + 30;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.reference, r.s1)));
  const image = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
  const scale = (v) => Math.max(0, (v / max) * (width - left - right));
  rows.forEach((row, i) => {
    const y = 10 + i * (2 * barHeight + gap);
    const name = svg('text', { x: 0, y: y + barHeight + 4 });
    name.textContent = row.force;
    image.append(name);
    image.append(svg('rect', { class: 'bar-base', x: left, y, width: scale(row.reference), height: barHeight }));
    image.append(svg('rect', { class: 'bar-now', x: left, y: y + barHeight, width: scale(row.s1), height: barHeight }));
    const label = svg('text', { x: left + scale(Math.max(row.reference, row.s1)) + 6, y: y + barHeight + 4 });
    label.textContent = money(row.s1) + (row.s1_diff ? ' (' + signedMoney(row.s1_diff) + ')' : '');
    image.append(label);
  });
  const legend = svg('text', { x: left, y: height - 6 });
  legend.textContent = 'grey: baseline; blue: changed';
  image.append(legend);
  $('chart').replaceChildren(image);
}

function grantControls() {
  const body = $('grant-controls').tBodies[0];
  body.replaceChildren();
  const year = $('year').value;
  const firstYear = page.info.years[0];
  const usable = previousYear(year) >= firstYear;
  for (const force of page.info.forces) {
    const value = page.grants[force.id] || 0;
    const range = el('input', { type: 'range', min: -30, max: 30, step: 0.5, value, 'data-grant': force.id,
      'aria-label': force.name + ': grant change, per cent', disabled: !usable });
    const number = el('input', { type: 'number', min: -100, max: 100, step: 0.1, value, 'data-grant-number': force.id,
      'aria-label': force.name + ': grant change, per cent', disabled: !usable });
    const set = (source, other) => () => {
      const v = parseFloat(source.value);
      page.grants[force.id] = Number.isFinite(v) ? v : 0;
      other.value = String(page.grants[force.id]);
      update();
    };
    range.addEventListener('input', set(range, number));
    number.addEventListener('input', set(number, range));
    body.append(el('tr', {}, el('td', { text: force.name }), el('td', {}, range), el('td', {}, number, ' %')));
  }
  if (!usable)
    body.append(el('tr', {}, el('td', { colspan: 3, class: 'help',
      text: 'The shares of ' + year + ' weigh the grants of ' + previousYear(year) + ', before the data begins.' })));
}

function buildUnitControls() {
  const box = $('unit-controls');
  box.replaceChildren();
  for (const unit of baselineUnits().values()) {
    const id = unit.id;
    const budget = unit.lines.map((l) => money(l.budget) + (l.kind === 'in_kind' ? ' in kind' : '')).join(' + ');
    const value = page.budgets[id] || 0;
    const range = el('input', { type: 'range', min: -50, max: 50, step: 1, value, 'data-budget': id,
      'aria-label': unitName(id) + ': budget change, per cent' });
    const shown = el('span', { text: percentText(value) });
    range.addEventListener('input', () => {
      page.budgets[id] = parseFloat(range.value) || 0;
      shown.textContent = percentText(page.budgets[id]);
      update();
    });
    const formula = el('select', { 'data-formula': id, 'aria-label': unitName(id) + ': formula' });
    formula.append(el('option', { value: '', text: 'as now: ' + (unit.formula || 'the region\'s default') }));
    for (const f of page.info.formulae) formula.append(el('option', { value: f.id, text: f.id + ': ' + f.title }));
    const chosen = page.formulae[id] || { id: '', text: '', parsed: null };
    formula.value = chosen.id;
    const params = el('input', { type: 'text', class: 'params', 'data-formula-params': id, value: chosen.text || '',
      placeholder: 'the formula\'s parameters, JSON', 'aria-label': unitName(id) + ': formula parameters' });
    const paramError = el('span', { class: 'param-error' });
    const showParams = () => {
      const f = page.info.formulae.find((x) => x.id === formula.value);
      params.hidden = !f || f.params.length === 0;
      params.title = f ? f.params.map((p) => p.name + ': ' + p.doc).join('\n') : '';
    };
    const readParams = () => {
      const entry = page.formulae[id] || (page.formulae[id] = { id: '', text: '', parsed: null });
      entry.id = formula.value;
      entry.text = params.value;
      paramError.textContent = '';
      entry.parsed = null;
      if (params.value.trim() && !params.hidden) {
        try {
          const parsed = JSON.parse(params.value);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          entry.parsed = parsed;
        } catch (e) {
          paramError.textContent = 'not a JSON object: ' + e.message;
          return false;
        }
      }
      return true;
    };
    formula.addEventListener('change', () => {
      const f = page.info.formulae.find((x) => x.id === formula.value);
      if (f && f.id === 'blended' && !params.value) params.value = '{"mix": {"grant": 50, "equal": 50}}';
      showParams();
      if (readParams()) update();
    });
    params.addEventListener('input', () => { if (readParams()) update(); });
    showParams();
    const members = el('div', { class: 'members' });
    for (const force of page.info.forces) {
      const wanted = page.members[id] && force.id in page.members[id] ? page.members[id][force.id] : unit.participants.has(force.id);
      const box2 = el('input', { type: 'checkbox', 'data-unit': id, 'data-member': force.id, checked: wanted });
      box2.addEventListener('change', () => {
        (page.members[id] || (page.members[id] = {}))[force.id] = box2.checked;
        update();
      });
      members.append(el('label', { 'data-member-label': force.id }, box2, ' ' + forceName(force.id)));
    }
    box.append(el('div', { class: 'unit', 'data-unit-box': id },
      el('h3', { text: unitName(id) + ' (' + budget + ')' }),
      el('label', {}, 'Budget ', range, ' ', shown), ' ',
      el('label', {}, 'Formula ', formula), params, paramError, members));
  }
  markChanged();
}

// Marks the participation boxes that differ from the baseline.
function markChanged() {
  const units = baselineUnits();
  for (const input of document.querySelectorAll('input[data-member]')) {
    const unit = units.get(input.dataset.unit);
    const now = unit ? unit.participants.has(input.dataset.member) : false;
    input.parentElement.classList.toggle('changed', input.checked !== now);
  }
}

function fillSelect(select, options, value) {
  select.replaceChildren(...options.map(([v, text]) => el('option', { value: v, text })));
  if (options.some(([v]) => v === value)) select.value = value;
}

// Reads the choices (again, after a reload), keeping the changes made.
function loadInfo() {
  return api('GET', '/api/model').then(({ status, json }) => {
    if (status !== 200) {
      $('status').textContent = json.error || 'HTTP ' + status;
      return false;
    }
    page.info = json;
    const budgeted = json.budgeted_years || [];
    fillSelect($('year'), json.years.map((y) => [y, budgeted.includes(y) ? y : y + ' (projected)']),
      $('year').value || json.default_year);
    fillSelect($('baseline'), [['data', 'the data']].concat(json.scenarios.map((s) => [s.id, s.id + ': ' + s.title])),
      $('baseline').value || 'data');
    const reports = $('reports');
    reports.replaceChildren();
    // A report shows a budgeted year: the one chosen, or for a projected year the latest budgeted.
    const year = budgeted.includes($('year').value) ? $('year').value : budgeted[budgeted.length - 1];
    for (const r of json.reports) {
      const href = '/report/' + encodeURIComponent(r.id) + (year ? '?year=' + encodeURIComponent(year) + '&' : '?') +
        'token=' + encodeURIComponent(token);
      reports.append(el('li', {}, el('a', { href, target: '_blank', rel: 'noopener', text: r.title }),
        r.plugin ? ' (plug-in ' + r.plugin + ')' : ''));
    }
    grantControls();
    return true;
  });
}

// Watch mode: the server reloads when data/, scripts/ or plugins/ change; the page follows.
function poll() {
  api('GET', '/api/status').then(({ status, json }) => {
    if (status !== 200) {
      $('status').textContent = json.error || 'HTTP ' + status;
      return;
    }
    const errors = json.errors || [];
    showErrors($('load-errors'), errors.map((e) => e.text || (e.where + ': ' + e.message)),
      errors.length ? (json.version ? 'Showing the figures of the last good load (' + json.version + ').' : '') : '');
    $('status').textContent = json.loaded
      ? 'Load ' + json.version + (errors.length ? ': the latest change has errors' : '') + (json.cause && json.cause !== 'start' ? ' (' + json.cause + ')' : '')
      : 'The data or scripts have errors';
    // A new load, or the first one when the server started with errors: fetch everything again.
    if (json.loaded && (page.info === null || (page.version !== null && json.version !== page.version))) {
      page.version = json.version;
      loadInfo().then((ok) => { if (ok) update(); });
    }
  }).catch(() => { $('status').textContent = 'The server does not answer.'; })
    .finally(() => setTimeout(poll, 1000));
}

function save(overwrite) {
  const body = Object.assign(request(), { id: $('save-id').value.trim(), title: $('save-title').value.trim() });
  if (overwrite) body.overwrite = true;
  api('POST', '/api/save', body).then(({ status, json }) => {
    if (status === 201) {
      $('save-result').textContent = 'Saved ' + json.file + (json.overwritten ? ' (replacing it)' : '') +
        '; collab whatif ' + json.id + ' runs it.';
    } else if (status === 409 && !overwrite) {
      if (window.confirm(json.file + ' exists. Replace it?')) save(true);
      else $('save-result').textContent = 'Not saved: ' + json.file + ' exists.';
    } else {
      $('save-result').textContent = 'Not saved: ' + [json.error].concat((json.errors || []).map((e) => e.message)).join('; ');
    }
  });
}

function start() {
  if (!token) {
    $('status').textContent = 'No token: open the address collab serve printed (with its ?token=).';
    return;
  }
  $('year').addEventListener('change', () => { page.last = null; loadInfo().then(update); });
  $('baseline').addEventListener('change', () => { page.last = null; update(); });
  $('reset').addEventListener('click', () => {
    page.grants = {}; page.budgets = {}; page.formulae = {}; page.members = {};
    page.last = null;
    grantControls();
    update();
  });
  $('save').addEventListener('click', () => save(false));
  loadInfo().then((ok) => {
    if (ok) update();
    poll();
  });
}

start();
