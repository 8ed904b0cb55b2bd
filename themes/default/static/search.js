// The search page: asks the Pagefind index that the build wrote beside the site (pagefind/),
// loading only the parts of it a query needs. No request leaves the site.
const form = document.querySelector("form.search-page");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const more = document.querySelector(".search-more");
const texts = JSON.parse(document.getElementById("search-texts").textContent);
const root = form.dataset.siteRoot;
const PAGE = 10; // results shown at a time: each is a download of its own

document.querySelector('[data-when="no-script"]').hidden = true;

// The index: the base, and the part an edit indexed since. commsite.json names the slots
// whose pages that part holds again; the base's pages of those slots, found by their slot
// words (commsite/search/index.py), are left out.
async function openIndex() {
  const state = await fetch(form.dataset.searchIndex + "commsite.json").then((answer) => {
    if (!answer.ok) throw new Error("no search index");
    return answer.json();
  });
  const pagefind = await import(form.dataset.searchIndex + "pagefind.js");
  // Pages are short or long by what they gather (an event, its whole agenda), not by how much
  // they are about a word: their length counts for less than Pagefind's default.
  await pagefind.options({ baseUrl: root, ranking: { pageLength: 0.3 } });
  if (state.recent) await pagefind.mergeIndex(root + state.recent, { baseUrl: root });
  await pagefind.init();
  const replaced = await Promise.all(state.replaced.map((word) => pagefind.search(`"${word}"`)));
  return { pagefind, replaced: new Set(replaced.flatMap((search) => search.results.map((one) => one.id))) };
}

// A query's runs of Japanese as the index also holds them (commsite/search/pagefind.py,
// character_pairs): each pair of characters in a row, written as a word, which neither
// Pagefind's indexer nor the browser's segmenter cut differently.
const CJK = "\\u3041-\\u309f\\u30a0-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3005\\u3006";
const JAPANESE = new RegExp(`[${CJK}]{2,}`, "gu");
const code = (character) => (character.codePointAt(0) - 0x3000).toString(16).padStart(4, "0");

// A query as Pagefind is asked for it: the pairs of its Japanese, and the rest as written.
function parts(query) {
  const text = query.normalize("NFKC");
  const pairs = new Set();
  for (const [run] of text.matchAll(JAPANESE)) {
    for (let i = 0; i + 1 < run.length; i++) pairs.add("c" + code(run[i]) + code(run[i + 1]));
  }
  const rest = text.replace(JAPANESE, " ").replace(/\s+/g, " ").trim();
  return { pairs: [...pairs], rest };
}

// The pages that match a query and the words it is narrowed to (filterWord), best first; with
// no query, newest first. Each pair of the query's Japanese, and each word it is narrowed to,
// is asked for exactly, which says which pages have it; asked together, Pagefind ranks the
// pages by where the words are (a title before a text) but also answers with pages that only
// have similar words. The pages must have every pair; the rest of the query (10, CMO, a mark)
// puts first those that have it too. A query with no Japanese is Pagefind's as it is.
async function searchFor(index, query, narrowed) {
  const options = query ? {} : { sort: { date: "desc" } };
  const ask = (term) => index.pagefind.search(term, options).then((search) => search.results);
  const { pairs, rest } = parts(query);
  const exactly = [...pairs, ...narrowed];
  if (!exactly.length) return ask(query || null);
  const [ranked, exact, withRest] = await Promise.all([
    ask([...pairs, ...(pairs.length ? [] : [rest]), ...narrowed].join(" ").trim()),
    Promise.all(exactly.map((word) => ask(`"${word}"`))),
    pairs.length && rest ? ask(rest) : null,
  ]);
  const inAll = exact.map((results) => new Set(results.map((one) => one.id)));
  const seen = new Set();
  const found = [...ranked, ...(pairs.length ? exact[0] : [])].filter(
    (one) => inAll.every((ids) => ids.has(one.id)) && !seen.has(one.id) && seen.add(one.id),
  );
  if (!withRest) return found;
  const alsoRest = new Set(withRest.map((one) => one.id));
  return [...found.filter((one) => alsoRest.has(one.id)), ...found.filter((one) => !alsoRest.has(one.id))];
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
  const kind = texts.kinds[meta.kind] || "";
  const facts = [meta.date, meta.event, meta.people].filter(Boolean).join(" · ");
  return element(
    "li",
    { class: "search-result" },
    element("h2", {}, link),
    element("p", { class: "meta" }, kind ? element("span", { class: "badge" }, kind) : null, " ", facts),
    meta.summary ? element("p", { class: "summary" }, meta.summary) : null,
    meta.tags ? element("p", { class: "tags muted" }, meta.tags.split(" · ").map((tag) => "#" + tag).join(" ")) : null,
  );
}

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

// What the search is narrowed to, as the words the index holds for it (pagefind.py, filter_word).
function filterWord(name, value) {
  let hashed = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${name}=${value}`)) hashed = Math.imul(hashed ^ byte, 0x01000193) >>> 0;
  return "zf" + hashed.toString(16).padStart(8, "0");
}

function chosenFilters() {
  const filters = {};
  for (const name of ["kind", "year", "tag"]) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

let shown = []; // the results of the query shown
let visible = 0; // how many of them are shown
let asking = 0; // the latest query's number: the results of an older one are never shown

async function showMore() {
  const asked = asking;
  const next = shown.slice(visible, visible + PAGE);
  const loaded = await Promise.all(next.map((result) => result.data()));
  if (asked !== asking) return;
  visible += loaded.length;
  list.append(...loaded.map(resultItem));
  more.hidden = visible >= shown.length;
}

function show(query, results, first, told) {
  shown = results;
  visible = first.length;
  list.replaceChildren(...first.map(resultItem));
  more.hidden = visible >= shown.length;
  status.textContent = told;
  status.dataset.for = query; // what the results shown are for
}

async function run(index) {
  const query = form.elements.q.value.trim();
  const filters = chosenFilters();
  const address = new URLSearchParams({ q: query, ...filters });
  history.replaceState(null, "", query || Object.keys(filters).length ? "?" + address : location.pathname);
  const asked = ++asking;
  if (!query && !Object.keys(filters).length) return show(query, [], [], "");
  await new Promise((resolve) => setTimeout(resolve, 150)); // typing on: wait for the next letter
  if (asked !== asking) return;
  const narrowed = Object.entries(filters).map(([name, value]) => filterWord(name, value));
  const results = (await searchFor(index, query, narrowed)).filter((one) => !index.replaced.has(one.id));
  const first = await Promise.all(results.slice(0, PAGE).map((result) => result.data()));
  if (asked !== asking) return;
  const none = say(texts.none, { query: query || Object.values(filters).join(" ") });
  show(query, results, first, results.length ? say(texts.results, { count: results.length }) : none);
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
  for (const name of ["kind", "year", "tag"]) form.elements[name].value = wanted.get(name) || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(index);
  });
  form.addEventListener("input", () => run(index));
  more.addEventListener("click", showMore);
  document.addEventListener("keydown", keys);
  if (!wanted.get("q")) form.elements.q.focus();
  await run(index);
}

start();
