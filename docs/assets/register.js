// Instant filters for the register of recommendations (/recommendations/).
//
// Without JavaScript the register is narrowed by its pages per theme, agency, response, year and delivery; this
// script only adds a form that narrows by all of them at once, and by words in the text. It fetches
// /recommendations/register.json (one short row per public recommendation) the first time a filter is used, so
// a visitor who only reads the page downloads nothing more. The form's fields are kept in the address
// (?theme=neglect&delivery=overdue), so a filtered view can be bookmarked or shared. Every value is put into the
// page as text (textContent), never as HTML.

const root = document.getElementById("cr-register");
const form = document.getElementById("cr-reg-filter");
const statusEl = document.getElementById("cr-reg-status");
const results = document.getElementById("cr-reg-results");
const staticList = document.getElementById("cr-reg-static");
const PAGE_SIZE = 50;
const DIMENSIONS = ["theme", "agency", "response", "year", "delivery"];
const base = new URL((root.dataset.base || ".") + "/", window.location.href);

let data = null;
let loading = null;
let matches = [];
let shown = 0;

function load() {
  if (!loading) {
    loading = fetch(new URL("recommendations/register.json", base))
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then((json) => (data = json));
  }
  return loading;
}

function chosen() {
  const values = {};
  for (const d of DIMENSIONS) {
    const field = form.elements[d];
    if (field && field.value) values[d] = field.value;
  }
  const text = form.elements.text.value.trim().toLowerCase();
  if (text) values.text = text;
  if (form.elements.repeats.checked) values.repeats = "1";
  return values;
}

function matchesRow(row, values) {
  const [, review, text, themes, agencies, response, delivery, , related] = row;
  if (values.theme && !themes.includes(values.theme)) return false;
  if (values.agency && !agencies.includes(values.agency)) return false;
  if (values.response && response !== values.response) return false;
  if (values.delivery && delivery !== values.delivery) return false;
  if (values.year && String(data.reviews[review][2]) !== values.year) return false;
  if (values.repeats && !related.some((link) => link[0] === "repeats")) return false;
  if (values.text) {
    const words = values.text.split(/\s+/);
    const haystack = (row[0] + " " + text + " " + data.reviews[review][1]).toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(path, text) {
  const a = el("a", "", text);
  a.href = new URL(path, base).href;
  return a;
}

function fact(dl, term, value) {
  const div = el("div");
  div.append(el("dt", "", term));
  const dd = el("dd");
  if (typeof value === "string") dd.textContent = value;
  else dd.append(...value);
  div.append(dd);
  dl.append(div);
}

function card(row) {
  const [identifier, reviewIndex, text, themes, , response, , deliveryText, related, path] = row;
  const [slug, title, year] = data.reviews[reviewIndex];
  const li = el("li", "cr-reg");
  const heading = el("h3", "cr-reg__id");
  heading.append(link(path, identifier));
  li.append(heading, el("p", "cr-reg__text", text));
  if (related.length) {
    const p = el("p", "cr-reg__links");
    related.forEach(([relation, other, otherPath], i) => {
      if (i) p.append("; ");
      const words = { repeats: "Repeats", "builds-on": "Builds on", replaces: "Replaces" }[relation];
      p.append(el("span", "cr-mark cr-mark--" + relation, words + " an earlier recommendation"), " ",
        link(otherPath, other));
    });
    li.append(p);
  }
  const dl = el("dl", "cr-reg__facts");
  fact(dl, "Review", [link("reviews/" + slug + "/", title), ", " + year]);
  const themeNodes = [];
  themes.forEach((id, i) => {
    if (i) themeNodes.push(", ");
    themeNodes.push(link("recommendations/theme/" + id + "/", data.labels.theme[id] || id));
  });
  fact(dl, "Themes", themeNodes);
  fact(dl, "Response", data.labels.response[response] || response);
  fact(dl, "Delivery", deliveryText);
  li.append(dl);
  return li;
}

function showMore() {
  const list = results.querySelector("ol");
  for (const row of matches.slice(shown, shown + PAGE_SIZE)) list.append(card(row));
  shown = Math.min(shown + PAGE_SIZE, matches.length);
  const more = results.querySelector("button");
  if (more) more.hidden = shown >= matches.length;
}

function render(values) {
  results.replaceChildren();
  matches = data.rows.filter((row) => matchesRow(row, values));
  shown = 0;
  const count = matches.length;
  statusEl.textContent = count === 1 ? "1 recommendation matches." : count + " recommendations match.";
  const heading = el("h2", "", "Matching recommendations");
  heading.id = "cr-reg-results-title";
  results.append(heading, el("ol", "cr-reg-list"));
  const more = el("button", "md-button", "Show more");
  more.type = "button";
  more.addEventListener("click", showMore);
  results.append(more);
  showMore();
}

function syncAddress(values) {
  const params = new URLSearchParams(values);
  const query = params.toString();
  history.replaceState(null, "", query ? "?" + query : window.location.pathname);
}

function update() {
  const values = chosen();
  syncAddress(values);
  if (!Object.keys(values).length) {
    results.hidden = true;
    staticList.hidden = false;
    statusEl.textContent = "";
    return;
  }
  statusEl.textContent = "Loading the register…";
  load()
    .then(() => {
      const now = chosen();
      if (JSON.stringify(now) !== JSON.stringify(values)) return; // a newer change will render
      render(values);
      results.hidden = false;
      staticList.hidden = true;
    })
    .catch(() => {
      statusEl.textContent = "The filters could not load the register. The links under 'Narrow the register' still work.";
    });
}

if (root && form) {
  form.hidden = false;
  const params = new URLSearchParams(window.location.search);
  for (const d of DIMENSIONS) {
    if (params.get(d) && form.elements[d]) form.elements[d].value = params.get(d);
  }
  if (params.get("text")) form.elements.text.value = params.get("text");
  if (params.get("repeats")) form.elements.repeats.checked = true;
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", update);
  let timer = null;
  form.elements.text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  if ([...params.keys()].length) update();
}
