// The search page (/search/): Pagefind's JavaScript API behind an ordinary form.
//
// The form's fields ARE the state: q, one checkbox per filter value (name = filter key, value = label) and sort.
// The address holds the same fields, so a search can be bookmarked or shared, and each committed change is a
// history entry so the back button steps back through searches. Typing updates the current entry instead, so
// Back does not replay every keystroke.
//
// Within a filter group, ticked values widen the search (any of them); across groups they narrow it (all
// groups). Each group's counts say how many results each value would give with the other groups' choices, the
// usual faceted-search convention, so a count never depends on what is ticked in its own group.
//
// The index is in several Pagefind bundles, so that no single Pagefind run at build time holds all of it in
// memory (casereviews/outputs/search_index.py): pagefind/ holds pages, more bundles of pages and the text inside
// published documents may follow, and pagefind/bundles.json lists them all. The first is loaded as usual and
// the others merged into it (Pagefind's mergeIndex), so one search covers them all: results by relevance come
// in Pagefind's merged order (by score) and filter counts are added up. A newest-first search is different:
// Pagefind scores each bundle's results by their place in that bundle's order, which the merged order does not
// keep, so it searches each bundle on its own (each has a filter "bundle" naming it) and merges them by date.

const root = document.getElementById("cr-search");
const form = document.getElementById("cr-search-form");
const input = document.getElementById("cr-q");
const sortSelect = document.getElementById("cr-sort");
const statusEl = document.getElementById("cr-results-heading");
const list = document.getElementById("cr-results");
const moreButton = document.getElementById("cr-more");
const filtersBox = document.getElementById("cr-filters");
const chosenEl = document.getElementById("cr-chosen");
const clearButton = document.getElementById("cr-clear");

// Every indexed page has this word in its metadata (casereviews/pages/search.py BROWSE_WORD). Browsing by filters
// searches for it instead of search(null): Pagefind 1.5.2 answers a wordless search by loading its whole word
// index, this word costs one small chunk.
const BROWSE_WORD = "crbrowseallqz";
const PAGE_SIZE = 20;
const base = new URL((root.dataset.base || ".") + "/", window.location.href);
const facetKeys = [...root.querySelectorAll("fieldset[data-facet]")].map((f) => f.dataset.facet);
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

let pagefind = null;
let bundles = ["pagefind"];
let totals = {}; // filter value counts over the whole index
let pageCount = 0;
let current = noResultsYet(); // the results of the latest search, for "Show more"
let shown = 0;
let generation = 0; // a newer search makes older, slower ones drop their answers
let typingTimer = null;

// ---- state <-> address <-> form ------------------------------------------------------------------------------

function stateFromParams(params) {
  const filters = {};
  for (const key of facetKeys) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return { q: (params.get("q") || "").trim(), filters, sort: params.get("sort") === "newest" ? "newest" : "" };
}

function paramsFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of facetKeys) for (const value of state.filters[key] || []) params.append(key, value);
  if (state.sort) params.set("sort", state.sort);
  return params;
}

function stateFromForm() {
  return stateFromParams(new URLSearchParams(new FormData(form)));
}

function showStateInForm(state) {
  input.value = state.q;
  sortSelect.value = state.sort;
  for (const box of form.querySelectorAll("fieldset[data-facet] input[type=checkbox]")) {
    box.checked = (state.filters[box.name] || []).includes(box.value);
  }
}

function addressFor(state) {
  const query = paramsFromState(state).toString();
  return window.location.pathname + (query ? "?" + query : "");
}

function remember(state, how) {
  const address = addressFor(state);
  if (address === window.location.pathname + window.location.search) return;
  if (how === "push") window.history.pushState(null, "", address);
  else window.history.replaceState(null, "", address);
}

// ---- searching -----------------------------------------------------------------------------------------------

function pagefindFilters(filters, leaveOut) {
  const out = {};
  for (const [key, values] of Object.entries(filters)) {
    if (key !== leaveOut && values.length) out[key] = { any: values };
  }
  return out;
}

function effectiveSort(state) {
  // Without words there is no relevance to rank by, so browsing is newest first.
  return state.q && state.sort !== "newest" ? "" : "newest";
}

async function run(state) {
  // Until Pagefind has loaded, start() owns the first search: it runs whatever the form holds by then.
  if (!pagefind) return;
  const mine = ++generation;
  root.dataset.busy = "true";
  if (!state.q && !Object.keys(state.filters).length) {
    // Nothing asked yet: wait for words or a filter rather than have every visitor download 20 results they
    // did not ask for. The counts over everything come from the filter index.
    showCounts(totals);
    showChosen(state);
    sortSelect.disabled = true;
    sortSelect.value = "newest";
    current = noResultsYet();
    shown = 0;
    list.replaceChildren();
    moreButton.hidden = true;
    statusEl.textContent = `${pageCount.toLocaleString("en-GB")} pages to search: type some words or choose filters`;
    finish(mine);
    return;
  }
  const term = state.q || BROWSE_WORD;
  const only = state.q ? await bundlesWithEveryWord(state.q) : bundles;
  const within = (filters) => (only.length === bundles.length ? filters : inBundles(filters, only));
  const options = { filters: within(pagefindFilters(state.filters)) };
  if (effectiveSort(state) === "newest") options.sort = { published: "desc" };
  const search = await pagefind.search(term, options);
  // Newest first: each bundle's own results, in its own order (see the top of this file).
  let sorted = null;
  if (options.sort && bundles.length > 1) {
    const each = (bundle) => pagefind.search(term, { ...options, filters: inBundles(options.filters, [bundle]) });
    sorted = await Promise.all(only.map(each));
  }
  // Counts for a group with ticked values come from the same search without that group's choices.
  const counts = {};
  for (const key of facetKeys) {
    if (state.filters[key]) {
      const other = await pagefind.search(term, { filters: within(pagefindFilters(state.filters, key)) });
      counts[key] = (other && other.filters && other.filters[key]) || {};
    } else {
      counts[key] = (search && search.filters && search.filters[key]) || {};
    }
  }
  if (mine !== generation || !search || (sorted && sorted.includes(null))) return;
  showCounts(counts);
  showChosen(state);
  // Browsing without words is always newest first: say so, and keep the choice out of the address.
  sortSelect.disabled = !state.q;
  sortSelect.value = state.q ? state.sort : "newest";
  current = sorted ? newestFirst(sorted) : inOrder(search.results);
  shown = 0;
  list.replaceChildren();
  statusEl.textContent = summary(state, current.length);
  await showMore(mine, false);
  finish(mine);
}

function inBundles(filters, chosen) {
  return { ...filters, bundle: { any: chosen.length ? chosen : ["(none)"] } };
}

// Pagefind leaves out of a search every word its index does not hold, so a bundle without one of the words
// would answer with its pages that have the others, where one index of everything would have required every
// word (on a page of another bundle). So each word is looked up alone first, and the bundles that lack a word
// some other bundle holds are left out. (A word no bundle holds is left out, as one index would.)
async function bundlesWithEveryWord(q) {
  if (bundles.length < 2) return bundles;
  let keep = bundles;
  for (const word of new Set(q.split(/\s+/).filter(Boolean))) {
    const found = await pagefind.search(word);
    const holding = (found && found.filters && found.filters.bundle) || {};
    if (Object.values(holding).some((n) => n > 0)) keep = keep.filter((bundle) => holding[bundle] > 0);
  }
  return keep;
}

// A search's results in the order shown: length, and take(n) for the data of the next n.
function noResultsYet() {
  return { length: 0, take: async () => [] };
}

function inOrder(results) {
  let next = 0;
  return {
    length: results.length,
    take: (n) => {
      const batch = results.slice(next, next + n);
      next += batch.length;
      return Promise.all(batch.map((r) => r.data()));
    },
  };
}

// Each bundle's results are newest first: take the newest of the bundles' next results each time, loading only
// those (a result's date is in its data, as its metadata "date", the same day as its sort key "published").
function newestFirst(answers) {
  const queues = answers.map((a) => ({ results: a.results, at: 0, head: null })).filter((q) => q.results.length);
  return {
    length: queues.reduce((n, q) => n + q.results.length, 0),
    take: async (n) => {
      const out = [];
      while (out.length < n) {
        const live = queues.filter((q) => q.at < q.results.length);
        if (!live.length) break;
        for (const q of live) if (!q.head) q.head = q.results[q.at].data();
        const heads = await Promise.all(live.map((q) => q.head));
        let best = 0; // on the same day, the earlier bundle (the pages) first
        for (let k = 1; k < live.length; k++) if (dateOf(heads[k]) > dateOf(heads[best])) best = k;
        out.push(heads[best]);
        live[best].at += 1;
        live[best].head = null;
      }
      return out;
    },
  };
}

function dateOf(data) {
  return (data.meta || {}).date || "";
}

function finish(mine) {
  if (mine !== generation) return;
  root.dataset.busy = "false";
  root.dataset.done = String(mine); // tests and scripts wait for this to change
}

function summary(state, count) {
  const results = count === 1 ? "1 result" : `${count.toLocaleString("en-GB")} results`;
  const chosen = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
  const filters = chosen ? ` with ${chosen === 1 ? "1 filter" : chosen + " filters"}` : "";
  return state.q ? `${results} for “${state.q}”${filters}` : `${results}${filters}, newest first`;
}

async function showMore(mine, moveFocus) {
  const results = current;
  const data = await results.take(PAGE_SIZE);
  if (mine !== generation || results !== current) return;
  const items = data.map(resultItem);
  list.append(...items);
  shown += data.length;
  moreButton.hidden = shown >= current.length;
  moreButton.textContent = `Show more results (${(current.length - shown).toLocaleString("en-GB")} more)`;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
  if (!current.length) list.append(noResults());
}

function noResults() {
  const li = document.createElement("li");
  li.className = "cr-results__none";
  li.textContent = "Nothing matches. Try fewer or different words, or clear some filters.";
  return li;
}

// A document's pages are sections whose headings have the id "page=N" (casereviews/outputs/document_search.py): link to
// the page with the most of the words searched for, so the PDF opens there, and name that page in the title.
function bestPage(data) {
  if ((data.meta || {}).kind !== "Document") return null;
  const pages = (data.sub_results || []).filter((s) => /#page=\d+$/.test(s.url) && (s.locations || []).length);
  return pages.reduce((best, s) => (!best || s.locations.length > best.locations.length ? s : best), null);
}

function resultItem(data) {
  const meta = data.meta || {};
  const page = bestPage(data);
  const li = document.createElement("li");
  li.className = "cr-result";
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  // A recommendation's record is its own small page; its metadata names its place on the action plan.
  link.href = meta.url ? new URL(meta.url, base).href : page ? page.url : data.url;
  link.textContent = page && meta.document ? `${meta.document}, ${page.title} – ${meta.review}` : meta.title || data.url;
  heading.append(link);
  const facts = document.createElement("p");
  facts.className = "cr-result__meta";
  const kind = document.createElement("span");
  kind.className = "cr-result__kind";
  kind.textContent = meta.kind || "";
  facts.append(kind);
  if (meta.type) facts.append(` · ${meta.type}`);
  if (meta.date) {
    const time = document.createElement("time");
    time.dateTime = meta.date;
    time.textContent = dateFormat.format(new Date(meta.date + "T00:00:00Z"));
    facts.append(" · ", time);
  }
  if (meta.status) {
    const badge = document.createElement("span");
    badge.className = "cr-badge cr-badge--archived";
    badge.textContent = meta.status;
    facts.append(" ", badge);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "cr-result__excerpt";
  if (meta.excerpt) excerpt.textContent = meta.excerpt;
  else excerpt.append(...markedText((page || data).excerpt || ""));
  li.append(heading, facts, excerpt);
  return li;
}

// Pagefind's excerpt is text with <mark> around the words found. Rebuild it from an inert document keeping only
// the text and the marks, so nothing in an excerpt can ever become markup of its own.
function markedText(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const out = [];
  for (const node of doc.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.push(mark);
    } else {
      out.push(document.createTextNode(node.textContent));
    }
  }
  return out;
}

// ---- filters -------------------------------------------------------------------------------------------------

function showCounts(counts) {
  for (const fieldset of root.querySelectorAll("fieldset[data-facet]")) {
    const groupCounts = counts[fieldset.dataset.facet] || {};
    for (const label of fieldset.querySelectorAll("label")) {
      const box = label.querySelector("input");
      const n = groupCounts[box.value] || 0;
      label.querySelector("[data-count]").textContent = `(${n.toLocaleString("en-GB")})`;
      label.classList.toggle("cr-facet--empty", n === 0 && !box.checked);
    }
  }
}

function showChosen(state) {
  const chosen = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
  chosenEl.textContent = chosen ? `(${chosen} chosen)` : "";
  clearButton.hidden = chosen === 0;
}

// The page (overrides/search.html) draws long groups already cut to their first values, with the button.
function shortenLongGroups() {
  for (const fieldset of root.querySelectorAll("fieldset[data-facet]")) {
    const button = fieldset.querySelector(".cr-facet__toggle");
    if (!button) continue;
    const items = [...fieldset.querySelectorAll("li")];
    const extra = items.filter((li) => li.classList.contains("cr-facet__more"));
    const legend = fieldset.querySelector("legend").textContent.toLowerCase();
    const setOpen = (open) => {
      // A ticked value always stays visible, open or not.
      for (const li of extra) li.hidden = !open && !li.querySelector("input").checked;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? `Show fewer (${legend})` : `Show all ${items.length} (${legend})`;
    };
    button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
    fieldset.addEventListener("change", () => setOpen(button.getAttribute("aria-expanded") === "true"));
    fieldset.cr_setOpen = setOpen;
    setOpen(false);
  }
}

function refreshLongGroups() {
  for (const fieldset of root.querySelectorAll("fieldset[data-facet]")) {
    const button = fieldset.querySelector(".cr-facet__toggle");
    if (button && fieldset.cr_setOpen) fieldset.cr_setOpen(button.getAttribute("aria-expanded") === "true");
  }
}

// ---- events --------------------------------------------------------------------------------------------------

function commit(how) {
  const state = stateFromForm();
  remember(state, how);
  return run(state);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  commit("push");
});

input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => commit("replace"), 300);
});

form.addEventListener("change", (event) => {
  if (event.target === input) return; // typing is handled above; change fires again on blur
  clearTimeout(typingTimer);
  commit("push");
});

clearButton.addEventListener("click", () => {
  for (const box of form.querySelectorAll("fieldset[data-facet] input:checked")) box.checked = false;
  commit("push");
  input.focus();
});

moreButton.addEventListener("click", () => showMore(generation, true));

window.addEventListener("popstate", () => {
  const state = stateFromParams(new URLSearchParams(window.location.search));
  showStateInForm(state);
  refreshLongGroups();
  run(state);
});

// ---- start ---------------------------------------------------------------------------------------------------

async function start() {
  const wide = window.matchMedia("(min-width: 60em)");
  const initial = stateFromParams(new URLSearchParams(window.location.search));
  showStateInForm(initial);
  filtersBox.open = wide.matches; // on a phone the results come first; the summary says how many filters are on
  shortenLongGroups();
  try {
    const loaded = await import(new URL("pagefind/pagefind.js", base).href);
    const listed = await fetch(new URL("pagefind/bundles.json", base));
    if (listed.ok) bundles = (await listed.json()).bundles;
    await loaded.options({ baseUrl: base.pathname, excerptLength: 30, mergeFilter: { bundle: bundles[0] } });
    await loaded.init();
    const options = (bundle) => ({ baseUrl: base.pathname, excerptLength: 30, mergeFilter: { bundle } });
    await Promise.all(bundles.slice(1).map((b) => loaded.mergeIndex(new URL(b + "/", base).pathname, options(b))));
    // Loads the filter indexes (until then searches report no filter counts) and gives the counts over everything.
    totals = await loaded.filters();
    pageCount = Object.values(totals.kind || {}).reduce((n, c) => n + c, 0); // every page has one kind
    pagefind = loaded; // searching is possible from here on
  } catch (err) {
    statusEl.textContent = "Search is not available: nothing has been published yet, or the search index is missing.";
    root.dataset.ready = "error";
    return;
  }
  // A reader may have typed or ticked something while the index loaded: search for what the form holds now.
  const now = stateFromForm();
  if (addressFor(now) !== addressFor(initial)) remember(now, "replace");
  await run(now);
  root.dataset.ready = "true";
}

start();
