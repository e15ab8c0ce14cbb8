/*
 * Gradient Health page (dl4j-init-ui). Polls /health/sessions, /health/data (incrementally: from + stride +
 * segment) and /health/depth; every value from the server is placed with textContent (or option.value, the title
 * property, uPlot labels, which uPlot also sets with textContent, and canvas text), never parsed as HTML.
 *
 * A finding arrives as its fields (verdict, condition title, figure, value, threshold, cause, explanation, remedy)
 * and is laid out here; no message is parsed. Layers are named as everywhere in dl4j-init: the DL4J layer name when
 * set, else the index ("3 · DenseLayer, tanh").
 *
 * Deep links: /health?session=S&worker=W opens that session and worker; choosing another one updates the URL
 * (history.replaceState), so the address bar can always be shared.
 *
 * Every (session, worker) selection gets a new generation number; a response is applied only if it belongs to the
 * current generation and names the session (and worker) asked for, so a poll still in flight when the user
 * switches cannot mix the old session's buckets into the new one's charts.
 */
(function () {
  'use strict';

  var FIGURES = {
    SATURATED_FRACTION: { title: 'Saturated fraction (condition 1)', log: false },
    ZERO_FRACTION: { title: 'Zero fraction (condition 2)', log: false },
    DEAD_UNITS: { title: 'Dead units (zero for the whole batch)', log: false },
    ACTIVATION_STD: { title: 'Activation std (log)', log: true },
    GRADIENT_NORM: { title: 'Weight-gradient norm (log)', log: true },
    UPDATE_RATIO: { title: 'Update : parameter ratio (log)', log: true }
  };
  var POLL_MS = 1000;
  var SESSIONS_MS = 3000;

  var el = function (id) { return document.getElementById(id); };
  var statusEl = el('status');
  var contentEl = el('content');
  var sessionSel = el('session');
  var workerSel = el('worker');
  var tbody = el('verdicts').querySelector('tbody');
  var NOT_LISTED = ' — not found';
  /** Tick steps of the iteration and layer-index axes: whole numbers only (1, 2, 5, 10, 20, 50, …). */
  var WHOLE_STEPS = [];
  for (var mag = 1; mag <= 1e9; mag *= 10) { WHOLE_STEPS.push(mag, 2 * mag, 5 * mag); }

  var params = new URLSearchParams(window.location.search);
  var state = {
    session: params.get('session') || '',
    chosenWorker: params.get('worker') || '', // what the user asked for ('' = the session's first worker)
    worker: params.get('worker') || '',       // the worker shown (pinned by the first answer)
    generation: 0,
    inFlight: -1,                             // generation of the data request in flight, -1 for none
    stride: 0,
    segment: 0,
    x: [],
    xLast: [],
    series: {},
    layerKey: '',
    charts: {},
    depthCharts: {},
    depthKey: '',
    depthLayers: [],
    sessions: {},                             // session id -> its entry of /health/sessions
    openFindings: {}                          // layer key -> whether its "more findings" are expanded
  };

  function text(tag, value, cls) {
    var e = document.createElement(tag);
    e.textContent = value === null || value === undefined ? '' : String(value);
    if (cls) { e.className = cls; }
    return e;
  }

  function getJson(path, query) {
    var q = new URLSearchParams();
    Object.keys(query || {}).forEach(function (k) {
      if (query[k] !== '' && query[k] !== null && query[k] !== undefined) { q.set(k, String(query[k])); }
    });
    var url = path + (q.toString() ? '?' + q.toString() : '');
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body && body.error ? body.error : 'HTTP ' + r.status); }
        return body;
      });
    });
  }

  /**
   * A number as the charts and legends show it: four significant digits, scientific notation outside
   * [1e-3, 1e4) ("1e-5", "2.5e-7", "3e19"), never rounded to "0".
   */
  function formatNumber(v) {
    if (v === null || v === undefined || isNaN(v)) { return ''; }
    if (v === 0 || !isFinite(v)) { return String(v); }
    var r = Number(v.toPrecision(4));
    var a = Math.abs(r);
    return a >= 1e-3 && a < 1e4 ? String(r) : r.toExponential().replace('e+', 'e');
  }

  /** The layer's name (its DL4J name, else its index), type and activation: "3 · DenseLayer, tanh". */
  function layerLabel(l) {
    var what = [];
    if (l.type) { what.push(l.type); }
    if (l.activation && l.activation !== 'none') { what.push(l.activation); }
    if (l.trainable === false) { what.push('frozen'); }
    return String(l.name) + (what.length ? ' · ' + what.join(', ') : '');
  }

  /** How a session or worker is marked in its select: by its latest verdict. */
  function marker(verdict) {
    return verdict === 'FAILING' ? ' — FAILING' : verdict === 'WARNING' ? ' — warning' : '';
  }

  /**
   * Fills a select with items {value, text, verdict} (rebuilt only when values or texts changed, so an open
   * dropdown is not disturbed by a poll) and selects one.
   */
  function setOptions(select, items, selected) {
    var current = Array.prototype.map.call(select.options, function (o) { return o.value + '\n' + o.textContent; });
    var wanted = items.map(function (it) { return it.value + '\n' + it.text; });
    if (current.length !== wanted.length || current.some(function (v, i) { return v !== wanted[i]; })) {
      select.replaceChildren();
      items.forEach(function (it) {
        var o = document.createElement('option');
        o.value = it.value;
        o.textContent = it.text;
        o.dataset.verdict = it.verdict || '';
        select.appendChild(o);
      });
    }
    if (items.some(function (it) { return it.value === selected; })) { select.value = selected; }
    var chosen = select.selectedOptions[0];
    select.dataset.verdict = chosen ? chosen.dataset.verdict : '';
  }

  function showMessage(message) {
    statusEl.textContent = message;
    statusEl.hidden = false;
    contentEl.hidden = true;
  }

  // ---- sessions ----------------------------------------------------------------------------------------------

  /**
   * The session select lists the sessions with gradient-health records, each marked by the worst latest verdict
   * of its workers ("— FAILING"); sessions without them (a StatsListener's, say) are counted beside it, not
   * listed. A deep-linked session that is not listed is kept as the selection and marked.
   */
  function loadSessions() {
    return getJson('/health/sessions').then(function (body) {
      var all = body.sessions || [];
      state.sessions = {};
      all.forEach(function (s) { state.sessions[s.sessionId] = s; });
      var health = all.filter(function (s) { return s.hasHealthRecords; });
      var others = all.filter(function (s) { return !s.hasHealthRecords; });
      var items = health.map(function (s) {
        return { value: s.sessionId, text: s.sessionId + marker(s.verdict), verdict: s.verdict };
      });
      if (!state.session && items.length > 0) { state.session = items[0].value; }
      if (state.session && !health.some(function (s) { return s.sessionId === state.session; })) {
        var known = state.sessions[state.session];
        items.push({ value: state.session, text: state.session
          + (known ? ' — no gradient-health records' : NOT_LISTED), verdict: 'NONE' });
      }
      setOptions(sessionSel, items, state.session);
      var note = el('other-sessions');
      note.textContent = others.length === 0 ? '' : '+' + others.length
        + (others.length === 1 ? ' session' : ' sessions') + ' without gradient-health records (not listed)';
      note.title = others.map(function (s) { return s.sessionId; }).join('\n');
      if (health.length === 0 && !state.session) {
        showMessage('No gradient-health records yet — attach a GradientHealthListener '
          + '(HealthConfig.builder().subscribe(HealthRecorder.to(storage))) and '
          + 'UIServer.getInstance().attach(storage).');
      }
      if (state.session) { setWorkerOptions(state.session, null, state.worker || state.chosenWorker); }
    }).catch(function (e) { showMessage('Could not load the sessions: ' + e.message); });
  }

  /**
   * Fills the worker select: the session's workers (from the data answer, else the sessions list), each marked by
   * its latest verdict, and a chosen worker that is not among them marked as not found.
   */
  function setWorkerOptions(session, workers, selected) {
    var entry = state.sessions[session];
    var verdicts = {};
    ((entry && entry.workers) || []).forEach(function (w) { verdicts[w.workerId] = w.verdict; });
    var ids = workers || ((entry && entry.workers) || []).map(function (w) { return w.workerId; });
    var items = ids.map(function (id) {
      return { value: id, text: id + marker(verdicts[id]), verdict: verdicts[id] };
    });
    if (selected && ids.indexOf(selected) < 0) {
      items.push({ value: selected, text: selected + NOT_LISTED, verdict: 'NONE' });
    }
    setOptions(workerSel, items, selected);
  }

  sessionSel.addEventListener('change', function () { select(sessionSel.value, ''); });
  workerSel.addEventListener('change', function () { select(state.session, workerSel.value); });

  function select(session, worker) {
    state.session = session;
    state.chosenWorker = worker;
    state.worker = worker;
    state.generation++;
    state.depthKey = '';
    resetSeries();
    var q = new URLSearchParams();
    if (session) { q.set('session', session); }
    if (worker) { q.set('worker', worker); }
    history.replaceState(null, '', window.location.pathname + (q.toString() ? '?' + q.toString() : ''));
    setWorkerOptions(session, null, worker);
    poll();
  }

  function resetSeries() {
    state.stride = 0;
    state.segment = 0;
    state.x = [];
    state.xLast = [];
    state.series = {};
  }

  /** Whether an answer to a request made in generation gen for (session, worker) may still be applied. */
  function current(gen, session, worker, body) {
    return gen === state.generation && session === state.session && worker === state.worker
      && (!body.found || (body.session === session && (!worker || body.worker === worker)));
  }

  // ---- data ----------------------------------------------------------------------------------------------

  function poll() {
    var gen = state.generation;
    if (state.inFlight === gen || !state.session) { return Promise.resolve(); }
    state.inFlight = gen;
    var session = state.session;
    var worker = state.worker;
    return getJson('/health/data', {
      session: session, worker: worker, from: state.stride ? Math.max(0, state.x.length - 1) : 0,
      stride: state.stride, segment: state.segment
    }).then(function (body) {
      if (!current(gen, session, worker, body)) { return; } // stale: the user switched meanwhile
      if (!body.found) {
        resetSeries();
        state.worker = state.chosenWorker; // the pinned worker is gone: ask for the chosen (or first) one again
        setWorkerOptions(session, body.workers || null, state.chosenWorker);
        showMessage(body.message);
        return;
      }
      render(body);
      return loadDepth();
    }).catch(function (e) {
      if (gen === state.generation) { showMessage('Could not load the gradient-health data: ' + e.message); }
    }).then(function () { if (state.inFlight === gen) { state.inFlight = -1; } });
  }

  /** Appends (or, when stride or segment changed, replaces) the buckets of one answer. */
  function merge(b) {
    if (b.stride !== state.stride || b.segment !== state.segment || b.from === 0) {
      state.x = [];
      state.xLast = [];
      state.series = {};
    }
    state.x.length = Math.min(state.x.length, b.from);
    state.xLast.length = Math.min(state.xLast.length, b.from);
    Array.prototype.push.apply(state.x, b.x || []);
    Array.prototype.push.apply(state.xLast, b.xLast || []);
    Object.keys(b.series || {}).forEach(function (f) {
      var stats = b.series[f];
      var old = state.series[f] || {};
      var next = {};
      ['mean', 'min', 'max', 'nonFinite'].forEach(function (k) {
        next[k] = (stats[k] || []).map(function (layerValues, l) {
          var keep = ((old[k] || [])[l] || []).slice(0, b.from);
          // nonFinite is null for a layer without diverged values in these buckets
          return keep.concat(layerValues || (k === 'nonFinite' ? zeros((b.x || []).length) : []));
        });
      });
      state.series[f] = next;
    });
    state.stride = b.stride;
    state.segment = b.segment;
  }

  function zeros(n) {
    var out = [];
    for (var i = 0; i < n; i++) { out.push(0); }
    return out;
  }

  function render(body) {
    statusEl.hidden = true;
    contentEl.hidden = false;
    setWorkerOptions(body.session, body.workers || [], body.worker);
    state.worker = body.worker;
    var latest = body.latest;
    el('summary').textContent = body.records + ' records' + (latest ? ', latest iteration ' + latest.iteration
      + ', epoch ' + latest.epoch + ', verdict ' + latest.verdict : '') + (body.model ? ' — ' + body.model : '');
    el('verdict-iteration').textContent = latest ? '(iteration ' + latest.iteration + ')' : '';
    renderHeadline(latest);
    renderTable(body.layers || []);
    var b = body.buckets || { stride: 0, from: 0, x: [] };
    b.segment = body.segment || 0;
    merge(b);
    el('downsampling').textContent = state.stride > 1
      ? '(' + state.x.length + ' points, ' + state.stride + ' records each: line = mean per bucket, '
        + 'shaded = min…max)' : '';
    renderCharts(body.layers || []);
  }

  /** "FAILING condition 2 (…): fraction of zero activations = 1.000 (fail threshold 0.9000)" */
  function findingText(f) {
    return f.verdict + ' ' + f.title + ': ' + f.measures + ' = ' + f.valueText + (f.thresholdText === null
      ? '' : ' (' + (f.verdict === 'FAILING' ? 'fail' : 'warn') + ' threshold ' + f.thresholdText + ')');
  }

  /** Appends a finding's cause (when explained) and remedy to parent, each a labelled line. */
  function appendDiagnosis(parent, f) {
    if (f.explanation) { parent.appendChild(labelled('cause', f.explanation, 'cause')); }
    parent.appendChild(labelled('remedy', f.remedy, 'remedy'));
  }

  function labelled(label, value, cls) {
    var line = text('div', '', cls);
    line.appendChild(text('span', label, 'label'));
    line.appendChild(document.createTextNode(' ' + value));
    return line;
  }

  function sameDiagnosis(a, b) {
    return a.cause === b.cause && a.explanation === b.explanation && a.remedy === b.remedy;
  }

  /** Sets an element's text only when it changed (a selection in it survives the page's polls). */
  function setText(e, value) {
    var t = value === null || value === undefined ? '' : String(value);
    if (e.textContent !== t) { e.textContent = t; }
  }

  /**
   * Rebuilds an element's content with fill() only when what it shows (sig) changed: the page polls every second,
   * and rebuilding unchanged content would drop the user's text selection and any click in progress.
   */
  function rebuild(e, sig, fill) {
    if (e.__shown === sig) { return; }
    e.__shown = sig;
    e.replaceChildren();
    fill(e);
  }

  /**
   * The iteration's headline finding (the diagnosed root cause) above the table; below it the model-level findings
   * (a NaN score) that are not the headline.
   */
  function renderHeadline(latest) {
    var h = latest ? latest.headline : null;
    var box = el('headline');
    box.hidden = !h;
    box.className = 'finding-box ' + (h ? h.verdict : '');
    rebuild(box, JSON.stringify(h), function (e) {
      if (h) {
        e.appendChild(text('div', 'Headline: ' + h.where + ' — ' + findingText(h), 'finding'));
        appendDiagnosis(e, h);
      }
    });
    var model = (latest && latest.modelFindings) || [];
    rebuild(el('model-findings'), JSON.stringify(model), function (e) {
      model.forEach(function (f) {
        var item = text('div', f.where + ': ' + findingText(f), 'finding');
        appendDiagnosis(item, f);
        e.appendChild(item);
      });
    });
  }

  /** The verdict table, updated in place: rows are added or removed, cells change only when their value did. */
  function renderTable(layers) {
    while (tbody.rows.length > layers.length) { tbody.deleteRow(-1); }
    layers.forEach(function (l, i) {
      var tr = tbody.rows[i];
      if (!tr) {
        tr = tbody.insertRow();
        ['', 'name', '', '', 'verdict', '', '', 'reason'].forEach(function (cls) {
          var td = tr.insertCell();
          if (cls) { td.className = cls; }
        });
      }
      tr.className = l.verdict + (l.rootCause ? ' root-cause' : '');
      [l.index, l.name, l.type, l.activation, l.verdictText || l.verdict, l.failingIterations,
        l.warningIterations].forEach(function (v, c) { setText(tr.cells[c], v); });
      rebuild(tr.cells[7], JSON.stringify([l.index, l.name, l.headline, l.findings]), function (td) {
        fillReason(td, l);
      });
    });
  }

  /**
   * The layer's headline finding with its cause and remedy; its other findings folded below (expanded state kept
   * across the page's re-renders), each with its own cause and remedy only where they differ from the headline's.
   */
  function fillReason(td, l) {
    var h = l.headline;
    if (!h) { return; }
    td.appendChild(text('div', findingText(h), 'finding'));
    appendDiagnosis(td, h);
    var others = l.findings || [];
    if (others.length > 0) {
      var key = l.index + '\n' + l.name;
      var more = document.createElement('details');
      more.open = !!state.openFindings[key];
      more.addEventListener('toggle', function () { state.openFindings[key] = more.open; });
      more.appendChild(text('summary', others.length + (others.length === 1 ? ' more finding' : ' more findings')));
      others.forEach(function (f) {
        var item = text('div', findingText(f), 'finding');
        more.appendChild(item);
        if (!sameDiagnosis(f, h)) { appendDiagnosis(item, f); }
      });
      td.appendChild(more);
    }
  }

  function positive(values) {
    return values.map(function (v) { return v === null || v <= 0 ? null : v; });
  }

  function chartBox(parent, key, title) {
    var box = document.createElement('div');
    box.className = 'chart';
    box.dataset.figure = key;
    box.appendChild(text('h3', title));
    var note = text('p', '', 'empty');
    note.hidden = true;
    box.appendChild(note);
    parent.appendChild(box);
    return box;
  }

  function color(i, n, alpha) {
    return 'hsla(' + Math.round(360 * i / Math.max(1, n)) + ', 70%, 42%, ' + (alpha === undefined ? 1 : alpha) + ')';
  }

  /**
   * One chart of a figure: per layer the mean per bucket (a line), and its min and max (thin light lines, the
   * band between them shaded; hidden from the legend), so a one-iteration spike inside a bucket stays visible.
   * Buckets where a layer's value diverged (NaN/Inf) are marked by red bands over the whole height.
   * Series order: x, then per layer l: mean 1 + 3l, max 2 + 3l, min 3 + 3l.
   */
  function makeChart(box, layers, log, xLabel, figure) {
    var series = [{ label: xLabel, value: iterationValue }];
    var bands = [];
    layers.forEach(function (l, i) {
      var n = layers.length;
      series.push({ label: layerLabel(l), stroke: color(i, n), width: 1.5, spanGaps: true, value: seriesValue });
      series.push({ label: layerLabel(l) + ' max', stroke: color(i, n, 0.5), width: 1, spanGaps: true,
        class: 'envelope', points: { show: false } });
      series.push({ label: layerLabel(l) + ' min', stroke: color(i, n, 0.5), width: 1, spanGaps: true,
        class: 'envelope', points: { show: false } });
      bands.push({ series: [2 + 3 * i, 3 + 3 * i], fill: color(i, n, 0.18) });
    });
    var opts = {
      width: 540, height: 220,
      scales: { x: { time: false }, y: log ? { distr: 3 } : { range: [0, 1] } },
      series: series,
      bands: bands,
      axes: [{ label: xLabel, incrs: WHOLE_STEPS, values: wholeValues }, { values: axisValues, size: 58 }],
      legend: { show: true },
      hooks: { draw: [function (u) { drawNonFinite(u, figure); }] }
    };
    var empty = [[]].concat(series.slice(1).map(function () { return []; }));
    return new uPlot(opts, empty, box);
  }

  /** Tick labels: numbers as formatNumber writes them (uPlot's default rounds 1e-5 to "0"); null = no label. */
  function axisValues(u, splits) {
    return splits.map(function (v) { return v === null || v === undefined ? null : formatNumber(v); });
  }

  /** Tick labels of the iteration and layer-index axes: whole numbers as they are (20000, not "2e4"). */
  function wholeValues(u, splits) {
    return splits.map(function (v) { return v === null || v === undefined ? null : String(v); });
  }

  /** Legend value of a series under the cursor ("--" when the cursor is off the chart). */
  function seriesValue(u, v, s, i) {
    return i === null || i === undefined ? '--' : formatNumber(v);
  }

  /** Legend value of the x series: the bucket's iterations ("700–703" once downsampled). */
  function iterationValue(u, v, s, i) {
    if (i === null || i === undefined || v === null || v === undefined) { return '--'; }
    var last = state.xLast[i];
    return last !== undefined && last !== v ? v + '–' + last : String(v);
  }

  /** Red bands over the buckets where any layer's value of the figure diverged (NaN/Inf). */
  function drawNonFinite(u, figure) {
    var marks = nonFiniteBuckets(figure);
    if (marks.length === 0) { return; }
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = 'rgba(220, 30, 30, 0.28)';
    marks.forEach(function (b) {
      var x0 = u.valToPos(state.x[b], 'x', true);
      var x1 = u.valToPos(state.xLast[b] === undefined ? state.x[b] : state.xLast[b], 'x', true);
      var w = Math.max(4 * (window.devicePixelRatio || 1), x1 - x0);
      ctx.fillRect(x0 - (x1 > x0 ? 0 : w / 2), u.bbox.top, w, u.bbox.height);
    });
    ctx.restore();
  }

  /** Bucket indexes where any layer has a diverged value of the figure. */
  function nonFiniteBuckets(figure) {
    var counts = (state.series[figure] || {}).nonFinite || [];
    var out = [];
    for (var b = 0; b < state.x.length; b++) {
      for (var l = 0; l < counts.length; l++) {
        if (counts[l] && counts[l][b] > 0) { out.push(b); break; }
      }
    }
    return out;
  }

  function renderCharts(layers) {
    var key = JSON.stringify(layers.map(function (l) { return [l.index, layerLabel(l)]; }));
    var container = el('charts');
    if (key !== state.layerKey) {
      Object.keys(state.charts).forEach(function (f) { state.charts[f].destroy(); });
      Object.keys(state.depthCharts).forEach(function (f) { state.depthCharts[f].destroy(); });
      state.charts = {};
      state.depthCharts = {};
      container.replaceChildren();
      el('depth').replaceChildren();
      state.layerKey = key;
      state.depthKey = '';
      Object.keys(FIGURES).forEach(function (f) {
        state.charts[f] = makeChart(chartBox(container, f, FIGURES[f].title), layers, FIGURES[f].log, 'iteration',
          f);
      });
      var depthBox = el('depth');
      state.depthCharts.ACTIVATION_STD = makeDepthChart(chartBox(depthBox, 'depth-std',
        'Activation std vs layer (log)'));
      state.depthCharts.GRADIENT_NORM = makeDepthChart(chartBox(depthBox, 'depth-grad',
        'Weight-gradient norm vs layer (log)'));
    }
    Object.keys(FIGURES).forEach(function (f) {
      var stats = state.series[f] || {};
      var data = [state.x.slice()];
      var drawn = 0;
      var column = function (k, i) {
        var v = (stats[k] || [])[i] || [];
        return FIGURES[f].log ? positive(v) : v.slice();
      };
      layers.forEach(function (l, i) {
        var mean = column('mean', i);
        mean.forEach(function (y) { if (y !== null) { drawn++; } });
        data.push(mean, column('max', i), column('min', i));
      });
      state.charts[f].setData(data);
      var box = container.querySelector('.chart[data-figure="' + f + '"]');
      var note = box.querySelector('.empty');
      note.hidden = drawn > 0 || state.x.length === 0;
      note.textContent = FIGURES[f].log ? 'Every value is 0 or not measured: nothing to draw on a log scale.'
        : 'No value measured.';
      renderNonFiniteNote(box, layers, stats.nonFinite || []);
    });
  }

  /** Under a chart: which layers had diverged (NaN/Inf) values, in how many records (red bands on the chart). */
  function renderNonFiniteNote(box, layers, counts) {
    var note = box.querySelector('.nonfinite');
    if (!note) {
      note = text('p', '', 'nonfinite');
      box.appendChild(note);
    }
    var parts = [];
    layers.forEach(function (l, i) {
      var n = (counts[i] || []).reduce(function (a, c) { return a + (c || 0); }, 0);
      if (n > 0) { parts.push(layerLabel(l) + ' in ' + n + (n === 1 ? ' record' : ' records')); }
    });
    note.hidden = parts.length === 0;
    note.textContent = parts.length ? 'NaN/Inf (red bands): ' + parts.join(', ') : '';
  }

  // ---- depth profile ---------------------------------------------------------------------------------------

  function makeDepthChart(box) {
    var opts = {
      width: 540, height: 220,
      scales: { x: { time: false }, y: { distr: 3 } },
      series: [{ label: 'layer', value: depthLayerValue },
        { label: 'value', stroke: '#1f5fa8', width: 2, points: { size: 7 }, value: seriesValue }],
      axes: [{ label: 'layer index (input → output)', incrs: WHOLE_STEPS, values: wholeValues },
        { values: axisValues, size: 58 }],
      legend: { show: true }
    };
    return new uPlot(opts, [[], []], box);
  }

  /** Legend value of the depth charts' x series: the layer under the cursor, named like everywhere. */
  function depthLayerValue(u, v, s, i) {
    if (i === null || i === undefined || v === null || v === undefined) { return '--'; }
    var l = state.depthLayers[i];
    return l ? layerLabel(l) : String(v);
  }

  var depthInput = el('depth-iteration');
  var depthFollow = el('depth-follow');
  depthInput.addEventListener('change', function () { depthFollow.checked = false; loadDepth(); });
  depthFollow.addEventListener('change', function () { loadDepth(); });

  /**
   * Loads the depth profile: following the latest record on every poll (served from the server's memory), a
   * chosen iteration only when it (or the selection) changed.
   */
  function loadDepth() {
    if (!state.session) { return Promise.resolve(); }
    var iteration = depthFollow.checked ? '' : depthInput.value;
    var key = JSON.stringify([state.generation, state.worker, state.segment, iteration]);
    if (iteration !== '' && key === state.depthKey) { return Promise.resolve(); }
    var gen = state.generation;
    var session = state.session;
    var worker = state.worker;
    return getJson('/health/depth', { session: session, worker: worker, iteration: iteration })
      .then(function (body) {
        if (!current(gen, session, worker, body)) { return; }
        state.depthKey = key;
        if (!body.found) { el('depth-shown').textContent = body.message; return; }
        el('depth-shown').textContent = 'showing iteration ' + body.iteration + ' (verdict ' + body.verdict + ')';
        if (depthFollow.checked) { depthInput.value = String(body.iteration); }
        var xs = body.layers.map(function (l) { return l.index; });
        state.depthLayers = body.layers;
        if (state.depthCharts.ACTIVATION_STD) {
          state.depthCharts.ACTIVATION_STD.setData([xs, positive(body.layers.map(function (l) {
            return l.activationStd; }))]);
          state.depthCharts.GRADIENT_NORM.setData([xs, positive(body.layers.map(function (l) {
            return l.gradientNorm; }))]);
        }
      })
      .catch(function (e) { el('depth-shown').textContent = 'Could not load the depth profile: ' + e.message; });
  }

  // ---- for tests and the curious -----------------------------------------------------------------------------

  /** Finite values drawn per chart in series first, first + 3, … (1: means, 2: maxima, 3: minima). */
  function count(first) {
    var out = {};
    Object.keys(state.charts).forEach(function (f) {
      var data = state.charts[f].data || [];
      var n = 0;
      for (var s = first; s < data.length; s += 3) {
        (data[s] || []).forEach(function (v) { if (v !== null && v !== undefined && isFinite(v)) { n++; } });
      }
      out[f] = n;
    });
    return out;
  }

  window.gradientHealth = {
    /** Number of finite mean points drawn per chart, keyed by figure. */
    points: function () { return count(1); },
    /** Number of finite max points drawn per chart (the upper edge of the min…max bands), keyed by figure. */
    maxPoints: function () { return count(2); },
    /** The largest value drawn for one layer of a figure: kind 'mean' (the line) or 'max' (the band's top). */
    largest: function (figure, layer, kind) {
      var c = state.charts[figure];
      var column = c && c.data ? c.data[1 + 3 * layer + (kind === 'max' ? 1 : 0)] || [] : [];
      return column.reduce(function (m, v) { return v !== null && v > m ? v : m; }, -Infinity);
    },
    /** Per figure, the bucket indexes marked red (diverged values). */
    nonFinite: function () {
      var out = {};
      Object.keys(state.charts).forEach(function (f) { out[f] = nonFiniteBuckets(f); });
      return out;
    },
    /** What the charts hold: session, worker, bucket x values and per layer the mean of one figure. */
    shown: function (figure) {
      var c = state.charts[figure];
      var data = c ? c.data || [] : [];
      var means = [];
      for (var s = 1; s < data.length; s += 3) { means.push(Array.prototype.slice.call(data[s])); }
      return { session: state.session, worker: state.worker, x: Array.prototype.slice.call(data[0] || []),
        mean: means };
    },
    depthPoints: function () {
      var c = state.depthCharts.GRADIENT_NORM;
      return c && c.data && c.data[1] ? c.data[1].filter(function (v) { return v !== null; }).length : 0;
    }
  };

  loadSessions().then(poll);
  setInterval(loadSessions, SESSIONS_MS);
  setInterval(poll, POLL_MS);
})();
