// La page « Rechercher » : interroge l'index Pagefind (pagefind/, écrit à la fin de la
// construction) et écrit les résultats. L'état (mots, filtres, tri) vit dans l'adresse de la
// page : une recherche filtrée se partage en copiant l'adresse, et revient au rechargement.
// Aucun texte de l'index n'est inséré comme HTML : les extraits sont relus par DOMParser
// (document inerte) et seuls leur texte et leurs <mark> sont recopiés.

import { espaces } from "./espaces.js";

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
  "est-ce", "qu'est-ce", "faut-il", "peut-on", "definition", "signifie",
]);
// Mots outils (« un », « de la », « qu'un ») : presque toutes les pages les ont, ils ne font
// qu'écarter celles qui ne les ont pas (« qu'est-ce qu'un commun » manquait « Les communs »).
// Un mot élidé qui n'est pas un mot outil reste tel quel : « l'histoire » est plus précis.
const OUTILS = new Set([
  "a", "au", "aux", "ce", "ces", "de", "des", "du", "en", "est", "et", "la", "le", "les",
  "ou", "que", "qui", "sa", "ses", "son", "sont", "un", "une",
]);
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[\p{L}\p{N}])/iu;
const MAX_MOTS = 6; // au-delà, pas de recherche mot par mot (une recherche par mot)
const PLANCHER = 4; // un mot mal tapé n'est jamais raccourci sous 4 lettres, ni sous sa moitié
const ASSEZ = 5; // moins de pages ont tous les mots : suivies de celles qui en ont une partie

async function trouve(pf, words, options) {
  const search = await pf.search(words, options);
  return search.results.length ? search : null;
}

// Un mot que l'index n'a pas, Pagefind ne le dit pas : il prend le plus long mot de l'index
// qui en est le début (« agriculteurs » : « à », « potable » : le « p » de « (p. 24) »). Un mot
// est connu si la première page trouvée en marque un qui commence comme lui : ses 6 premières
// lettres, ou toutes sauf les 3 dernières, et au moins 3 (jamais le « p » d'un renvoi à une
// page), élision ôtée (« communs » : « commun », « installation » : « installer »,
// « expérience » : « d'expérience ») ; un mot raccourci, au moins ``floor`` lettres.
async function connu(pf, word, floor = 0) {
  const found = await trouve(pf, word, {});
  if (!found) return false;
  const { excerpt } = await found.results[0].data();
  const bare = (text) => {
    const t = fold(text.replace(/&#0*39;|&#x0*27;|&apos;/gi, "'").replace(/&[^;]*;/g, ""));
    return t.replace(/^[^\p{L}\p{N}]+/u, "").replace(ELISION, "").replace(/[^\p{L}\p{N}]/gu, "");
  };
  const typed = bare(word);
  const same = (mark) => [...mark].findIndex((c, i) => c !== typed[i]);
  const enough = Math.max(Math.min(typed.length - 3, 6), Math.min(typed.length, 3), floor);
  const marks = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => bare(m[1]));
  return !marks.length || marks.some((m) => (same(m) < 0 ? m.length : same(m)) >= enough);
}

// Chercher comme un lecteur l'attend : les mots d'une question et les mots outils laissés de
// côté ; chaque mot que l'index n'a pas (mal tapé) raccourci jusqu'à ce qu'il trouve
// (« transision » : « transi… »), mais pas sous PLANCHER lettres ni sous sa moitié : un mot
// qui ne trouve rien avant est laissé de côté, et dit (« eau potable » : « eau » seul, pas
// « eau p » qui trouvait les renvois « (p. 24) ») ; les pages qui ont tous les mots d'abord ;
// s'il en reste moins de ASSEZ, suivies des pages qui ont une partie des mots
// (« Clermont-Ferrand » : « Clermont »), le score de chaque mot additionné comme BM25 le fait
// pour des mots cherchés séparément, puis multiplié par le nombre de mots que la page a (le
// « coord » de Lucene : « installation des jeunes agriculteurs » met l'Espace-Test-Agricole,
// qui a deux des mots, devant les séjours de jeunes, qui n'en ont qu'un, même dans leur titre).
// Rend { results, filters, complets, shortened, absents, restants } : complets, le nombre
// de résultats qui ont tous les mots ; shortened, les mots raccourcis ; absents, les mots
// laissés de côté faute de page ; restants, les autres mots tapés (tels quels).
export async function chercher(pf, words, options = {}) {
  let terms = words.split(/\s+/).filter(Boolean);
  const plain = (t) => fold(t).replace(/’/g, "'").replace(/[?!.,;:]/g, "");
  // Les mots outils d'une question, et les mots outils élidés : ceux d'un titre tapé tel quel
  // (« Proposer une expérience ») le font trouver, ils restent.
  const question = terms.some((t) => QUESTION.has(plain(t)));
  const outil = (t) => OUTILS.has(plain(t).replace(ELISION, "")) && (question || ELISION.test(t));
  const asked = (t) => QUESTION.has(plain(t)) || outil(t) || !plain(t);
  const kept = terms.filter((t) => !asked(t));
  if (kept.length) terms = kept;
  let shortened = ""; // les mots raccourcis, s'il a fallu
  const absents = []; // les mots qu'aucune page n'a, même raccourcis
  let restants = terms;
  if (terms.length <= MAX_MOTS) {
    const fixed = [];
    restants = [];
    for (const term of terms) {
      const word = /^[\p{L}\p{N}]+$/u.test(term) ? await raccourci(pf, term) : term;
      // un mot seul : « Clermont-Ferrand » est cherché par ses parties
      if (word === null) {
        absents.push(term);
      } else {
        fixed.push(word);
        restants.push(term);
      }
    }
    if (!fixed.length) {
      return { results: [], filters: null, complets: 0, shortened, absents, restants };
    }
    if (fixed.join(" ") !== restants.join(" ")) shortened = fixed.join(" ");
    terms = fixed;
  }
  const all = await trouve(pf, terms.join(" "), options);
  const found = all ? all.results : [];
  const filters = all?.filters || null;
  const done = { results: found, filters, complets: found.length, shortened, absents, restants };
  const split = (t) => t.split(/[-'’]/).filter((part) => part.length > 2);
  const parts = terms.flatMap(split);
  if (found.length >= ASSEZ || parts.length < 2 || parts.length > MAX_MOTS) return done;
  // Une partie d'un mot (« Ferrand ») que l'index n'a pas trouverait n'importe quoi.
  for (const [i, part] of [...parts.entries()].reverse()) {
    if (!terms.includes(part) && !(await connu(pf, part))) parts.splice(i, 1);
  }
  const scores = new Map();
  for (const word of parts) {
    for (const result of (await trouve(pf, word, options))?.results || []) {
      const seen = scores.get(result.id);
      if (seen) Object.assign(seen, { score: seen.score + result.score, mots: seen.mots + 1 });
      else scores.set(result.id, { ...result, mots: 1 });
    }
  }
  const ids = new Set(found.map((r) => r.id));
  const more = [...scores.values()].filter((r) => !ids.has(r.id));
  if (!more.length) return done;
  more.sort((a, b) => b.mots * b.score - a.mots * a.score);
  return { ...done, results: [...found, ...more], filters: null };
}

// ``word`` tel quel s'il est connu, sinon raccourci jusqu'à l'être (pas sous PLANCHER
// lettres ni sous sa moitié), ou null : aucune page ne l'a, ni un mot proche.
async function raccourci(pf, term) {
  const floor = Math.max(PLANCHER, Math.ceil(term.length / 2));
  for (let word = term; ; word = word.slice(0, -1)) {
    if (await connu(pf, word, word === term ? 0 : floor)) return word;
    if (word.length <= floor) return null;
  }
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
  line.textContent = espaces(`Mots-clés : ${matching.join(", ")}`);
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
let partial = false; // des résultats n'ont qu'une partie des mots : pas de nombres par filtre
function counts(found, some = partial) {
  lastCounts = found;
  partial = some;
  for (const span of document.querySelectorAll(".rv-compte")) {
    const values = found?.[span.dataset.filtre];
    span.textContent = values ? `(${values[span.dataset.valeur] || 0})` : "";
  }
  // Pagefind ne compte par filtre que les pages qui ont tous les mots : des nombres qui
  // ne compteraient pas les autres résultats tromperaient, la raison est dite à la place.
  document.getElementById("rv-sans-compte").hidden = !some;
}

// La liste où écrire le résultat numéro ``index`` : une seconde liste, annoncée, pour
// ceux qui n'ont qu'une partie des mots quand d'autres les ont tous.
function listFor(index, complets) {
  let ol = results.querySelector("ol:last-of-type");
  if (!ol || (index === complets && index > 0)) {
    if (ol) {
      const note = document.createElement("p");
      note.className = "rv-resultats__partie";
      note.textContent = "Les résultats suivants n'ont qu'une partie des mots cherchés.";
      results.append(note);
    }
    ol = document.createElement("ol");
    results.append(ol);
  }
  return ol;
}

async function show(list, from, words, complets) {
  const datas = await Promise.all(list.slice(from, from + SHOWN).map((r) => r.data()));
  datas.forEach((data, i) => listFor(from + i, complets).append(item(data, words)));
  results.querySelector("button")?.remove();
  if (list.length > from + SHOWN) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "md-button";
    more.textContent = `Afficher plus (${list.length - from - SHOWN} autres)`;
    more.addEventListener("click", () => {
      const next = from + SHOWN; // le premier des suivants reçoit le focus
      show(list, next, words, complets).then(() =>
        results.querySelectorAll("li")[next]?.querySelector("a")?.focus(),
      );
    });
    results.append(more);
  }
}

async function run(params) {
  const number = ++current;
  results.replaceChildren();
  const words = params.get("q");
  if (!words) {
    counts(null, false);
    status.textContent = params.toString()
      ? espaces(
          "Tapez au moins un mot. Pour parcourir les expériences par filtres seulement, " +
            "voyez « Explorer les expériences ».",
        )
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
    status.textContent = espaces(
      "L'index de recherche est introuvable : il est écrit par « python build.py build ».",
    );
    return;
  }
  if (number !== current) return;
  const n = search.results.length;
  counts(search.filters, search.complets < n);
  if (n) await show(search.results, 0, words, search.complets);
  if (number !== current) return;
  // Annoncé une fois la liste écrite (zone role="status") : le nombre, puis les résultats.
  status.textContent = espaces(said(search, words));
}

// Ce que la zone d'état annonce : les mots qu'aucune page n'a, puis ce qu'ont donné les
// autres (« Aucune page n'a le mot « potable », ni un mot proche ; 1 résultat pour « eau » »).
function said(search, words) {
  const missing = search.absents || [];
  if (!missing.length) return saidFor(search, words);
  const which = missing.length > 1 ? "les mots" : "le mot";
  const none = `Aucune page n'a ${which} « ${missing.join(" ")} », ni un mot proche`;
  if (!search.results.length) return `${none}.`;
  const rest = saidFor(search, search.restants.join(" "));
  return `${none} ; ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
}

// Le nombre, et si les pages n'ont pas tous les mots tapés.
function saidFor(search, words) {
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
  // « 63 résultats » quand 2 ont tous les mots en annoncerait trop : chacun son nombre.
  const rest = n - all > 1 ? `${n - all} autres en ont` : "1 autre en a";
  const has = all > 1 ? "ont" : "a";
  return `${plural(all, "résultat")} ${has} tous les mots de « ${words} » ; ${rest} une partie.`;
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
