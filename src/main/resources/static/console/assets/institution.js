// Institution page: monthly totals chart (Apache ECharts), data from /console/api/institutions/{code}/months.
(function () {
  'use strict';
  var t = document.getElementById('i18n').dataset;
  var el = document.getElementById('chart-months');
  if (!el) { return; }
  fetch(t.api, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (months) {
      var c = echarts.init(el);
      c.setOption({
        tooltip: {trigger: 'axis'},
        legend: {data: [t.settlements, t.fund, t.medfee]},
        grid: {left: 48, right: 56, bottom: 32, top: 40},
        xAxis: {type: 'category', data: months.map(function (m) { return m.month; })},
        yAxis: [{type: 'value', name: t.settlements, minInterval: 1}, {type: 'value', name: t.fund}],
        series: [
          {name: t.settlements, type: 'bar', data: months.map(function (m) { return m.settlements; })},
          {name: t.fund, type: 'line', yAxisIndex: 1, data: months.map(function (m) { return Number(m.fundPay); })},
          {name: t.medfee, type: 'line', yAxisIndex: 1, data: months.map(function (m) { return Number(m.medfee); })}
        ]
      });
      window.addEventListener('resize', function () { c.resize(); });
    });
})();

// Institution page: the six supervision indicators by month (line chart), from /console/api/institutions/{code}/indicators.
(function () {
  'use strict';
  var t = document.getElementById('i18n').dataset;
  var el = document.getElementById('chart-indicators');
  if (!el) { return; }
  fetch(t.indicators, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (months) {
      var ids = ['I01', 'I02', 'I03', 'I04', 'I05', 'I06'];
      var series = ids.map(function (id, k) {
        var yuan = id === 'I03';
        return {
          name: id + ' ' + t[id.toLowerCase()], type: 'line', yAxisIndex: yuan ? 1 : 0, connectNulls: true,
          lineStyle: yuan ? {type: 'dashed'} : undefined,
          data: months.map(function (m) {
            var v = m.cells[k].value;
            return v === null ? null : (yuan ? Number(v) : Math.round(Number(v) * 1000) / 10);
          })
        };
      });
      var c = echarts.init(el);
      c.on('finished', function () { el.dataset.drawn = 'true'; });
      c.setOption({
        tooltip: {trigger: 'axis'},
        legend: {type: 'scroll', data: series.map(function (s) { return s.name; })},
        grid: {left: 52, right: 64, bottom: 32, top: 56},
        xAxis: {type: 'category', data: months.map(function (m) { return m.month; })},
        yAxis: [{type: 'value', name: t.pct}, {type: 'value', name: t.yuan}],
        series: series
      });
      window.addEventListener('resize', function () { c.resize(); });
    });
})();
