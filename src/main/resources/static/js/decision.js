// Model page, what an operator decides from: cost against the full model, constraints, the printable report, and what
// sensor failures cost (the failure curve, computed on request with its progress).
'use strict';
(async () => {
  const { api, esc, num } = App;
  const modelId = decodeURIComponent(location.pathname.split('/').pop() === 'model.html'
    ? new URLSearchParams(location.search).get('id') : location.pathname.split('/').pop());
  const path = '/models/' + encodeURIComponent(modelId);
  document.getElementById('report-link').href = `/api/v1${path}/report`;
  const facts = document.getElementById('decision-facts');
  let report;
  try {
    report = await api(path + '/report');
  } catch (e) { App.showError(facts, e); return; }
  const list = ids => ids.length ? (ids.length > 6 ? `${ids.slice(0, 6).join(', ')} … (${ids.length})` : ids.join(', ')) : 'none';
  const pct = share => `${share >= 0 ? '+' : '−'}${num(Math.abs(100 * share), 1)} %`;
  showFacts();

  // ridge regression on the same and on random sensors: seconds per fit, computed when asked for, then stored
  const yardstickButton = document.getElementById('yardstick-compute');
  yardstickButton.hidden = !!report.yardsticks;
  yardstickButton.addEventListener('click', async () => {
    const bar = document.getElementById('yardstick-progress');
    yardstickButton.disabled = true;
    bar.hidden = false;
    try {
      report.yardsticks = await api(path + '/yardsticks');
      yardstickButton.hidden = true;
      showFacts();
    } catch (e) {
      App.showError(facts, e);
      yardstickButton.disabled = false;
    } finally { bar.hidden = true; }
  });

  function showFacts() {
    const y = report.yardsticks;
    const items = [
      ['Against the full model', report.fullModel ? `${pct(report.fullModel.cost)} test MAE` : 'no full model yet'],
      ['Full model', report.fullModel ? `${report.fullModel.modelId} (${num(report.fullModel.testMae)})` : 'train one with method full'],
      ...(y ? [['Against ridge, same sensors', `${pct(y.costVsRidge)} (ridge ${num(y.ridgeMae)})`],
        ['Against ridge, random sets', `${pct(y.costVsRandom)} (mean of ${y.randomMaes.length}: ${num(y.randomMeanMae)})`]] : []),
      ['MAE at kept sensors', num(report.keptMae)], ['MAE at switched-off', num(report.droppedMae)],
      ['Must keep', list(report.mustKeep)], ['Must drop', list(report.mustDrop)]];
    facts.innerHTML = items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('');
    facts.dataset.cost = report.fullModel ? report.fullModel.cost : '';
    facts.dataset.ridge = y ? y.ridgeMae : '';
  }

  const button = document.getElementById('failure-compute');
  const bar = document.getElementById('failure-progress');
  const note = document.getElementById('failure-note');
  if (report.failureCurve) drawFailures(report.failureCurve);
  else {
    note.textContent = `Not computed yet: ${5 * 3} backtests of the test split with 1 to 25 % of the ${report.sensorsKept} ` +
      'retained sensors failing (minutes for a large network).';
    button.hidden = false;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    bar.hidden = false;
    note.textContent = 'Backtesting with failed sensors…';
    try {
      const response = await fetch(`/api/v1${path}/failure-curve`, { headers: { Accept: 'application/x-ndjson, application/problem+json' } });
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail || response.statusText);
      const lines = (await response.text()).split('\n').filter(Boolean).map(JSON.parse);
      const result = lines.find(l => l.type === 'result');
      if (!result) throw new Error('the answer ended before the result');
      button.hidden = true;
      drawFailures(result.result);
    } catch (e) {
      note.textContent = 'Failure curve failed: ' + e.message;
      button.disabled = false;
    } finally { bar.hidden = true; }
  });

  function drawFailures(c) {
    const element = document.getElementById('failure-chart');
    element.hidden = false;
    const chart = App.chart(element);
    const labels = ['none'].concat(c.points.map(p => `${Math.round(100 * p.rate)} % (${p.failed})`));
    const worst = c.points[c.points.length - 1];
    note.textContent = `Test MAE as a share of the ${c.sensorsKept} retained sensors fails for the whole test split ` +
      `(${c.draws} random sets each; the failed count in brackets). With ${worst.failed} failing: ${num(worst.meanMae)}, ` +
      `${pct(worst.meanMae / c.noFailureMae - 1)} against none failing (${num(c.noFailureMae)}).`;
    chart.setOption({
      animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis', valueFormatter: v => num(v, 3) },
      grid: { left: 50, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: labels, name: 'retained sensors failing', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: 'test MAE', scale: true },
      series: [
        { name: 'mean over draws', type: 'line', data: [c.noFailureMae].concat(c.points.map(p => p.meanMae)), symbol: 'circle', symbolSize: 7, color: '#0072B2' },
        { name: 'worst draw', type: 'line', data: [c.noFailureMae].concat(c.points.map(p => p.maxMae)), symbol: 'triangle', lineStyle: { type: 'dashed' }, color: '#D55E00' },
        { name: 'best draw', type: 'line', data: [c.noFailureMae].concat(c.points.map(p => p.minMae)), symbol: 'rect', lineStyle: { type: 'dotted' }, color: '#009E73' }]
    });
    element.dataset.points = c.points.length;
  }
})();
