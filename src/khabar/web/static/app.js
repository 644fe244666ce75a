// khabar web UI: a small single-page app over the JSON API. Every piece of article text is
// inserted with textContent (through el()), never as HTML: a crafted title stays text. Bidi
// embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) in any text are shown
// as a visible marker (e.g. "RLO"), never applied, so a title cannot reorder what is displayed
// ("photo_<RLO>gnp.exe" does not read "photo_exe.png"); user text sits in dir="auto" elements,
// isolated from what surrounds it. The UI only reads; when reads need the API token
// (api_token_reads) it asks for it once and keeps it for the tab (sessionStorage).
"use strict";

const view = document.getElementById("view");
const TOKEN_KEY = "khabar-api-token";

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const BIDI_NAMES = {
  "\u202A": ["LRE", "LEFT-TO-RIGHT EMBEDDING"], "\u202B": ["RLE", "RIGHT-TO-LEFT EMBEDDING"],
  "\u202C": ["PDF", "POP DIRECTIONAL FORMATTING"], "\u202D": ["LRO", "LEFT-TO-RIGHT OVERRIDE"],
  "\u202E": ["RLO", "RIGHT-TO-LEFT OVERRIDE"], "\u2066": ["LRI", "LEFT-TO-RIGHT ISOLATE"],
  "\u2067": ["RLI", "RIGHT-TO-LEFT ISOLATE"], "\u2068": ["FSI", "FIRST STRONG ISOLATE"],
  "\u2069": ["PDI", "POP DIRECTIONAL ISOLATE"],
};

function codePoint(c) {
  return `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

// Text as nodes, each bidi control replaced by a visible marker element.
function textNodes(value) {
  const string = String(value);
  if (!string.match(BIDI_CONTROLS)) return [document.createTextNode(string)];
  const nodes = [];
  let last = 0;
  for (const match of string.matchAll(BIDI_CONTROLS)) {
    if (match.index > last) nodes.push(document.createTextNode(string.slice(last, match.index)));
    const [short, name] = BIDI_NAMES[match[0]];
    const marker = document.createElement("span");
    marker.className = "bidi-control";
    marker.title = `${codePoint(match[0])} ${name}: a direction control in the text, shown here, not applied`;
    marker.textContent = short;
    nodes.push(marker);
    last = match.index + match[0].length;
  }
  if (last < string.length) nodes.push(document.createTextNode(string.slice(last)));
  return nodes;
}

// Attribute text (tooltips): controls named in brackets.
const plain = (value) => String(value).replace(BIDI_CONTROLS, (c) => `[${BIDI_NAMES[c][0]}]`);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : key === "value" ? String(value) : plain(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Node) node.append(child);
    else node.append(...textNodes(child));
  }
  return node;
}

const text = (value, attrs) => el("span", Object.assign({ dir: "auto", class: "rtl-ok" }, attrs || {}), value ?? "");

class NeedToken extends Error {}

async function api(path) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  const body = await response.json();
  if (response.status === 401) throw new NeedToken(body.error ? body.error.message : "API token needed");
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

// Reads need the API token (setting api_token_reads): ask for it, keep it for this tab.
function tokenPage() {
  const refused = sessionStorage.getItem(TOKEN_KEY) !== null;
  const input = el("input", { name: "token", type: "password", autocomplete: "off", size: 48 });
  const form = el("form", { id: "token-form", class: "card" },
    el("p", {}, "This server shows its data only with its API token (setting api_token_reads). "
      + "`khabar serve` printed the token on its first start and keeps it in the file <database>.token; "
      + "it is kept in this tab only."),
    el("label", {}, "API token ", input), " ", el("button", { type: "submit" }, "Use"),
    refused ? el("p", { class: "error" }, "That token was refused.") : null);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    route();
  });
  show(el("h1", {}, "API token needed"), form);
  input.focus();
}

async function allPages(path) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api(`${path}${sep}limit=500&offset=${offset}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

function show(...nodes) {
  view.replaceChildren(...nodes);
}

function fail(error) {
  console.error(error);
  show(el("p", { class: "error" }, `Error: ${error && error.message ? error.message : String(error)}`));
}

// --- stories list ----------------------------------------------------------------------------

async function storiesPage(params) {
  const form = el("form", { class: "filters", id: "story-filters" },
    el("label", {}, "Search", el("input", { name: "q", value: params.get("q") || "", dir: "auto" })),
    el("label", {}, "Language", el("select", { name: "lang" },
      ["", "ar", "fa", "en"].map((v) => el("option", { value: v, selected: params.get("lang") === v }, v || "any")))),
    el("label", {}, "Country", el("input", { name: "country", size: 3, value: params.get("country") || "" })),
    el("label", {}, "Actor", el("input", { name: "actor", value: params.get("actor") || "" })),
    el("label", {}, "Type", el("input", { name: "type", value: params.get("type") || "" })),
    el("label", {}, "From", el("input", { name: "since", type: "date", value: params.get("since") || "" })),
    el("label", {}, "To", el("input", { name: "until", type: "date", value: params.get("until") || "" })),
    el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) query.set(key, value);
    location.hash = `#/?${query}`;
  });
  const list = el("div", { id: "stories" }, "Loading…");
  show(el("h1", {}, "Stories"), form, list);
  const query = new URLSearchParams([...params].filter(([, v]) => v));
  const page = await api(`/api/stories?${query}&limit=200`);
  list.replaceChildren(
    el("p", { class: "meta" }, `${page.total} stories`),
    ...page.items.map((s) => el("div", { class: "card story" },
      el("a", { href: `#/story/${s.id}`, class: "story-link" }, `Story ${s.id}`), " ",
      el("span", { class: "badge" }, `${s.size} articles`),
      el("span", { class: "badge" }, s.langs || ""),
      el("span", { class: "badge" }, `${s.events} events`),
      s.contradictions ? el("span", { class: "badge warn" }, `${s.contradictions} contradictions`) : null,
      el("span", { class: "meta" }, s.first_day ? ` ${s.first_day} – ${s.last_day}` : ""),
      ...Object.entries(s.titles).map(([lang, title]) =>
        el("div", { lang, dir: "auto", class: "title rtl-ok" }, title)))));
}

// --- one story -------------------------------------------------------------------------------

function valueLabels(values, docId) {
  return values.filter((v) => v.sources.some((s) => s.doc_id === docId)).map((v) => v.label);
}

function sideBySide(event, members) {
  const fields = Object.keys(event.fields);
  const docs = members.filter((m) => event.documents.includes(m.id));
  return el("table", { class: "sidebyside" },
    el("thead", {}, el("tr", {}, el("th", {}, "field (chosen, rule)"),
      ...docs.map((d) => el("th", {}, el("a", { href: `#/doc/${d.id}` }, `${d.lang} `, text(d.outlet || d.id.slice(0, 8))))))),
    el("tbody", {}, ...fields.map((name) => {
      const chosen = event.chosen[name];
      const label = (event.fields[name].find((v) => v.value === chosen.value) || {}).label;
      return el("tr", {},
        el("th", {}, name, el("div", { class: "meta" }, text(label), ` — ${chosen.rule}`)),
        ...docs.map((d) => el("td", {}, text(valueLabels(event.fields[name], d.id).join(" · ")))));
    })));
}

function sourceLink(source) {
  return el("div", { class: "quote" },
    el("a", { href: `#/doc/${source.doc_id}/${source.start}/${source.end}`, class: "source-link" },
      `${source.lang} `, text(source.outlet || source.doc_id.slice(0, 8))),
    source.speaker ? el("span", { class: "meta" }, " — ", text(source.speaker)) : null, ": ",
    text(source.quote, { lang: source.lang }));
}

function contradictionCard(c) {
  return el("div", { class: "card contradiction", "data-kind": c.kind },
    el("div", {}, el("span", { class: "badge warn" }, c.kind), c.event_id ? el("span", { class: "badge" }, `event ${c.event_id}`) : null,
      el("span", { class: "badge" }, c.languages.join(", "))),
    el("div", {}, text(c.what)),
    c.why ? el("div", { class: "meta why" }, "why one event: ", text(c.why)) : null,
    ...c.sides.map((side) => el("div", { class: "side" },
      el("strong", {}, text(side.value)), ` (${side.independent_sources} independent)`,
      ...side.sources.map(sourceLink))));
}

async function storyPage(id) {
  const story = await api(`/api/stories/${encodeURIComponent(id)}`);
  const titles = Object.entries(story.titles).map(([lang, title]) => el("div", { lang, dir: "auto", class: "rtl-ok" }, title));
  const articles = el("table", { id: "articles" },
    el("thead", {}, el("tr", {}, el("th", {}, "language"), el("th", {}, "outlet"), el("th", {}, "published"), el("th", {}, "title"), el("th", {}, "joined on"))),
    el("tbody", {}, ...story.members.map((m) => el("tr", {},
      el("td", {}, m.lang), el("td", {}, text(m.outlet || "")), el("td", {}, m.published || ""),
      el("td", {}, el("a", { href: `#/doc/${m.id}`, lang: m.lang, dir: "auto" }, m.title || m.id)),
      el("td", { class: "meta" }, text(m.reasons.slice(0, 6).join(", ")))))));
  const events = story.events.map((e) => el("div", { class: "card event", id: `event-${e.id}` },
    el("strong", {}, `${e.id} · ${(e.chosen.date || {}).value || "undated"} · ${e.acled_subtype || e.plover}`),
    e.background ? el("span", { class: "badge" }, "background") : null,
    el("span", { class: "badge" }, `${e.independent_sources} independent sources`),
    sideBySide(e, story.members)));
  const panel = el("section", { id: "contradictions" }, el("h2", {}, `Contradictions (${story.contradictions.length})`),
    ...(story.contradictions.length ? story.contradictions.map(contradictionCard) : [el("p", { class: "meta" }, "None found.")]));
  show(el("h1", {}, `Story ${story.id}`), ...titles,
    el("p", { class: "meta" }, story.first_day ? `${story.first_day} – ${story.last_day}` : ""),
    panel, el("h2", {}, "Articles"), articles, el("h2", {}, "Events (what each source says)"), ...events);
}

// --- one article -----------------------------------------------------------------------------

function segments(paragraph, spans) {
  // split [start, end) at every span boundary; each piece carries the classes covering it
  const cuts = new Set([paragraph.start, paragraph.end]);
  for (const s of spans) {
    if (s.end <= paragraph.start || s.start >= paragraph.end) continue;
    cuts.add(Math.max(s.start, paragraph.start));
    cuts.add(Math.min(s.end, paragraph.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && b <= s.end);
    out.push({ start: a, end: b, classes: covering.map((s) => s.kind), titles: covering.map((s) => s.title) });
  }
  return out;
}

async function docPage(id, start, end) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const f = doc.facts;
  const spans = [
    ...f.date_mentions.map((d) => ({ start: d.start, end: d.end, kind: "date", title: `date: ${d.value || "?"}` })),
    ...f.place_mentions.map((p) => ({ start: p.start, end: p.end, kind: "place", title: `place: ${p.name}` })),
    ...f.actor_mentions.map((a) => ({ start: a.start, end: a.end, kind: "actor", title: `actor: ${a.name}` })),
    ...f.claims.map((c) => ({ start: c.start, end: c.end, kind: "claim", title: `claim (${c.stance}) by ${c.speaker_text || c.speaker || "unattributed"}` })),
  ];
  if (start !== undefined) spans.push({ start: Number(start), end: Number(end), kind: "target", title: "cited sentence" });
  const raw = doc.raw_text;
  const paragraphs = doc.paragraphs.filter((p) => p.role !== "boilerplate").map((p) => el("p", { dir: "auto", lang: doc.lang, class: "rtl-ok" },
    ...segments(p, spans).map((s) => s.classes.length
      ? el("mark", { class: s.classes.join(" "), title: s.titles.join("; ") }, raw.slice(s.start, s.end))
      : raw.slice(s.start, s.end))));
  const removed = el("div", { id: "removed", hidden: true }, el("h2", {}, "Removed lines"),
    ...doc.removed_lines.map((r) => el("div", { class: "removed", dir: "auto" }, `[${r.rule}] `, text(r.text))));
  const toggle = el("button", { id: "toggle-removed", onclick: () => { removed.hidden = !removed.hidden; } }, "Show removed boilerplate");
  const claims = f.claims.map((c) => el("div", { class: "card claim" },
    el("span", { class: "badge" }, c.stance), el("strong", {}, text(c.speaker_text || c.speaker || "unattributed")), " ",
    el("a", { href: `#/doc/${doc.id}/${c.start}/${c.end}` }, "¶"), " ", text(c.content, { lang: doc.lang })));
  show(el("h1", { dir: "auto", lang: doc.lang, class: "rtl-ok", id: "doc-title" }, doc.title || doc.id),
    el("p", { class: "meta" }, `${doc.lang} · `, text(doc.outlet || "outlet unknown"), ` · ${doc.published || "undated"} · `,
      doc.story_id ? el("a", { href: `#/story/${doc.story_id}` }, `story ${doc.story_id}`) : "no story"),
    el("p", { class: "legend meta" }, el("span", {}, el("mark", { class: "date" }, "date")), el("span", {}, el("mark", { class: "place" }, "place")),
      el("span", {}, el("mark", { class: "actor" }, "actor")), el("span", {}, el("mark", { class: "claim" }, "claim")),
      el("span", {}, el("mark", { class: "target" }, "cited sentence"))),
    toggle, el("article", { class: "article" }, ...paragraphs), removed, el("h2", {}, "Claims"), ...claims);
  const target = view.querySelector("mark.target");
  if (target) target.scrollIntoView({ block: "center" });
}

// --- map and timeline --------------------------------------------------------------------------

const COLOURS = { "Shelling/artillery/missile attack": "#c0392b", "Air/drone strike": "#8e44ad",
  "Remote explosive/landmine/IED": "#d35400", "Armed clash": "#2c3e50" };

// A death toll no report gives is unknown, not 0: said so, drawn at the base size with a dashed
// outline; a known toll (0 included) grows the marker.
function killedOf(e) {
  const killed = (e.chosen.killed || {}).value;
  return killed === undefined || killed === null ? null : killed;
}

function tollText(e) {
  const killed = killedOf(e);
  return killed === null ? "killed: unknown" : `killed: ${killed}`;
}

function markerStyle(e) {
  const killed = killedOf(e);
  return { radius: 6 + (killed === null ? 0 : Math.sqrt(killed) * 3), dashArray: killed === null ? "3 3" : null,
    color: COLOURS[e.acled_subtype] || "#1f3a5f", fillOpacity: killed === null ? 0.35 : 0.7, className: "event-marker" };
}

function eventPopup(e, loc) {
  return el("div", { class: "event-popup" }, el("strong", {}, `${e.id} ${e.chosen.date.value}`), el("br"), text(loc.label), el("br"),
    `${e.acled_subtype || e.plover}; ${tollText(e)}`, el("br"), el("a", { href: `#/story/${e.story_id}` }, `story ${e.story_id}`));
}

async function mapPage(params) {
  const from = el("input", { type: "date", id: "from", value: params.get("since") || "" });
  const to = el("input", { type: "date", id: "to", value: params.get("until") || "" });
  const count = el("span", { id: "map-count", class: "meta" });
  const mapDiv = el("div", { id: "map" });
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.id = "timeline";
  svg.setAttribute("viewBox", "0 0 1000 100");
  svg.setAttribute("preserveAspectRatio", "none");
  const list = el("div", { id: "event-list" });
  show(el("h1", {}, "Map and timeline"),
    el("div", { class: "filters" }, el("label", {}, "From", from), el("label", {}, "To", to),
      el("button", { id: "clear-range", onclick: () => { from.value = ""; to.value = ""; apply(); } }, "All days"), count),
    mapDiv, svg, el("p", { class: "meta" }, "Drag across the timeline to filter the map and the list by day. "
      + "As in the export, background events (earlier happenings a report recalls) and undated ones are left out."), list);

  const map = L.map(mapDiv, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([33, 44], 5);
  const topo = await fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json());
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: "#6b7b8c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  map.addLayer(cluster);

  const events = (await allPages("/api/events")).filter((e) => e.chosen.date);
  const days = events.map((e) => e.chosen.date.value).sort();
  const first = days.length ? new Date(days[0]) : new Date();
  const last = days.length ? new Date(days[days.length - 1]) : new Date();
  const span = Math.max(1, (last - first) / 86400000 + 1);
  const x = (day) => ((new Date(day) - first) / 86400000) * (1000 / span);
  const dayOf = (px) => new Date(first.getTime() + Math.floor(px / (1000 / span)) * 86400000).toISOString().slice(0, 10);

  function apply() {
    const lo = from.value || "0000", hi = to.value || "9999";
    const shown = events.filter((e) => e.chosen.date.value >= lo && e.chosen.date.value <= hi);
    cluster.clearLayers();
    let placed = 0;
    for (const e of shown) {
      const loc = (e.fields.location || []).find((v) => v.value === (e.chosen.location || {}).value);
      if (!loc || loc.lat === undefined) continue;
      const marker = L.circleMarker([loc.lat, loc.lon], markerStyle(e));
      marker.bindPopup(eventPopup(e, loc));
      cluster.addLayer(marker);
      placed += 1;
    }
    count.textContent = `${placed} events on the map, ${shown.length} in range`;
    count.dataset.count = String(placed);
    for (const bar of svg.querySelectorAll("rect.bar")) bar.classList.toggle("out", bar.dataset.day < lo || bar.dataset.day > hi);
    list.replaceChildren(...shown.map((e) => el("div", { class: "card event-row" },
      el("a", { href: `#/story/${e.story_id}` }, `${e.id}`), ` ${e.chosen.date.value} · ${e.acled_subtype || e.plover} · `,
      text(((e.fields.location || []).find((v) => v.value === (e.chosen.location || {}).value) || {}).label || "place unknown"),
      el("span", { class: "toll" }, ` · ${tollText(e)}`))));
  }

  const perDay = {};
  for (const d of days) perDay[d] = (perDay[d] || 0) + 1;
  const peak = Math.max(1, ...Object.values(perDay));
  for (const [day, n] of Object.entries(perDay)) {
    const bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    bar.setAttribute("class", "bar");
    bar.dataset.day = day;
    bar.setAttribute("x", x(day));
    bar.setAttribute("width", Math.max(2, 1000 / span - 1));
    bar.setAttribute("y", 100 - (n / peak) * 95);
    bar.setAttribute("height", (n / peak) * 95);
    const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = `${day}: ${n} events`;
    bar.append(title);
    svg.append(bar);
  }
  const brush = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  brush.setAttribute("class", "brush");
  brush.setAttribute("height", 100);
  svg.append(brush);
  let anchor = null;
  const px = (event) => ((event.clientX - svg.getBoundingClientRect().left) / svg.getBoundingClientRect().width) * 1000;
  svg.addEventListener("mousedown", (event) => { anchor = px(event); });
  svg.addEventListener("mousemove", (event) => {
    if (anchor === null) return;
    const [a, b] = [anchor, px(event)].sort((p, q) => p - q);
    brush.setAttribute("x", a);
    brush.setAttribute("width", b - a);
  });
  svg.addEventListener("mouseup", (event) => {
    if (anchor === null) return;
    const [a, b] = [anchor, px(event)].sort((p, q) => p - q);
    anchor = null;
    from.value = dayOf(a);
    to.value = dayOf(b);
    apply();
  });
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  apply();
}

// --- watchlists --------------------------------------------------------------------------------

function criteria(w) {
  return ["query", "place", "actor", "type", "country"].filter((k) => w[k]).map((k) => `${k}: ${w[k]}`).join(" · ");
}

const feedLink = (name) => el("a", { href: `/api/watch/${encodeURIComponent(name)}.atom`, class: "feed-link" }, "Atom feed");
const matchCount = (n) => `${n} ${n === 1 ? "match" : "matches"}`;

async function watchlistsPage() {
  const page = await api("/api/watch?limit=500");
  show(el("h1", {}, "Watchlists"),
    el("p", { class: "meta" }, "Standing queries, matched at each ingest against the stories it creates or changes "
      + "(stories stored before a watchlist was made are not matched). Make one with "
      + "`khabar watch add NAME --query WORDS` or POST /api/watch."),
    el("div", { id: "watchlists" }, page.items.length ? page.items.map((w) => el("div", { class: "card watchlist" },
      el("a", { href: `#/watch/${encodeURIComponent(w.name)}`, class: "watch-link" }, w.name), " ",
      el("span", { class: "badge" }, matchCount(w.matches)),
      el("div", { class: "meta" }, text(criteria(w))),
      el("div", { class: "meta" }, w.last_match ? `last match ${w.last_match}` : "no match yet", " · ", feedLink(w.name))))
      : el("p", { class: "meta" }, "No watchlists yet.")));
}

async function watchPage(name) {
  const w = await api(`/api/watch/${encodeURIComponent(name)}?limit=500`);
  const shown = w.total > w.items.length ? ` (the newest ${w.items.length} shown)` : "";
  show(el("h1", { class: "watch-title" }, "Watchlist ", text(w.name)),
    el("p", { class: "meta" }, text(criteria(w)), " · ", feedLink(w.name)),
    el("p", { class: "meta", id: "watch-total" }, `${matchCount(w.total)}, newest first${shown}`),
    el("div", { id: "watch-matches" }, ...w.items.map((m) => el("div", { class: "card watch-match" },
      el("a", { href: `#/story/${m.story_id}`, class: "story-link", dir: "auto" }, m.title), " ",
      el("span", { class: "badge" }, m.event_id ? `event ${m.event_id}` : `story ${m.story_id}`),
      el("div", { class: "meta" }, text(m.summary)),
      el("div", { class: "meta" }, `matched ${m.matched_at}, ingest run ${m.run_id}`)))));
}

// --- router ----------------------------------------------------------------------------------

async function route() {
  const [path, query] = location.hash.slice(1).split("?");
  const parts = (path || "/").split("/").filter(Boolean);
  const params = new URLSearchParams(query || "");
  try {
    if (parts[0] === "story") await storyPage(parts[1]);
    else if (parts[0] === "doc") await docPage(parts[1], parts[2], parts[3]);
    else if (parts[0] === "map") await mapPage(params);
    else if (parts[0] === "watch") await (parts[1] ? watchPage(decodeURIComponent(parts[1])) : watchlistsPage());
    else await storiesPage(params);
    document.body.dataset.ready = location.hash || "#/";
  } catch (error) {
    if (error instanceof NeedToken) {
      tokenPage();
      document.body.dataset.ready = "token";
      return;
    }
    fail(error);
    document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", () => { delete document.body.dataset.ready; route(); });
route();
