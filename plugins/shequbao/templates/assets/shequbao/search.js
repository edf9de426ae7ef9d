// shequbao: the /search/ page. Pagefind (site/pagefind/, made at build time) searches in the
// browser; each result shows its title, its issue's date, 第N期 · 第N版 and a snippet of its text.
// Newest first unless the reader asks for 相关度; filters (年份, 版面, 类别, 人员) come from the index.
const root = document.querySelector(".sqb-search");
const form = root.querySelector(".sqb-search-form");
const PAGE = 10; // results shown at a time
const FILTERS = { year: "年份", section: "版面", kind: "类别", person: "人员" };
// The index holds Chinese character by character (see search.py): a query word is looked up
// as a phrase of its characters, so it matches exactly the articles that contain it.
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}"; // as search.py
const HAN_BOUNDARY = new RegExp(`(?<=[${HAN}])(?=\\S)|(?<=\\S)(?=[${HAN}])`, "gu");
// Spaces next to Han characters are the index's (search.py), taken out of snippets (<mark> tags in
// between); a space the editor typed there is marked by a word joiner, shown as a space.
const SPACED = new RegExp(`(?<=[${HAN}](?:</?mark>)*)\\s+|\\s+(?=(?:</?mark>)*[${HAN}])`, "gu");
const TYPED = /(<mark>)?\u2060(<\/mark>)?/g;

function phrase(word) {
  return '"' + word.replace(/"/g, "").replace(HAN_BOUNDARY, " ") + '"';
}

// Every word must be in the article: one phrase search per word, results that all have.
// Pagefind sorts each search newest first (or by score); the first search's order is kept.
async function searchAll(pagefind, words, options, byScore) {
  const searches = await Promise.all(words.map((word) => pagefind.search(word === null ? null : phrase(word), options)));
  const score = new Map();
  searches[0].results.forEach((r) => score.set(r.id, r.score));
  for (const other of searches.slice(1)) {
    const found = new Map(other.results.map((r) => [r.id, r.score]));
    for (const id of [...score.keys()]) {
      if (found.has(id)) score.set(id, score.get(id) + found.get(id));
      else score.delete(id);
    }
  }
  const results = searches[0].results.filter((r) => score.has(r.id));
  return byScore ? results.sort((a, b) => score.get(b.id) - score.get(a.id)) : results;
}

// The index comes in parts named by their years (site/views.py): the newest year ("2025") and the
// years before it in groups of a bounded size ("2021-2024", "2016-2020"), newest first in
// data-pagefind-parts. Each part holds older articles than the one before it. The newest part is
// opened first (its pagefind.js) and the others are merged into it one at a time, only when the
// results so far do not fill the next screen: a common word costs the newest part alone. With a
// year chosen, only the part that has it; 相关度 needs every part at once.
function yearsIn(part) {
  const [first, last = first] = part.split("-").map(Number);
  return Array.from({ length: last - first + 1 }, (_, n) => String(first + n));
}

async function openIndex(year) {
  const base = new URL(root.dataset.pagefindBase, document.baseURI);
  const all = (root.dataset.pagefindParts || "").split(" ").filter(Boolean);
  const parts = year ? all.filter((part) => yearsIn(part).includes(year)) : all;
  const options = { baseUrl: new URL("..", base).pathname, excerptLength: 40 };
  if (!parts.length) return null; // no article of that year: nothing to fetch
  const pagefind = await import(new URL(`${parts[0]}/pagefind.js`, base).href);
  await pagefind.options(options);
  const index = { pagefind, parts, opened: 1, seen: new Set() };
  index.merge = async () => { // the next part, merged into the search; false when every part is in
    if (index.opened >= parts.length) return false;
    await pagefind.mergeIndex(new URL(`${parts[index.opened]}/`, base).pathname, options);
    index.opened += 1;
    return true;
  };
  return index;
}

// The results of the parts opened so far that were not found before, newest first: a merged
// search sorted by date ranks each part on its own, and a stable sort keeps each part's order,
// so the ones not seen are the newly merged part's, in its order. 相关度: every part, by score.
async function searchIndex(index, words, filters, byScore) {
  if (!index) return [];
  if (byScore) {
    while (await index.merge());
    return searchAll(index.pagefind, words, { filters }, true);
  }
  const found = await searchAll(index.pagefind, words, { filters, sort: { date: "desc" } }, false);
  const fresh = found.filter((r) => !index.seen.has(r.id));
  fresh.forEach((r) => index.seen.add(r.id));
  return fresh;
}

// Results until there are at least ``wanted`` or every part is searched.
async function searchUntil(index, words, filters, byScore, results, wanted) {
  if (!index) return results;
  if (!index.searched) {
    index.searched = true;
    results.push(...await searchIndex(index, words, filters, byScore));
  }
  while (results.length < wanted && !byScore && await index.merge()) {
    results.push(...await searchIndex(index, words, filters, byScore));
  }
  return results;
}

// The years a search has looked through so far ("2021年以来"), when older parts are still unread.
function searchedSince(index) {
  if (!index || index.opened >= index.parts.length) return "";
  return `${yearsIn(index.parts[index.opened - 1])[0]}年以来`;
}

const input = root.querySelector("input[name=q]");
const status = root.querySelector(".sqb-search__status");
const list = root.querySelector(".sqb-results");
const more = root.querySelector(".sqb-results__more");
const options = root.querySelector(".sqb-search__options");

function say(text) {
  status.textContent = text;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// The text as the editor wrote it: the index's spaces out, the typed ones back.
function readable(text) {
  const typed = (match, open, close) => (close || "") + " " + (open || ""); // the space outside the <mark>
  return text.replace(SPACED, "").replace(TYPED, typed).replace(/ {2,}/g, " ").trim();
}

// A snippet as readers expect one: …… where the text goes on before or after it.
function snippet(data) {
  const excerpt = readable(data.excerpt); // escaped text with <mark> around the hits
  const plain = (text) => text.replace(/<\/?mark>/g, "");
  const content = readable(data.content || "");
  const shown = plain(excerpt);
  const start = content.indexOf(shown);
  const before = start > 0 ? "……" : "";
  const after = start < 0 || start + shown.length < content.length ? "……" : "";
  return before + excerpt + after;
}

function render(data) {
  const item = element("li", "sqb-result");
  const link = element("a", "sqb-result__title", data.meta.title || data.url);
  link.href = data.url;
  item.append(link);
  const meta = [data.meta.date, data.meta.issue].filter(Boolean).join(" · ");
  if (meta) item.append(element("p", "sqb-result__meta", meta));
  if (data.meta.byline) item.append(element("p", "sqb-result__byline", data.meta.byline));
  const excerpt = element("p", "sqb-result__excerpt");
  excerpt.innerHTML = snippet(data);
  item.append(excerpt);
  return item;
}

// The filters' choices: the values of the index's filters with their numbers of articles, in a
// small file written at build time (asking Pagefind would download every filter's page lists).
async function showOptions(chosen, params) {
  let available = {};
  try {
    const response = await fetch(new URL(root.dataset.filters, document.baseURI));
    if (response.ok) available = await response.json(); // {year: [["2025", 40], …], …}, in order
  } catch (error) {
    return available;
  }
  for (const [key, label] of Object.entries(FILTERS)) {
    const select = form.elements[key];
    const values = available[key] || [];
    if (chosen[key] && !values.some(([value]) => value === chosen[key])) values.unshift([chosen[key], 0]);
    for (const [value, count] of values) {
      select.append(new Option(count ? `${value}${key === "year" ? "年" : ""}（${count}）` : value, value));
    }
    select.value = chosen[key] || "";
    select.setAttribute("aria-label", label);
    select.addEventListener("change", () => form.requestSubmit());
  }
  const sort = params.get("sort") === "relevance" ? "relevance" : "";
  for (const radio of form.elements.sort) {
    radio.checked = radio.value === sort;
    radio.addEventListener("change", () => form.requestSubmit());
  }
  options.hidden = false;
  return Object.fromEntries(Object.entries(available).map(([key, values]) => [key, Object.fromEntries(values)]));
}

// A query that is a name in the bylines: the text may not have it, the person filter has every
// article. The offer leads, above what the text search found (or did not find).
function offerPerson(query, available) {
  if (!available.person || !available.person[query]) return;
  const line = element("p", "sqb-search__person", `“${query}”是本报的作者，署名的稿件有 ${available.person[query]} 篇：`);
  const link = element("a", "", `看${query}的全部稿件`);
  link.href = "?" + new URLSearchParams({ person: query });
  line.append(link);
  status.before(line);
}

// What to try when nothing was found, for what the reader actually asked: another word, fewer
// words (when there are several), the filters set back to 全部 (only those that are set).
function advice(words, chosen) {
  const tries = [];
  if (words[0] !== null) tries.push("换个说法", ...(words.length > 1 ? ["少写几个词"] : []));
  const set = Object.keys(chosen).map((key) => FILTERS[key]);
  if (set.length) tries.push(`把${set.join("、")}改为“全部”`);
  if (!tries.length) return "";
  return "可以" + (tries.length > 1 ? tries.slice(0, -1).join("、") + "，或" + tries[tries.length - 1] : tries[0]) + "。";
}

// Empty fields stay out of the address: /search/?q=养老 rather than ?q=养老&sort=&year=…
form.addEventListener("formdata", (event) => {
  for (const [key, value] of [...event.formData.entries()]) {
    if (!value) event.formData.delete(key);
  }
});

async function main() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  input.value = query;
  const chosen = {};
  for (const key of Object.keys(FILTERS)) {
    const value = params.get(key);
    if (value) chosen[key] = value;
  }
  const filtered = Object.keys(chosen).length > 0;
  if (query) document.title = `${query} - ${document.title}`;
  if (!query && !filtered) {
    say("输入词语搜索本报文章，例如“垃圾分类”“养老”；几个词用空格隔开，找同时含有这些词的文章。"
      + "搜索之后可以按年份、版面、类别和人员筛选。");
    input.focus();
    return; // nothing asked: nothing of the index is fetched
  }
  if (root.dataset.enabled !== "yes") {
    say("这次生成的网站没有搜索索引（预览 make serve 时不生成）。用 make site 生成网站后就能搜索。");
    return;
  }
  const byScore = params.get("sort") === "relevance" && query;
  let index;
  try {
    index = await openIndex(chosen.year);
  } catch (error) {
    say("搜索暂时不能用（没有找到搜索索引）。");
    return;
  }
  say("正在搜索……");
  const words = query ? query.split(/\s+/).filter(Boolean).slice(0, 8) : [null];
  let results, available;
  try {
    [results, available] = await Promise.all([searchUntil(index, words, chosen, byScore, [], PAGE + 1), showOptions(chosen, params)]);
  } catch (error) {
    say("搜索暂时不能用（搜索索引读不出来），请稍后再试。");
    return;
  }
  if (query && !chosen.person) offerPerson(query, available);
  const what = query ? `含有“${query}”的文章` : "文章";
  const where = filtered ? `（${Object.entries(chosen).map(([k, v]) => `${FILTERS[k]}：${v}`).join("，")}）` : "";
  if (!results.length) {
    say(`没有找到${what}${where}。${advice(words, chosen)}`);
    return;
  }
  function tell() {
    const since = searchedSince(index);
    const count = since ? `${since}的 ${results.length} 篇` : `${results.length} 篇`;
    say(`找到 ${count}${what}${where}，${byScore ? "按相关度排列" : "最新的在前"}${since ? "；更早的，点“更多结果”接着找" : ""}`);
  }
  tell();
  let shown = 0;
  async function showMore() {
    more.disabled = true;
    try {
      await searchUntil(index, words, chosen, byScore, results, shown + PAGE + 1);
    } catch (error) {
      say("更早的文章暂时搜不到（搜索索引读不出来），请稍后再试。");
    }
    const next = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    list.append(...next.map(render));
    shown += next.length;
    more.hidden = shown >= results.length && !searchedSince(index);
    more.disabled = false;
    tell();
  }
  more.addEventListener("click", showMore);
  await showMore();
}

main().finally(() => {
  root.dataset.state = "done"; // for tests and scripts: the results (or the message) are shown
});
