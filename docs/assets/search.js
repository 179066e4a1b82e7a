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

// Every indexed page has this word in its metadata (casereviews/search.py BROWSE_WORD). Browsing by filters
// searches for it instead of search(null): Pagefind 1.5.2 answers a wordless search by loading its whole word
// index, this word costs one small chunk.
const BROWSE_WORD = "crbrowseallqz";
const PAGE_SIZE = 20;
const base = new URL((root.dataset.base || ".") + "/", window.location.href);
const facetKeys = [...root.querySelectorAll("fieldset[data-facet]")].map((f) => f.dataset.facet);
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

let pagefind = null;
let totals = {}; // filter value counts over the whole index
let pageCount = 0;
let current = []; // the results of the latest search, for "Show more"
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
    current = [];
    shown = 0;
    list.replaceChildren();
    moreButton.hidden = true;
    statusEl.textContent = `${pageCount.toLocaleString("en-GB")} pages to search: type some words or choose filters`;
    finish(mine);
    return;
  }
  const term = state.q || BROWSE_WORD;
  const options = { filters: pagefindFilters(state.filters) };
  if (effectiveSort(state) === "newest") options.sort = { published: "desc" };
  const search = await pagefind.search(term, options);
  // Counts for a group with ticked values come from the same search without that group's choices.
  const counts = {};
  for (const key of facetKeys) {
    if (state.filters[key]) {
      const other = await pagefind.search(term, { filters: pagefindFilters(state.filters, key) });
      counts[key] = (other && other.filters && other.filters[key]) || {};
    } else {
      counts[key] = (search && search.filters && search.filters[key]) || {};
    }
  }
  if (mine !== generation || !search) return;
  showCounts(counts);
  showChosen(state);
  // Browsing without words is always newest first: say so, and keep the choice out of the address.
  sortSelect.disabled = !state.q;
  sortSelect.value = state.q ? state.sort : "newest";
  current = search.results;
  shown = 0;
  list.replaceChildren();
  statusEl.textContent = summary(state, current.length);
  await showMore(mine, false);
  finish(mine);
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
  const batch = current.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== generation) return;
  const items = data.map(resultItem);
  list.append(...items);
  shown += batch.length;
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

// A document's pages are sections whose headings have the id "page=N" (casereviews/document_search.py): link to
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
    await loaded.options({ baseUrl: base.pathname, excerptLength: 30 });
    await loaded.init();
    // Loads the filter index (until then searches report no filter counts) and gives the counts over everything.
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
