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
