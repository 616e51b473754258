// Sweep page: the list of sweeps, and for one sweep the MAE against sensors kept per method with its knee.
'use strict';
(async () => {
  const { api, esc, num, methodName, palette } = App;
  const parts = location.pathname.split('/').filter(Boolean);
  const sweepId = parts.length === 2 ? decodeURIComponent(parts[1]) : new URLSearchParams(location.search).get('id');

  try {
    const sweeps = (await api('/sweeps?size=500')).items;
    document.getElementById('sweeps').innerHTML = sweeps.length ? sweeps.map(s => `<tr><td><a href="/sweeps/${encodeURIComponent(s.id)}">${esc(s.id)}</a></td>
      <td>${esc(s.datasetId)}</td><td>${esc(s.gammas.join(', '))}</td><td>${esc(s.methods.map(methodName).join(', '))}</td>
      <td class="num">${s.seeds.length}</td><td class="num">${s.epochs}</td><td class="hide-narrow">${esc(new Date(s.createdAt).toLocaleString())}</td></tr>`).join('')
      : '<tr><td colspan="7" class="muted">No sweeps yet.</td></tr>';
    if (sweepId) {
      const report = await api('/sweeps/' + encodeURIComponent(sweepId));
      const s = report.sweep;
      document.getElementById('title').textContent = `Sweep ${s.id} on ${s.datasetId}`;
      document.getElementById('subtitle').textContent = `${report.progress.jobsDone} of ${report.progress.jobsTotal} jobs finished; γ ${s.gammas.join(', ')}; seeds ${s.seeds.join(', ')}; ${s.epochs} epochs each.`;
      document.getElementById('report-card').hidden = false;
      showReport(report, 'test MAE');
      setUpBacktest();
    }
  } catch (e) { App.showError(document.getElementById('list-card'), e); }

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
    const title = measure[0].toUpperCase() + measure.slice(1);
    document.getElementById('report-title').textContent = `${title} against sensors kept`;
    document.getElementById('mae-head').textContent = `${title} (± sd)`;
    const rows = report.rows.filter(r => r.testMae !== null);
    const methods = [...new Set(rows.map(r => r.method))].filter(m => m !== 'full');
    const full = rows.find(r => r.method === 'full');
    const series = [];
    let kneePoint = null;
    methods.forEach((m, i) => {
      const pts = rows.filter(r => r.method === m).sort((a, b) => a.sensorsKept - b.sensorsKept);
      const data = pts.map(r => [r.sensorsKept, r.testMae, r.testMaeStd, r.gamma]);
      // the knee as the API computes it: the fewest sensors within the sweep's tolerance of the full model
      const kn = (report.knees || []).find(k => k.method === m && k.sensorsKept !== null);
      const k = kn ? [kn.sensorsKept, kn.testMae] : null;
      if (k && m === 'prunegcrn') kneePoint = k;
      series.push({ name: methodName(m), type: 'line', data, color: palette[i], symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4], symbolSize: 9,
        lineStyle: { type: ['solid', 'dashed', 'dotted'][i % 3] },
        markPoint: k ? { symbol: 'pin', symbolSize: 44, data: [{ name: 'knee', coord: k, value: 'knee' }] } : undefined });
      series.push({ name: methodName(m), type: 'custom', color: palette[i], silent: true, encode: { x: 0, y: [2, 3] },
        data: data.map(([x, y, sd]) => [x, y, y - sd, y + sd]),   // y encodes the bar's ends, so the axis makes room for them
        renderItem: (params, api) => {   // the spread across seeds as an error bar
          const lo = api.coord([api.value(0), api.value(2)]), hi = api.coord([api.value(0), api.value(3)]);
          const style = { stroke: palette[i], lineWidth: 1.5 };
          return { type: 'group', children: [{ type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0] - 5, y1: lo[1], x2: lo[0] + 5, y2: lo[1] }, style },
            { type: 'line', shape: { x1: hi[0] - 5, y1: hi[1], x2: hi[0] + 5, y2: hi[1] }, style }] };
        } });
    });
    if (full) series.push({ name: 'full model', type: 'line', data: [], color: '#000',
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#000', type: 'solid' }, label: { position: 'insideEndTop', formatter: `full model ${num(full.testMae)}` },
        data: [{ yAxis: full.testMae }] } });
    const element = document.getElementById('tradeoff');
    const chart = echarts.getInstanceByDom(element) || App.chart(element);
    chart.setOption({
      animation: false, legend: { top: 0 },
      tooltip: { trigger: 'item', formatter: p => p.seriesType === 'line' && p.value ? `${esc(p.seriesName)}, γ ${p.value[3]}<br>` +
        `${num(p.value[0], 1)} sensors kept<br>${measure} ${num(p.value[1])} ± ${num(p.value[2])}` : esc(p.name || '') },
      grid: { left: 50, right: 24, top: 48, bottom: 40 },
      xAxis: { type: 'value', name: 'sensors kept', nameLocation: 'middle', nameGap: 24,
        min: v => v.min - Math.max(1, v.max - v.min) * 0.05, max: v => v.max + Math.max(1, v.max - v.min) * 0.05, axisLabel: { showMinLabel: false, showMaxLabel: false } },
      yAxis: { type: 'value', name: measure, nameTextStyle: { align: 'left' }, scale: true },
      series
    }, true);   // not merged: a backtest's report replaces the series
    // for tests and scripts: what the chart shows
    element.dataset.points = rows.filter(r => r.method !== 'full').length;
    element.dataset.fullModel = full ? full.testMae : '';
    element.dataset.knee = kneePoint ? kneePoint.join(',') : '';
    const tolerance = num(100 * (s.kneeTolerance ?? 0.05), 0);
    document.getElementById('tradeoff-note').textContent = 'Points: mean over the seeds that finished; bars: ± one standard deviation across seeds.' +
      (report.fullModelMae === null ? ' The knees appear once the full model (or any method at γ = 1) has finished.'
        : ` A pin marks each method's knee: the fewest sensors whose ${measure} is within ${tolerance} % of the full model's.`);
    document.getElementById('rows').innerHTML = report.rows.map(r => `<tr><td>${esc(methodName(r.method))}</td><td class="num">${r.gamma}</td>
      <td class="num">${r.seedsDone}</td><td class="num">${num(r.sensorsKept, 1)} <span class="muted">/ ${r.budget}</span></td>
      <td class="num">${num(r.testMae)} ± ${num(r.testMaeStd)}</td><td class="num">${num(r.testRmse)}</td><td class="num">${num(r.testMape, 2)} %</td>
      <td class="num">${r.jaccard === null ? '–' : num(r.jaccard)}</td></tr>`).join('');
  }
})();
