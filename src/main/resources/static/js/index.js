// Start page: models, jobs (live over server-sent events), datasets; start and cancel jobs.
'use strict';
(() => {
  const { api, esc, num, duration, minutes, methodName } = App;
  const startedHere = new Set();   // jobs started from this page open their model when they succeed
  const streams = new Map();

  async function loadModels() {
    const rows = document.getElementById('model-rows');
    try {
      const models = (await api('/models?size=500')).items;   // newest first
      rows.innerHTML = models.length ? models.map(m => `<tr data-model="${esc(m.id)}">
        <td><a href="/models/${encodeURIComponent(m.id)}">${esc(m.id)}</a></td><td class="hide-narrow">${esc(m.datasetId)}</td>
        <td>${esc(methodName(m.method))}</td><td class="num">${num(m.gamma, 2)}</td>
        <td class="num">${m.sensorsKept} of ${m.sensors} <span class="muted hide-narrow">(budget ${m.budget})</span></td>
        <td class="num">${num(m.testMae)}</td><td class="hide-narrow">${esc(new Date(m.createdAt).toLocaleString())}</td></tr>`).join('')
        : '<tr><td colspan="7" class="muted">No models yet: start a job below.</td></tr>';
    } catch (e) { App.showError(rows, e); }
  }

  async function loadDatasets() {
    const list = (await api('/datasets?size=500')).items;
    const select = document.getElementById('job-dataset');
    select.innerHTML = list.map(d => `<option>${esc(d.id)}</option>`).join('');
    const details = await Promise.all(list.map(d => api('/datasets/' + encodeURIComponent(d.id))));
    // the chosen dataset's sensor ids complete the must-keep and must-drop fields
    const suggest = () => {
      const d = details.find(x => x.id === select.value);
      document.getElementById('sensor-ids').innerHTML = d ? d.sensorList.map(s => `<option value="${esc(s.sensorId)}">`).join('') : '';
    };
    select.addEventListener('change', suggest);
    suggest();
    document.getElementById('dataset-rows').innerHTML = details.map(d => `<tr><td>${esc(d.id)}</td>
      <td class="num">${d.sensors}</td><td class="num">${d.steps}</td><td class="num">${minutes(d.stepMinutes)}</td>
      <td class="num">${d.split.trainSteps} / ${d.split.validationSteps} / ${d.split.testSteps}</td>
      <td class="hide-narrow">${esc(d.description || '')}</td></tr>`).join('');
  }

  const isActive = status => status === 'QUEUED' || status === 'RUNNING';

  function jobRow(job) {
    const p = job.progress;
    const done = p ? ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches) : 0;
    const active = isActive(job.status);
    const progress = active ? `<progress max="1" value="${done}" aria-label="progress of job ${esc(job.id)}"></progress>
        <span class="muted">${p ? `epoch ${p.epoch}/${p.epochs}` : 'waiting'}</span>`
      : job.status === 'SUCCEEDED' ? `<a href="/models/${encodeURIComponent(job.modelId)}">open model</a>` : esc(job.error || '');
    return `<td>${esc(job.id.slice(0, 12))}</td><td class="hide-narrow">${esc(job.datasetId)}</td><td class="hide-narrow">${esc(methodName(job.config.method))}</td>
      <td class="num">${num(job.config.gamma, 2)}</td><td class="status-${job.status}">${job.status.toLowerCase()}</td>
      <td>${progress}</td><td class="num">${active && p ? duration(p.etaSeconds) : ''}</td>
      <td>${active ? `<button class="danger" data-cancel="${esc(job.id)}">Cancel</button>` : ''}</td>`;
  }

  function showJob(job) {
    const body = document.getElementById('job-rows');
    let row = body.querySelector(`tr[data-job="${CSS.escape(job.id)}"]`);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.job = job.id;
      body.prepend(row);
    }
    // a finished job never runs again: a late reply (the cancel's, sent while it still ran) must not redraw it as running
    if (isActive(job.status) && row.dataset.status && !isActive(row.dataset.status)) return;
    row.dataset.status = job.status;
    row.innerHTML = jobRow(job);
  }

  function follow(job) {
    if (streams.has(job.id)) return;
    const source = new EventSource(`/api/v1/training-jobs/${encodeURIComponent(job.id)}/events`);
    streams.set(job.id, source);
    source.addEventListener('progress', e => { job = { ...job, progress: JSON.parse(e.data) }; showJob(job); });
    source.addEventListener('status', e => {
      job = JSON.parse(e.data);
      showJob(job);
      if (isActive(job.status)) return;
      source.close();
      streams.delete(job.id);
      loadModels();
      if (job.status === 'SUCCEEDED' && startedHere.has(job.id)) location.href = '/models/' + encodeURIComponent(job.modelId);
    });
    source.onerror = () => { if (source.readyState === EventSource.CLOSED) streams.delete(job.id); };
  }

  async function loadJobs() {
    const [active, recent] = await Promise.all([   // every running and queued job, and the newest 5 of the rest
      Promise.all(['RUNNING', 'QUEUED'].map(s => api(`/training-jobs?status=${s}&size=500`))).then(pages => pages.flatMap(p => p.items)),
      api('/training-jobs?size=25').then(p => p.items)]);
    const jobs = active.concat(recent.filter(j => !isActive(j.status) && !active.some(a => a.id === j.id)));
    jobs.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    const shown = jobs.filter(j => isActive(j.status)).concat(jobs.filter(j => !isActive(j.status)).slice(0, 5));
    shown.reverse().forEach(j => { showJob(j); if (isActive(j.status)) follow(j); });
    if (!shown.length) document.getElementById('job-rows').innerHTML = '<tr class="empty"><td colspan="8" class="muted">No jobs yet.</td></tr>';
  }

  document.getElementById('job-form').addEventListener('submit', async event => {
    event.preventDefault();
    const message = document.getElementById('job-message');
    const form = new FormData(event.target);
    const body = {};
    const ids = value => value.split(/[\s,;]+/).filter(Boolean);   // sensor ids as typed: commas, spaces or semicolons
    for (const [name, value] of form) {
      if (value === '') continue;
      body[name] = ['datasetId', 'method', 'forecaster'].includes(name) ? value
        : ['mustKeep', 'mustDrop'].includes(name) ? ids(value) : Number(value);
    }
    try {
      const job = await api('/training-jobs', { method: 'POST', body });
      startedHere.add(job.id);
      document.querySelector('#job-rows tr.empty')?.remove();
      showJob(job);
      follow(job);
      message.textContent = 'Started; its model opens when it is done.';
    } catch (e) { message.innerHTML = `<span class="error">${esc(e.message)}</span>`; }
  });

  document.getElementById('job-rows').addEventListener('click', async event => {
    const id = event.target.dataset.cancel;
    if (!id) return;
    event.target.disabled = true;
    try {
      // the job as the cancel left it; none (204) when it had finished meanwhile and its record went with the request
      const job = await api('/training-jobs/' + encodeURIComponent(id), { method: 'DELETE' });
      if (job) showJob(job); else document.querySelector(`#job-rows tr[data-job="${CSS.escape(id)}"]`)?.remove();
    }
    catch (e) { document.getElementById('job-message').innerHTML = `<span class="error">${esc(e.message)}</span>`; }
  });

  loadModels();
  loadDatasets().catch(e => App.showError(document.getElementById('dataset-rows'), e));
  loadJobs().catch(e => App.showError(document.getElementById('job-rows'), e));
})();
