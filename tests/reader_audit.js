// What an elderly reader needs of a page, computed from its styles (tests/test_browser.py):
// - text at least 18 px for body text (`body` selector), 14 px for the footer's legal lines,
//   16 px for everything else;
// - contrast at least 7:1 for body text, 4.5:1 for all other text (colours composited over the
//   backgrounds behind them, with opacity);
// - on a phone (`taps`), every control at least 44 × 44 px; a link inside running text (`inline`)
//   is exempt, and a name in a byline that is smaller needs 44 px around its centre free of
//   other controls;
// - no horizontal overflow, no synthetic italic on Chinese text, no name broken across lines,
//   no justified list item, salutation or 落款.
// Returns {problems: [[what, detail]...], bodySizes: [px...]}.
({ body, inline, taps }) => {
  const problems = [];
  const root = document.documentElement;
  const vw = root.clientWidth;
  const HAN = /[\u3400-\u9fff]/;

  function parse(colour) {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) { // top (with alpha) composited over an opaque bottom
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }
  function opacity(el) {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  }
  function background(el) { // the opaque colour behind el's text
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  }
  function shown(el) {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], .sqb-visually-hidden, select, noscript")) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0 && r.left < vw && opacity(el) > 0.05;
  }
  function label(el) {
    return (el.tagName.toLowerCase() + "." + [...el.classList].join(".")).slice(0, 60) + " «" + el.textContent.trim().slice(0, 14) + "»";
  }

  // Text: size and contrast of every element with text of its own.
  const bodySizes = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).map((n) => n.textContent).join("");
    if (!own || !shown(el)) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const isBody = !!el.closest(body);
    const legal = !!el.closest(".md-footer-meta");
    const least = isBody ? 18 : legal ? 14 : 16;
    if (isBody) bodySizes.push(size);
    if (size < least - 0.05) problems.push(["text under " + least + " px", label(el) + " " + size]);
    const colour = parse(style.color);
    colour[3] *= opacity(el);
    const back = background(el);
    const contrast = ratio(over(colour, back), back);
    const needed = isBody ? 7 : 4.5;
    if (contrast < needed) problems.push(["contrast under " + needed, label(el) + " " + contrast.toFixed(2)]);
    if (HAN.test(own) && style.fontStyle !== "normal") problems.push(["italic Chinese", label(el)]);
  }

  // Whole names, no justified lists or short lines.
  for (const el of document.querySelectorAll(".sqb-person, .sqb-name")) {
    if (shown(el) && el.getClientRects().length > 1) problems.push(["name broken across lines", label(el)]);
  }
  for (const el of document.querySelectorAll("li, .sqb-salutation, .sqb-signoff")) {
    if (shown(el) && getComputedStyle(el).textAlign === "justify") problems.push(["justified", label(el)]);
  }

  // No horizontal overflow.
  if (root.scrollWidth > root.clientWidth) problems.push(["page wider than the screen", root.scrollWidth + " > " + root.clientWidth]);
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1 && getComputedStyle(el).position !== "fixed" && shown(el)
        && !el.closest(".sqb-strip, .md-sidebar, .md-nav, [hidden]")) {
      problems.push(["wider than the screen", label(el) + " right " + Math.round(r.right)]);
      break;
    }
  }

  // Tap targets on a phone.
  if (taps) {
    const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, label[for], [role=button]")]
      .filter(shown);
    const rects = new Map(controls.map((c) => {
      const target = c.matches("input[type=radio], input[type=checkbox]") && c.closest("label") ? c.closest("label") : c;
      return [c, target.getBoundingClientRect()];
    }));
    for (const c of controls) {
      const r = rects.get(c);
      if (r.width >= 43.5 && r.height >= 43.5) continue;
      if (c.closest(inline) && !c.matches(".sqb-person")) continue; // a link in a sentence
      if (c.closest(".sqb-byline, .sqb-credit, figcaption") && c.matches(".sqb-person")) {
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        const crowded = controls.some((o) => {
          if (o === c) return false;
          const q = rects.get(o);
          const dx = Math.max(q.left - cx, 0, cx - q.right), dy = Math.max(q.top - cy, 0, cy - q.bottom);
          return Math.hypot(dx, dy) < 22;
        });
        if (!crowded) continue;
      }
      problems.push(["tap target under 44 px", label(c) + " " + Math.round(r.width) + "×" + Math.round(r.height)]);
    }
  }
  return { problems, bodySizes };
}
