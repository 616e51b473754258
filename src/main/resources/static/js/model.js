// Model page: map of the sensors kept, forecast at a chosen sensor and step, training curve, metrics (and backtests),
// retained list.
'use strict';
(async () => {
  const { api, esc, num, duration, minutes, methodName } = App;
  const modelId = decodeURIComponent(location.pathname.split('/').pop() === 'model.html'
    ? new URLSearchParams(location.search).get('id') : location.pathname.split('/').pop());
  const path = '/models/' + encodeURIComponent(modelId);
  let sensors = [];        // {index, id, kept, raw, rank, lat, lon, mae}
  let map, mapView, forecastChart, forecastSeq = 0, selected, model;
  let whatIf = null, whatIfSeq = 0, whatIfTimer;   // what-if mode: the set of sensor indices read
  // a sensor is drawn as read (diamond) when the model reads it, or in what-if mode when the what-if set holds it
  const reads = s => whatIf ? whatIf.has(s.index) : s.kept;
  let stepMinutes = 5;     // the dataset's step: every horizon and time on this page is steps times this
  const forecasts = new Map();   // step -> pending or answered forecast

  try {
    let mask, retained, settings;
    [model, mask, retained, settings] = await Promise.all([api(path), api(path + '/mask'), api(path + '/retained-nodes'),
      fetch('/web/settings').then(r => r.json())]);
    document.title = `${model.id} — PruneGCRN`;
    stepMinutes = model.stepMinutes || 5;
    document.getElementById('title').textContent = model.id;
    const h = model.hyperparameters;
    document.getElementById('subtitle').textContent =
      `${methodName(h.method)} on ${model.datasetId}, γ = ${h.gamma}: keeps ${model.sensorsKept} of ${model.sensors} sensors`;
    facts(model);
    const rank = new Map(retained.retained.map(r => [r.index, r.rank]));
    sensors = mask.sensors.map(s => ({ index: s.index, id: s.sensorId, kept: s.kept, raw: s.raw, rank: rank.get(s.index) }));
    const dataset = await api('/datasets/' + encodeURIComponent(model.datasetId)).catch(() => null);
    const graph = dataset ? await api(`/datasets/${encodeURIComponent(model.datasetId)}/road-graph`).catch(() => null) : null;
    if (dataset) dataset.sensorList.forEach(s => Object.assign(sensors[s.index], { lat: s.latitude, lon: s.longitude }));
    const located = sensors.every(s => typeof s.lat === 'number' && typeof s.lon === 'number');
    let edges = graph ? graph.edges : [], source = 'road';
    if (!located && !edges.length) {   // nothing to place the sensors by: link each to its strongest learned neighbours
      edges = (await api(path + '/learned-graph?neighbours=3')).edges;
      source = 'learned';
    }
    drawMap(located, edges, source, settings);
    drawCurve(model.trainingCurve, model.bestEpoch);
    drawMetrics(model.test);
    setUpBacktest();
    setUpWhatIf();
    drawRetained();
    if (dataset) setUpForecast(dataset, model.network); else document.getElementById('forecast').innerHTML =
      '<p class="muted">The dataset of this model is gone: no readings to forecast from.</p>';
    loadSensorErrors();
  } catch (e) {
    App.showError(document.getElementById('facts'), e);
    document.getElementById('subtitle').textContent = '';
  }

  function facts(m) {
    const t = m.test.average;
    const items = [['Sensors kept', `${m.sensorsKept} / ${m.sensors}`], ['Budget ⌈γN⌉', m.budget], ['Test MAE', num(t.mae)],
      ['Test RMSE', num(t.rmse)], ['Test MAPE', num(t.mape, 2) + ' %'], ['Best epoch', m.bestEpoch],
      ['Training', duration(m.trainingSeconds)], ['Parameters', m.parameters.toLocaleString('en')]];
    document.getElementById('facts').innerHTML = items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('');
  }

  function tooltip(s) {
    return `<b>sensor ${esc(s.id)}</b> (#${s.index})<br>${s.kept ? `retained, rank ${s.rank}` : 'switched off'}<br>` +
      `raw mask ${num(s.raw)}<br>test MAE here ${s.mae === undefined ? '<i>computing…</i>' : num(s.mae)}` +
      (whatIf ? `<br>what-if: ${whatIf.has(s.index) ? 'read' : 'switched off'} (click to switch)` : '');
  }

  // The map: drawn once, redrawn (same axes) whenever the what-if set changes
  function drawMap(located, edges, source, settings) {
    const element = document.getElementById('map');
    map = App.chart(element);
    mapView = { located, edges, source, settings, element };
    renderMap();
    if (!located) document.getElementById('map-note').textContent += source === 'road'
      ? ' This dataset has no coordinates: the sensors are laid out by their road links.'
      : ' This dataset has neither coordinates nor a road graph: each sensor is linked to its 3 strongest neighbours in the graph the model learned.';
    if (located && settings.tileUrl && settings.tileAttribution) document.getElementById('map-note').textContent += ' Map tiles: ' + settings.tileAttribution;
    map.on('click', p => {
      const index = p.seriesType === 'graph' ? p.data.index : p.value && p.value[3];
      if (index === undefined || index === null) return;
      if (whatIf) toggleWhatIf(index); else selectSensor(index);
    });
  }

  function renderMap() {
    const { located, edges, source, settings, element } = mapView;
    const raws = sensors.filter(s => s.kept).map(s => s.raw);
    const lo = Math.min(...raws), hi = Math.max(...raws);
    const size = s => reads(s) ? 10 + 10 * (hi > lo ? Math.max(0, (s.raw - lo) / (hi - lo)) : 1) : changed(s) ? 11 : 6;
    const keptStyle = { borderColor: '#111', borderWidth: 1 };
    const offStyle = { color: '#fff', borderColor: '#6b7280', borderWidth: 1.3 };
    // what-if: the sensors switched on or off against the model's own set are ringed in vermilion
    const changed = s => whatIf && reads(s) !== s.kept ? { borderColor: '#D55E00', borderWidth: 3 } : null;
    const narrow = element.clientWidth < 600;   // phones: the colour scale goes below the map, away from the legend
    const visualMap = { type: 'continuous', min: lo, max: hi === lo ? lo + 1 : hi, dimension: 2, seriesIndex: 2, calculable: false,
      precision: 2, text: ['raw mask high', 'low'], orient: 'horizontal', itemHeight: 90, itemWidth: 12,
      ...(narrow ? { left: 'center', bottom: 0 } : { right: 0, top: 0 }),
      inRange: { color: ['#fde725', '#35b779', '#31688e', '#440154'] } };   // viridis, as viridis() below
    const names = whatIf ? ['read in the what-if', 'switched off in the what-if'] : ['retained', 'switched off'];
    const legend = { top: 0, left: 0, data: [...names, source === 'road' ? 'road links' : 'learned links'] };
    let option;
    if (located) {
      const point = s => ({ value: [s.lon, s.lat, s.raw, s.index], ...(changed(s) ? { itemStyle: changed(s) } : {}) });
      option = {
        animation: false, legend, visualMap, tooltip: { trigger: 'item', formatter: p => p.seriesType === 'lines' ? '' : tooltip(sensors[p.value[3]]) },
        grid: { left: 50, right: 20, top: narrow ? 52 : 56, bottom: narrow ? 64 : 40 },
        xAxis: { type: 'value', name: 'longitude', nameLocation: 'middle', nameGap: 24, splitNumber: narrow ? 3 : 5, ...fit(element, 'lon') },
        yAxis: { type: 'value', name: 'latitude', ...fit(element, 'lat') },
        series: [
          { name: 'road links', type: 'lines', coordinateSystem: 'cartesian2d', silent: true, z: 1,
            lineStyle: { color: '#8d99a8', width: 1, opacity: 0.55 },
            data: edges.map(e => ({ coords: [[sensors[e.from].lon, sensors[e.from].lat], [sensors[e.to].lon, sensors[e.to].lat]] })) },
          { name: names[1], type: 'scatter', symbol: 'circle', z: 2, itemStyle: offStyle,
            data: sensors.filter(s => !reads(s)).map(point), symbolSize: v => changed(sensors[v[3]]) ? 11 : 6 },
          { name: names[0], type: 'scatter', symbol: 'diamond', z: 3, itemStyle: keptStyle,
            data: sensors.filter(reads).map(point), symbolSize: v => size(sensors[v[3]]) }]
      };
      if (settings.tileUrl) option.series.push(tiles(element, option.xAxis, option.yAxis, settings.tileUrl));
    } else {
      // no coordinates: a force layout of the links, computed here and handed to the chart as fixed positions, which
      // it fits into the box below the legend (its own force layout spreads a large network past every edge); wheel and
      // drag zoom and pan. Colours by hand (a visual map would recolour the hollow circles).
      const categories = [{ name: names[0], symbol: 'diamond', itemStyle: { ...keptStyle, color: '#31688e' } },
        { name: names[1], symbol: 'circle', itemStyle: offStyle }];
      const xy = forceLayout(sensors.length, edges);
      const shrink = Math.min(1, Math.sqrt(250 / sensors.length));   // smaller symbols where many share the box
      option = {
        animation: false, legend: { top: 0, left: 0, data: [{ name: names[0], icon: 'diamond' }, { name: names[1], icon: 'circle' }] },
        tooltip: { trigger: 'item', formatter: p => p.dataType === 'node' ? tooltip(sensors[p.data.index]) : '' },
        series: [{ name: 'network', type: 'graph', layout: 'none', roam: true, scaleLimit: { min: 0.5, max: 20 }, categories,
          left: 16, right: 16, top: 48, bottom: 16, lineStyle: { color: '#8d99a8', opacity: 0.6 },
          data: sensors.map(s => ({ index: s.index, name: s.id, category: reads(s) ? 0 : 1, x: xy[s.index][0], y: xy[s.index][1],
            symbolSize: Math.max(4, size(s) * shrink),
            itemStyle: { ...(reads(s) ? { ...keptStyle, color: viridis(hi > lo ? (s.raw - lo) / (hi - lo) : 1) } : offStyle), ...changed(s) } })),
          links: edges.map(e => ({ source: e.from, target: e.to })) }]
      };
    }
    map.setOption(option, { notMerge: true });
    // for tests and scripts: what the chart actually holds
    const drawn = map.getOption().series;
    const count = s => (s.data || []).length;
    element.dataset.layout = located ? 'map' : 'graph';
    element.dataset.points = located ? count(drawn[1]) + count(drawn[2]) : count(drawn[0]);
    element.dataset.retained = located ? count(drawn[2]) : drawn[0].data.filter(d => d.category === 0).length;
    element.dataset.edges = located ? count(drawn[0]) : (drawn[0].links || []).length;
    element.dataset.tiles = located && drawn[3] ? count(drawn[3]) : 0;
    if (!located) {   // sensors drawn outside the chart or under the legend (none when the layout fits)
      const legendBottom = 44, w = element.clientWidth, h = element.clientHeight;
      element.dataset.outside = sensors.filter(s => {
        const [px, py] = map.convertToPixel({ seriesIndex: 0 }, [drawn[0].data[s.index].x, drawn[0].data[s.index].y]);
        return !(px >= 0 && px <= w && py >= legendBottom && py <= h);
      }).length;
    }
  }

  // Fruchterman–Reingold from a golden-angle spiral (the same picture on every load): linked sensors pull together,
  // all push apart, a weak pull to the centre keeps unlinked ones near. O(N²) a round, ~0.1 s at N = 675.
  function forceLayout(n, links) {
    const pos = Array.from({ length: n }, (_, i) => [Math.sqrt(i + 0.5) * Math.cos(i * 2.39996), Math.sqrt(i + 0.5) * Math.sin(i * 2.39996)]);
    const rounds = n > 1500 ? 60 : 120, dx = new Float64Array(n), dy = new Float64Array(n);
    let temperature = Math.sqrt(n) / 3;
    for (let round = 0; round < rounds; round++) {
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const ex = pos[i][0] - pos[j][0], ey = pos[i][1] - pos[j][1], f = 1 / Math.max(ex * ex + ey * ey, 1e-4);
          dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
        }
      }
      for (const l of links) {
        const ex = pos[l.from][0] - pos[l.to][0], ey = pos[l.from][1] - pos[l.to][1], d = Math.hypot(ex, ey);
        dx[l.from] -= ex * d; dy[l.from] -= ey * d; dx[l.to] += ex * d; dy[l.to] += ey * d;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= 0.05 * pos[i][0]; dy[i] -= 0.05 * pos[i][1];
        const d = Math.hypot(dx[i], dy[i]), step = d > temperature ? temperature / d : 1;
        pos[i][0] += dx[i] * step; pos[i][1] += dy[i] * step;
      }
      temperature *= 0.96;
    }
    return pos;
  }

  // Optional map tiles (prunegcrn.web.tile-url) under the points, as a custom series clipped to the axes. The axes are
  // linear in latitude, the tiles Web Mercator: at a city's extent the difference is well under a pixel per tile.
  function tiles(element, x, y, template) {
    const lon2tile = (lon, z) => Math.floor((lon + 180) / 360 * 2 ** z);
    const lat2tile = (lat, z) => Math.floor((1 - Math.asinh(Math.tan(lat * Math.PI / 180)) / Math.PI) / 2 * 2 ** z);
    const tile2lon = (t, z) => t / 2 ** z * 360 - 180;
    const tile2lat = (t, z) => Math.atan(Math.sinh(Math.PI * (1 - 2 * t / 2 ** z))) * 180 / Math.PI;
    const z = Math.max(1, Math.min(18, Math.round(Math.log2(360 * element.clientWidth / 256 / (x.max - x.min)))));
    const data = [];
    for (let tx = lon2tile(x.min, z); tx <= lon2tile(x.max, z); tx++) {
      for (let ty = lat2tile(y.max, z); ty <= lat2tile(y.min, z); ty++) data.push([tile2lon(tx, z), tile2lat(ty, z), tile2lon(tx + 1, z), tile2lat(ty + 1, z), tx, ty]);
    }
    return { name: 'tiles', type: 'custom', silent: true, clip: true, z: 0, data, encode: { x: [0, 2], y: [1, 3] },
      renderItem: (params, api) => {
        const [x0, y0] = api.coord([api.value(0), api.value(1)]), [x1, y1] = api.coord([api.value(2), api.value(3)]);
        const url = template.replace('{z}', z).replace('{x}', api.value(4)).replace('{y}', api.value(5));
        return { type: 'image', style: { image: url, x: x0, y: y0, width: x1 - x0, height: y1 - y0, opacity: 0.75 } };
      } };
  }

  // viridis from light (low raw value) to dark (high): ordered in lightness, so it reads without colour vision too
  function viridis(t) {
    const stops = [[253, 231, 37], [53, 183, 121], [49, 104, 142], [68, 1, 84]];
    const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1), i = Math.min(Math.floor(x), stops.length - 2), f = x - i;
    return `rgb(${stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c))).join(',')})`;
  }

  // Axis range around the sensors, widened so that a degree of longitude and of latitude keep their true ratio.
  function fit(element, axis) {
    const lats = sensors.map(s => s.lat), lons = sensors.map(s => s.lon);
    const box = { lat: [Math.min(...lats), Math.max(...lats)], lon: [Math.min(...lons), Math.max(...lons)] };
    const kx = Math.cos((box.lat[0] + box.lat[1]) / 2 * Math.PI / 180);
    const w = Math.max(element.clientWidth - 70, 100), h = Math.max(element.clientHeight - 104, 100);
    let spanLon = (box.lon[1] - box.lon[0]) * 1.08 || 0.01, spanLat = (box.lat[1] - box.lat[0]) * 1.08 || 0.01;
    if (spanLon * kx / spanLat > w / h) spanLat = spanLon * kx * h / w; else spanLon = spanLat * w / h / kx;
    const mid = (box[axis][0] + box[axis][1]) / 2, span = axis === 'lat' ? spanLat : spanLon;
    return { min: +(mid - span / 2).toFixed(4), max: +(mid + span / 2).toFixed(4),
      axisLabel: { formatter: v => v.toFixed(2), showMinLabel: false, showMaxLabel: false } };
  }

  function setUpForecast(ds, network) {
    forecastChart = App.chart(document.getElementById('forecast'));
    const select = document.getElementById('sensor');
    const byRank = [...sensors].sort((a, b) => (a.kept === b.kept ? (a.rank || 0) - (b.rank || 0) || a.index - b.index : a.kept ? -1 : 1));
    select.innerHTML = byRank.map(s => `<option value="${s.index}">${esc(s.id)} — ${s.kept ? 'retained #' + s.rank : 'switched off'}</option>`).join('');
    const slider = document.getElementById('step');
    const testStart = ds.split.trainSteps + ds.split.validationSteps;
    slider.min = Math.max(testStart, network.lag);
    slider.max = ds.steps - network.horizon;
    slider.value = slider.min;
    selected = byRank[0].index;
    select.addEventListener('change', () => selectSensor(Number(select.value)));
    let timer;
    slider.addEventListener('input', () => {
      document.getElementById('step-label').textContent = slider.value;
      clearTimeout(timer);
      timer = setTimeout(drawForecast, 150);   // one request when the slider rests, not one per pixel
    });
    drawForecast();
  }

  function selectSensor(index) {
    if (!forecastChart) return;
    selected = index;
    document.getElementById('sensor').value = String(index);
    drawForecast();
  }

  async function drawForecast() {
    const element = document.getElementById('forecast');
    const step = Number(document.getElementById('step').value);
    document.getElementById('step-label').textContent = step;
    const seq = ++forecastSeq;
    if (!forecasts.has(step)) forecasts.set(step, api(`${path}/forecast?step=${step}`));
    let forecast;
    try { forecast = await forecasts.get(step); } catch (e) { forecasts.delete(step); App.showError(element, e); return; }
    if (seq !== forecastSeq) return;   // a later request superseded this one
    const s = sensors[selected], f = forecast.sensors[selected];
    const labels = f.forecast.map((_, h) => `+${minutes(stepMinutes * (h + 1))}`);
    forecastChart.setOption({
      animation: false,
      title: { text: `sensor ${s.id}`, subtext: s.kept ? `retained (rank ${s.rank}): the model reads it`
        : 'switched off: forecast from the retained sensors only', left: 0, textStyle: { fontSize: 14 } },
      legend: { right: 0, top: 0 }, tooltip: { trigger: 'axis', valueFormatter: v => num(v, 2) },
      grid: { left: 46, right: 12, top: 64, bottom: 30 },
      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', scale: true, name: 'reading' },
      series: [
        { name: 'forecast', type: 'line', data: f.forecast, symbol: 'circle', symbolSize: 7, lineStyle: { width: 2.5 }, color: '#0072B2' },
        { name: 'actual', type: 'line', data: f.actual || [], symbol: 'rect', symbolSize: 7, lineStyle: { type: 'dashed', width: 2 }, color: '#D55E00' }]
    }, { notMerge: true });
    element.dataset.step = step;
    element.dataset.sensor = s.id;
    element.dataset.draws = Number(element.dataset.draws || 0) + 1;
  }

  function drawCurve(curve, bestEpoch) {
    const chart = App.chart(document.getElementById('curve'));
    const shades = { WARMUP: 'rgba(230,159,0,0.13)', PRUNING: 'rgba(0,114,178,0.12)', FINE_TUNING: 'rgba(0,158,115,0.12)' };
    const phases = [];
    curve.forEach(e => {
      const last = phases[phases.length - 1];
      if (last && last.phase === e.phase) last.to = e.epoch; else phases.push({ phase: e.phase, from: e.epoch, to: e.epoch });
    });
    chart.setOption({
      animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis', valueFormatter: v => num(v, 3) },
      grid: { left: 46, right: 46, top: 56, bottom: 36 },
      // integer ticks from 0 to n + 1 (labels 1..n), so that each phase's band can reach half an epoch either side
      xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 22, min: 0, max: curve.length + 1,
        interval: Math.max(1, Math.ceil(curve.length / 10)), axisLabel: { formatter: v => v >= 1 && v <= curve.length ? v : '' } },
      yAxis: [{ type: 'value', name: 'MAE', scale: true }, { type: 'value', name: 'sensors', minInterval: 1, splitLine: { show: false } }],
      series: [
        { name: 'training loss', type: 'line', data: curve.map(e => [e.epoch, e.trainLoss]), symbol: 'circle', color: '#0072B2',
          markArea: { silent: true, label: { position: 'insideTop', color: '#333', fontSize: 11 },
            data: phases.map(p => [{ xAxis: p.from - 0.5, name: p.phase.toLowerCase().replace('_', '-'), itemStyle: { color: shades[p.phase] } }, { xAxis: p.to + 0.5 }]) },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#444', type: 'dotted' }, label: { formatter: 'best' }, data: [{ xAxis: bestEpoch }] } },
        { name: 'validation MAE', type: 'line', data: curve.map(e => [e.epoch, e.validationMae]), symbol: 'rect', lineStyle: { type: 'dashed' }, color: '#D55E00' },
        { name: 'sensors kept', type: 'line', step: 'middle', yAxisIndex: 1, data: curve.map(e => [e.epoch, e.sensorsKept]), symbol: 'triangle', color: '#009E73' }]
    });
  }

  function drawMetrics(test) {
    const row = (label, m) => `<tr><td>${label}</td><td class="num">${num(m.mae)}</td><td class="num">${num(m.rmse)}</td><td class="num">${num(m.mape, 2)} %</td></tr>`;
    document.getElementById('metrics').innerHTML = test.perHorizon.map(m => row(`${m.step} (${minutes(stepMinutes * m.step)})`, m)).join('') +
      row('<b>average</b>', test.average);
  }

  // Backtest: forecasts every window of [from, to) again through GET …/backtest, streamed as NDJSON for its progress
  function setUpBacktest() {
    App.backtestForm(`${path}/backtest`, { forecasts: 'false' }, (r, form) => {
      drawMetrics(r.metrics);
      form.dataset.windows = r.windows;
      return `Backtest of steps ${r.from}–${r.to - 1}: ${r.windows} windows, ${num(r.windowsPerSecond, 1)} windows/s.`;
    });
  }

  // What-if: with the toggle on, a click on a sensor switches it on or off; the model's error reading that set is asked
  // for (POST …/what-if over the test split) once the clicks rest, and shown beside the model's own
  function setUpWhatIf() {
    const form = document.getElementById('whatif');
    form.elements.toggle.addEventListener('change', () => {
      whatIf = form.elements.toggle.checked ? new Set(sensors.filter(s => s.kept).map(s => s.index)) : null;
      form.elements.reset.disabled = form.elements.finetune.disabled = !whatIf;
      renderMap();
      showWhatIf(null);
    });
    form.elements.reset.addEventListener('click', () => {
      whatIf = new Set(sensors.filter(s => s.kept).map(s => s.index));
      renderMap();
      showWhatIf(null);
    });
    // a training job that fine-tunes this model on the set from its weights; its model opens from the start page
    form.elements.finetune.addEventListener('click', async () => {
      const out = document.getElementById('whatif-result');
      const keep = sensors.filter(s => whatIf.has(s.index)).map(s => s.id);
      form.elements.finetune.disabled = true;
      try {
        const job = await api(path + '/what-if', { method: 'POST', body: { keep, fineTune: { epochs: Number(form.elements.epochs.value) } } });
        out.innerHTML = `Fine-tuning on ${keep.length} sensors: job <a href="/#jobs-title">${esc(job.id)}</a> queued; its model will be ` +
          `<a href="/models/${encodeURIComponent(job.id)}">${esc(job.id)}</a> once it has trained.`;
        out.dataset.job = job.id;
      } catch (e) {
        out.innerHTML = `<span class="error">Fine-tuning refused: ${esc(e.message)}</span>`;
      } finally { form.elements.finetune.disabled = !whatIf; }
    });
    showWhatIf(null);
  }

  function toggleWhatIf(index) {
    if (whatIf.has(index)) whatIf.delete(index); else whatIf.add(index);
    renderMap();
    clearTimeout(whatIfTimer);
    whatIfTimer = setTimeout(runWhatIf, 500);   // one request when the clicks rest
    document.getElementById('whatif-progress').hidden = false;
  }

  async function runWhatIf() {
    const seq = ++whatIfSeq;
    const keep = sensors.filter(s => whatIf.has(s.index)).map(s => s.id);
    if (!keep.length) { showWhatIf(null, 'Switch at least one sensor on.'); return; }
    try {
      const r = await api(path + '/what-if', { method: 'POST', body: { keep } });
      if (seq === whatIfSeq && whatIf) showWhatIf(r);
    } catch (e) {
      if (seq === whatIfSeq) showWhatIf(null, 'What-if failed: ' + e.message);
    }
  }

  function showWhatIf(r, message) {
    const out = document.getElementById('whatif-result');
    const own = model.test.average.mae;
    document.getElementById('whatif-progress').hidden = true;
    ['mae', 'read', 'added', 'removed'].forEach(k => delete out.dataset[k]);
    if (!r) {
      out.textContent = message || (whatIf ? `Click sensors on the map to switch them on or off (those that differ from the model's set are ringed). The model's own ${model.sensorsKept} sensors: test MAE ${num(own)}.`
        : `Switch the toggle on to try other sets of sensors. The model's own ${model.sensorsKept} sensors: test MAE ${num(own)}.`);
      return;
    }
    const change = r.metrics.average.mae / own - 1;
    const diff = [r.added.length ? `+${r.added.length}: ${r.added.join(', ')}` : '', r.removed.length ? `−${r.removed.length}: ${r.removed.join(', ')}` : '']
      .filter(Boolean).join('; ');
    out.innerHTML = `What-if, ${r.sensorsRead} sensors read${diff ? ` (${esc(diff)})` : ' (the model\'s own set)'}: test MAE ` +
      `<b>${num(r.metrics.average.mae)}</b> against the model's ${num(own)} (${change >= 0 ? '+' : '−'}${num(Math.abs(100 * change), 1)} %).`;
    out.dataset.mae = r.metrics.average.mae;
    out.dataset.read = r.sensorsRead;
    out.dataset.added = r.added.join(',');
    out.dataset.removed = r.removed.join(',');
  }

  function drawRetained() {
    const kept = sensors.filter(s => s.kept).sort((a, b) => a.rank - b.rank);
    document.getElementById('retained').innerHTML = kept.map(s => `<tr><td class="num">${s.rank}</td><td>${esc(s.id)}</td>
      <td class="num">${num(s.raw)}</td><td class="num">${s.mae === undefined ? '…' : num(s.mae)}</td>
      <td class="num hide-narrow">${num(s.lat, 5)}</td><td class="num hide-narrow">${num(s.lon, 5)}</td></tr>`).join('');
    const csv = ['rank,index,sensor_id,raw_mask,latitude,longitude,test_mae'].concat(kept.map(s =>
      [s.rank, s.index, JSON.stringify(s.id), s.raw, s.lat ?? '', s.lon ?? '', s.mae ?? ''].join(','))).join('\n') + '\n';
    const link = document.getElementById('csv');
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `${modelId}-retained-sensors.csv`;
  }

  // GeoJSON for a GIS (every sensor at [longitude, latitude] with rank, raw mask and test MAE), as the API gives it
  async function offerGeoJson() {
    const response = await fetch(`/api/v1${path}/retained-nodes`, { headers: { Accept: 'application/geo+json' } });
    if (!response.ok) return;
    const link = document.getElementById('geojson');
    link.href = URL.createObjectURL(new Blob([await response.text()], { type: 'application/geo+json' }));
    link.download = `${modelId}-sensors.geojson`;
    link.hidden = false;
  }

  async function loadSensorErrors() {
    const note = document.getElementById('error-summary');
    note.textContent = 'Computing the test error per sensor…';
    try {
      const errors = await api(path + '/sensor-errors');
      errors.sensors.forEach(e => { sensors[e.index].mae = e.mae; });
      const mean = list => list.reduce((a, s) => a + s.mae, 0) / Math.max(1, list.length);
      note.textContent = `Test MAE at retained sensors ${num(mean(sensors.filter(s => s.kept)))}, at switched-off ones ${num(mean(sensors.filter(s => !s.kept)))}.`;
      drawRetained();
      if (mapView.located) offerGeoJson();
    } catch (e) { note.textContent = 'Per-sensor errors unavailable: ' + e.message; }
  }
})();
