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

// When a report came out: its publication day; where it has none, the day it was crawled (fetched),
// said so ("crawled 2015-07-22"), never passed off as a publication day.
const day10 = (time) => String(time).slice(0, 10);
const crawledText = (crawled) => `crawled ${day10(crawled)}`;
const publishedDay = (published, crawled) => (published ? day10(published) : crawled ? crawledText(crawled) : "unknown");
const reportedText = (d) => (d.published ? `published ${day10(d.published)}` : d.crawled ? crawledText(d.crawled) : "published unknown");
// As a node: a crawl day is marked (class "crawled") and explained in its tooltip.
function reportedNode(published, crawled, none, full) {
  if (published) return full ? String(published) : day10(published);
  if (crawled) return el("span", { class: "crawled", title: "no publication date: the day the page was crawled" }, crawledText(crawled));
  return none;
}

// An ISO day (or time) that never breaks at its hyphens (class iso-day: white-space nowrap).
const isoSpan = (value) => el("span", { class: "iso-day" }, String(value));
const dayRange = (a, b) => (a === b || !b ? [isoSpan(a)] : [isoSpan(a), " – ", isoSpan(b)]);

// "1 article", "2 articles": a count with its noun in the right number.
const plural = (n, one, many) => `${n} ${n === 1 ? one : many || `${one}s`}`;

class NeedToken extends Error {}
class ApiError extends Error {  // an answer other than 2xx, with its status
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  const body = await response.json();
  if (response.status === 401) throw new NeedToken(body.error ? body.error.message : "API token needed");
  if (!response.ok) throw new ApiError(response.status, body.error ? body.error.message : response.statusText);
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

// An id that names nothing (404), or is no id at all (422): said plainly, with a way back.
const NOT_FOUND = { story: "story", doc: "article", watch: "watchlist" };

function notFound(kind, id) {
  const what = NOT_FOUND[kind] || "page";
  show(el("h1", {}, `No such ${what}`),
    el("p", { class: "not-found" }, `There is no ${what} `, text(id === undefined ? "" : `“${id}”`), " here. ",
      el("a", { href: kind === "watch" ? "#/watch" : "#/" }, kind === "watch" ? "All watchlists" : "All stories"), "."));
}

function fail(error) {
  console.error(error);
  show(el("p", { class: "error" }, `Error: ${error && error.message ? error.message : String(error)}`));
}

// --- stories list ----------------------------------------------------------------------------

const STORIES_PER_PAGE = 50;
const DOCS_PER_PAGE = 20;
const STORY_SORTS = [["last_day", "last event day"], ["size", "size (articles)"],
  ["last_report", "latest report"], ["contradictions", "contradictions"]];
const FILTER_KEYS = ["q", "lang", "country", "place", "actor", "type", "since", "until", "sort"];

function pageNumber(params, key) {
  const n = Number.parseInt(params.get(key) || "1", 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

// "stories 51–100 of 434" with previous/next links that keep every other hash parameter.
function pager(params, key, page, per, total, noun, id) {
  const first = (page - 1) * per + 1;
  const last = Math.min(total, page * per);
  const link = (n, label, rel) => {
    const query = new URLSearchParams(params);
    if (n > 1) query.set(key, String(n)); else query.delete(key);
    return el("a", { href: `#/?${query}`, class: `pager-${rel}`, rel }, label);
  };
  const lastPage = Math.max(1, Math.ceil(total / per));
  if (page > lastPage) {  // past the end (an old link, a hand-typed URL): say so, link the last page
    return el("nav", { class: "pager", id, "aria-label": `${noun} pages` },
      link(lastPage, `← last page (${lastPage})`, "prev"),
      el("span", { class: "pager-range" }, total ? `no ${noun} on page ${page}; the last page is ${lastPage}`
        : `no ${noun}`),
      el("span", { class: "pager-next disabled" }, "next →"));
  }
  return el("nav", { class: "pager", id, "aria-label": `${noun} pages` },
    page > 1 ? link(page - 1, "← previous", "prev") : el("span", { class: "pager-prev disabled" }, "← previous"),
    el("span", { class: "pager-range" }, total ? `${noun} ${first}–${last} of ${total}` : `no ${noun}`),
    last < total ? link(page + 1, "next →", "next") : el("span", { class: "pager-next disabled" }, "next →"));
}

function resolvedNote(resolved) {
  return Object.entries(resolved || {}).map(([what, refs]) => el("p", { class: "meta resolved", "data-kind": what },
    refs.length
      ? [`${what}: `, ...refs.flatMap((r, i) => [i ? "; " : "", text(r.name), ` (${r.about}, ${r.id})`])]
      : `${what}: no such name in the gazetteer or the actor dictionaries, so no story matches`));
}

function storyCard(s) {
  return el("div", { class: "card story" },
    el("a", { href: `#/story/${s.id}`, class: "story-link" }, `Story ${s.id}`), " ",
    el("span", { class: "badge size" }, plural(s.size, "article")),
    el("span", { class: "badge" }, s.langs || ""),
    el("span", { class: "badge" }, plural(s.events, "event")),
    s.contradictions ? el("span", { class: "badge warn" }, plural(s.contradictions, "contradiction")) : null,
    el("span", { class: "meta days" }, s.first_day ? [" ", ...dayRange(s.first_day, s.last_day)] : ""),
    s.last_report ? el("span", { class: "meta" }, " · reported ", isoSpan(s.last_report)) : null,
    ...Object.entries(s.titles).map(([lang, title]) =>
      el("div", { lang, dir: "auto", class: "title rtl-ok" }, title)));
}

// A search hit: its title links to the article; the snippet's matches are <mark> elements built
// from the API's [text, is_match] pieces (text nodes only, never HTML).
function documentHit(hit) {
  return el("div", { class: "card doc-hit" },
    el("div", { dir: "auto", lang: hit.lang, class: "rtl-ok" },
      el("a", { href: `#/doc/${hit.id}`, class: "doc-link" }, hit.title || hit.id)),
    el("div", { class: "meta" }, `${hit.lang} · `, text(hit.outlet || "outlet unknown"), " · ", reportedNode(hit.published, hit.crawled, "undated")),
    el("div", { class: "snippet rtl-ok", dir: "auto", lang: hit.lang },
      ...hit.snippet_parts.map(([piece, match]) => (match ? el("mark", { class: "hit" }, piece) : piece))));
}

async function storiesPage(params) {
  const sort = params.get("sort") || "last_day";
  const form = el("form", { class: "filters", id: "story-filters" },
    el("label", {}, "Search", el("input", { name: "q", type: "search", value: params.get("q") || "", dir: "auto" })),
    el("label", {}, "Language", el("select", { name: "lang" },
      ["", "ar", "fa", "en"].map((v) => el("option", { value: v, selected: params.get("lang") === v }, v || "any")))),
    el("label", {}, "Country", el("input", { name: "country", size: 3, value: params.get("country") || "" })),
    el("label", {}, "Place", el("input", { name: "place", size: 12, dir: "auto", value: params.get("place") || "",
      title: "A place's name in any language or script (Aden or عدن), or its gazetteer id" })),
    el("label", {}, "Actor", el("input", { name: "actor", size: 12, dir: "auto", value: params.get("actor") || "",
      title: "An actor's name in any language (any alias), or its id" })),
    el("label", {}, "Type", el("input", { name: "type", size: 10, value: params.get("type") || "" })),
    el("label", {}, "From", el("input", { name: "since", type: "date", value: params.get("since") || "" })),
    el("label", {}, "To", el("input", { name: "until", type: "date", value: params.get("until") || "" })),
    el("label", {}, "Sort by", el("select", { name: "sort", id: "story-sort" },
      STORY_SORTS.map(([v, label]) => el("option", { value: v, selected: sort === v }, label)))),
    el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value && !(key === "sort" && value === "last_day")) query.set(key, value);
    location.hash = `#/?${query}`;  // a new filter or order starts at the first page
  });
  form.querySelector("#story-sort").addEventListener("change", () => form.requestSubmit());
  const list = el("div", { id: "stories" }, "Loading…");
  const q = params.get("q") || "";
  const docs = q ? el("section", { id: "documents" }, el("h2", {}, "Documents"), "Searching…") : null;
  show(el("h1", {}, "Stories"), form, el("div", { class: docs ? "results two" : "results" },
    el("section", { id: "story-results" }, docs ? el("h2", {}, "Stories") : null, list), docs));

  const page = pageNumber(params, "page");
  const query = new URLSearchParams([...params].filter(([k, v]) => v && FILTER_KEYS.includes(k)));
  const [found, hits] = await Promise.all([
    api(`/api/stories?${query}&limit=${STORIES_PER_PAGE}&offset=${(page - 1) * STORIES_PER_PAGE}`),
    q ? api(`/api/search?${new URLSearchParams({ q })}&limit=${DOCS_PER_PAGE}&offset=${(pageNumber(params, "dpage") - 1) * DOCS_PER_PAGE}`) : null,
  ]);
  list.replaceChildren(
    ...resolvedNote(found.resolved),
    pager(params, "page", page, STORIES_PER_PAGE, found.total, "stories", "story-pager"),
    ...found.items.map(storyCard),
    ...(found.items.length > 3 ? [pager(params, "page", page, STORIES_PER_PAGE, found.total, "stories", "story-pager-end")] : []));
  if (docs) {
    docs.replaceChildren(el("h2", {}, "Documents"),
      pager(params, "dpage", pageNumber(params, "dpage"), DOCS_PER_PAGE, hits.total, "documents", "doc-pager"),
      ...hits.items.map(documentHit));
  }
}

// --- one story -------------------------------------------------------------------------------

// --- side by side: what each source says of one event ------------------------------------------

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// One value as a source gives it: a day as ISO (YYYY-MM-DD) beside the words the report used.
function valueView(name, v) {
  if (name === "date" && v.value !== null && v.value !== undefined) {
    const iso = String(v.value);
    const words = v.label && v.label !== iso ? el("span", { class: "meta words" }, " “", text(v.label), "”") : null;
    return el("span", { class: "value" }, el("span", { class: ISO_DAY.test(iso) ? "iso-day" : "day" }, iso), words);
  }
  return el("span", { class: "value" }, text(v.label ?? String(v.value)));
}

function givenBy(values, docIds) {
  return (values || []).filter((v) => v.sources.some((s) => docIds.includes(s.doc_id)));
}

const outletName = (d) => d.outlet || "outlet unknown";
const sourceLine = (d) => `${outletName(d)} · ${d.lang || "language unknown"} · ${reportedText(d)}`;

// Columns of the table: one per source; past SIDE_BY_SIDE_GROUPING sources, the sources that give
// the same values for every field of the event share one column ("3 sources: A, B, C"), the
// largest group first.
const SIDE_BY_SIDE_GROUPING = 4;

function sideBySideColumns(event, docs) {
  if (docs.length <= SIDE_BY_SIDE_GROUPING) return docs.map((d) => [d]);
  const groups = new Map();
  for (const d of docs) {
    const key = JSON.stringify(Object.keys(event.fields).map((name) =>
      givenBy(event.fields[name], [d.id]).map((v) => JSON.stringify(v.value)).sort()));
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

function columnHead(group) {
  const link = (d) => el("a", { href: `#/doc/${encodeURIComponent(d.id)}`, class: "source-outlet" }, text(outletName(d)));
  if (group.length === 1) {
    const [d] = group;
    return el("th", { class: "source-col", "data-sources": 1 }, link(d),
      el("div", { class: "meta" }, el("span", { class: "source-lang" }, d.lang || "language unknown"), " · ",
        el("span", { class: "source-date", title: d.published || !d.crawled ? "published" : "crawled (no publication date)" },
          publishedDay(d.published, d.crawled))));
  }
  return el("th", { class: "source-col group", "data-sources": group.length },
    el("div", { class: "group-label" }, `${group.length} sources: `, ...group.flatMap((d, i) => [i ? ", " : "", text(outletName(d))])),
    el("ul", { class: "group-members" }, ...group.map((d) => el("li", {}, link(d),
      el("span", { class: "meta" }, " ", el("span", { class: "source-lang" }, d.lang || "language unknown"), " · ",
        el("span", { class: "source-date", title: d.published || !d.crawled ? "published" : "crawled (no publication date)" },
          publishedDay(d.published, d.crawled)))))));
}

// Fields as rows, sources (or groups of agreeing sources) as columns; each column headed by the
// outlet, language and publication day. On a narrow screen the table stacks: one block per field,
// each cell labelled with its source (data-label), so the page never grows sideways.
function sideBySide(event, members) {
  const fields = Object.keys(event.fields);
  const docs = members.filter((m) => event.documents.includes(m.id));
  const columns = sideBySideColumns(event, docs);
  const label = (group) => (group.length === 1 ? sourceLine(group[0])
    : `${group.length} sources: ${group.map(outletName).join(", ")}`);
  return el("table", { class: `sidebyside stack${columns.length > 6 ? " dense" : ""}`, "data-columns": columns.length, "data-sources": docs.length },
    el("thead", {}, el("tr", {}, el("th", { class: "field-col" }, "field (chosen, rule)",
      el("div", { class: "meta" }, "source: outlet, language, day published (else crawled)")),
      ...columns.map(columnHead))),
    el("tbody", {}, ...fields.map((name) => {
      const chosen = event.chosen[name];
      const value = chosen ? event.fields[name].find((v) => v.value === chosen.value) : null;
      return el("tr", { "data-field": name },
        el("th", {}, name, el("div", { class: "meta" }, value ? valueView(name, value) : "unknown", ` — ${chosen ? chosen.rule : "no value"}`)),
        ...columns.map((group) => {
          const given = givenBy(event.fields[name], group.map((d) => d.id));
          return el("td", { "data-label": label(group) }, given.length
            ? given.flatMap((v, i) => [i ? " · " : "", valueView(name, v)])
            : el("span", { class: "unknown", title: "this source gives no value" }, "unknown"));
        }));
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
  const articles = el("table", { id: "articles", class: "stack" },
    el("thead", {}, el("tr", {}, el("th", {}, "language"), el("th", {}, "outlet"), el("th", {}, "published"), el("th", {}, "title"), el("th", {}, "joined on"))),
    el("tbody", {}, ...story.members.map((m) => el("tr", {},
      el("td", { "data-label": "language" }, m.lang), el("td", { "data-label": "outlet" }, text(m.outlet || "unknown")),
      el("td", { "data-label": "published" }, reportedNode(m.published, m.crawled, "unknown", true)),
      el("td", { "data-label": "title" }, el("a", { href: `#/doc/${m.id}`, lang: m.lang, dir: "auto" }, m.title || m.id)),
      el("td", { class: "meta", "data-label": "joined on" }, text(m.reasons.slice(0, 6).join(", ")))))));
  const events = story.events.map((e) => el("div", { class: "card event", id: `event-${e.id}` },
    el("strong", {}, `${e.id} · ${(e.chosen.date || {}).value || "undated"} · ${e.acled_subtype || e.plover}`),
    e.background ? el("span", { class: "badge" }, "background") : null,
    e.weak ? el("span", { class: "badge", title: WEAK_TITLE }, "weak") : null,
    el("span", { class: "badge" }, plural(e.independent_sources, "independent source")),
    sideBySide(e, story.members)));
  const panel = el("section", { id: "contradictions" }, el("h2", {}, `Contradictions (${story.contradictions.length})`),
    ...(story.contradictions.length ? story.contradictions.map(contradictionCard) : [el("p", { class: "meta" }, "None found.")]));
  show(el("h1", {}, `Story ${story.id}`), ...titles,
    el("p", { class: "meta days" }, story.first_day ? dayRange(story.first_day, story.last_day) : ""),
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
    el("p", { class: "meta" }, `${doc.lang} · `, text(doc.outlet || "outlet unknown"), " · ", reportedNode(doc.published, doc.crawled, "undated", true), " · ",
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
  "Remote explosive/landmine/IED": "#d35400", "Armed clash": "#2c3e50",
  "Government regains territory": "#27ae60", "Non-state actor overtakes territory": "#16a085" };

// A count no report gives is unknown, not 0: said so; an unknown death toll is drawn at the base
// size with a dashed outline; a known toll (0 included) grows the marker.
function countOf(e, name) {
  const value = ((e.chosen || {})[name] || {}).value;
  return value === undefined || value === null ? null : value;
}

const killedOf = (e) => countOf(e, "killed");

function tollText(e) {
  const killed = killedOf(e);
  return killed === null ? "killed: unknown" : `killed: ${killed}`;
}

function injuredText(e) {
  const injured = countOf(e, "injured");
  return injured === null ? "injured: unknown" : `injured: ${injured}`;
}

function markerStyle(e) {
  const killed = killedOf(e);
  return { radius: 6 + (killed === null ? 0 : Math.sqrt(killed) * 3), dashArray: killed === null ? "3 3" : null,
    color: e.background ? "#7f8c8d" : COLOURS[e.acled_subtype] || "#1f3a5f",
    fillOpacity: killed === null || e.background ? 0.35 : 0.7, className: "event-marker" };
}

const dayOfEvent = (e) => ((e.chosen || {}).date || {}).value || null;

function placeOf(e) {
  const chosen = ((e.chosen || {}).location || {}).value;
  return ((e.fields || {}).location || []).find((v) => v.value === chosen) || null;
}

// The articles an event was read from, in the event's order: outlet, language, publication time
// (from the sources of its field values; an article without one is named by its id).
function eventSources(e) {
  const seen = new Map();
  for (const values of Object.values(e.fields || {})) {
    for (const v of values) {
      for (const s of v.sources || []) {
        if (!seen.has(s.doc_id)) seen.set(s.doc_id, { doc_id: s.doc_id, outlet: s.outlet, lang: s.lang, published: s.published, crawled: s.crawled });
      }
    }
  }
  const ids = [...(e.documents || []), ...seen.keys()];
  return [...new Set(ids)].map((id) => seen.get(id) || { doc_id: id, outlet: null, lang: null, published: null });
}


function sourceItem(s) {
  return el("li", {},
    el("a", { href: `#/doc/${encodeURIComponent(s.doc_id)}`, class: "popup-source" }, text(s.outlet || "outlet unknown")),
    el("span", { class: "meta" }, ` ${s.lang || "language unknown"} · ${reportedText(s)}`));
}

function eventPopup(e, loc) {
  const sources = eventSources(e);
  return el("div", { class: "event-popup" },
    el("strong", {}, `${e.id} · ${dayOfEvent(e) || "undated"}`), e.background ? el("span", { class: "badge" }, " background") : null,
    e.weak ? el("span", { class: "badge", title: WEAK_TITLE }, " weak") : null,
    el("br"), text((loc || {}).label || "place unknown"), el("br"),
    `${e.acled_subtype || e.plover || "type unknown"}`, el("br"),
    el("span", { class: "toll" }, `${tollText(e)} · ${injuredText(e)}`),
    el("div", { class: "popup-sources" }, sources.length ? `${plural(sources.length, "source")}:` : "sources: unknown",
      sources.length ? el("ul", {}, ...sources.map(sourceItem)) : null),
    el("a", { href: `#/story/${e.story_id}` }, `story ${e.story_id}`));
}

// Days as whole numbers (days since 1970-01-01, UTC), so the timeline's arithmetic is exact.
const DAY_MS = 86400000;
const dayNumber = (iso) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthStart(n, add) {
  const d = new Date(n * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (add || 0), 1) / DAY_MS;
}

function yearStart(n, add) {
  return Date.UTC(new Date(n * DAY_MS).getUTCFullYear() + (add || 0), 0, 1) / DAY_MS;
}

const SVG = "http://www.w3.org/2000/svg";
function svgEl(tag, attrs, content) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (content !== undefined) node.textContent = content;
  return node;
}

// The timeline: bars of events per day, month or year, whichever fits the window shown (a day
// needs 6 pixels). Zoom with the wheel or the buttons; clicking a month or a year zooms into it,
// clicking a day selects it; dragging (mouse, pen or touch: pointer events) selects the days it
// covers. `onSelect(from, to)` gets ISO days; `select(from, to)` draws a selection made elsewhere;
// `onView()` is told when the window moves (`view()` says where it is, `showDays` moves it).
function makeTimeline(svg, status, onSelect, onView) {
  const HEIGHT = 120, BARS = 92;
  let counts = new Map(), extent = [0, 1], lo = 0, hi = 1, level = "day", bins = [], selected = null;
  let drag = null;

  // The drawing's box is the svg's inside (no border): one unit of the viewBox is one pixel.
  const width = () => Math.max(100, svg.clientWidth || Math.round(svg.getBoundingClientRect().width) || 1000);
  const height = () => Math.max(HEIGHT - 10, svg.clientHeight || HEIGHT);
  const xOf = (n) => ((n - lo) / (hi - lo)) * width();
  const dayAt = (x) => lo + Math.floor((x / width()) * (hi - lo));
  const binAt = (x) => {
    const n = Math.min(hi - 1, Math.max(lo, dayAt(x)));
    return bins.find((b) => b.start <= n && n < b.end) || null;
  };
  // A pointer's x in the drawing's own units, through the svg's transform (border, viewBox
  // scaling and centring included), so a click lands on the bar drawn under it.
  const localX = (event) => {
    const ctm = svg.getScreenCTM();
    if (!ctm) return event.clientX - svg.getBoundingClientRect().left - svg.clientLeft;
    return new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse()).x;
  };

  function setWindow(a, b) {
    const [first, last] = extent;
    let span = Math.min(Math.max(7, b - a), Math.max(7, last - first));
    a = Math.round(a);
    span = Math.round(span);
    if (span >= last - first) a = first + Math.floor((last - first - span) / 2);
    else a = Math.min(Math.max(a, first), last - span);
    [lo, hi] = [a, a + span];
    draw();
    if (onView) onView();
  }

  function binsFor() {
    const pxPerDay = width() / (hi - lo);
    level = pxPerDay >= 6 ? "day" : pxPerDay * 30 >= 6 ? "month" : "year";
    const out = [];
    const step = level === "day" ? (n) => n + 1 : level === "month" ? (n) => monthStart(n, 1) : (n) => yearStart(n, 1);
    let start = level === "day" ? lo : level === "month" ? monthStart(lo) : yearStart(lo);
    while (start < hi) {
      const end = step(start);
      let n = 0;
      for (let d = Math.max(start, lo); d < Math.min(end, hi); d++) n += counts.get(d) || 0;
      out.push({ start, end, n });
      start = end;
    }
    return out;
  }

  // Tick labels: every k-th day (of the month), month or year, k the smallest step leaving room.
  function labelStep(pxPerDay) {
    const [unit, steps, room] = level === "day" ? [1, [1, 2, 5, 10, 15], 24]
      : level === "month" ? [30.4, [1, 2, 3, 6, 12], 34] : [365, [1, 2, 5, 10, 20, 50, 100], 40];
    return steps.find((k) => k * unit * pxPerDay >= room) || steps[steps.length - 1];
  }

  function label(bin, k) {
    const d = new Date(bin.start * DAY_MS);
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
    if (level === "year") return y % k === 0 ? String(y) : null;
    if (level === "month") return m % k !== 0 ? null : m === 0 ? (k === 12 ? String(y) : `Jan ${y}`) : MONTHS[m];
    if ((day - 1) % k !== 0 || day > 31 - k / 2) return null;
    return day === 1 ? `1 ${MONTHS[m]}` : String(day);
  }

  function draw() {
    const w = width();
    svg.setAttribute("viewBox", `0 0 ${w} ${height()}`);
    bins = binsFor();
    const peak = Math.max(1, ...bins.map((b) => b.n));
    const nodes = [];
    const k = labelStep(w / (hi - lo));
    let labelEnd = -Infinity;
    bins.forEach((bin) => {
      const x0 = Math.max(0, xOf(bin.start)), x1 = Math.min(w, xOf(bin.end));
      const start = isoDay(bin.start), last = isoDay(bin.end - 1);
      const out = selected && (last < selected[0] || start > selected[1]);
      if (bin.n) {
        const h = Math.max(3, (bin.n / peak) * (BARS - 8));
        const bar = svgEl("rect", { class: `bar${out ? " out" : ""}`, x: x0 + 0.5, y: BARS - h,
          width: Math.max(1, x1 - x0 - 1), height: h, "data-start": start, "data-end": last,
          "data-level": level, "data-count": bin.n });
        const unit = level === "day" ? start : level === "month" ? start.slice(0, 7) : start.slice(0, 4);
        bar.append(svgEl("title", {}, `${unit}: ${plural(bin.n, "event")}`));
        nodes.push(bar);
      }
      const words = label(bin, k), room = words ? words.length * 6.5 + 8 : 0;  // about 6.5 px a character
      if (words && x0 >= labelEnd && x0 + room <= w + 4) {
        nodes.push(svgEl("line", { class: "tick", x1: x0, x2: x0, y1: BARS, y2: BARS + 4 }));
        nodes.push(svgEl("text", { class: "tick-label", x: x0 + 2, y: BARS + 16 }, words));
        labelEnd = x0 + room;
      }
    });
    nodes.push(svgEl("line", { class: "axis", x1: 0, x2: w, y1: BARS, y2: BARS }));
    if (selected) {
      const a = Math.max(0, xOf(dayNumber(selected[0]))), b = Math.min(w, xOf(dayNumber(selected[1]) + 1));
      if (b > a) nodes.push(svgEl("rect", { class: "selection", x: a, y: 0, width: b - a, height: BARS }));
    }
    nodes.push(svgEl("rect", { class: "brush", x: 0, y: 0, width: 0, height: BARS }));
    svg.replaceChildren(...nodes);
    svg.dataset.level = level;
    svg.dataset.from = isoDay(lo);
    svg.dataset.to = isoDay(hi - 1);
    const hint = level === "day" ? "click a day to select it, drag to select days"
      : `click a ${level} to zoom into it, drag to select`;
    status.textContent = `${isoDay(lo)} – ${isoDay(hi - 1)}, by ${level}: ${hint}`;
  }

  function finish(event) {
    if (!drag || event.pointerId !== drag.id) return;
    const { x0, moved } = drag;
    const x1 = localX(event);
    drag = null;
    if (moved) {
      const [a, b] = [binAt(Math.min(x0, x1)), binAt(Math.max(x0, x1))];
      if (a && b) onSelect(isoDay(Math.max(a.start, lo)), isoDay(Math.min(b.end, hi) - 1));
      else draw();
      return;
    }
    const bin = binAt(x1);
    if (!bin) return;
    if (level === "day") onSelect(isoDay(bin.start), isoDay(bin.start));
    else setWindow(bin.start, bin.end);
  }

  svg.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    drag = { id: event.pointerId, x0: localX(event), moved: false };
    try { svg.setPointerCapture(event.pointerId); } catch (_) { /* a synthetic pointer */ }
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const x = localX(event);
    if (Math.abs(x - drag.x0) > 4) drag.moved = true;
    if (!drag.moved) return;
    const brush = svg.querySelector("rect.brush");
    brush.setAttribute("x", Math.min(x, drag.x0));
    brush.setAttribute("width", Math.abs(x - drag.x0));
  });
  svg.addEventListener("pointerup", finish);
  svg.addEventListener("pointercancel", () => { drag = null; draw(); });
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const at = dayAt(localX(event));
    const factor = event.deltaY < 0 ? 0.5 : 2;
    setWindow(at - (at - lo) * factor, at - (at - lo) * factor + (hi - lo) * factor);
  }, { passive: false });
  svg.setAttribute("tabindex", "0");  // the keyboard: arrows move the window, + and - zoom
  svg.setAttribute("aria-label", "timeline of events: arrow keys move it, + and - zoom");
  svg.addEventListener("keydown", (event) => {
    const act = { ArrowLeft: () => setWindow(lo - (hi - lo) / 4, hi - (hi - lo) / 4),
      ArrowRight: () => setWindow(lo + (hi - lo) / 4, hi + (hi - lo) / 4),
      "+": () => setWindow(lo + (hi - lo) / 4, hi - (hi - lo) / 4), "=": () => setWindow(lo + (hi - lo) / 4, hi - (hi - lo) / 4),
      "-": () => setWindow(lo - (hi - lo) / 2, hi + (hi - lo) / 2) }[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });
  if (window.ResizeObserver) new ResizeObserver(() => draw()).observe(svg);

  return {
    setDays(days) {  // ISO days of the events shown; the window becomes all of them
      counts = new Map();
      for (const d of days) counts.set(dayNumber(d), (counts.get(dayNumber(d)) || 0) + 1);
      const numbers = [...counts.keys()].sort((a, b) => a - b);
      const today = dayNumber(new Date().toISOString());
      const [first, last] = numbers.length ? [numbers[0], numbers[numbers.length - 1]] : [today, today];
      extent = [monthStart(first), monthStart(last, 1)];
      setWindow(extent[0], extent[1]);
    },
    select(from, to) {
      selected = from || to ? [from || "0000-01-01", to || "9999-12-31"] : null;
      draw();
    },
    zoom(factor) {
      const mid = (lo + hi) / 2, span = (hi - lo) * factor;
      setWindow(mid - span / 2, mid + span / 2);
    },
    pan(share) { setWindow(lo + (hi - lo) * share, hi + (hi - lo) * share); },
    all() { setWindow(extent[0], extent[1]); },
    showDays(from, to, room) {  // a window over these ISO days (either may be missing), with room either side
      const a = ISO_DAY.test(from || "") ? dayNumber(from) : extent[0];
      const b = ISO_DAY.test(to || "") ? dayNumber(to) + 1 : extent[1];
      if (!(b > a)) return;
      const pad = room ? Math.max(3, Math.round((b - a) / 2)) : 0;
      setWindow(a - pad, b + pad);
    },
    view() {  // the window as [first, last] ISO days, or null when it is the whole span
      return lo === extent[0] && hi === extent[1] ? null : [isoDay(lo), isoDay(hi - 1)];
    },
  };
}

// what a weak event is (khabar.fuse.events.CanonicalEvent.weak), on its badge and checkbox
const WEAK_TITLE = "typed by the sentence classifier alone: no event word, weapon, toll or armed party in any report";

async function mapPage(params) {
  const from = el("input", { type: "date", id: "from", value: params.get("since") || "" });
  const to = el("input", { type: "date", id: "to", value: params.get("until") || "" });
  const background = el("input", { type: "checkbox", id: "show-background", checked: params.get("background") === "1" });
  const weak = el("input", { type: "checkbox", id: "show-weak", checked: params.get("weak") === "1" });
  const count = el("span", { id: "map-count", class: "meta" });
  const mapDiv = el("div", { id: "map" });
  const svg = document.createElementNS(SVG, "svg");
  svg.id = "timeline";
  const status = el("span", { id: "timeline-status", class: "meta" });
  const list = el("div", { id: "event-list" });
  const undated = el("section", { id: "undated" });
  const zoomButton = (id, label, title, act) => el("button", { id, type: "button", title, onclick: act }, label);
  show(el("h1", {}, "Map and timeline"),
    el("div", { class: "filters" }, el("label", {}, "From", from), el("label", {}, "To", to),
      el("button", { id: "clear-range", type: "button", onclick: () => { from.value = ""; to.value = ""; apply(); } }, "All days"),
      el("label", { class: "check" }, background, "show background events"),
      el("label", { class: "check", title: WEAK_TITLE }, weak, "show weak events"), count),
    mapDiv,
    el("div", { class: "timeline-bar" },
      zoomButton("tl-out", "−", "zoom out", () => timeline.zoom(2)),
      zoomButton("tl-in", "+", "zoom in", () => timeline.zoom(0.5)),
      zoomButton("tl-left", "◀", "earlier", () => timeline.pan(-0.5)),
      zoomButton("tl-right", "▶", "later", () => timeline.pan(0.5)),
      zoomButton("tl-all", "all time", "show every day", () => timeline.all()), status),
    svg,
    el("p", { class: "meta" }, "Zoom the timeline (wheel or buttons) from years to months to days; click a day, or drag "
      + "across days, to filter the map and the list. Background events (earlier happenings a report recalls) and "
      + "weak ones (" + WEAK_TITLE + ") are hidden unless asked for; events with no known day are listed apart, below."),
    list, undated);

  // The chosen days, the background box and the timeline's window live in the hash
  // (#/map?since=…&until=…&window=first..last), rewritten in place (no new history entry, no
  // reload), so a reload or a shared link shows the same.
  let restoring = true;
  function remember() {
    if (restoring) return;
    const query = new URLSearchParams();
    if (from.value) query.set("since", from.value);
    if (to.value) query.set("until", to.value);
    if (background.checked) query.set("background", "1");
    if (weak.checked) query.set("weak", "1");
    const shown = timeline.view();
    if (shown) query.set("window", `${shown[0]}..${shown[1]}`);
    const hash = `#/map${[...query].length ? `?${query}` : ""}`;
    if (hash === location.hash) return;
    history.replaceState(null, "", hash);
    if (document.body.dataset.ready) document.body.dataset.ready = hash;
  }
  const timeline = makeTimeline(svg, status, (a, b) => { from.value = a; to.value = b; apply(); }, remember);
  const map = L.map(mapDiv, { worldCopyJump: true, minZoom: 0, maxZoom: 12 }).setView([33, 44], 5);
  const topo = await fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json());
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: "#6b7b8c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  map.addLayer(cluster);

  const events = await allPages("/api/events?include_background=true&include_undated=true&include_weak=true");
  let dated = [];

  const eventRow = (e, kind) => el("div", { class: `card ${kind || "event-row"}` },
    el("a", { href: `#/story/${e.story_id}` }, `${e.id}`), ` ${dayOfEvent(e) || "undated"} · ${e.acled_subtype || e.plover || "type unknown"} · `,
    text((placeOf(e) || {}).label || "place unknown"),
    el("span", { class: "toll" }, ` · ${tollText(e)}`), e.background ? el("span", { class: "badge" }, "background") : null,
    e.weak ? el("span", { class: "badge", title: WEAK_TITLE }, "weak") : null);

  function choose() {  // which events the page shows: background and weak ones only when asked for
    const wanted = events.filter((e) => (background.checked || !e.background) && (weak.checked || !e.weak));
    dated = wanted.filter(dayOfEvent);
    const without = wanted.filter((e) => !dayOfEvent(e));
    undated.replaceChildren(
      el("h2", { id: "undated-count", "data-count": without.length },
        plural(without.length, "undated event")),
      el("p", { class: "meta" }, "No report gives their day, so they are on neither the timeline nor the map."),
      ...without.map((e) => eventRow(e, "undated-row")));
    timeline.setDays(dated.map(dayOfEvent));
  }

  function apply() {
    const lo = from.value || "0000", hi = to.value || "9999";
    const shown = dated.filter((e) => dayOfEvent(e) >= lo && dayOfEvent(e) <= hi);
    map.closePopup();  // the popup of an event no longer shown goes with it
    cluster.clearLayers();
    const points = [];
    for (const e of shown) {
      const loc = placeOf(e);
      if (!loc || loc.lat === undefined || loc.lat === null) continue;
      const marker = L.circleMarker([loc.lat, loc.lon], markerStyle(e));
      marker.bindPopup(eventPopup(e, loc), { maxWidth: 280 });
      cluster.addLayer(marker);
      points.push([loc.lat, loc.lon]);
    }
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 7, animate: false });
    count.textContent = `${plural(points.length, "event")} on the map, ${shown.length} in range`;
    count.dataset.count = String(points.length);
    timeline.select(from.value, to.value);
    list.replaceChildren(...shown.map((e) => eventRow(e)));
    remember();
  }

  background.addEventListener("change", () => { choose(); apply(); });
  weak.addEventListener("change", () => { choose(); apply(); });
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  choose();
  const [first, last] = (params.get("window") || "").split("..");
  if (ISO_DAY.test(first || "") && ISO_DAY.test(last || "")) timeline.showDays(first, last);
  else if (from.value || to.value) timeline.showDays(from.value, to.value, true);
  restoring = false;
  apply();
}

// --- watchlists --------------------------------------------------------------------------------

function criteria(w) {
  return ["query", "place", "actor", "type", "country"].filter((k) => w[k]).map((k) => `${k}: ${w[k]}`).join(" · ");
}

const feedLink = (name) => el("a", { href: `/api/watch/${encodeURIComponent(name)}.atom`, class: "feed-link" }, "Atom feed");
const matchCount = (n) => plural(n, "match", "matches");

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
    if (error instanceof ApiError && (error.status === 404 || error.status === 422) && parts[1] !== undefined) {
      let id = parts[1];
      try { id = decodeURIComponent(id); } catch (_) { /* shown as written */ }
      notFound(parts[0], id);
      document.body.dataset.ready = "not-found";
      return;
    }
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
