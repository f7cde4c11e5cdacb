// "Hur många blir vi?" – the explorer page. Plain JavaScript with no libraries and nothing fetched
// from anywhere but this service: the page must work offline and behind a region's firewall.
// Charts are drawn as SVG here, in the same design as the service's chart endpoints (palette,
// Swedish labels and number format, a source line under every chart).
"use strict";

const api = "/api/v1";
const svgNs = "http://www.w3.org/2000/svg";

// Okabe & Ito (2008): distinguishable with every common colour-vision deficiency; the scenarios also differ by dash, so greyscale prints work too.
const palette = { blue: "#0072B2", orange: "#E69F00", vermillion: "#D55E00", green: "#009E73", sky: "#56B4E9", purple: "#CC79A7", black: "#1a1a1a", grey: "#6b6b6b" };
const scenarioStyle = {
  main: { color: palette.blue, dash: "" },
  low: { color: palette.vermillion, dash: "6 4" },
  high: { color: palette.green, dash: "2 3" },
  custom: { color: palette.purple, dash: "10 3 2 3" },
};
const scenarioNames = { main: "huvudalternativ", low: "lågt alternativ", high: "högt alternativ", custom: "eget scenario" };
const components = [
  { key: "births", label: "Födda", color: palette.green, dash: "" },
  { key: "deaths", label: "Döda", color: palette.black, dash: "" },
  { key: "domesticIn", label: "Inflyttade från andra kommuner", color: palette.blue, dash: "" },
  { key: "domesticOut", label: "Utflyttade till andra kommuner", color: palette.blue, dash: "6 4" },
  { key: "immigration", label: "Invandrade", color: palette.orange, dash: "" },
  { key: "emigration", label: "Utvandrade", color: palette.orange, dash: "6 4" },
];
const planningGroups = [
  { label: "Förskola (1–5 år)", parts: ["1-5"] },
  { label: "Grundskola (6–15 år)", parts: ["6-15"] },
  { label: "Gymnasium (16–18 år)", parts: ["16-18"] },
  { label: "Unga vuxna (19–24 år)", parts: ["19-24"] },
  { label: "25–64 år", parts: ["25-44", "45-64"] },
  { label: "65–79 år", parts: ["65-79"] },
  { label: "80 år och äldre", parts: ["80-89", "90+"] },
];
const trajectories = 500;

const whole = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signed = (n, format) => (n > 0 ? "+" : n < 0 ? "−" : "±") + format.format(Math.abs(n));

const state = { region: "19", scenario: "main", intervals: true, year: null, compare: "", years: "", embed: false, custom: null };
const data = { regions: [], scenarios: [], projections: {}, pyramids: {}, custom: null };
const $ = id => document.getElementById(id);

// ---------- the URL holds the state, so that every view can be linked ----------

function readUrl() {
  const q = new URLSearchParams(location.search);
  state.region = q.get("region") || state.region;
  state.scenario = q.get("scenario") || state.scenario;
  state.intervals = q.get("osakerhet") !== "0";
  state.year = q.has("year") ? Number(q.get("year")) : null;
  state.compare = q.get("compare") || "";
  state.years = q.get("years") || "";
  state.embed = q.get("embed") === "1";
}

function writeUrl() {
  const q = new URLSearchParams();
  q.set("region", state.region);
  q.set("scenario", state.scenario);
  if (!state.intervals) q.set("osakerhet", "0");
  if (state.year) q.set("year", state.year);
  if (state.compare) q.set("compare", state.compare);
  if (state.years) q.set("years", state.years);
  history.replaceState(null, "", "?" + q.toString());
  $("share-link").value = location.href;
  const embedUrl = `${location.origin}/?region=${encodeURIComponent(state.region)}&scenario=${encodeURIComponent(state.scenario)}&embed=1`;
  $("embed-code").value = `<iframe src="${embedUrl}" title="Folkmängd över tid: ${regionName(state.region)}" width="100%" height="560" style="border:0"></iframe>`;
}

// ---------- talking to the service ----------

async function getJson(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) {
    let detail = `${response.status}`;
    try {
      const problem = await response.json();
      detail = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ") : (problem.detail || problem.title || detail);
    } catch { /* not a problem document */ }
    throw new Error(detail);
  }
  return response.json();
}

function projectionUrl(scenario, extra) {
  const q = new URLSearchParams({ scenario, ...extra });
  return `${api}/projections/${encodeURIComponent(state.region)}?${q}`;
}

async function projection(scenario, withIntervals) {
  const key = `${state.region}|${scenario}|${withIntervals}`;
  if (!data.projections[key]) {
    const extra = { from: String(firstObservedYear()) };
    if (withIntervals) extra.trajectories = String(trajectories);
    data.projections[key] = getJson(projectionUrl(scenario, extra)).catch(error => { delete data.projections[key]; throw error; });
  }
  return data.projections[key];
}

async function pyramid(scenario, year, withIntervals) {
  const key = `${state.region}|${scenario}|${year}|${Boolean(withIntervals)}`;
  if (!data.pyramids[key]) {
    // With intervals: the same trajectories and seed as the totals' bands; the service computes them once for every year.
    const bands = withIntervals ? `&trajectories=${trajectories}` : "";
    data.pyramids[key] = getJson(`${api}/projections/${encodeURIComponent(state.region)}/pyramid?year=${year}&scenario=${encodeURIComponent(scenario)}${bands}`)
      .catch(error => { delete data.pyramids[key]; throw error; });
  }
  return data.pyramids[key];
}

// The region's published history starts here (1950 for Västmanland; 2001 where only 2001–2004 and the base year are offline).
const firstObservedYear = () => (data.regions.find(r => r.code === state.region) || { firstObservedYear: 1950 }).firstObservedYear;
const regionName = code => (data.regions.find(r => r.code === code) || { name: code }).name;
const countyName = code => (data.regions.find(r => r.code === code) || { name: `län ${code}` }).name;
const scenarioLabel = name => scenarioNames[name] || name;

function say(text, isError) {
  $("status").textContent = text;
  $("status").classList.toggle("error", !!isError);
}

// ---------- drawing: small SVG helpers ----------

function el(name, attributes, text) {
  const node = document.createElementNS(svgNs, name);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Round steps (1, 2, 2.5, 5 × 10^n) so that the axis has about `count` ticks. */
function ticks(max, count) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw);
  const result = [];
  for (let t = 0; t <= max + step * 1e-9; t += step) result.push(t);
  if (result[result.length - 1] < max) result.push(result[result.length - 1] + step);
  return result;
}

function chartWidth(container) {
  return Math.max(320, Math.min(1000, Math.round(container.clientWidth || 800)));
}

/**
 * A chart frame: title, plot area, legend below the plot (never over the data), and the source
 * line at the bottom. Returns the SVG and the plot area's box.
 */
function frame(container, { title, description, legend, source, height }) {
  const width = chartWidth(container);
  const narrow = width < 560;
  const font = 13;
  const legendColumns = narrow ? 1 : 2;
  const legendRows = Math.ceil(legend.length / legendColumns);
  const titleSize = narrow ? 15 : 17;
  const titleLines = wrap(title, Math.floor((width - 16) / (titleSize * 0.62)));
  const top = 30 + titleLines.length * (titleSize + 5);
  const legendHeight = legendRows * 20 + 8;
  const sourceLines = wrap(source, Math.floor((width - 16) / (font * 0.55)));
  const bottomText = 34 + legendHeight + sourceLines.length * 16;
  const plotHeight = height || (narrow ? 240 : 300);
  const totalHeight = top + plotHeight + bottomText;
  const svg = el("svg", { xmlns: svgNs, viewBox: `0 0 ${width} ${totalHeight}`, role: "img", "font-family": "DejaVu Sans, Segoe UI, sans-serif", "font-size": font });
  const titleId = `${container.id}-title`, descId = `${container.id}-desc`;
  svg.setAttribute("aria-labelledby", `${titleId} ${descId}`);
  svg.append(el("title", { id: titleId }, title), el("desc", { id: descId }, description));
  svg.append(el("rect", { x: 0, y: 0, width, height: totalHeight, fill: "#ffffff" }));
  titleLines.forEach((line, i) => svg.append(el("text", { x: 8, y: 22 + i * (titleSize + 5), "font-size": titleSize, "font-weight": 700, fill: palette.black }, line)));
  const left = narrow ? 58 : 72;
  const box = { left, top, right: width - 16, bottom: top + plotHeight, width, height: totalHeight };
  const legendTop = box.bottom + 34;
  const columnWidth = (width - 16) / legendColumns;
  legend.forEach((item, i) => {
    const x = 8 + (i % legendColumns) * columnWidth, y = legendTop + Math.floor(i / legendColumns) * 20;
    if (item.band) svg.append(el("rect", { x, y: y - 9, width: 22, height: 10, fill: item.color, "fill-opacity": item.opacity }));
    else svg.append(el("line", { x1: x, y1: y - 4, x2: x + 22, y2: y - 4, stroke: item.color, "stroke-width": 3, "stroke-dasharray": item.dash || "" }));
    svg.append(el("text", { x: x + 28, y, fill: palette.black }, item.label));
  });
  sourceLines.forEach((line, i) => svg.append(el("text", { x: 8, y: legendTop + legendHeight + i * 16, "font-size": 11, fill: "#4a4a4a" }, line)));
  return { svg, box };
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if ((line + " " + word).trim().length > width && line) { lines.push(line); line = word; } else line = (line + " " + word).trim();
  }
  if (line) lines.push(line);
  return lines;
}

function lineChart(container, { title, description, series, bands, yLabel, source, yFromZero, signedAxis }) {
  const legend = [...series.map(s => ({ label: s.label, color: s.color, dash: s.dash })), ...(bands || []).map(b => ({ label: b.label, color: b.color, opacity: b.opacity, band: true }))];
  const { svg, box } = frame(container, { title, description, legend, source });
  const points = series.flatMap(s => s.points).concat((bands || []).flatMap(b => b.upper));
  const xs = points.map(p => p[0]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const yMaxRaw = Math.max(...points.map(p => p[1]));
  const yMinRaw = Math.min(...points.map(p => p[1]));
  const yTicks = ticks(yMaxRaw * 1.02, 5);
  const yMin = yFromZero || yMinRaw >= 0 ? 0 : -ticks(-yMinRaw, 3).pop();
  const allTicks = yMin < 0 ? ticks(-yMin, 3).reverse().map(t => -t).concat(yTicks.slice(1)) : yTicks;
  const yMax = yTicks[yTicks.length - 1];
  const x = v => box.left + (v - x0) / Math.max(1, x1 - x0) * (box.right - box.left);
  const y = v => box.bottom - (v - yMin) / (yMax - yMin) * (box.bottom - box.top);
  for (const t of allTicks) {
    svg.append(el("line", { x1: box.left, x2: box.right, y1: y(t), y2: y(t), stroke: t === 0 ? "#767676" : "#e1e1e1" }));
    svg.append(el("text", { x: box.left - 6, y: y(t) + 4, "text-anchor": "end", fill: "#333" }, signedAxis ? whole.format(t) : whole.format(t)));
  }
  const span = x1 - x0;
  const step = span > 60 ? 20 : span > 30 ? 10 : 5;
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) {
    svg.append(el("line", { x1: x(t), x2: x(t), y1: box.bottom, y2: box.bottom + 5, stroke: "#767676" }));
    svg.append(el("text", { x: x(t), y: box.bottom + 19, "text-anchor": "middle", fill: "#333" }, String(t)));
  }
  svg.append(el("text", { x: 8, y: box.top - 8, fill: "#333" }, yLabel));
  for (const band of bands || []) {
    const d = band.upper.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("")
      + band.lower.slice().reverse().map(p => `L${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("") + "Z";
    svg.append(el("path", { d, fill: band.color, "fill-opacity": band.opacity, stroke: "none", "data-band": band.key || "" }));
  }
  for (const s of series) {
    const d = s.points.map((p, i) => `${i ? "L" : "M"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("");
    svg.append(el("path", { d, fill: "none", stroke: s.color, "stroke-width": s.width || 2.5, "stroke-dasharray": s.dash || "", "stroke-linejoin": "round", "data-series": s.key || "" }));
  }
  container.replaceChildren(svg);
}

function pyramidChart(container, { title, description, ages, outline, outlineLabel, source, axisMax, bands }) {
  const legend = [{ label: "Män", color: palette.blue }, { label: "Kvinnor", color: palette.orange }];
  if (outline) legend.push({ label: outlineLabel, color: palette.black, dash: "" });
  if (bands) legend.push({ label: "80 % och 95 % intervall per femårsklass", color: "#1a1a1a", dash: "" });
  const { svg, box } = frame(container, { title, description, legend, source, height: container.clientWidth < 560 ? 300 : 380 });
  const max = ticks(axisMax, container.clientWidth < 560 ? 2 : 3).pop();
  const middle = (box.left + box.right) / 2 - 10;
  const half = (box.right - box.left) / 2 - 10;
  const men = v => middle - v / max * half, women = v => middle + 20 + v / max * half;
  const rows = ages.length;
  const rowHeight = (box.bottom - box.top) / rows;
  const y = i => box.bottom - (i + 1) * rowHeight;
  ages.forEach((a, i) => {
    svg.append(el("rect", { x: men(a.men), y: y(i), width: middle - men(a.men), height: Math.max(0.5, rowHeight - 0.3), fill: palette.blue, "data-sex": "men" }));
    svg.append(el("rect", { x: middle + 20, y: y(i), width: women(a.women) - middle - 20, height: Math.max(0.5, rowHeight - 0.3), fill: palette.orange, "data-sex": "women" }));
  });
  if (outline) {
    const step = (f, side) => outline.map((a, i) => `${i ? "L" : "M"}${f(a[side]).toFixed(1)},${(y(i) + rowHeight).toFixed(1)}L${f(a[side]).toFixed(1)},${y(i).toFixed(1)}`).join("");
    svg.append(el("path", { d: step(men, "men"), fill: "none", stroke: palette.black, "stroke-width": 1.5 }));
    svg.append(el("path", { d: step(women, "women"), fill: "none", stroke: palette.black, "stroke-width": 1.5 }));
  }
  if (bands) {
    // Each five-year band's interval, per year of age (the band's count over its ages), across the band's middle.
    bands.forEach((band, b) => {
      const agesInBand = Math.min(5, rows - 5 * b);
      const at = y(5 * b + agesInBand - 1) + (agesInBand * rowHeight) / 2;
      for (const [f, side] of [[men, band.men], [women, band.women]]) {
        svg.append(el("line", { x1: f(side.lower95 / agesInBand), x2: f(side.upper95 / agesInBand), y1: at, y2: at, stroke: "#1a1a1a", "stroke-width": 1.2, "data-band": "pyramid-95" }));
        svg.append(el("line", { x1: f(side.lower80 / agesInBand), x2: f(side.upper80 / agesInBand), y1: at, y2: at, stroke: "#1a1a1a", "stroke-width": 3.5, "data-band": "pyramid-80" }));
      }
    });
  }
  const narrow = container.clientWidth < 560;
  for (const t of ticks(max, narrow ? 2 : 3)) {
    for (const [f, anchor] of t === 0 ? [[men, "end"], [women, "start"]] : [[men, "middle"], [women, "middle"]]) {
      svg.append(el("line", { x1: f(t), x2: f(t), y1: box.bottom, y2: box.bottom + 5, stroke: "#767676" }));
      svg.append(el("text", { x: f(t), y: box.bottom + 19, "text-anchor": anchor, fill: "#333" }, whole.format(t)));
    }
  }
  for (let age = 0; age < rows; age += 10) {
    svg.append(el("text", { x: middle + 10, y: y(age) + rowHeight, "text-anchor": "middle", "font-size": 11, fill: "#333" }, String(age)));
  }
  svg.append(el("text", { x: box.left, y: box.top - 8, fill: "#333" }, narrow ? "Män" : "Män, personer per ettårsklass"));
  svg.append(el("text", { x: box.right, y: box.top - 8, "text-anchor": "end", fill: "#333" }, "Kvinnor"));
  container.replaceChildren(svg);
}

// ---------- the views ----------

function sourceLine(p) {
  return `Källa: SCB; framskrivning: Projection, scenario ${scenarioLabel(p.scenario)}, basår ${p.baseYear}. Observerat till och med ${p.baseYear}, framskrivet därefter.`;
}

async function drawTotal() {
  const scenarios = ["main", "low", "high"].filter(n => data.scenarios.some(s => s.name === n));
  if (!scenarios.includes(state.scenario)) scenarios.unshift(state.scenario);
  const chosen = await projection(state.scenario, state.intervals);
  const others = await Promise.all(scenarios.filter(n => n !== state.scenario).map(n => projection(n, false)));
  const observed = chosen.years.filter(y => y.observed).map(y => [y.year, y.total]);
  const series = [{ key: "observed", label: "Observerad folkmängd (SCB)", color: palette.black, points: observed, width: 2 }];
  for (const p of [chosen, ...others]) {
    const style = scenarioStyle[p.scenario] || scenarioStyle.custom;
    series.push({ key: p.scenario, label: `Framskrivning, ${scenarioLabel(p.scenario)}`, color: style.color, dash: style.dash, points: p.years.filter(y => y.year >= p.baseYear).map(y => [y.year, y.total]), width: p === chosen ? 3 : 2 });
  }
  if (data.custom && data.custom.region === state.region) {
    series.push({ key: "custom", label: "Eget scenario", color: scenarioStyle.custom.color, dash: scenarioStyle.custom.dash, points: data.custom.projection.years.filter(y => y.year >= data.custom.projection.baseYear).map(y => [y.year, y.total]) });
  }
  const bands = [];
  if (chosen.uncertainty) {
    const u = chosen.uncertainty.years;
    bands.push({ label: "95 % av simulerade utfall", color: palette.sky, opacity: 0.25, upper: u.map(y => [y.year, y.total.upper95]), lower: u.map(y => [y.year, y.total.lower95]) });
    bands.push({ label: "80 % av simulerade utfall", color: palette.sky, opacity: 0.5, upper: u.map(y => [y.year, y.total.upper80]), lower: u.map(y => [y.year, y.total.lower80]) });
  }
  if (data.custom && data.custom.region === state.region && data.custom.projection.uncertainty) {
    // The custom scenario's own 80 % band (200 trajectories): new intervals while the planner looks at the chart.
    const u = data.custom.projection.uncertainty.years;
    bands.push({ key: "custom", label: "Eget scenario: 80 % av simulerade utfall", color: scenarioStyle.custom.color, opacity: 0.2, upper: u.map(y => [y.year, y.total.upper80]), lower: u.map(y => [y.year, y.total.lower80]) });
  }
  const last = chosen.years[chosen.years.length - 1];
  const base = chosen.years.find(y => y.year === chosen.baseYear);
  const name = chosen.regionName;
  const interval = chosen.uncertainty ? chosen.uncertainty.years[chosen.uncertainty.years.length - 1].total : null;
  const description = `${name} hade ${whole.format(base.total)} invånare ${chosen.baseYear}. Enligt ${scenarioLabel(chosen.scenario)} blir de ${whole.format(last.total)} år ${last.year}`
    + (interval ? ` (80 % av utfallen mellan ${whole.format(interval.lower80)} och ${whole.format(interval.upper80)})` : "")
    + "."
    + (others.length ? ` Andra scenarier år ${last.year}: ${others.map(o => `${scenarioLabel(o.scenario)} ${whole.format(o.years[o.years.length - 1].total)}`).join(", ")}.` : "")
    + trackRecord(chosen.uncertainty);
  lineChart($("total-chart"), { title: `${name}: folkmängd 31 december`, description, series, bands, yLabel: "Personer", source: sourceLine(chosen), yFromZero: true });
  $("total-caption").textContent = description;
  return chosen;
}

// How often the total's 80 % interval held in the backtests on regions like this one (docs/accuracy.md), so that the band is read for what it is.
function trackRecord(uncertainty) {
  const coverage = uncertainty && uncertainty.backtest ? uncertainty.backtest.coverage.filter(c => c.indicator === "total") : [];
  if (coverage.length === 0) return "";
  const held = coverage.map(c => `${whole.format(Math.round(c.in80Percent))} % av fallen efter ${c.horizonYears} år`).join(" och ");
  const where = coverage[0].measuredOn !== "municipalities" ? "län"
    : uncertainty.backtest.municipalCounty ? `kommunerna i ${countyName(uncertainty.backtest.municipalCounty)}` : "kommuner";
  return ` I efterhandsprövningar på ${where} hamnade folkmängden inom 80 %-intervallet i ${held}.`;
}

async function drawPyramid(chosen) {
  const slider = $("pyramid-year");
  const first = chosen.baseYear, last = chosen.years[chosen.years.length - 1].year;
  slider.min = first; slider.max = last;
  if (!state.year || state.year < first || state.year > last) state.year = Math.min(last, first + 10);
  slider.value = state.year;
  $("pyramid-year-value").textContent = state.year;
  slider.setAttribute("aria-valuetext", `år ${state.year}`);
  const current = await pyramid(state.scenario, state.year, state.intervals && state.year > first);
  const bands = current.uncertainty ? current.uncertainty.bands : null;
  const [atBase, atEnd] = await Promise.all([pyramid(state.scenario, first), pyramid(state.scenario, last)]);
  let outline = null, outlineLabel = "";
  if (state.compare === "base") { outline = atBase.ages; outlineLabel = `Basåret ${first}`; }
  else if (state.compare) { outline = (await pyramid(state.compare, state.year)).ages; outlineLabel = `${scenarioLabel(state.compare)} ${state.year}`; }
  const axisMax = Math.max(...[current, atBase, atEnd].flatMap(p => p.ages.flatMap(a => [a.men, a.women])), ...(outline || []).flatMap(a => [a.men, a.women]),
    ...(bands || []).map((b, i) => Math.max(b.men.upper95, b.women.upper95) / Math.min(5, current.ages.length - 5 * i)));
  const men = current.ages.reduce((s, a) => s + a.men, 0), women = current.ages.reduce((s, a) => s + a.women, 0);
  const over80 = current.ages.slice(80).reduce((s, a) => s + a.men + a.women, 0);
  const modeled = current.year === first && current.modeled;
  const description = `${current.regionName} år ${current.year}: ${whole.format(men)} män och ${whole.format(women)} kvinnor; ${whole.format(over80)} är 80 år eller äldre.`
    + (modeled ? " Basårets fördelning på ettårsklasser är modellerad, inte observerad." : "")
    + (bands ? ` Strecken visar var varje femårsklass hamnar i 80 % (tjockt) och 95 % (tunt) av ${whole.format(current.uncertainty.trajectories)} slumpade framtider, räknat per ettårsklass.` : "");
  pyramidChart($("pyramid-chart"), {
    title: `${current.regionName} ${current.year}: ålder och kön` + (modeled ? " (modellerad fördelning)" : current.year > first ? " (framskrivning)" : ""),
    description, ages: current.ages, outline, outlineLabel, axisMax, bands,
    source: sourceLine(chosen) + (modeled ? " Basårets åldersfördelning är modellerad." : ""),
  });
  $("pyramid-caption").textContent = description;
}

function drawComponents(chosen) {
  const projected = chosen.years.filter(y => y.year > chosen.baseYear);
  const series = components.map(c => ({ key: c.key, label: c.label, color: c.color, dash: c.dash, points: projected.map(y => [y.year, y[c.key]]) }));
  const first = projected[0], last = projected[projected.length - 1];
  const description = `${chosen.regionName}, ${scenarioLabel(chosen.scenario)}: år ${first.year} föds ${whole.format(first.births)} och dör ${whole.format(first.deaths)}; år ${last.year} föds ${whole.format(last.births)} och dör ${whole.format(last.deaths)}. Inflyttade ${whole.format(first.domesticIn + first.immigration)} och utflyttade ${whole.format(first.domesticOut + first.emigration)} år ${first.year}.`;
  lineChart($("components-chart"), { title: `${chosen.regionName}: födda, döda och flyttningar per år`, description, series, yLabel: "Personer per år", source: sourceLine(chosen), yFromZero: true });
  $("components-caption").textContent = description;
}

function chosenYears(chosen) {
  const all = chosen.years.map(y => y.year);
  const asked = (state.years || "").split(",").map(s => Number(s.trim())).filter(y => all.includes(y) && y > chosen.baseYear);
  if (asked.length) return [...new Set(asked)].sort((a, b) => a - b);
  return [5, 10, 20, 30].map(d => chosen.baseYear + d).filter(y => all.includes(y));
}

function drawGroups(chosen) {
  const years = chosenYears(chosen);
  $("years").value = years.join(", ");
  const byYear = Object.fromEntries(chosen.years.map(y => [y.year, y]));
  const base = byYear[chosen.baseYear];
  const value = (y, g) => g ? g.parts.reduce((s, p) => s + y.ageGroups[p], 0) : y.total;
  const table = $("groups-table");
  table.replaceChildren();
  const caption = document.createElement("caption");
  caption.textContent = `${chosen.regionName}, ${scenarioLabel(chosen.scenario)}: personer 31 december och förändring från ${chosen.baseYear}`;
  caption.className = "caption";
  table.append(caption);
  const head = table.createTHead().insertRow();
  const cell = (row, text, header) => { const c = document.createElement(header ? "th" : "td"); c.textContent = text; if (header) c.scope = header; row.append(c); return c; };
  cell(head, "Grupp", "col");
  cell(head, `${chosen.baseYear}`, "col");
  for (const y of years) { cell(head, `${y}`, "col"); cell(head, `Förändring ${chosen.baseYear}–${y}`, "col"); }
  const body = table.createTBody();
  for (const g of [...planningGroups, null]) {
    const row = body.insertRow();
    cell(row, g ? g.label : "Totalt", "row");
    const now = value(base, g);
    cell(row, whole.format(now));
    for (const y of years) {
      const then = value(byYear[y], g);
      cell(row, whole.format(then));
      cell(row, `${signed(Math.round(then - now), whole)} (${signed((then - now) / now * 100, oneDecimal)} %)`);
    }
  }
  $("groups-caption").textContent = "Antalen är avrundade till hela personer; framskrivna tal är beräknade, inte exakta.";
}

function downloads(chosen) {
  const csv = (extra, label, file) => `<a href="${projectionUrl(state.scenario, { format: "csv-excel", ...extra })}" download="${file}">${label}</a>`;
  const code = state.region;
  const section = view => document.querySelector(`.downloads[data-view="${view}"]`);
  const images = view => `<button type="button" data-svg="${view}-chart">Ladda ned SVG</button><button type="button" data-png="${view}-chart">Ladda ned PNG</button>`;
  section("total").innerHTML = csv({ from: String(firstObservedYear()) }, "Ladda ned CSV (Excel)", `folkmangd-${code}-${state.scenario}.csv`) + images("total")
    + ` <a href="${api}/projections/${code}/charts/total.svg?scenario=${encodeURIComponent(state.scenario)}">Diagrammet från API:t</a>`;
  section("pyramid").innerHTML = `<a href="${api}/projections/${code}/pyramid?year=${state.year}&scenario=${encodeURIComponent(state.scenario)}&format=csv-excel" download="pyramid-${code}-${state.year}.csv">Ladda ned CSV (Excel)</a>` + images("pyramid");
  section("components").innerHTML = csv({ from: String(chosen.baseYear) }, "Ladda ned CSV (Excel)", `komponenter-${code}-${state.scenario}.csv`) + images("components")
    + ` <a href="${api}/projections/${code}/charts/components.svg?scenario=${encodeURIComponent(state.scenario)}">Diagrammet från API:t</a>`;
  section("groups").innerHTML = csv({ years: chosenYears(chosen).join(","), ageGroups: "1-5,6-15,16-18,19-24,25-64,65-79,80+" }, "Ladda ned tabellen som CSV (Excel)", `planeringsgrupper-${code}.csv`);
}

function saveBlob(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function svgText(chartId) {
  return new XMLSerializer().serializeToString($(chartId).querySelector("svg"));
}

function downloadSvg(chartId) {
  saveBlob(new Blob([svgText(chartId)], { type: "image/svg+xml" }), `${chartId}-${state.region}.svg`);
}

function downloadPng(chartId) {
  const svg = $(chartId).querySelector("svg");
  const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = w * 2; canvas.height = h * 2;
    const context = canvas.getContext("2d");
    context.scale(2, 2);
    context.drawImage(image, 0, 0, w, h);
    canvas.toBlob(blob => saveBlob(blob, `${chartId}-${state.region}.png`), "image/png");
  };
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(chartId));
}

function drawProvenance(chosen) {
  const statuses = { observed: "Observerat", modeled: "Modellerat", warning: "Varning" };
  $("provenance").replaceChildren(...chosen.provenance.map(p => {
    const li = document.createElement("li");
    li.textContent = `${statuses[p.status] || p.status}${p.period ? ` (${p.period})` : ""}: ${p.source}${p.method ? ". " + p.method : ""}`;
    return li;
  }));
  const description = (data.scenarios.find(s => s.name === state.scenario) || {}).description || "";
  $("scenario-description").textContent = `${scenarioLabel(state.scenario)[0].toUpperCase()}${scenarioLabel(state.scenario).slice(1)}: ${description}`;
}

let drawing = 0;
async function drawAll() {
  const ticket = ++drawing;
  say("Räknar …");
  document.body.setAttribute("aria-busy", "true");
  try {
    const chosen = await drawTotal();
    if (ticket !== drawing) return;
    await drawPyramid(chosen);
    drawComponents(chosen);
    drawGroups(chosen);
    downloads(chosen);
    drawProvenance(chosen);
    writeUrl();
    say(`Visar ${chosen.regionName}, ${scenarioLabel(chosen.scenario)}.`);
  } catch (error) {
    say(`Det gick inte att hämta framskrivningen: ${error.message}`, true);
  } finally {
    if (ticket === drawing) document.body.removeAttribute("aria-busy");
  }
}

// ---------- the controls ----------

function normalized(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

// A name as written first ("Habo" is Habo, "Håbo" Håbo), then without case and accents ("vasteras").
function findRegion(text) {
  const written = text.trim().toLowerCase();
  const wanted = normalized(text);
  return data.regions.find(r => r.code === text.trim() || r.name.toLowerCase() === written || `${r.name} (${r.code})`.toLowerCase() === written)
    || data.regions.find(r => normalized(r.name) === wanted || normalized(`${r.name} (${r.code})`) === wanted);
}

function fillScenarios() {
  const select = $("scenario");
  const order = ["main", "low", "high"];
  const names = data.scenarios.map(s => s.name).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b, "sv"));
  select.replaceChildren(...names.map(n => new Option(scenarioLabel(n)[0].toUpperCase() + scenarioLabel(n).slice(1), n)));
  select.value = state.scenario;
  const compare = $("compare");
  compare.replaceChildren(new Option("Ingen jämförelse", ""), new Option("Basåret", "base"), ...names.map(n => new Option(`Scenario: ${scenarioLabel(n)}`, n)));
  compare.value = state.compare;
}

let player = null;
function play() {
  const button = $("play");
  if (player) {
    clearInterval(player); player = null;
    button.removeAttribute("data-playing"); button.textContent = "Spela upp åren";
    return;
  }
  const slider = $("pyramid-year");
  if (Number(slider.value) >= Number(slider.max)) slider.value = slider.min;
  // The name says what a press does next; a toggle (aria-pressed) would need a name that stays the same (WAI-ARIA APG).
  button.setAttribute("data-playing", ""); button.textContent = "Stoppa";
  let busy = false;
  player = setInterval(async () => {
    if (busy) return;
    busy = true;
    const next = Number(slider.value) + 1;
    if (next > Number(slider.max)) { busy = false; play(); return; }
    state.year = next;
    const chosen = await projection(state.scenario, state.intervals);
    await drawPyramid(chosen);
    writeUrl();
    busy = false;
  }, 350);
}

async function runCustom(event) {
  event.preventDefault();
  const number = id => Number($(id).value);
  const body = {
    baseScenario: "main",
    fertility: { multiplier: number("fertility") },
    mortality: { multiplier: 1, annualImprovement: number("improvement") / 100 },
    migration: { domesticIn: number("domesticIn"), domesticOut: number("domesticOut"), immigration: number("immigration"), emigration: number("emigration") },
    regions: [state.region],
    trajectories: 200,
  };
  $("custom-result").textContent = "Räknar …";
  $("custom-result").classList.remove("error");
  try {
    const result = await getJson(`${api}/projections`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const projection = result.projections[0];
    data.custom = { region: state.region, body, projection };
    const main = await (async () => (await projectionFor("main")))();
    const end = projection.years[projection.years.length - 1];
    const mainEnd = main.years.find(y => y.year === end.year);
    const band = projection.uncertainty ? projection.uncertainty.years[projection.uncertainty.years.length - 1].total : null;
    $("custom-result").textContent = `Eget scenario: ${whole.format(end.total)} invånare år ${end.year} (huvudalternativet: ${whole.format(mainEnd.total)}, skillnad ${signed(Math.round(end.total - mainEnd.total), whole)}).`
      + (band ? ` 80 % av de simulerade utfallen mellan ${whole.format(band.lower80)} och ${whole.format(band.upper80)}.` : "");
    await drawTotal();
  } catch (error) {
    $("custom-result").textContent = `Det gick inte: ${error.message}`;
    $("custom-result").classList.add("error");
  }
}

const projectionFor = scenario => projection(scenario, false);

async function saveCustom(event) {
  event.preventDefault();
  const result = $("save-result");
  if (!data.custom) { result.textContent = "Räkna först fram ett eget scenario."; result.classList.add("error"); return; }
  const { fertility, mortality, migration } = data.custom.body;
  try {
    await getJson(`${api}/scenarios`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Api-Key": $("save-key").value },
      body: JSON.stringify({ name: $("save-name").value, baseScenario: "main", description: "Sparat från sidan Hur många blir vi?", fertility, mortality, migration }),
    });
    data.scenarios = await getJson(`${api}/scenarios`);
    fillScenarios();
    result.textContent = `Sparat som ”${$("save-name").value}”. Det finns nu i listan över scenarier.`;
    result.classList.remove("error");
  } catch (error) {
    result.textContent = `Det gick inte att spara: ${error.message}`;
    result.classList.add("error");
  }
}

async function start() {
  readUrl();
  document.body.classList.toggle("embed", state.embed);
  try {
    [data.regions, data.scenarios] = await Promise.all([getJson(`${api}/regions`), getJson(`${api}/scenarios`)]);
  } catch (error) {
    say(`Tjänsten svarar inte: ${error.message}`, true);
    return;
  }
  $("region-list").replaceChildren(...data.regions.map(r => new Option(`${r.name} (${r.code})`)));
  // A link may name the region as people write it (?region=Uppsala); one that names none opens the home county, and says so.
  const asked = state.region;
  const linked = findRegion(asked);
  state.region = linked ? linked.code : data.regions[0].code;
  const askedScenario = state.scenario;
  const scenarioKnown = data.scenarios.some(s => s.name === askedScenario);
  if (!scenarioKnown) state.scenario = "main";
  $("region").value = `${regionName(state.region)} (${state.region})`;
  $("intervals").checked = state.intervals;
  fillScenarios();

  $("region").addEventListener("change", () => {
    const region = findRegion($("region").value);
    if (!region) { say(`Känner inte igen ”${$("region").value}”. Välj en kommun eller ett län i listan.`, true); return; }
    $("region").value = `${region.name} (${region.code})`;
    state.region = region.code;
    drawAll();
  });
  $("choices").addEventListener("submit", event => { event.preventDefault(); $("region").dispatchEvent(new Event("change")); });
  $("scenario").addEventListener("change", () => { state.scenario = $("scenario").value; drawAll(); });
  $("intervals").addEventListener("change", () => { state.intervals = $("intervals").checked; drawAll(); });
  $("compare").addEventListener("change", async () => { state.compare = $("compare").value; await drawPyramid(await projectionFor(state.scenario)); writeUrl(); });
  $("pyramid-year").addEventListener("input", async () => { state.year = Number($("pyramid-year").value); await drawPyramid(await projection(state.scenario, state.intervals)); writeUrl(); });
  $("play").addEventListener("click", play);
  $("years").addEventListener("change", async () => { state.years = $("years").value.replace(/\s/g, ""); const chosen = await projection(state.scenario, state.intervals); drawGroups(chosen); downloads(chosen); writeUrl(); });
  $("custom-form").addEventListener("submit", runCustom);
  $("save-form").addEventListener("submit", saveCustom);
  document.addEventListener("click", event => {
    const target = event.target;
    if (target.dataset && target.dataset.svg) downloadSvg(target.dataset.svg);
    if (target.dataset && target.dataset.png) downloadPng(target.dataset.png);
  });
  let resized = null;
  window.addEventListener("resize", () => { clearTimeout(resized); resized = setTimeout(drawAll, 200); });
  await drawAll();
  const unknown = [
    linked ? "" : `Känner inte igen området ”${asked}” i länken; visar ${regionName(state.region)}.`,
    scenarioKnown ? "" : `Scenariot ”${askedScenario}” i länken finns inte (längre); visar huvudalternativet.`,
  ].filter(Boolean);
  if (unknown.length) say(unknown.join(" "), true);
}

start();
