// Sweep page: the list of sweeps and a form to start one; for one sweep, MAE against sensors kept per forecaster and
// method with the knees, the random band of the linear forecaster, the recommended set per budget and one progress line.
'use strict';
(async () => {
  const { api, esc, num, methodName, palette } = App;
  const parts = location.pathname.split('/').filter(Boolean);
  const sweepId = parts.length === 2 ? decodeURIComponent(parts[1]) : new URLSearchParams(location.search).get('id');
  const label = (forecaster, method) => `${methodName(method)}${forecaster === 'linear' ? ' (linear)' : ''}`;

  setUpForm();
  try {
    const sweeps = await api('/sweeps');
    document.getElementById('sweeps').innerHTML = sweeps.length ? sweeps.map(s => `<tr><td><a href="/sweeps/${encodeURIComponent(s.id)}">${esc(s.id)}</a></td>
      <td>${esc(s.datasetId)}</td><td>${esc(s.gammas.join(', '))}</td><td>${esc(s.methods.map(methodName).join(', '))}</td>
      <td class="hide-narrow">${esc((s.forecasters || ['network']).join(', '))}</td>
      <td class="num">${s.seeds.length}</td><td class="num">${s.epochs}</td><td class="hide-narrow">${esc(new Date(s.createdAt).toLocaleString())}</td></tr>`).join('')
      : '<tr><td colspan="8" class="muted">No sweeps yet: start one above.</td></tr>';
    if (!sweepId && !sweeps.length) document.getElementById('new-sweep').open = true;
    if (sweepId) {
      const report = await api('/sweeps/' + encodeURIComponent(sweepId));
      document.getElementById('report-card').hidden = false;
      showReport(report, 'test MAE');
      setUpBacktest();
      if (report.progress.jobsDone < report.progress.jobsTotal) poll();
    }
  } catch (e) { App.showError(document.getElementById('list-card'), e); }

  // a running sweep: its report again every few seconds until every job has finished
  function poll() {
    setTimeout(async () => {
      try {
        const report = await api('/sweeps/' + encodeURIComponent(sweepId));
        if (!document.getElementById('backtest').dataset.models) showReport(report, 'test MAE');
        if (report.progress.jobsDone < report.progress.jobsTotal) poll();
      } catch (e) { poll(); }
    }, 5000);
  }

  async function setUpForm() {
    const select = document.getElementById('sweep-dataset');
    try {
      select.innerHTML = (await api('/datasets')).map(d => `<option>${esc(d.id)}</option>`).join('');
    } catch (e) { /* the list card shows the error */ }
    document.getElementById('sweep-form').addEventListener('submit', async event => {
      event.preventDefault();
      const form = event.target;
      const message = document.getElementById('sweep-message');
      const numbers = text => text.split(',').map(v => v.trim()).filter(Boolean).map(Number);
      const checked = name => [...form.querySelectorAll(`input[name=${name}]:checked`)].map(c => c.value);
      const body = { datasetId: form.elements.datasetId.value, gammas: numbers(form.elements.gammas.value),
        methods: checked('methods'), forecasters: checked('forecasters'), seeds: numbers(form.elements.seeds.value),
        epochs: Number(form.elements.epochs.value), randomDraws: Number(form.elements.randomDraws.value || 0),
        warmStart: form.elements.warmStart.value };
      try {
        const sweep = await api('/sweeps', { method: 'POST', body });
        location.href = '/sweeps/' + encodeURIComponent(sweep.id);
      } catch (e) { message.innerHTML = `<span class="error">${esc(e.message)}</span>`; }
    });
  }

  // Backtest: every finished model over [from, to) through GET /sweeps/{id}/backtest, streamed for its progress;
  // the answer is the same report with the range's metrics, drawn in place of the test split's
  function setUpBacktest() {
    App.backtestForm(`/sweeps/${encodeURIComponent(sweepId)}/backtest`, {}, (r, form) => {
      showReport(r.report, `MAE over steps ${r.from}–${r.to - 1}`);
      form.dataset.models = r.models;
      return `Backtest of steps ${r.from}–${r.to - 1}: ${r.models} models × ${r.windows} windows in ${num(r.seconds, 1)} s.`;
    });
  }

  function showReport(report, measure) {
    const s = report.sweep;
    document.getElementById('title').textContent = `Sweep ${s.id} on ${s.datasetId}`;
    document.getElementById('subtitle').textContent = `γ ${s.gammas.join(', ')}; ${(s.forecasters || ['network']).join(' and ')}; ` +
      `seeds ${s.seeds.join(', ')}; ${s.epochs} epochs each` + (s.warmStart ? `; pruned networks start from ${s.warmStart}` : '') + '.';
    const line = document.getElementById('progress-line');
    line.hidden = false;
    line.textContent = report.progress.line + (s.error ? ` — ${s.error}` : '');
    const title = measure[0].toUpperCase() + measure.slice(1);
    document.getElementById('report-title').textContent = `${title} against sensors kept`;
    document.getElementById('mae-head').textContent = `${title} (± sd)`;
    const rows = report.rows.filter(r => r.testMae !== null);
    const curves = [...new Set(rows.filter(r => r.method !== 'full').map(r => `${r.forecaster}/${r.method}`))];
    const series = [];
    let kneePoint = null;
    curves.forEach((key, i) => {
      const [f, m] = key.split('/');
      const pts = rows.filter(r => r.forecaster === f && r.method === m).sort((a, b) => a.sensorsKept - b.sensorsKept);
      const data = pts.map(r => [r.sensorsKept, r.testMae, r.testMaeStd, r.gamma]);
      // the knee as the API computes it: the fewest sensors within the sweep's tolerance of the full model
      const kn = (report.knees || []).find(k => k.forecaster === f && k.method === m && k.sensorsKept !== null);
      const k = kn ? [kn.sensorsKept, kn.testMae] : null;
      if (k && m === 'prunegcrn') kneePoint = k;
      const color = palette[i % palette.length];
      series.push({ name: label(f, m), type: 'line', data, color, symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4], symbolSize: 9,
        lineStyle: { type: f === 'linear' ? 'dashed' : 'solid' },
        markPoint: k ? { symbol: 'pin', symbolSize: 44, data: [{ name: 'knee', coord: k, value: 'knee' }] } : undefined });
      series.push({ name: label(f, m), type: 'custom', color, silent: true, encode: { x: 0, y: [2, 3] },
        data: data.map(([x, y, sd]) => [x, y, y - sd, y + sd]),   // y encodes the bar's ends, so the axis makes room for them
        renderItem: (params, api) => {   // the spread across seeds as an error bar
          const lo = api.coord([api.value(0), api.value(2)]), hi = api.coord([api.value(0), api.value(3)]);
          const style = { stroke: color, lineWidth: 1.5 };
          return { type: 'group', children: [{ type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0] - 5, y1: lo[1], x2: lo[0] + 5, y2: lo[1] }, style },
            { type: 'line', shape: { x1: hi[0] - 5, y1: hi[1], x2: hi[0] + 5, y2: hi[1] }, style }] };
        } });
    });
    // the random band: the linear forecaster on many random sets, mean ± one standard deviation, as a shaded area
    const bands = ((report.figures || {}).randomBands || []).slice().sort((a, b) => a.sensors - b.sensors);
    if (bands.length) {
      const name = `random sets, linear (${bands[0].draws} draws, ± sd)`;
      series.push({ name, type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, color: '#999',
        data: bands.map(b => [b.sensors, b.meanTestMae - b.sdTestMae]), silent: true });
      series.push({ name, type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, color: '#999',
        areaStyle: { color: 'rgba(120,120,120,.25)' }, data: bands.map(b => [b.sensors, 2 * b.sdTestMae]), silent: true });
    }
    const fulls = rows.filter(r => r.method === 'full');
    fulls.forEach(full => series.push({ name: `full model (${full.forecaster})`, type: 'line', data: [], color: '#000',
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#000', type: full.forecaster === 'linear' ? 'dashed' : 'solid' },
        label: { position: 'insideEndTop', formatter: `full ${full.forecaster} ${num(full.testMae)}` }, data: [{ yAxis: full.testMae }] } }));
    const element = document.getElementById('tradeoff');
    const chart = echarts.getInstanceByDom(element) || App.chart(element);
    chart.setOption({
      animation: false, legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'item', formatter: p => p.seriesType === 'line' && p.value && p.value.length > 3 ? `${esc(p.seriesName)}, γ ${p.value[3]}<br>` +
        `${num(p.value[0], 1)} sensors kept<br>${measure} ${num(p.value[1])} ± ${num(p.value[2])}` : esc(p.seriesName || p.name || '') },
      grid: { left: 50, right: 24, top: 56, bottom: 40 },
      xAxis: { type: 'value', name: 'sensors kept', nameLocation: 'middle', nameGap: 24,
        min: v => v.min - Math.max(1, v.max - v.min) * 0.05, max: v => v.max + Math.max(1, v.max - v.min) * 0.05, axisLabel: { showMinLabel: false, showMaxLabel: false } },
      yAxis: { type: 'value', name: measure, nameTextStyle: { align: 'left' }, scale: true },
      series
    }, true);   // not merged: a backtest's report replaces the series
    // for tests and scripts: what the chart shows
    const network = fulls.find(r => r.forecaster === 'network');
    element.dataset.points = rows.filter(r => r.method !== 'full').length;
    element.dataset.fullModel = network ? network.testMae : '';
    element.dataset.knee = kneePoint ? kneePoint.join(',') : '';
    element.dataset.bands = bands.length;
    const tolerance = num(100 * (s.kneeTolerance ?? 0.05), 0);
    document.getElementById('tradeoff-note').textContent = 'Points: mean over the seeds that finished; bars: ± one standard deviation across seeds; ' +
      'solid lines: the network, dashed: the linear forecaster.' +
      (report.fullModelMae === null ? ' The knees appear once the full model has finished.'
        : ` A pin marks a method's knee: the fewest sensors whose ${measure} is within ${tolerance} % of the full model's.`);
    const stabilityOf = r => (((report.figures || {}).stability || []).find(x => x.method === r.method && x.gamma === r.gamma) || {}).bootstrapJaccard;
    const bandAt = gamma => bands.find(b => b.gamma === gamma);
    const recs = report.recommendations || [];
    document.getElementById('recommendations').innerHTML = recs.length ? recs.map(r => {
      const band = bandAt(r.gamma);
      return `<tr><td class="num">${r.gamma}</td><td class="num">${r.sensorsKept}</td><td>${esc(methodName(r.method))}</td>
        <td><a href="/models/${encodeURIComponent(r.modelId)}">${esc(r.modelId)}</a></td><td class="num">${num(r.validationMae)}</td>
        <td class="num">${num(r.testMae)}</td><td class="num">${band ? `${num(band.meanTestMae)} ± ${num(band.sdTestMae)}` : '–'}</td></tr>`;
    }).join('') : '<tr><td colspan="7" class="muted">Once a pruned network has finished.</td></tr>';
    document.getElementById('rows').innerHTML = report.rows.map(r => `<tr><td>${esc(r.forecaster)}</td><td>${esc(methodName(r.method))}</td><td class="num">${r.gamma}</td>
      <td class="num">${r.seedsDone}</td><td class="num">${num(r.sensorsKept, 1)} <span class="muted">/ ${r.budget}</span></td>
      <td class="num">${num(r.testMae)} ± ${num(r.testMaeStd)}</td><td class="num">${num(r.testRmse)}</td><td class="num">${num(r.testMape, 2)} %</td>
      <td class="num">${r.jaccard !== null ? num(r.jaccard) : stabilityOf(r) !== undefined ? `${num(stabilityOf(r))} <span class="muted">(bootstrap)</span>` : '–'}</td></tr>`).join('');
  }
})();
