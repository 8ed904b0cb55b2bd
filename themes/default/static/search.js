// The search page: asks the Pagefind index that the build wrote beside the site (pagefind/),
// loading only the parts of it a query needs. No request leaves the site.
const form = document.querySelector("form.search-page");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const more = document.querySelector(".search-more");
const texts = JSON.parse(document.getElementById("search-texts").textContent);
const root = form.dataset.siteRoot;
const PAGE = 20; // results shown at a time

document.querySelector('[data-when="no-script"]').hidden = true;

// The index: the base, and the part an edit indexed since (commsite.json says which pages of
// the base that part replaces; those results of the base are left out).
async function openIndex() {
  const state = await fetch(form.dataset.searchIndex + "commsite.json").then((answer) => {
    if (!answer.ok) throw new Error("no search index");
    return answer.json();
  });
  const pagefind = await import(form.dataset.searchIndex + "pagefind.js");
  await pagefind.options({ baseUrl: root, excerptLength: 24 });
  if (state.recent) await pagefind.mergeIndex(root + state.recent, { baseUrl: root });
  await pagefind.init();
  return { pagefind, hidden: new Set(state.hidden.map((url) => root + url.slice(1))) };
}

function element(name, attributes, ...children) {
  const made = document.createElement(name);
  Object.entries(attributes || {}).forEach(([key, value]) => made.setAttribute(key, value));
  made.append(...children.filter((child) => child !== null && child !== ""));
  return made;
}

function resultItem(data) {
  const meta = data.meta;
  const link = element("a", { href: meta.link || data.url }, meta.title || data.url);
  const kind = data.filters.kind ? texts.kinds[data.filters.kind[0]] || "" : "";
  const facts = [meta.date, meta.event, meta.people].filter(Boolean).join(" · ");
  return element(
    "li",
    { class: "search-result" },
    element("h2", {}, link),
    element("p", { class: "meta" }, kind ? element("span", { class: "badge" }, kind) : null, " ", facts),
    meta.tags ? element("p", { class: "tags muted" }, "# " + meta.tags.split(" · ").join("  # ")) : null,
  );
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

function chosenFilters() {
  const filters = {};
  for (const name of ["kind", "year", "tag"]) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

async function fillFilters(pagefind) {
  const all = await pagefind.filters();
  const wanted = new URLSearchParams(location.search);
  for (const name of ["kind", "year", "tag"]) {
    const select = form.elements[name];
    const values = Object.keys(all[name] || {}).sort();
    if (name === "year") values.reverse();
    for (const value of values) {
      const label = name === "kind" ? texts.kinds[value] || value : value;
      select.append(element("option", { value }, `${label} (${all[name][value]})`));
    }
    select.value = wanted.get(name) || "";
  }
}

let shown = [];
let visible = 0;

async function showMore(index) {
  const next = shown.slice(visible, visible + PAGE);
  visible += next.length;
  const loaded = await Promise.all(next.map((result) => result.data()));
  loaded.forEach((data) => list.append(resultItem(data)));
  more.hidden = visible >= shown.length;
}

// Results of the base that the recent part replaces are left out; to count them right, the
// pages of the results are looked at first while there are any such pages.
async function withoutReplaced(results, index) {
  if (!index.hidden.size) return results;
  const loaded = await Promise.all(results.slice(0, 500).map(async (result) => [result, await result.data()]));
  return loaded.filter(([, data]) => data.meta.recent || !index.hidden.has(data.url)).map(([result]) => result);
}

async function run(index) {
  const query = form.elements.q.value.trim();
  const filters = chosenFilters();
  const address = new URLSearchParams({ q: query, ...filters });
  history.replaceState(null, "", query || Object.keys(filters).length ? "?" + address : location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  const options = { filters, ...(query ? {} : { sort: { date: "desc" } }) };
  const search = await index.pagefind.debouncedSearch(query || null, options, 200);
  if (search === null) return; // a newer query took its place
  shown = await withoutReplaced(search.results, index);
  visible = 0;
  list.replaceChildren();
  status.textContent = shown.length
    ? say(texts.results, { count: shown.length })
    : say(texts.none, { query: query || Object.values(filters).join(" ") });
  await showMore(index);
}

// Up and down arrows move between the box and the results' links.
function keys(event) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const stops = [form.elements.q, ...list.querySelectorAll("a")];
  const here = stops.indexOf(document.activeElement);
  if (here < 0) return;
  const there = here + (event.key === "ArrowDown" ? 1 : -1);
  if (there < 0 || there >= stops.length) return;
  event.preventDefault();
  stops[there].focus();
}

async function start() {
  let index;
  try {
    index = await openIndex();
  } catch (error) {
    document.querySelector('[data-when="no-index"]').hidden = false;
    return;
  }
  form.hidden = false;
  const wanted = new URLSearchParams(location.search);
  form.elements.q.value = wanted.get("q") || "";
  await fillFilters(index.pagefind);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(index);
  });
  form.addEventListener("input", () => run(index));
  more.addEventListener("click", () => showMore(index));
  document.addEventListener("keydown", keys);
  if (!wanted.get("q")) form.elements.q.focus();
  await run(index);
}

start();
