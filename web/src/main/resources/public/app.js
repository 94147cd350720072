// acp-stream's page: plain JavaScript over the REST API (docs/api.md), no build step.
'use strict';

const $ = (id) => document.getElementById(id);

async function api(path, options) {
  const r = await fetch(path, options);
  const text = await r.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: text }; }
  if (!r.ok) {
    const err = new Error((body && body.error) || ('HTTP ' + r.status));
    err.status = r.status;
    throw err;
  }
  return body;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c);
  }
  return e;
}

function emotionBadge(label, emotion) {
  if (!emotion) return el('span', { class: 'emotion' }, label + ': no emotion head');
  return el('span', { class: 'emotion', title: emotion.classNames.map((c, i) =>
    c + ' ' + emotion.probabilities[i].toFixed(2)).join(', ') },
    label + ': ' + emotion.top + ' ' + (emotion.topProbability * 100).toFixed(0) + '%');
}

function scoreBar(score) {
  return el('span', {}, el('span', { class: 'bar', style: 'width:' + Math.round(score * 120) + 'px' }),
    el('span', { class: 'score' }, score.toFixed(3)));
}

function segmentTitle(seg, fallback) {
  if (!seg) return fallback;
  const t = seg.startSeconds !== null && seg.startSeconds !== undefined
    ? ' (' + Math.round(seg.startSeconds) + '–' + Math.round(seg.startSeconds + seg.durationSeconds) + ' s)' : '';
  return seg.trackId + ' · segment ' + seg.index + t;
}

function player(seg) {
  if (!seg || !seg.audioUrl) return el('div', { class: 'note' }, 'no player: the song was not uploaded to this server');
  return el('audio', { controls: '', preload: 'none', src: seg.audioUrl });
}

// ---- status bar ----
async function refreshStatus() {
  try {
    const s = await api('/api/status');
    $('status-model').textContent = s.model && s.model.championVersion ? s.model.championVersion : 'none loaded';
    $('status-images').textContent = s.imagesProcessed;
    $('status-segments').textContent = s.segmentsProcessed;
    $('status-scores').textContent = s.scoresEmitted;
    $('status-dead-letters').textContent = s.deadLetters;
    const l = s.stepLatency && s.stepLatency['pair-score'];
    $('status-latency').textContent = l && l.count > 0 ? l.meanMs + ' ms mean' : '–';
    renderReports(s.reports || []);
  } catch (e) {
    $('status-model').textContent = 'unreachable';
  }
}

let shownReports = '';
function renderReports(names) {
  const key = names.join('|');
  if (key === shownReports || names.length === 0) return;
  shownReports = key;
  const box = $('report-plots');
  box.replaceChildren(...names.map((n) => el('figure', {},
    el('img', { src: '/api/reports/' + n.split('/').map(encodeURIComponent).join('/'), alt: n }),
    el('figcaption', { class: 'note' }, n))));
}

// ---- image -> music ----
function renderMusicMatches(m) {
  $('image-query').replaceChildren(emotionBadge('image', m.queryEmotion),
    el('span', { class: 'note' }, ' model ' + m.modelVersion));
  $('image-matches').replaceChildren(...m.matches.map((x) => el('li', { class: 'match', 'data-item': x.itemId },
    el('div', { class: 'title' }, segmentTitle(x.segment, x.itemId)),
    scoreBar(x.score), ' ', emotionBadge('music', x.emotion), emotionBadge('image', m.queryEmotion),
    player(x.segment))));
}

// Polls until the item's top-K exists, then keeps it fresh for a while: a list computed while the
// catalogue was still filling is replaced when the topology recomputes it.
let matchesPoll = 0;
async function pollMatches(itemId, render, status, deadline) {
  const poll = ++matchesPoll;
  let shown = null;
  while (Date.now() < deadline && poll === matchesPoll) {
    try {
      const m = await api('/api/matches/' + encodeURIComponent(itemId));
      if (m.computedAt !== shown) {
        shown = m.computedAt;
        render(m);
        status.textContent = m.matches.length + ' matches for ' + itemId;
      }
    } catch (e) {
      if (e.status !== 404) { status.textContent = e.message; status.classList.add('error'); return; }
    }
    await new Promise((r) => setTimeout(r, shown ? 3000 : 1000));
  }
  if (!shown && poll === matchesPoll) status.textContent = 'no matches for ' + itemId + ' yet: is a model loaded?';
}

$('image-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const status = $('image-status');
  status.classList.remove('error');
  const file = $('image-file').files[0];
  if (!file) return;
  const form = new FormData();
  form.append('file', file);
  status.textContent = 'uploading ' + file.name + ' …';
  $('image-matches').replaceChildren();
  try {
    const up = await api('/api/images', { method: 'POST', body: form });
    $('image-query').replaceChildren(el('img', { src: up.imageUrl, alt: file.name }));
    status.textContent = 'uploaded as ' + up.mediaId + '; waiting for the pipeline …';
    await pollMatches(up.mediaId, renderMusicMatches, status, Date.now() + 180000);
  } catch (e) {
    status.textContent = e.message;
    status.classList.add('error');
  }
});

// ---- track -> images ----
let tracks = [];
async function refreshTracks() {
  try {
    const t = await api('/api/tracks');
    if (JSON.stringify(t.map((x) => [x.trackId, x.segments.length])) ===
        JSON.stringify(tracks.map((x) => [x.trackId, x.segments.length]))) return;
    const chosen = $('track-select').value;
    tracks = t;
    $('track-select').replaceChildren(...t.map((x) => el('option', { value: x.trackId }, x.trackId)));
    if (chosen) $('track-select').value = chosen;
    fillSegments();
  } catch (e) { /* the status bar says when the server is unreachable */ }
}

function fillSegments() {
  const t = tracks.find((x) => x.trackId === $('track-select').value) || tracks[0];
  $('segment-select').replaceChildren(...(t ? t.segments : []).map((s) =>
    el('option', { value: s.index }, segmentTitle(s, 'segment ' + s.index))));
}
$('track-select').addEventListener('change', fillSegments);

$('track-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const status = $('track-status');
  status.classList.remove('error');
  const id = $('track-select').value + ':' + $('segment-select').value;
  status.textContent = 'looking up ' + id + ' …';
  try {
    const m = await api('/api/matches/' + encodeURIComponent(id));
    status.textContent = m.matches.length + ' images for ' + id;
    $('track-matches').replaceChildren(...m.matches.map((x) => el('li', { class: 'match', 'data-item': x.itemId },
      x.imageUrl ? el('img', { src: x.imageUrl, alt: x.itemId }) : null,
      el('div', { class: 'title' }, x.itemId), scoreBar(x.score), ' ', emotionBadge('image', x.emotion),
      emotionBadge('music', m.queryEmotion))));
  } catch (e) {
    status.textContent = e.message;
    status.classList.add('error');
  }
});

// ---- live ----
let liveTimer = null;
let liveUpdates = 0;
let liveLast = '';

async function refreshLive(key) {
  try {
    const v = await api('/api/live/' + encodeURIComponent(key));
    const stream = v.stream ? ' · ' + v.stream.trackId + ' ' + v.stream.state + ' ' +
      Math.round(v.stream.secondsSent) + ' s sent' : '';
    $('live-status').textContent = v.scores + ' scores for "' + key + '"' + stream;
    const signature = JSON.stringify([v.current && v.current.scoredAt, v.scores, v.stream && v.stream.secondsSent]);
    if (signature !== liveLast) {
      liveLast = signature;
      liveUpdates++;
      $('live-updates').textContent = liveUpdates;
    }
    if (!v.current) {
      $('live-current').replaceChildren(el('p', { class: 'note' }, 'no segment scored yet'));
      $('live-visuals').replaceChildren();
      return;
    }
    $('live-current').replaceChildren(
      el('div', { class: 'title', id: 'live-segment' }, segmentTitle(v.segment, v.current.musicId)),
      emotionBadge('music', v.musicEmotion), player(v.segment));
    $('live-visuals').replaceChildren(...v.visuals.map((s) => el('li', { class: 'match', 'data-item': s.imageId },
      s.imageUrl ? el('img', { src: s.imageUrl, alt: s.imageId }) : null,
      el('div', { class: 'title' }, s.imageId), scoreBar(s.probability), ' ', emotionBadge('image', s.imageEmotion))));
  } catch (e) {
    $('live-status').textContent = e.message;
  }
}

function watch(key) {
  if (liveTimer) clearInterval(liveTimer);
  liveLast = '';
  refreshLive(key);
  liveTimer = setInterval(() => refreshLive(key), 1000);
}

$('live-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  watch($('live-key').value.trim());
});

$('live-audio-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const file = $('live-audio-file').files[0];
  if (!file) return;
  const key = $('live-key').value.trim();
  const form = new FormData();
  form.append('file', file);
  form.append('pairingKey', key);
  form.append('speed', $('live-speed').value || '1');
  try {
    const up = await api('/api/audio', { method: 'POST', body: form });
    $('live-status').textContent = 'streaming ' + up.trackId + ' …';
    watch(key);
  } catch (e) {
    $('live-status').textContent = e.message;
  }
});

const params = new URLSearchParams(location.search);
if (params.get('live')) { $('live-key').value = params.get('live'); watch(params.get('live')); }
// /?image=ID shows the matches of an image already in the pipeline (e.g. sent by 'acp ingest images').
if (params.get('image')) {
  $('image-status').textContent = 'looking up ' + params.get('image') + ' …';
  pollMatches(params.get('image'), renderMusicMatches, $('image-status'), Date.now() + 60000);
}
refreshStatus();
refreshTracks();
setInterval(refreshStatus, 3000);
setInterval(refreshTracks, 5000);
