// shequbao: the /search/ page. Pagefind (site/pagefind/, made at build time) searches in the
// browser; each result shows its title, issue and 版面, date, byline and an excerpt.
const root = document.querySelector(".sqb-search");
const PAGE = 10; // results shown at a time
const FILTERS = { year: "年份", section: "版面", kind: "类别", person: "人员" };
// The index holds Chinese character by character (see search.py): a query word is looked up
// as a phrase of its characters, so it matches exactly the articles that contain it.
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}"; // as search.py
const HAN_BOUNDARY = new RegExp(`(?<=[${HAN}])(?=\\S)|(?<=\\S)(?=[${HAN}])`, "gu");
// Spaces the index put around Han characters, to take out of excerpts (<mark> tags in between).
const SPACED = new RegExp(`(?<=[${HAN}](?:</?mark>)*)\\s+|\\s+(?=(?:</?mark>)*[${HAN}])`, "gu");

function phrase(word) {
  return '"' + word.replace(/"/g, "").replace(HAN_BOUNDARY, " ") + '"';
}

// Every word must be in the article: one phrase search per word, results that all have.
async function searchAll(pagefind, words, filters) {
  const searches = await Promise.all(words.map((word) => pagefind.search(phrase(word), { filters })));
  const score = new Map();
  searches[0].results.forEach((r) => score.set(r.id, r.score));
  for (const other of searches.slice(1)) {
    const found = new Map(other.results.map((r) => [r.id, r.score]));
    for (const id of [...score.keys()]) {
      if (found.has(id)) score.set(id, score.get(id) + found.get(id));
      else score.delete(id);
    }
  }
  return searches[0].results.filter((r) => score.has(r.id)).sort((a, b) => score.get(b.id) - score.get(a.id));
}

const input = root.querySelector("input[name=q]");
const status = root.querySelector(".sqb-search__status");
const list = root.querySelector(".sqb-results");
const more = root.querySelector(".sqb-results__more");
const filterLine = root.querySelector(".sqb-search__filter");

function say(text) {
  status.textContent = text;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function render(data) {
  const item = element("li", "sqb-result");
  const link = element("a", "sqb-result__title", data.meta.title || data.url);
  link.href = data.url;
  item.append(link);
  const meta = [data.meta.issue, data.meta.date, data.meta.byline].filter(Boolean).join(" · ");
  if (meta) item.append(element("p", "sqb-result__meta", meta));
  const excerpt = element("p", "sqb-result__excerpt");
  excerpt.innerHTML = data.excerpt.replace(SPACED, ""); // escaped text with <mark> around the hits
  item.append(excerpt);
  return item;
}

async function main() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  input.value = query;
  if (!query) {
    say("输入词语搜索本报文章，例如“垃圾分类”“养老”或记者的名字；几个词用空格隔开，找同时含有这些词的文章。");
    input.focus();
    return;
  }
  document.title = `${query} - 搜索 - ${document.title}`;
  const filters = {};
  for (const [key, label] of Object.entries(FILTERS)) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  if (Object.keys(filters).length) {
    filterLine.hidden = false;
    filterLine.textContent = "只看 " + Object.entries(filters).map(([k, v]) => `${FILTERS[k]}：${v}`).join("，") + " ";
    const all = element("a", "", "看全部结果");
    all.href = "?q=" + encodeURIComponent(query);
    filterLine.append(all);
  }
  if (root.dataset.enabled !== "yes") {
    say("这次生成的网站没有搜索索引（预览 make serve 时不生成）。用 make site 生成网站后就能搜索。");
    return;
  }
  say("正在搜索……");
  const base = new URL(root.dataset.pagefindBase, document.baseURI);
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind.js", base).href);
    await pagefind.options({ baseUrl: new URL("..", base).pathname, excerptLength: 60 });
  } catch (error) {
    say("搜索暂时不能用（没有找到搜索索引）。");
    return;
  }
  const words = query.split(/\s+/).filter(Boolean).slice(0, 8);
  const results = await searchAll(pagefind, words, filters);
  if (!results.length) {
    say(`没有找到含有“${query}”的文章。可以换个说法，或少写几个词。`);
    return;
  }
  say(`找到 ${results.length} 篇含有“${query}”的文章`);
  let shown = 0;
  async function showMore() {
    more.disabled = true;
    const next = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    list.append(...next.map(render));
    shown += next.length;
    more.hidden = shown >= results.length;
    more.disabled = false;
  }
  more.addEventListener("click", showMore);
  await showMore();
}

main().finally(() => {
  root.dataset.state = "done"; // for tests and scripts: the results (or the message) are shown
});
