// Shared helpers of the PruneGCRN pages: JSON API calls (with the API key for writes), formatting, escaping.
'use strict';
const App = (() => {
  const KEY = 'prunegcrn.apiKey';

  async function api(path, options = {}) {
    const method = options.method || 'GET';
    const headers = { Accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && sessionStorage.getItem(KEY)) headers['X-API-Key'] = sessionStorage.getItem(KEY);
    const response = await fetch('/api/v1' + path, {
      method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body)
    });
    if ((response.status === 401 || response.status === 403) && method !== 'GET' && !options.retried) {
      // the service requires an API key for writes: ask once, keep it for this browser session
      if (await askForKey()) return api(path, { ...options, retried: true });
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const problem = new Error((body && (body.detail || body.title)) || response.statusText);
      problem.status = response.status;
      throw problem;
    }
    return body;
  }

  // A long answer streamed as NDJSON (backtests): reports each progress line, returns the result line's result
  async function streamed(path, progress) {
    const response = await fetch('/api/v1' + path, { headers: { Accept: 'application/x-ndjson, application/problem+json' } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || response.statusText);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '', result;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const lines = (buffer + chunk.value).split('\n');
      buffer = lines.pop();
      lines.filter(Boolean).map(JSON.parse).forEach(line => {
        if (line.type === 'progress') progress(line.done, line.total);
        if (line.type === 'result') result = line.result;
      });
    }
    if (!result) throw new Error('the answer ended before the result');
    return result;
  }

  // A page's backtest form (#backtest: from, to, run; #backtest-progress, #backtest-note): streams path?query with the
  // range, hands the result to shown, which draws it and returns the note's text
  function backtestForm(path, query, shown) {
    const form = document.getElementById('backtest');
    const bar = document.getElementById('backtest-progress');
    const note = document.getElementById('backtest-note');
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const params = new URLSearchParams(query);
      ['from', 'to'].filter(name => form.elements[name].value).forEach(name => params.set(name, form.elements[name].value));
      form.elements.run.disabled = true;
      bar.hidden = false;
      bar.removeAttribute('value');
      note.textContent = 'Backtesting…';
      try {
        note.textContent = shown(await streamed(`${path}?${params}`, (done, total) => { bar.max = total; bar.value = done; }), form);
      } catch (e) {
        note.textContent = 'Backtest failed: ' + e.message;
      } finally {
        form.elements.run.disabled = false;
        bar.hidden = true;
      }
    });
  }

  function askForKey() {
    let dialog = document.getElementById('api-key-dialog');
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.id = 'api-key-dialog';
      dialog.innerHTML = '<form method="dialog"><h2>API key</h2><p class="muted">This service needs its API key to start ' +
        'or cancel jobs. It is kept in this tab only (session storage).</p><label>X-API-Key <input id="api-key-input" ' +
        'type="password" autocomplete="off" required></label><p><button value="ok">Use key</button> ' +
        '<button class="plain" value="cancel" formnovalidate>Cancel</button></p></form>';
      document.body.append(dialog);
    }
    return new Promise(resolve => {
      dialog.addEventListener('close', () => {
        const key = document.getElementById('api-key-input').value.trim();
        if (dialog.returnValue === 'ok' && key) { sessionStorage.setItem(KEY, key); resolve(true); } else resolve(false);
      }, { once: true });
      dialog.showModal();
    });
  }

  const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const num = (value, digits = 3) => (typeof value === 'number' && isFinite(value)) ? value.toFixed(digits) : '–';
  const duration = seconds => {
    if (typeof seconds !== 'number' || !isFinite(seconds)) return '–';
    const s = Math.round(seconds);
    return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  };
  const methodName = m => ({ prunegcrn: 'learned mask', random: 'random', correlation: 'correlation', qr: 'qr (POD pivots)',
    greedy: 'greedy (variance)', 'forecast-greedy': 'forecast-aware greedy', full: 'full (all sensors)' })[m] || m;
  // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies
  const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

  function showError(element, error) {
    element.innerHTML = `<p class="error" role="alert">${esc(error.message || error)}</p>`;
  }

  // charts follow their container's width (phone rotation, window resize)
  const charts = [];
  function chart(element) {
    const c = echarts.init(element, null, { renderer: 'canvas' });
    charts.push(c);
    return c;
  }
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  return { api, backtestForm, esc, num, duration, methodName, palette, showError, chart };
})();
