// SPDX-License-Identifier: MIT (the psoas explainer; see pyproject.toml)
// The static pages' own script (psoas.static_site): no kernel, no internet, no build step.
// Each scene's manifest lists every position of its controls with its picture, numbers and
// words; moving a control shows that position's at once.  Also: the quizzes, projector mode,
// the language link, and a link's presets (?verkorting=3, ?sport=cycling, ?links=1&rechts=4,
// ?zitten=100, ?projector=1, ?lang=en).
const ON_WORDS = new Set(["1", "ja", "aan", "true", "yes", "on"]);
const NEAR = 3;  // pictures fetched on each side of the position shown (loadtest/static.py plays the same) ...
const NEAR_DELAY_MS = 500;  // ... half a second after the page is interactive, and after each move
const REST_DELAY_MS = 2000;  // then all the others, REST_BATCH every REST_INTERVAL_MS
const REST_BATCH = 6;
const REST_INTERVAL_MS = 100;
const params = new URLSearchParams(window.location.search);
const page = JSON.parse(document.getElementById("psoas-page").textContent);

// ?lang=en on a Dutch page (or ?lang=nl on an English one) opens the other language's page.
const asked = (params.get("lang") || "").toLowerCase();
if ((asked === "en" || asked === "nl") && asked !== page.language) {
  params.delete("lang");
  const rest = params.toString();
  window.location.replace(`../${asked}/${page.page}.html${rest ? "?" + rest : ""}`);
}

const format = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
const number = (value, decimals, mark) => value.toFixed(decimals).replace(".", mark);
const notice = (status, words) => {
  const box = document.createElement("div");
  box.className = "psoas-message psoas-notice";
  box.textContent = words;
  status.appendChild(box);
};

async function startScene(root) {
  const manifest = await (await fetch(root.dataset.psoasScene)).json();
  const img = root.querySelector("img.psoas-figure");
  // A narrow screen shows the phone layout's pictures (issue 18): the browser picks the
  // <picture>'s source by its media query; the script keeps both up to date and fetches ahead
  // only the set the screen shows.
  const source = root.querySelector("picture > source");
  const narrow = source && manifest.phone_frames ? window.matchMedia(source.media) : null;
  const framesShown = () => (narrow && narrow.matches ? manifest.phone_frames : manifest.frames);
  const readout = root.querySelector(".psoas-readout");
  const words = root.querySelector(".psoas-description .psoas-description-text");
  const status = root.querySelector(".psoas-status");
  const rows = [...root.querySelectorAll("[data-control]")];
  const controls = manifest.controls.map((spec, i) => {
    const row = rows[i];
    if (spec.trait === "index") {
      const buttons = [...row.querySelectorAll("button[data-index]")];
      let index = Math.max(0, buttons.findIndex((b) => b.getAttribute("aria-checked") === "true"));
      return {
        spec, row, buttons,
        get: () => index,
        set: (value) => {
          index = value;
          buttons.forEach((b, j) => { b.setAttribute("aria-checked", String(j === index)); b.tabIndex = j === index ? 0 : -1; });
        },
      };
    }
    const input = row.querySelector("input[type=range]");
    const output = row.querySelector("output");
    const decimals = Number(input.dataset.decimals || 1);
    return {
      spec, row, input,
      get: () => Math.round((Number(input.value) - spec.min) / spec.step),
      set: (position) => {
        input.value = String(spec.min + position * spec.step);
        output.textContent = (spec.min + position * spec.step).toFixed(decimals);
      },
    };
  });
  // The other positions' pictures follow once the page is interactive (the browser keeps them):
  // soon the neighbours of the position shown (the next keys), then, after a pause that lets a
  // class arriving together get its pages first, all the others at a gentle pace.
  const fetched = new Set();  // URLs
  const fetchFrame = (i) => {
    const url = framesShown()[i];
    if (i < 0 || i >= manifest.frames.length || fetched.has(url)) return;
    fetched.add(url);
    const image = new Image();
    image.src = url;
  };
  const strides = controls.map((_, i) => controls.slice(i + 1).reduce((n, c) => n * c.spec.count, 1));
  const fetchNear = (index) => strides.forEach((stride, i) => {
    const reach = i === strides.length - 1 ? NEAR : 1;  // further along the slider that varies fastest
    for (let d = 1; d <= reach; d++) { fetchFrame(index + d * stride); fetchFrame(index - d * stride); }
  });
  const fetchRest = (from) => {
    for (let i = from; i < Math.min(from + REST_BATCH, manifest.frames.length); i++) fetchFrame(i);
    if (from + REST_BATCH < manifest.frames.length) setTimeout(() => fetchRest(from + REST_BATCH), REST_INTERVAL_MS);
  };
  let shown = -1;
  const show = () => {
    const index = controls.reduce((at, c) => at * c.spec.count + c.get(), 0);
    if (index === shown || index < 0 || index >= manifest.frames.length) return;
    shown = index;
    if (source) source.srcset = manifest.phone_frames[index];
    img.src = manifest.frames[index];
    img.alt = manifest.words[index];
    readout.innerHTML = manifest.readouts[index].map((piece) => manifest.pieces[piece]).join("");
    words.textContent = manifest.words[index];
    root.dataset.position = String(index);
    fetched.add(framesShown()[index]);
    if (started) fetchNear(index);
  };
  let started = false;
  // Presets from the link, each checked as the live app checks them.
  const { value: outside, choice: unknown, mark } = manifest.notices;
  controls.forEach((c) => {
    const raw = c.spec.param ? params.get(c.spec.param) : null;
    if (raw === null) return;
    if (c.spec.trait === "index") {
      const at = c.spec.options.indexOf(raw);
      if (at >= 0) c.set(at);
      else notice(status, format(unknown, { value: raw.slice(0, 24), options: c.spec.options.join(", ") }));
      return;
    }
    const value = /^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)\s*$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
    const hi = c.spec.min + (c.spec.count - 1) * c.spec.step;
    if (value >= c.spec.min && value <= hi) {
      c.set(Math.round((value - c.spec.min) / c.spec.step));  // the nearest position
    } else {
      const fallback = number(c.spec.min + c.get() * c.spec.step, 1, mark).replace(new RegExp(`\\${mark}0$`), "");
      notice(status, format(outside, { value: raw.slice(0, 24), lo: number(c.spec.min, 0, mark), hi: number(hi, 1, mark), fallback }));
    }
  });
  controls.forEach((c) => {
    if (c.input) {
      c.input.addEventListener("input", () => { c.set(c.get()); show(); });
    } else {
      c.buttons.forEach((b, j) => b.addEventListener("click", () => { c.set(j); show(); }));
      c.row.querySelector("[role=radiogroup]").addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        if (!step) return;
        event.preventDefault();
        c.set((c.get() + step + c.spec.count) % c.spec.count);
        c.buttons[c.get()].focus();
        show();
      });
      c.set(c.get());
    }
  });
  root.querySelectorAll(".psoas-reset").forEach((button) => button.addEventListener("click", () => {
    controls.forEach((c) => c.set(0));
    show();
  }));
  show();
  root.dataset.ready = "1";
  setTimeout(() => { started = true; fetchNear(shown); }, NEAR_DELAY_MS);
  setTimeout(() => fetchRest(0), REST_DELAY_MS);
}

function startQuiz(question) {
  const feedback = question.querySelector(".psoas-quiz-feedback");
  question.addEventListener("change", (event) => {
    const right = Number(event.target.value) === Number(question.dataset.answer);
    const box = document.createElement("div");
    box.className = "psoas-quiz-result";
    box.dataset.correct = String(right);
    const verdict = document.createElement("b");
    verdict.textContent = right ? question.dataset.correct : question.dataset.wrong;
    box.append(verdict, " " + question.dataset.explanation);
    feedback.replaceChildren(box);
  });
}

function startProjector() {
  const switches = [...document.querySelectorAll(".psoas-projector-switch")];
  const set = (on) => {
    document.body.classList.toggle("psoas-projector", on);
    switches.forEach((s) => s.setAttribute("aria-pressed", String(on)));
  };
  switches.forEach((s) => s.addEventListener("click", () => set(s.getAttribute("aria-pressed") !== "true")));
  set(ON_WORDS.has((params.get("projector") || "").trim().toLowerCase()));
}

function keepPresetsAcrossLanguages() {
  const rest = new URLSearchParams(params);
  rest.delete("lang");
  const query = rest.toString();
  if (!query) return;
  document.querySelectorAll("a.psoas-language").forEach((a) => { a.href = a.getAttribute("href") + "?" + query; });
}

startProjector();
keepPresetsAcrossLanguages();
document.querySelectorAll(".psoas-question").forEach(startQuiz);
const scenes = [...document.querySelectorAll(".psoas-scene[data-psoas-scene]")];
Promise.allSettled(scenes.map(startScene)).then((results) => {
  results.forEach((result, i) => {
    if (result.status === "rejected") {
      console.error("psoas: a scene could not start", result.reason);
      scenes[i].dataset.ready = "error";
    }
  });
  document.documentElement.dataset.psoasReady = "1";
});
