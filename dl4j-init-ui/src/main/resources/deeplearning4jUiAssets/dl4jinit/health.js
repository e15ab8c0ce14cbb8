/*
 * Gradient Health page (dl4j-init-ui). Polls /health/sessions, /health/data (incrementally: from + stride +
 * segment) and /health/depth; every value from the server is placed with textContent (or option.value / uPlot
 * labels, which uPlot also sets with textContent), never parsed as HTML.
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
    depthKey: ''
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

  function setOptions(select, values, selected) {
    var current = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (current.length !== values.length || current.some(function (v, i) { return v !== values[i]; })) {
      select.replaceChildren();
      values.forEach(function (v) {
        var o = document.createElement('option');
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
    }
    if (values.indexOf(selected) >= 0) { select.value = selected; }
  }

  function showMessage(message) {
    statusEl.textContent = message;
    statusEl.hidden = false;
    contentEl.hidden = true;
  }

  // ---- sessions ----------------------------------------------------------------------------------------------

  function loadSessions() {
    return getJson('/health/sessions').then(function (body) {
      var ids = (body.sessions || []).filter(function (s) { return s.hasHealthRecords; })
        .map(function (s) { return s.sessionId; });
      if (state.session && ids.indexOf(state.session) < 0) { ids.push(state.session); }
      if (!state.session && ids.length > 0) { state.session = ids[0]; }
      setOptions(sessionSel, ids, state.session);
      if (ids.length === 0) {
        showMessage('No gradient-health records yet — attach a GradientHealthListener '
          + '(HealthConfig.builder().subscribe(HealthRecorder.to(storage))) and '
          + 'UIServer.getInstance().attach(storage).');
      }
    }).catch(function (e) { showMessage('Could not load the sessions: ' + e.message); });
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
    history.replaceState(null, '', '/health' + (q.toString() ? '?' + q.toString() : ''));
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

  function layerLabel(l) {
    return '#' + l.index + ' ' + l.name;
  }

  function render(body) {
    statusEl.hidden = true;
    contentEl.hidden = false;
    setOptions(workerSel, body.workers || [], body.worker);
    state.worker = body.worker;
    var latest = body.latest;
    el('summary').textContent = body.records + ' records' + (latest ? ', latest iteration ' + latest.iteration
      + ', epoch ' + latest.epoch + ', verdict ' + latest.verdict : '') + (body.model ? ' — ' + body.model : '');
    el('verdict-iteration').textContent = latest ? '(iteration ' + latest.iteration + ')' : '';
    renderTable(body.layers || []);
    // the headline finding (the diagnosed root cause) first, then model-level findings (a non-finite score)
    var modelReasons = latest && latest.headline ? ['headline: ' + latest.headline] : [];
    (latest && latest.reasons ? latest.reasons : []).forEach(function (r) {
      if (!latest.headline || r !== latest.headline) { modelReasons.push(r); }
    });
    el('model-reasons').textContent = modelReasons.join(' ');
    var b = body.buckets || { stride: 0, from: 0, x: [] };
    b.segment = body.segment || 0;
    merge(b);
    el('downsampling').textContent = state.stride > 1
      ? '(' + state.x.length + ' points, ' + state.stride + ' records each: line = mean per bucket, '
        + 'shaded = min…max)' : '';
    renderCharts(body.layers || []);
  }

  function renderTable(layers) {
    tbody.replaceChildren();
    layers.forEach(function (l) {
      var tr = document.createElement('tr');
      tr.className = l.verdict;
      tr.appendChild(text('td', l.index));
      tr.appendChild(text('td', l.name, 'name'));
      tr.appendChild(text('td', l.type));
      tr.appendChild(text('td', l.activation));
      tr.appendChild(text('td', l.verdictText || l.verdict, 'verdict'));
      tr.appendChild(text('td', l.failingIterations));
      tr.appendChild(text('td', l.warningIterations));
      var reason = document.createElement('td');
      reason.className = 'reason';
      (l.reasons || []).forEach(function (r) { reason.appendChild(text('div', r)); });
      tr.appendChild(reason);
      tbody.appendChild(tr);
    });
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
    var series = [{ label: xLabel }];
    var bands = [];
    layers.forEach(function (l, i) {
      var n = layers.length;
      series.push({ label: layerLabel(l), stroke: color(i, n), width: 1.5, spanGaps: true });
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
      axes: [{ label: xLabel }, {}],
      legend: { show: true },
      hooks: { draw: [function (u) { drawNonFinite(u, figure); }] }
    };
    var empty = [[]].concat(series.slice(1).map(function () { return []; }));
    return new uPlot(opts, empty, box);
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
    var key = JSON.stringify(layers.map(function (l) { return [l.index, l.name]; }));
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
      series: [{ label: 'layer' }, { label: 'value', stroke: '#1f5fa8', width: 2, points: { size: 7 } }],
      axes: [{ label: 'layer index (input → output)' }, {}],
      legend: { show: true }
    };
    return new uPlot(opts, [[], []], box);
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
