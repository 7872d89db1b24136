// The dashboard page: polls /api/status once a second and draws every namespace.
// Every piece of data goes into the page as text (textContent, text nodes), never as markup:
// keys, values and errors come from whoever writes to the cache.
'use strict';

const POLL_MS = 1000;
const TOKEN_HEADER = 'X-Writebehind-Token';
const sections = new Map();
let actions = false;

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function clear(e) {
  while (e.firstChild) e.removeChild(e.firstChild);
  return e;
}

const fmt = n => n == null ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 });

function duration(ms) {
  if (ms == null) return '–';
  if (ms < 1000) return ms + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(1) + ' s';
  const m = Math.floor(s / 60);
  return m + ' min ' + Math.round(s - m * 60) + ' s';
}

function token() {
  return document.getElementById('token').value;
}

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.status);
  return body;
}

// ---- one namespace ------------------------------------------------------------------------

function figure(parent, key, label) {
  const value = el('div', { class: 'value', 'data-figure': key, text: '–' });
  parent.append(el('div', { class: 'figure' }, el('div', { class: 'label', text: label }), value));
  return value;
}

function table(headers, numeric) {
  const t = el('table');
  const tr = el('tr');
  headers.forEach((h, i) => tr.append(el('th', { class: numeric.includes(i) ? 'num' : '', text: h })));
  t.append(el('thead', {}, tr), el('tbody'));
  return t;
}

function rows(t, data, numeric, rowClass) {
  const body = clear(t.tBodies[0]);
  for (const r of data) {
    const tr = el('tr', { class: rowClass ? rowClass(r) : '' });
    r.cells.forEach((c, i) => tr.append(c instanceof Node ? el('td', {}, c)
        : el('td', { class: numeric.includes(i) ? 'num' : '', text: c == null ? '' : String(c) })));
    body.append(tr);
  }
}

function makeSection(ns) {
  const s = { name: ns.namespace, dlqCount: -1, dlqAt: 0 };
  s.root = el('section', { class: 'ns', 'data-namespace': ns.namespace });
  s.title = el('h2', {}, el('span', { text: ns.namespace }),
      el('span', { class: 'badge ' + ns.kind, text: ns.kind }),
      el('span', { class: 'muted', text: ns.partitions + ' partitions' }));
  const figures = el('div', { class: 'figures' });
  s.fig = {
    unflushed: figure(figures, 'unflushed', 'Unflushed writes'),
    pending: figure(figures, 'pending', 'Being flushed'),
    window: figure(figures, 'oldestUnflushedAgeMs', 'Inconsistency window'),
    deadLetters: figure(figures, 'deadLetters', 'Dead letters'),
    writes: figure(figures, 'writeRate', 'Writes / s'),
    drained: figure(figures, 'drainRate', 'Drained / s'),
  };
  s.alerts = el('div', { class: 'alerts' });
  s.chart = el('div', { class: 'chart' });
  s.workers = table(['Worker', 'State', 'Heartbeat', 'Partitions', 'Flushed', 'Circuit'], [2, 3, 4]);
  s.workersNote = el('p', { class: 'muted', text: '' });
  const left = el('div', {}, el('h3', { text: 'Write and drain rate, last 5 minutes' }), s.chart);
  const right = el('div', {}, el('h3', { text: 'Workers' }), s.workers, s.workersNote);
  const cols = ['Partition', 'Unflushed', 'Pending', 'Lag', 'Dead', 'Lease holder'];
  s.parts = [table(cols, [0, 1, 2, 3, 4]), table(cols, [0, 1, 2, 3, 4])];
  s.root.append(s.title, figures, s.alerts, el('div', { class: 'row' }, left, right),
      el('h3', { text: 'Partitions' }), el('div', { class: 'partitions' }, ...s.parts));
  if (ns.kind === 'counters') {
    s.counters = el('div', { class: 'counters' });
    s.root.append(el('h3', { text: 'Counters: cache against database' }), s.counters);
  }
  s.dlqBox = el('div', { class: 'dlq' });
  s.dlqMsg = el('div', { class: 'msg', 'data-role': 'dlq-message' });
  s.dlqTable = table(['Handle', 'Key', 'Op', 'Error', 'Attempts', 'Dead since', 'Value', ''], [4]);
  s.dlqDetail = el('div', { class: 'detail', hidden: '' });
  s.dlqBox.append(el('h3', { text: 'Dead letters' }), s.dlqMsg, s.dlqTable, s.dlqDetail);
  s.root.append(s.dlqBox);
  s.plot = null;
  return s;
}

function drawChart(s, rates) {
  const data = [rates.t, rates.writes, rates.drained];
  if (!window.uPlot) return;
  const width = Math.max(300, s.chart.clientWidth || 600);
  if (!s.plot) {
    s.plot = new uPlot({
      width, height: 200,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(10, max * 1.1)] } },
      legend: { live: false },
      axes: [{ values: (u, ticks) => ticks.map(t => new Date(t * 1000).toLocaleTimeString('en-GB')) }, { size: 60 }],
      series: [{}, { label: 'writes/s', stroke: '#2563eb', width: 2, fill: 'rgba(37,99,235,0.08)' },
        { label: 'drained/s', stroke: '#16a34a', width: 2 }],
    }, data, s.chart);
  } else {
    if (Math.abs(s.plot.width - width) > 20) s.plot.setSize({ width, height: 200 });
    s.plot.setData(data);
  }
}

function last(a) {
  for (let i = a.length - 1; i >= 0; i--) if (a[i] != null) return a[i];
  return null;
}

function update(s, ns) {
  const st = ns.status;
  s.fig.unflushed.textContent = fmt(st.unflushed);
  s.fig.pending.textContent = fmt(st.pending);
  s.fig.window.textContent = duration(st.oldestUnflushedAgeMs);
  s.fig.deadLetters.textContent = fmt(st.deadLetters);
  s.fig.deadLetters.parentNode.classList.toggle('alert', st.deadLetters > 0);
  s.fig.writes.textContent = fmt(last(ns.rates.writes));
  s.fig.drained.textContent = fmt(last(ns.rates.drained));

  clear(s.alerts);
  for (const w of ns.durabilityWarnings) s.alerts.append(el('div', { class: 'warn', text: 'Durability: ' + w }));
  if (st.journalLosses > 0) {
    s.alerts.append(el('div', { class: 'bad', text: 'Journal lost ' + st.journalLosses + ' time(s): writes may never reach'
        + ' the database; flush() fails until acknowledged (writebehind status --ack-loss).' }));
  }
  const alive = st.workers.filter(w => w.alive);
  if (st.unflushed > 0 && alive.length === 0) {
    s.alerts.append(el('div', { class: 'bad', text: 'No live worker: ' + fmt(st.unflushed) + ' writes wait.' }));
  }

  rows(s.workers, st.workers.map(w => ({ w, cells: [w.id,
    el('span', { class: 'state ' + (w.alive ? 'ok' : 'bad'), text: w.alive ? 'alive' : 'dead' }),
    duration(w.lastHeartbeatAgeMillis) + ' ago', w.partitions, fmt(w.flushed),
    el('span', { class: 'state ' + (w.databaseUnavailable ? 'bad' : 'ok'),
      text: w.databaseUnavailable ? 'open' : 'closed',
      title: w.databaseUnavailable ? 'the database keeps failing: batches wait, probed now and then' : 'the database answers' })] })), [2, 3, 4]);
  const errors = st.workers.filter(w => w.lastError).map(w => w.id + ': ' + w.lastError);
  s.workersNote.textContent = st.workers.length === 0 ? 'No worker has registered.' : errors.length ? 'Last error: ' + errors[0] : '';

  const half = Math.ceil(st.partitions.length / 2);
  [st.partitions.slice(0, half), st.partitions.slice(half)].forEach((ps, i) => rows(s.parts[i], ps.map(p => ({
    lag: p.oldestUnflushedAgeMs, cells: [p.partition, fmt(p.unflushed), fmt(p.pending),
      p.unflushed > 0 ? duration(p.oldestUnflushedAgeMs) : '–', fmt(p.deadLetters), p.leaseOwner || 'none'] })),
  [0, 1, 2, 3, 4], r => r.lag > 5000 ? 'lagging' : ''));

  drawChart(s, ns.rates);
  if (s.counters) updateCounters(s, ns.counters);
  refreshDeadLetters(s, st.deadLetters);
}

function updateCounters(s, c) {
  clear(s.counters);
  if (!c) return;
  if (c.error) {
    s.counters.append(el('p', { class: 'muted', text: 'Cannot read the counters: ' + c.error }));
    return;
  }
  const db = c.database || {};
  const totals = table(['Field', 'Cache (' + fmt(c.cachedCounters) + ' counters' + (c.truncated ? ', first ones' : '') + ')',
    'Database' + (db.table ? ' (' + db.table + ', ' + fmt(db.rows) + ' rows)' : ''), 'Not yet in the database'], [1, 2, 3]);
  rows(totals, Object.keys(c.totals).map(f => {
    const d = db.totals ? db.totals[f] : null;
    return { cells: [f, fmt(c.totals[f]), d == null ? '–' : fmt(d), d == null ? '–' : fmt(c.totals[f] - d)] };
  }), [1, 2, 3]);
  const parts = [el('div', {}, totals)];
  if (db.error) parts.push(el('p', { class: 'muted', text: 'Database: ' + db.error }));
  if (c.top.length) {
    const top = table(['#', 'Key', ...Object.keys(c.totals)], [0, 2, 3, 4]);
    rows(top, c.top.map((r, i) => ({ cells: [i + 1, r.key, ...Object.keys(c.totals).map(f => fmt(r.fields[f] || 0))] })), [0, 2, 3, 4]);
    parts.push(el('h3', { text: 'Top ' + c.top.length + ' by ' + c.rankedBy + ' (cache)' }), top);
  }
  for (const [board, members] of Object.entries(c.boards)) {
    const t = table(['#', 'Member', 'Score'], [0, 2]);
    rows(t, members.map((m, i) => ({ cells: [i + 1, m.member, fmt(m.score)] })), [0, 2]);
    parts.push(el('h3', { text: 'Leaderboard ' + board }), t);
  }
  s.counters.append(...parts);
}

// ---- dead letters -------------------------------------------------------------------------

async function refreshDeadLetters(s, count) {
  const now = Date.now();
  if (count === s.dlqCount && now - s.dlqAt < 5000) return;
  s.dlqCount = count;
  s.dlqAt = now;
  s.dlqBox.hidden = count === 0 && !s.dlqMsg.textContent;
  if (count === 0) {
    rows(s.dlqTable, [], []);
    return;
  }
  try {
    const letters = await getJson('/api/dlq?limit=50&namespace=' + encodeURIComponent(s.name));
    rows(s.dlqTable, letters.map(d => ({ cells: [d.handle, d.key, d.op, d.error, d.attempts, d.deadAt.replace('T', ' ').replace('Z', ''),
      d.value, el('span', {}, button('Show', () => show(s, d.handle)), ' ',
        button('Replay', () => act(s, 'replay', d.handle), !actions), ' ',
        button('Drop', () => act(s, 'drop', d.handle), !actions, 'danger'))] })), [4]);
    s.dlqTable.tBodies[0].querySelectorAll('tr').forEach((tr, i) => { tr.dataset.handle = letters[i].handle; });
  } catch (e) {
    s.dlqMsg.textContent = 'Cannot list the dead letters: ' + e.message;
  }
}

function button(label, onclick, disabled, cls) {
  const b = el('button', { class: cls || '', 'data-action': label.toLowerCase(), onclick, text: label });
  if (disabled) {
    b.disabled = true;
    b.title = 'read-only: start the dashboard with a token';
  }
  return b;
}

async function show(s, handle) {
  try {
    const d = await getJson('/api/dlq/show?namespace=' + encodeURIComponent(s.name) + '&handle=' + encodeURIComponent(handle));
    clear(s.dlqDetail).append(
        el('div', {}, el('strong', { text: d.handle }), ' ', el('span', { class: 'muted', text: 'key ' + d.key + ', version ' + d.version
            + ', ' + d.op + ', ' + d.attempts + ' attempts, dead since ' + d.deadAt })),
        el('div', { text: 'Error: ' + d.error }),
        el('div', { text: 'Note: ' + (d.meta == null ? '–' : d.meta) }),
        el('pre', { text: d.value }));
    s.dlqDetail.hidden = false;
  } catch (e) {
    s.dlqMsg.textContent = e.message;
  }
}

async function act(s, verb, handle) {
  s.dlqMsg.textContent = verb + ' ' + handle + '…';
  try {
    const r = await fetch('/api/dlq/' + verb + '?namespace=' + encodeURIComponent(s.name) + '&handle=' + encodeURIComponent(handle),
        { method: 'POST', headers: { [TOKEN_HEADER]: token() } });
    const body = await r.json();
    s.dlqMsg.textContent = r.ok ? handle + ': ' + body.outcome : 'Refused: ' + body.error;
  } catch (e) {
    s.dlqMsg.textContent = 'Failed: ' + e.message;
  }
  s.dlqCount = -1;
  s.dlqDetail.hidden = true;
}

// ---- the poll -----------------------------------------------------------------------------

async function poll() {
  const banner = document.getElementById('error');
  try {
    const snap = await getJson('/api/status');
    actions = snap.actions;
    document.getElementById('server').textContent = 'Valkey ' + snap.valkey;
    document.getElementById('mode').textContent = snap.actions ? '' : 'read-only';
    document.getElementById('token').hidden = !snap.actions;
    document.getElementById('updated').textContent = 'updated ' + new Date(snap.time).toLocaleTimeString('en-GB');
    banner.hidden = !snap.error;
    banner.textContent = snap.error ? 'Valkey: ' + snap.error : '';
    const main = document.getElementById('namespaces');
    const loading = document.getElementById('loading');
    if (loading) loading.remove();
    const seen = new Set();
    for (const ns of snap.namespaces) {
      seen.add(ns.namespace);
      let s = sections.get(ns.namespace);
      if (!s) {
        s = makeSection(ns);
        sections.set(ns.namespace, s);
        main.append(s.root);
      }
      update(s, ns);
    }
    for (const [name, s] of sections) {
      if (!seen.has(name) && !snap.error) {
        s.root.remove();
        sections.delete(name);
      }
    }
    if (!snap.error && snap.namespaces.length === 0 && !main.querySelector('.empty')) {
      main.append(el('p', { class: 'muted empty', text: 'No namespace in this Valkey yet.' }));
    } else if (snap.namespaces.length) {
      main.querySelectorAll('.empty').forEach(e => e.remove());
    }
  } catch (e) {
    banner.hidden = false;
    banner.textContent = 'The dashboard does not answer: ' + e.message;
  }
  setTimeout(poll, POLL_MS);
}

document.getElementById('token').value = sessionStorage.getItem('wbToken') || '';
document.getElementById('token').addEventListener('input', e => sessionStorage.setItem('wbToken', e.target.value));
poll();
