// La page « Rechercher » : interroge l'index Pagefind (pagefind/, écrit à la fin de la
// construction) et écrit les résultats. L'état (mots, filtres, tri) vit dans l'adresse de la
// page : une recherche filtrée se partage en copiant l'adresse, et revient au rechargement.
// Aucun texte de l'index n'est inséré comme HTML : les extraits sont relus par DOMParser
// (document inerte) et seuls leur texte et leurs <mark> sont recopiés.

const form = document.getElementById("rv-recherche");
const field = document.getElementById("rv-q");
const sort = document.getElementById("rv-tri");
const status = document.getElementById("rv-statut");
const results = document.getElementById("rv-resultats");
const details = document.getElementById("rv-filtres");
// Les cases des filtres (form="rv-recherche") ne sont écrites dans la page qu'à l'ouverture
// de « Affiner avec des filtres » : quelques centaines d'éléments de moins sinon.
function boxes() {
  const model = document.getElementById("rv-filtres-modele");
  if (model) model.replaceWith(model.content.cloneNode(true));
  return [...form.elements].filter((e) => e.type === "checkbox");
}
details.addEventListener("toggle", () => {
  if (!details.open) return;
  boxes(); // écrit les cases…
  check(new URLSearchParams(location.search)); // … cochées comme le dit l'adresse
  counts(lastCounts);
});
// Grand écran : les filtres sont à droite des résultats. Petit écran : au-dessus d'eux, donc
// refermés après « Appliquer les filtres », pour que les résultats suivent le résumé.
const wide = matchMedia("(min-width: 60em)");
const SHOWN = 10; // résultats affichés, puis « Afficher plus » : chacun est un fichier à charger
let pagefind = null;
let current = 0; // numéro de la dernière recherche : une réponse plus ancienne est ignorée

function state() {
  const params = new URLSearchParams();
  const words = field.value.trim();
  if (words) params.set("q", words);
  if (sort.value) params.set("tri", sort.value);
  const written = !document.getElementById("rv-filtres-modele");
  for (const box of written ? boxes().filter((b) => b.checked) : []) {
    params.append(box.name, box.value);
  }
  return params;
}

function restore(params) {
  field.value = params.get("q") || "";
  sort.value = params.get("tri") || "";
  check(params);
}

function check(params) {
  // Coche les cases comme le dit l'adresse (et les écrit s'il y a des filtres à cocher).
  let active = 0;
  const wanted = [...params.keys()].some((key) => key !== "q" && key !== "tri");
  const written = !document.getElementById("rv-filtres-modele");
  for (const box of wanted || written ? boxes() : []) {
    box.checked = params.getAll(box.name).includes(box.value);
    active += box.checked;
  }
  if (active && wide.matches) details.open = true; // sur un téléphone, le résumé le dit
  const label = active ? `(${plural(active, "filtre")} actif${active > 1 ? "s" : ""})` : "";
  document.getElementById("rv-actifs").textContent = label;
}

function filters(params) {
  // Les filtres se lisent dans l'adresse : pas besoin d'écrire les cases pour chercher.
  const chosen = {};
  for (const [name, value] of params) {
    if (name !== "q" && name !== "tri") (chosen[name] ||= { any: [] }).any.push(value);
  }
  return chosen;
}

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    // Les filtres ne sont pas préchargés (300 Ko à 5 000 territoires) : Pagefind ne charge
    // que ceux qu'on coche, et compte alors les résultats par valeur.
    // Sans « worker » : un fichier de moins à télécharger (13 Ko), la recherche reste rapide.
    // Le classement (poids des titres, des mots-clés, des sources) vient de la construction.
    const ranking = JSON.parse(form.dataset.classement || "{}");
    await pagefind.options({ excerptLength: 24, noWorker: true, ranking });
  }
  return pagefind;
}

// Mots d'une question (« comment mobiliser les habitants ») : aucune page ne les contient
// tous, ils sont laissés de côté quand il reste d'autres mots.
const QUESTION = new Set([
  "comment", "pourquoi", "quand", "quel", "quelle", "quels", "quelles", "quoi",
  "est-ce", "qu'est-ce", "faut-il", "peut-on",
]);
const MAX_MOTS = 6; // au-delà, pas de recherche mot par mot (une recherche par mot)
const ASSEZ = 5; // moins de pages ont tous les mots : suivies de celles qui en ont une partie

async function trouve(pf, words, options) {
  const search = await pf.search(words, options);
  return search.results.length ? search : null;
}

// Chercher comme un lecteur l'attend : les pages qui ont tous les mots d'abord ; si aucune
// ne les a tous, chaque mot mal tapé raccourci jusqu'à ce qu'il trouve (« transision » :
// « transi… ») ; s'il en reste moins de ASSEZ, suivies des pages qui ont une partie des
// mots (« Clermont-Ferrand » : « Clermont »), le score de chaque mot additionné comme BM25
// le fait pour des mots cherchés séparément. Rend { results, filters, complets, shortened } :
// complets, le nombre de résultats qui ont tous les mots ; shortened, les mots raccourcis.
export async function chercher(pf, words, options = {}) {
  let terms = words.split(/\s+/).filter(Boolean);
  const asked = (t) => QUESTION.has(fold(t).replace(/’/g, "'").replace(/\?/g, ""));
  const kept = terms.filter((t) => !asked(t));
  if (kept.length) terms = kept;
  let all = await trouve(pf, terms.join(" "), options);
  let shortened = ""; // les mots raccourcis, s'il a fallu
  if (!all && terms.length <= MAX_MOTS) {
    const fixed = [];
    for (const term of terms) {
      let word = term;
      while (!(await trouve(pf, word, {})) && word.length > 5) word = word.slice(0, -1);
      fixed.push(word);
    }
    if (fixed.join(" ") !== terms.join(" ")) {
      terms = fixed;
      shortened = fixed.join(" ");
      all = await trouve(pf, terms.join(" "), options);
    }
  }
  const found = all ? all.results : [];
  const filters = all?.filters || null;
  const done = { results: found, filters, complets: found.length, shortened };
  const parts = terms.flatMap((t) => t.split(/[-'’]/)).filter((t) => t.length > 2);
  if (found.length >= ASSEZ || parts.length < 2 || parts.length > MAX_MOTS) return done;
  const scores = new Map();
  for (const word of parts) {
    for (const result of (await trouve(pf, word, options))?.results || []) {
      const seen = scores.get(result.id);
      if (seen) seen.score += result.score;
      else scores.set(result.id, { ...result });
    }
  }
  const ids = new Set(found.map((r) => r.id));
  const more = [...scores.values()].filter((r) => !ids.has(r.id));
  if (!more.length) return done;
  more.sort((a, b) => b.score - a.score);
  return { results: [...found, ...more], filters: null, complets: found.length, shortened };
}

function plural(n, word) {
  return `${n.toLocaleString("fr-FR")} ${word}${n > 1 ? "s" : ""}`;
}

function excerpt(html) {
  // Pagefind écrit l'extrait en HTML (texte échappé et <mark>) : on n'en garde que cela.
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createElement("p");
  out.className = "rv-resultat__extrait";
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function fold(text) {
  // Sans accents ni majuscules : « Économie » et « economie » se comparent.
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function keywords(data, words) {
  // Les mots-clés de la fiche (champ « mots_cles ») qui expliquent ce résultat : ceux qui
  // partagent un mot avec la recherche (comparés sur leurs 5 premières lettres, comme
  // « clubs » et « club »). Les autres ne sont pas montrés.
  const typed = fold(words).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
  const matching = (data.meta.mots_cles || "").split(", ").filter((keyword) => {
    const parts = fold(keyword).split(/[^\p{L}\p{N}]+/u);
    return typed.some((w) => parts.some((part) => part.startsWith(w.slice(0, 5))));
  });
  if (!matching.length) return null;
  const line = document.createElement("p");
  line.className = "rv-resultat__mots";
  line.textContent = `Mots-clés : ${matching.join(", ")}`;
  return line;
}

function item(data, words) {
  const li = document.createElement("li");
  li.className = "rv-resultat";
  const kind = document.createElement("p");
  kind.className = "rv-resultat__rubrique";
  kind.textContent = [data.meta.rubrique, data.meta.territoire].filter(Boolean).join(" · ");
  const link = document.createElement("a");
  // Une expérience : son ancre sur la page de son territoire (adresse relative à cette page).
  const target = data.meta.url ? new URL(data.meta.url, location.href) : null;
  link.href = target ? target.pathname + target.hash : data.url;
  link.textContent = data.meta.title || data.meta.nom || data.url;
  const title = document.createElement("h3");
  title.append(link);
  li.append(title, kind);
  const matched = keywords(data, words);
  if (matched) li.append(matched);
  li.append(excerpt(data.excerpt));
  return li;
}

let lastCounts = null;
function counts(found) {
  lastCounts = found;
  for (const span of document.querySelectorAll(".rv-compte")) {
    const values = found?.[span.dataset.filtre];
    span.textContent = values ? `(${values[span.dataset.valeur] || 0})` : "";
  }
}

async function show(list, from, words) {
  const datas = await Promise.all(list.slice(from, from + SHOWN).map((r) => r.data()));
  let ol = results.querySelector("ol");
  if (!ol) {
    ol = document.createElement("ol");
    results.append(ol);
  }
  for (const data of datas) ol.append(item(data, words));
  results.querySelector("button")?.remove();
  if (list.length > from + SHOWN) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button";
    more.textContent = `Afficher plus (${list.length - from - SHOWN} autres)`;
    more.addEventListener("click", () => {
      const next = ol.children.length;
      show(list, from + SHOWN, words).then(() => ol.children[next]?.querySelector("a")?.focus());
    });
    results.append(more);
  }
}

async function run(params) {
  const number = ++current;
  results.replaceChildren();
  const words = params.get("q");
  if (!words) {
    counts(null);
    status.textContent = params.toString()
      ? "Tapez au moins un mot. Pour parcourir les expériences par filtres seulement, " +
        "voyez « Explorer les expériences »."
      : "";
    return;
  }
  status.textContent = "Recherche en cours…";
  const options = { filters: filters(params) };
  const [key, direction] = (params.get("tri") || "").split(":");
  if (key) {
    // Seuls les territoires ont une population pour le tri (l'index reste plus léger).
    options.sort = { [key]: direction };
    options.filters.rubrique = { any: ["Territoire"] };
  }
  let search;
  try {
    search = await chercher(await engine(), words, options);
  } catch (error) {
    status.textContent = "L'index de recherche est introuvable : il est écrit par « python build.py build ».";
    return;
  }
  if (number !== current) return;
  counts(search.filters);
  const n = search.results.length;
  if (n) await show(search.results, 0, words);
  if (number !== current) return;
  // Annoncé une fois la liste écrite (zone role="status") : le nombre, puis les résultats.
  status.textContent = said(search, words);
}

// Ce que la zone d'état annonce : le nombre, et si les pages n'ont pas tous les mots tapés.
function said(search, words) {
  const n = search.results.length;
  const all = search.complets;
  if (!n) return `Aucun résultat pour « ${words} ».`;
  if (search.shortened) {
    const near = `${plural(n, "résultat")} pour des mots proches`;
    return `Aucune page n'a les mots de « ${words} » tels quels : ${near}.`;
  }
  if (all === n) return `${plural(n, "résultat")} pour « ${words} ».`;
  if (!all) {
    const part = `${plural(n, "résultat")} qui en ont une partie`;
    return `Aucune page n'a tous les mots de « ${words} » : ${part}.`;
  }
  const first = all > 1 ? `les ${all} premiers ont` : "le premier a";
  const rest = `${first} tous les mots, les suivants une partie`;
  return `${plural(n, "résultat")} pour « ${words} » : ${rest}.`;
}

function submit(event) {
  event?.preventDefault();
  if (event?.submitter && details.contains(event.submitter) && !wide.matches) {
    details.open = false;
    details.querySelector("summary").focus();
  }
  const params = state();
  const query = params.toString();
  history.pushState(null, "", query ? `?${query}` : location.pathname);
  run(params);
}

form.addEventListener("submit", submit);
document.addEventListener("change", (event) => {
  if (event.target.form === form && event.target.matches("input[type=checkbox], select")) {
    check(state());
    submit();
  }
});
window.addEventListener("popstate", () => {
  const params = new URLSearchParams(location.search);
  restore(params);
  run(params);
});
const initial = new URLSearchParams(location.search);
restore(initial);
run(initial);
