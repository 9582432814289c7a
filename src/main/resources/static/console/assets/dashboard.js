// Dashboard charts (Apache ECharts). Data: /console/api/dashboard/* (aggregated from settlement rows).
(function () {
  'use strict';
  var t = document.getElementById('i18n').dataset;
  var api = t.api;
  var charts = [];

  function chart(id) {
    var c = echarts.init(document.getElementById(id));
    charts.push(c);
    return c;
  }

  function get(path) {
    return fetch(api + path, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function num(x) { return Number(x); }

  get('/days').then(function (days) {
    chart('chart-days').setOption({
      tooltip: {trigger: 'axis'},
      legend: {data: [t.settlements, t.fund]},
      grid: {left: 48, right: 56, bottom: 32, top: 40},
      xAxis: {type: 'category', data: days.map(function (d) { return d.date.substring(5); })},
      yAxis: [{type: 'value', name: t.settlements, minInterval: 1}, {type: 'value', name: t.fund}],
      series: [
        {name: t.settlements, type: 'bar', data: days.map(function (d) { return d.settlements; })},
        {name: t.fund, type: 'line', yAxisIndex: 1, smooth: true, data: days.map(function (d) { return num(d.fundPay); })}
      ]
    });
  });

  var levelName = {L1: t.l1, L2: t.l2, L3: t.l3, pharmacy: t.pharmacy, none: t.nolevel};
  get('/levels').then(function (rows) {
    chart('chart-levels').setOption({
      tooltip: {trigger: 'item'},
      legend: {bottom: 0},
      title: rows.length ? undefined : {text: t.empty, left: 'center', top: 'middle', textStyle: {color: '#888', fontSize: 14}},
      series: [{name: t.fund, type: 'pie', radius: ['35%', '65%'],
        data: rows.map(function (r) { return {name: levelName[r.key] || r.key, value: num(r.fundPay)}; })}]
    });
  });

  get('/limit-usage').then(function (u) {
    var labels = u.buckets.map(function (b) {
      if (b.key === 'none') { return t.none; }
      if (b.key === 'full') { return t.full; }
      var i = Number(b.key);
      return (i * 10) + '–' + (i * 10 + 10) + '%';
    });
    chart('chart-usage').setOption({
      tooltip: {trigger: 'axis'},
      grid: {left: 56, right: 16, bottom: 48, top: 24},
      xAxis: {type: 'category', data: labels, axisLabel: {rotate: 30}},
      yAxis: {type: 'value', name: t.persons, minInterval: 1},
      series: [{name: t.persons, type: 'bar', data: u.buckets.map(function (b) { return b.persons; })}]
    });
  });

  get('/top-institutions').then(function (rows) {
    rows = rows.slice().reverse();
    chart('chart-top').setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 8, right: 24, bottom: 24, top: 16, containLabel: true},
      title: rows.length ? undefined : {text: t.empty, left: 'center', top: 'middle', textStyle: {color: '#888', fontSize: 14}},
      xAxis: {type: 'value', name: t.fund},
      yAxis: {type: 'category', data: rows.map(function (r) { return r.name.length > 12 ? r.name.substring(0, 12) + '…' : r.name; })},
      series: [{name: t.fund, type: 'bar', data: rows.map(function (r) { return num(r.fundPay); })}]
    });
  });

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
