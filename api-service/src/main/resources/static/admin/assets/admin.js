// BEMCom admin: small progressive enhancements and the history chart (plain JS, no library).
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    // Ask before destructive forms.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });
    // "Select all" for bulk actions.
    var all = document.getElementById('select-all');
    if (all) {
      all.addEventListener('change', function () {
        document.querySelectorAll('input.select-row').forEach(function (box) { box.checked = all.checked; });
      });
    }
    // Show only the metadata fields of the chosen data format (the server applies only those).
    var format = document.getElementById('id_data_format');
    if (format) {
      var update = function () {
        var any = false;
        document.querySelectorAll('[data-formats]').forEach(function (field) {
          var show = field.getAttribute('data-formats').split(' ').indexOf(format.value) >= 0;
          field.style.display = show ? '' : 'none';
          any = any || show;
        });
        var none = document.querySelector('.no-format');
        if (none) { none.style.display = any ? 'none' : ''; }
      };
      format.addEventListener('change', update);
      update();
    }
    // An empty table says so (its data-empty text, or a plain one), instead of showing only its header.
    document.querySelectorAll('table.list').forEach(function (table) {
      var body = table.tBodies[0] || table.createTBody();
      if (body.rows.length > 0) { return; }
      var header = table.tHead && table.tHead.rows[0];
      var row = body.insertRow();
      row.className = 'empty';
      var cell = row.insertCell();
      cell.colSpan = header ? header.cells.length : 1;
      cell.textContent = table.getAttribute('data-empty') || 'Nothing to show yet.';
    });
    var chart = document.getElementById('chart');
    if (chart) { drawChart(chart); }
  });

  var SVG = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function niceTicks(min, max, count) {
    var span = max - min || Math.abs(max) || 1;
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    if (err >= 7.5) { step *= 10; } else if (err >= 3.5) { step *= 5; } else if (err >= 1.5) { step *= 2; }
    var ticks = [];
    for (var v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) { ticks.push(+v.toPrecision(12)); }
    return ticks;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function timeLabel(ms, span) {
    var d = new Date(ms);
    var hm = pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
    var day = d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
    if (span <= 86400000) { return hm; }
    if (span <= 7 * 86400000) { return day.substring(5) + ' ' + hm; }
    return day;
  }

  window.bemcomAdmin = { drawChart: drawChart }; // live.js redraws the chart with live values

  function drawChart(host) {
    var points = JSON.parse(host.getAttribute('data-series') || '[]');
    var start = Number(host.getAttribute('data-start'));
    var end = Number(host.getAttribute('data-end'));
    var unit = host.getAttribute('data-unit') || '';
    var width = host.clientWidth || 800, height = host.clientHeight || 360;
    var m = { left: 64, right: 16, top: 14, bottom: 30 };
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'value history' }, host);
    if (points.length === 0) {
      el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', id: 'no-data' }, svg).textContent =
        'No numeric values in this range.';
      return;
    }
    var lo = Infinity, hi = -Infinity;
    points.forEach(function (p) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); });
    if (lo === hi) { lo -= 1; hi += 1; }
    var yTicks = niceTicks(lo, hi, 6);
    lo = Math.min(lo, yTicks[0]); hi = Math.max(hi, yTicks[yTicks.length - 1]);
    var x = function (t) { return m.left + (t - start) / Math.max(1, end - start) * (width - m.left - m.right); };
    var y = function (v) { return height - m.bottom - (v - lo) / (hi - lo) * (height - m.top - m.bottom); };
    yTicks.forEach(function (v) {
      el('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), 'class': 'grid' }, svg);
      el('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, svg).textContent = v + (unit ? ' ' + unit : '');
    });
    var span = end - start;
    for (var i = 0; i <= 6; i++) {
      var t = start + span * i / 6;
      el('line', { x1: x(t), x2: x(t), y1: height - m.bottom, y2: height - m.bottom + 4, 'class': 'axis' }, svg);
      el('text', { x: x(t), y: height - 10, 'text-anchor': i === 0 ? 'start' : (i === 6 ? 'end' : 'middle') }, svg)
        .textContent = timeLabel(t, span);
    }
    el('line', { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom, 'class': 'axis' }, svg);
    el('line', { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, 'class': 'axis' }, svg);
    var path = points.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1); }).join(' ');
    el('polyline', { points: path, 'class': 'line', id: 'series' }, svg);
    if (points.length <= 200) {
      points.forEach(function (p) {
        var dot = el('circle', { cx: x(p[0]), cy: y(p[1]), r: 2.5, 'class': 'dot' }, svg);
        el('title', {}, dot).textContent = new Date(p[0]).toISOString() + ': ' + p[1] + (unit ? ' ' + unit : '');
      });
    }
  }
}());
