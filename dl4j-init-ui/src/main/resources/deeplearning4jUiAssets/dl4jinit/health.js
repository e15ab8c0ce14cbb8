/*
 * Gradient Health page (dl4j-init-ui). Polls /health/sessions, /health/data (incrementally: from + stride) and
 * /health/depth; every value from the server is placed with textContent (or option.value / uPlot labels, which
 * uPlot also sets with textContent), never parsed as HTML.
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
    worker: params.get('worker') || '',
    stride: 0,
    x: [],
    series: {},
    layerKey: '',
    charts: {},
    depthCharts: {},
    busy: false
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
          + '(GradientHealthListener.builder().record(storage)) and UIServer.getInstance().attach(storage).');
      }
    }).catch(function (e) { showMessage('Could not load the sessions: ' + e.message); });
  }

  sessionSel.addEventListener('change', function () { select(sessionSel.value, ''); });
  workerSel.addEventListener('change', function () { select(state.session, workerSel.value); });

  function select(session, worker) {
    state.session = session;
    state.worker = worker;
    resetSeries();
    var q = new URLSearchParams();
    if (session) { q.set('session', session); }
    if (worker) { q.set('worker', worker); }
    history.replaceState(null, '', '/health' + (q.toString() ? '?' + q.toString() : ''));
    poll();
  }

  function resetSeries() {
    state.stride = 0;
    state.x = [];
    state.series = {};
  }

  // ---- data ----------------------------------------------------------------------------------------------

  function poll() {
    if (state.busy || !state.session) { return Promise.resolve(); }
    state.busy = true;
    return getJson('/health/data', {
      session: state.session, worker: state.worker, from: state.stride ? Math.max(0, state.x.length - 1) : 0,
      stride: state.stride
    }).then(function (body) {
      if (!body.found) { resetSeries(); showMessage(body.message); return; }
      render(body);
      return loadDepth();
    }).catch(function (e) {
      showMessage('Could not load the gradient-health data: ' + e.message);
    }).then(function () { state.busy = false; });
  }

  function merge(b) {
    if (b.stride !== state.stride || b.from === 0) {
      state.x = [];
      state.series = {};
    }
    state.x.length = Math.min(state.x.length, b.from);
    Array.prototype.push.apply(state.x, b.x || []);
    Object.keys(b.series || {}).forEach(function (f) {
      var mean = b.series[f].mean;
      var old = state.series[f] || [];
      state.series[f] = mean.map(function (layerValues, l) {
        var keep = (old[l] || []).slice(0, b.from);
        return keep.concat(layerValues);
      });
    });
    state.stride = b.stride;
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
    var modelReasons = latest && latest.reasons ? latest.reasons : [];
    el('model-reasons').textContent = modelReasons.join(' ');
    merge(body.buckets || { stride: 0, from: 0, x: [] });
    el('downsampling').textContent = state.stride > 1
      ? '(' + state.x.length + ' points, ' + state.stride + ' records each: mean per bucket)' : '';
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
      tr.appendChild(text('td', l.verdict, 'verdict'));
      tr.appendChild(text('td', l.failingIterations));
      tr.appendChild(text('td', l.warningIterations));
      var reason = document.createElement('td');
      reason.className = 'reason';
      (l.reasons || []).forEach(function (r) { reason.appendChild(text('div', r)); });
      tr.appendChild(reason);
      tbody.appendChild(tr);
    });
  }

  function color(i, n) {
    return 'hsl(' + Math.round(360 * i / Math.max(1, n)) + ', 70%, 42%)';
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

  function makeChart(box, layers, log, xLabel) {
    var series = [{ label: xLabel }];
    layers.forEach(function (l, i) {
      series.push({ label: layerLabel(l), stroke: color(i, layers.length), width: 1.5, spanGaps: true });
    });
    var opts = {
      width: 540, height: 220,
      scales: { x: { time: false }, y: log ? { distr: 3 } : { range: [0, 1] } },
      series: series,
      axes: [{ label: xLabel }, {}],
      legend: { show: true }
    };
    var empty = [[]].concat(layers.map(function () { return []; }));
    return new uPlot(opts, empty, box);
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
      Object.keys(FIGURES).forEach(function (f) {
        state.charts[f] = makeChart(chartBox(container, f, FIGURES[f].title), layers, FIGURES[f].log, 'iteration');
      });
      var depthBox = el('depth');
      state.depthCharts.ACTIVATION_STD = makeDepthChart(chartBox(depthBox, 'depth-std',
        'Activation std vs layer (log)'));
      state.depthCharts.GRADIENT_NORM = makeDepthChart(chartBox(depthBox, 'depth-grad',
        'Weight-gradient norm vs layer (log)'));
    }
    Object.keys(FIGURES).forEach(function (f) {
      var values = state.series[f] || [];
      var data = [state.x.slice()];
      var drawn = 0;
      layers.forEach(function (l, i) {
        var v = values[i] || [];
        var column = FIGURES[f].log ? positive(v) : v.slice();
        column.forEach(function (y) { if (y !== null) { drawn++; } });
        data.push(column);
      });
      state.charts[f].setData(data);
      var note = container.querySelector('.chart[data-figure="' + f + '"] .empty');
      note.hidden = drawn > 0 || state.x.length === 0;
      note.textContent = FIGURES[f].log ? 'Every value is 0 or not measured: nothing to draw on a log scale.'
        : 'No value measured.';
    });
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

  function loadDepth() {
    if (!state.session) { return Promise.resolve(); }
    var iteration = depthFollow.checked ? '' : depthInput.value;
    return getJson('/health/depth', { session: state.session, worker: state.worker, iteration: iteration })
      .then(function (body) {
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

  window.gradientHealth = {
    /** Number of finite points drawn per chart, keyed by figure. */
    points: function () {
      var out = {};
      Object.keys(state.charts).forEach(function (f) {
        var data = state.charts[f].data || [];
        var n = 0;
        for (var s = 1; s < data.length; s++) {
          (data[s] || []).forEach(function (v) { if (v !== null && v !== undefined && isFinite(v)) { n++; } });
        }
        out[f] = n;
      });
      return out;
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
