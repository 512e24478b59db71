/* « Près de chez moi » (hooks/territoires/pres.py): a combobox of communes and intercommunalités,
   read from slices of names, then the territories of the référentiel that contain the chosen
   place, are nearest to it, or are most like it, and their experiences. Everything happens
   here: nothing is sent anywhere. Every text from the data is written with textContent. */
import { espaces } from "./espaces.js";

(function () {
  "use strict";
  var form = document.getElementById("rv-pres");
  if (!form || !window.fetch) return;
  var input = document.getElementById("rv-pres-nom");
  var list = document.getElementById("rv-pres-liste");
  var state = document.getElementById("rv-pres-etat");
  var out = document.getElementById("rv-pres-resultat");
  var base = form.getAttribute("data-index");
  var folder = base.replace(/index\.json$/, "");
  var cache = {};
  var options = [];
  var active = -1;
  var typed = 0;
  var ALIKE = 8;
  var FAR = 300; // km: farther, no territory of the référentiel is said to be near
  var KIND_NAMES = { c: "commune", i: "intercommunalité", m: "métropole", a: "territoire" };
  var KIND_TYPES = { c: "commune", i: "intercommunalite", m: "metropole" };
  var TYPE_NAMES = {
    commune: "commune", intercommunalite: "intercommunalité", metropole: "métropole",
    pays: "pays", pnr: "parc naturel régional", departement: "département", region: "région",
    autre: "territoire"
  };
  form.hidden = false;

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(folder + path).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  // A name as compared, as search_key() of hooks/territoires/pres_noms.py: no case, no
  // accents, anything but letters and digits as spaces (« "Saintes Grandes Rives" »).
  function key(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").split(/\s+/).filter(Boolean).join(" ");
  }
  // « de » before a name, elided before a vowel (« d'Ajaccio », « d'Évry »), not before
  // an h (« de Hem »: h muet or aspiré, the name alone does not tell).
  function of(name) {
    return (/^[aeiouyàâäéèêëîïôöùûüÿœæ]/i.test(name) ? "d'" : "de ") + name;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = espaces(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(text, href) {
    var a = el("a", text);
    a.href = href;
    return a;
  }
  function number(n) {
    return n == null ? "population inconnue" : n.toLocaleString("fr-FR") + " habitants";
  }
  // A row of a slice: [code, name, département, population, lat, lon, kind, EPCI or size,
  // and for a territory of the référentiel, its name in geo/ after its own]
  function place(row) {
    return { code: row[0], nom: row[1], dep: row[2], pop: row[3], lat: row[4], lon: row[5],
      kind: row[6], extra: row[7], aussi: row[8] || "" };
  }
  function depName(index, dep) {
    var d = index.departements[dep];
    return d ? d[0] : "";
  }
  function label(index, p) {
    var where = depName(index, p.dep);
    var what = p.kind === "c" ? "" : KIND_NAMES[p.kind] + ", ";
    return p.nom + " (" + what + (where ? where + ", " + p.dep : p.code) + ")";
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function show(index, found) {
    options = found;
    list.textContent = "";
    found.forEach(function (p, i) {
      var li = el("li", label(index, p));
      li.id = "rv-pres-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { choose(index, p); });
      list.appendChild(li);
    });
    list.hidden = !found.length;
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    active = -1;
  }
  function move(step) {
    if (!options.length) return;
    var items = list.children;
    if (active >= 0) items[active].setAttribute("aria-selected", "false");
    active = (active + step + options.length) % options.length;
    items[active].setAttribute("aria-selected", "true");
    items[active].scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function codeFile(code) {
    if (/^\d{9}$/.test(code)) return "e" + code.charAt(8);
    return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
  }
  function byCode(code) {
    code = code.toUpperCase();
    return get("codes/" + codeFile(code) + ".json").then(function (rows) {
      for (var i = 0; i < rows.length; i++) if (rows[i][0] === code) return place(rows[i]);
      return null;
    }, function () { return null; });
  }
  // How a name answers q: 0 the name itself, or a town whose name begins with it as a
  // whole word (« Evry » → Évry-Courcouronnes, 66,919 inhabitants, then Évry in the Yonne);
  // 1 a name that begins with it; 2 a word of the name that does (« Aix-Marseille » →
  // Métropole d'Aix-Marseille-Provence); -1 none.
  var TOWN = 10000;
  function tier(p, k, q) {
    if (k === q || (p.kind === "c" && (p.pop || 0) >= TOWN && k.indexOf(q + " ") === 0)) return 0;
    if (k.indexOf(q) === 0) return 1;
    return (" " + k).indexOf(" " + q) >= 0 ? 2 : -1;
  }
  function best(p, q) {
    var tiers = [tier(p, key(p.nom), q)];
    if (p.aussi) tiers.push(tier(p, key(p.aussi), q));
    var found = tiers.filter(function (t) { return t >= 0; });
    return found.length ? Math.min.apply(null, found) : -1;
  }
  // Each tier by population; an intercommunality named after a commune typed (« Lyon » →
  // Métropole de Lyon) right after that commune (of its département, else the largest).
  function named(p, town) { // « Saint-Étienne Métropole », not « … de Saint-Étienne-de-Montluc »
    function words(text) {
      return " " + text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/['’]/g, " ").split(/\s+/).join(" ") + " ";
    }
    var own = words(town.nom);
    return words(p.nom).indexOf(own) >= 0 || (!!p.aussi && words(p.aussi).indexOf(own) >= 0);
  }
  function ranked(found, q) {
    var same = found.filter(function (p) { return p.kind === "c" && key(p.nom) === q; })
      .sort(function (a, b) { return (b.pop || 0) - (a.pop || 0); });
    found.forEach(function (p) {
      p.rank = [p.tier, -(p.pop || 0), 0];
      if (p.kind === "c") return;
      var towns = same.filter(function (c) { return named(p, c); });
      var town = towns.filter(function (c) { return c.dep === p.dep; })[0] || towns[0];
      if (town) p.rank = [0, -(town.pop || 0), 1];
    });
    return found.sort(function (a, b) {
      return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2];
    });
  }
  function byName(index, q) {
    // The longest prefix of q that names a slice (a short name, « Sai », has its own).
    var prefix = null;
    index.noms.forEach(function (p) {
      if (q.indexOf(p) === 0 && (prefix === null || p.length > prefix.length)) prefix = p;
    });
    if (prefix === null) return Promise.resolve(null); // more letters needed
    return get("noms/" + (prefix.replace(/ /g, "_") || "_") + ".json").then(function (rows) {
      var found = rows.map(place).filter(function (p) {
        p.tier = best(p, q);
        return p.tier >= 0;
      });
      return ranked(found, q);
    });
  }
  function suggest() {
    var q = key(input.value);
    var turn = ++typed;
    if (!q) { close(); state.textContent = ""; return; }
    get("index.json").then(function (index) {
      var search = /^(\d[\dab]\d{3}|\d{9})$/.test(q) ?
        byCode(q).then(function (p) { return p ? [p] : []; }) : byName(index, q);
      return search.then(function (found) {
        if (turn !== typed) return;
        if (found === null) {
          close();
          state.textContent = "Continuez à écrire le nom…";
          return;
        }
        show(index, found.slice(0, 12));
        state.textContent = espaces(found.length ?
          found.length + (found.length > 1 ? " lieux trouvés" : " lieu trouvé") +
          (found.length > 12 ?
            ", les 12 premiers sont proposés : précisez le nom pour les autres" : "") :
          "Aucune commune ni intercommunalité de ce nom : vérifiez l'orthographe.");
      });
    }).catch(function () {
      state.textContent = espaces("La liste des communes n'a pas pu être lue : rechargez la page.");
    });
  }

  function choose(index, p) {
    input.value = p.nom;
    close();
    state.textContent = "";
    var param = p.kind === "c" ? "commune" : "epci";
    history.replaceState(null, "", "?" + param + "=" + encodeURIComponent(p.code));
    results(index, p);
  }

  function km(a, b) {
    if (a.lat == null || b.lat == null) return null;
    var r = Math.PI / 180;
    var x = (b.lon - a.lon) * r * Math.cos((a.lat + b.lat) * r / 2);
    var y = (b.lat - a.lat) * r;
    return Math.sqrt(x * x + y * y) * 6371;
  }
  // A territory of regions/*.json: [name, url, type, population, lat, lon, départements,
  // code INSEE, SIREN, communes, experiences, balises, approximate position (1: the centre
  // of its départements), its country abroad (« en Belgique ») or ""]
  function territory(row) {
    return { nom: row[0], url: row[1], type: row[2], pop: row[3], lat: row[4], lon: row[5],
      deps: row[6], insee: row[7], siren: row[8], communes: row[9], experiences: row[10],
      balises: row[11], approx: row[12] === 1, abroad: row[13] || "" };
  }
  // « 1 057 km »: a narrow no-break space in the thousands (as populations), a no-break
  // space before « km ».
  function kilometres(n) { return Math.round(n).toLocaleString("fr-FR") + "\u00a0km"; }
  function distance(t) {
    if (t.approx) return "à environ " + kilometres(Math.max(10, Math.round(t.km / 10) * 10));
    return t.km < 0.5 ? "à moins de 1 km" : "à " + kilometres(t.km);
  }
  function containing(index, p, t) {
    var mine = p.kind === "c" ? "votre commune" : "votre intercommunalité";
    if (p.kind === "c" && t.insee === p.code) return "c'est " + mine;
    if (p.kind !== "c" && t.siren === p.code) return "c'est " + mine;
    if (p.kind === "c" && t.siren && t.siren === p.extra) return mine + " en fait partie";
    if (p.kind === "c" && t.communes.indexOf(p.code) >= 0) return mine + " en fait partie";
    if (t.type === "departement" && t.deps.length === 1 && t.deps[0] === p.dep)
      return mine + " est dans ce département";
    var region = index.departements[p.dep] ? index.departements[p.dep][1] : "";
    if (t.type === "region" && t.deps.length &&
        index.departements[t.deps[0]] && index.departements[t.deps[0]][1] === region)
      return mine + " est dans cette région";
    return null;
  }
  // A territory known by its départements only (no communes, code nor SIREN: a parc, a
  // pays), one of them the place's: it acts in the département, which may or may not
  // cover the place; said apart, never as containing it.
  function sameDepartement(p, t) {
    return t.type !== "commune" && t.type !== "departement" && t.type !== "region" &&
      !t.insee && !t.siren && !t.communes.length && t.deps.indexOf(p.dep) >= 0;
  }
  function ratio(a, b) {
    if (!a || !b) return Infinity;
    return Math.max(a, b) / Math.min(a, b);
  }
  function far(t) { return t.km == null ? 1e9 : t.km; }

  function results(index, p) {
    var region = index.departements[p.dep] ? index.departements[p.dep][1] : "";
    var own = index.regions.indexOf(region) >= 0;
    out.textContent = "";
    out.appendChild(el("p", "Recherche des territoires…"));
    // Its région's territories, and those with most experiences anywhere (few bytes), so
    // that a région with few territories still finds some alike.
    var files = [get("repli.json")];
    if (own) files.push(get("regions/" + region + ".json"));
    Promise.all(files).then(function (lists) {
      var seen = {};
      var rows = [];
      lists.forEach(function (l) {
        l.forEach(function (r) { if (!seen[r[1]]) { seen[r[1]] = true; rows.push(r); } });
      });
      render(index, p, rows.map(territory), own, region);
    }).catch(function () {
      out.textContent = "";
      out.appendChild(el("p", "Les territoires n'ont pas pu être lus : rechargez la page."));
    });
  }

  function render(index, p, all, own, region) {
    var kindType = KIND_TYPES[p.kind] || "autre";
    var inside = [];
    var around = [];
    var others = [];
    all.forEach(function (t) {
      var why = containing(index, p, t);
      t.km = km(p, t);
      t.ratio = ratio(p.pop, t.pop);
      t.sameKind = t.type === kindType;
      t.comparable = t.sameKind && t.ratio <= index.facteur;
      t.sameDep = t.deps.indexOf(p.dep) >= 0;
      t.sameRegion = t.deps.some(function (d) {
        return index.departements[d] && index.departements[d][1] === region;
      });
      if (why) { t.why = why; inside.push(t); }
      else if (sameDepartement(p, t)) around.push(t);
      else others.push(t);
    });
    var near = others.filter(function (t) { return t.km != null; })
      .sort(function (a, b) { return a.km - b.km; }).slice(0, 3);
    // None within FAR km (La Réunion): no « nearest » thousands of km away, nor distances.
    var remote = near.length > 0 && near[0].km > FAR;
    // Comparable ones by département, région, distance; the others of the same nature by
    // their gap in population first (a town of 47,000 is more like one of 20,000 than of 250).
    var alike = others.slice().sort(function (a, b) {
      return (b.comparable - a.comparable) || (b.sameKind - a.sameKind) ||
        (a.comparable ? 0 : a.ratio - b.ratio) ||
        (b.sameDep - a.sameDep) || (b.sameRegion - a.sameRegion) || (far(a) - far(b)) ||
        (a.ratio - b.ratio);
    }).slice(0, ALIKE);
    out.textContent = "";
    var title = el("h2", p.nom + " : les territoires du référentiel");
    title.id = "rv-pres-titre";
    out.appendChild(title);
    var kind = KIND_NAMES[p.kind] || "intercommunalité"; // « Métropole », as suggested
    var facts = [kind.charAt(0).toUpperCase() + kind.slice(1), depName(index, p.dep),
      number(p.pop)].filter(Boolean).join(" · ");
    out.appendChild(el("p", facts, "rv-pres-lieu"));
    var elsewhere = alike.some(function (t) { return t.abroad; }) ?
      "ailleurs en France ou à l'étranger" : "ailleurs en France";
    if (!own && !remote) {
      out.appendChild(el("p", "Le référentiel n'a encore aucun territoire dans votre région : " +
        "voici ceux qui ressemblent le plus à " + p.nom + ", " + elsewhere + ".", "rv-pres-note"));
    }
    // The place itself a territory of the référentiel (Luc-sur-Aude): « aucun autre ».
    var itself = inside.some(function (t) { return t.why.indexOf("c'est ") === 0; });
    if (remote) {
      out.appendChild(el("p", (own ? "" : "Le référentiel n'a encore aucun territoire dans " +
        "votre région. ") + "Aucun " + (itself ? "autre " : "") + "territoire du référentiel " +
        "n'est proche " + of(p.nom) + " : le plus proche est à plus de " + kilometres(FAR) +
        ". Voici plutôt ceux qui lui " +
        "ressemblent le plus, " + elsewhere + ".", "rv-pres-note"));
    }
    if (inside.length) {
      out.appendChild(el("h3", "Les territoires où se trouve " + p.nom));
      out.appendChild(cards(inside, function (t) { return [t.why]; }));
    }
    if (around.length) {
      var dep = depName(index, p.dep);
      out.appendChild(el("h3", "Actifs dans votre département"));
      out.appendChild(el("p", "Le référentiel ne connaît que les départements de ces " +
        "territoires, pas leurs communes : ils agissent dans votre département (" + dep +
        "), sans qu'on sache s'ils couvrent " + p.nom + ".", "rv-pres-regle"));
      out.appendChild(cards(around, function () {
        return ["agit dans votre département (" + dep + ")"];
      }));
    }
    if (near.length && !remote) {
      out.appendChild(el("h3", "Les plus proches"));
      out.appendChild(cards(near, function (t) { return [distance(t)]; }));
    } else if (p.lat == null) {
      out.appendChild(el("p", "Pas de position connue pour " + p.nom +
        " : les distances ne peuvent être données.", "rv-pres-note"));
    }
    out.appendChild(el("h3", "Les plus semblables"));
    var rule = "Choisis dans l'ordre : même nature (" + (KIND_NAMES[p.kind] || "territoire") +
      "), taille comparable (une population entre la moitié et le double de la vôtre), puis " +
      "même département, même région, et les plus proches ; à défaut, la population la " +
      "plus proche de la vôtre.";
    out.appendChild(el("p", rule, "rv-pres-regle"));
    if (alike.length && !alike[0].comparable) {
      out.appendChild(el("p", "Aucun territoire de même nature et de population comparable " +
        "ici : voici les plus semblables malgré tout.", "rv-pres-note"));
    }
    if (!alike.length) out.appendChild(el("p", "Aucun autre territoire ici pour l'instant."));
    out.appendChild(cards(alike, function (t) {
      var why = [];
      if (t.sameKind) why.push("même nature");
      else why.push(TYPE_NAMES[t.type] || "territoire");
      if (t.pop) why.push(t.ratio <= index.facteur ? "taille comparable (" + number(t.pop) + ")" :
        number(t.pop));
      if (t.sameDep) why.push("même département");
      else if (t.sameRegion) why.push("même région");
      if (t.km != null && !remote) why.push(distance(t));
      if (t.abroad) why.push(t.abroad);
      return why;
    }));
    experiences(index, inside.concat(around, alike));
  }

  function cards(territories, reasons) {
    var ul = el("ul", "", "rv-pres-territoires");
    territories.forEach(function (t) {
      var li = el("li");
      li.appendChild(link(t.nom, t.url));
      li.appendChild(el("span", " — " + reasons(t).join(", "), "rv-pres-raison"));
      ul.appendChild(li);
    });
    return ul;
  }

  function experiences(index, territories) {
    var seen = {};
    var byEnjeu = {};
    var counts = {};
    territories.forEach(function (t) {
      if (seen[t.url]) return;
      seen[t.url] = true;
      t.experiences.forEach(function (x) {
        x[2].forEach(function (e) { (byEnjeu[e] = byEnjeu[e] || []).push([x, t]); });
      });
      t.balises.forEach(function (b) { counts[b] = (counts[b] || 0) + 1; });
    });
    if (!territories.length) return;
    out.appendChild(el("h3", "Leurs expériences, par enjeu"));
    out.appendChild(el("p", "Une expérience qui sert plusieurs enjeux compte une fois dans " +
      "chacun : les nombres ne s'additionnent pas.", "rv-pres-regle"));
    Object.keys(index.enjeux).forEach(function (e) {
      var items = byEnjeu[e] || [];
      if (!items.length) return;
      var details = el("details");
      details.appendChild(el("summary", index.enjeux[e][0] + " — " + items.length +
        (items.length > 1 ? " expériences" : " expérience")));
      var ul = el("ul");
      items.forEach(function (pair) {
        var li = el("li");
        li.appendChild(link(pair[0][0], pair[0][1]));
        li.appendChild(el("span", " — " + pair[1].nom, "rv-pres-raison"));
        ul.appendChild(li);
      });
      details.appendChild(ul);
      out.appendChild(details);
    });
    var ids = Object.keys(counts).filter(function (b) { return index.balises[b]; })
      .sort(function (a, b) { return counts[b] - counts[a]; }).slice(0, 5);
    if (ids.length) {
      out.appendChild(el("h3", "Les balises qu'ils illustrent le plus"));
      var ul = el("ul");
      ids.forEach(function (b) {
        var li = el("li");
        li.appendChild(link(index.balises[b][0], index.balises[b][1]));
        li.appendChild(el("span", " — " + counts[b] + " territoire" + (counts[b] > 1 ? "s" : ""),
          "rv-pres-raison"));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    var missing = Object.keys(index.balises).filter(function (b) { return !counts[b]; });
    out.appendChild(el("h3", "Ce qu'aucun d'eux n'a encore illustré"));
    if (!missing.length) {
      out.appendChild(el("p", "Toutes les balises sont illustrées par ces territoires."));
    } else {
      var p = el("p", "Des pistes à explorer en atelier (la grille de chaque enjeu aide à " +
        "les discuter), ou à partager si votre territoire l'a fait : ");
      p.appendChild(link("Proposer une expérience", index.proposer));
      p.appendChild(document.createTextNode("."));
      out.appendChild(p);
      Object.keys(index.enjeux).forEach(function (e) {
        var mine = missing.filter(function (b) { return index.balises[b][2] === e; });
        if (!mine.length) return;
        var h = el("p", "", "rv-pres-enjeu");
        h.appendChild(link(index.enjeux[e][0] + " : la grille d'atelier", index.enjeux[e][1]));
        out.appendChild(h);
        var ul = el("ul", "", "rv-pres-manquantes");
        mine.forEach(function (b) {
          var li = el("li");
          li.appendChild(link(index.balises[b][0], index.balises[b][1]));
          ul.appendChild(li);
        });
        out.appendChild(ul);
      });
    }
  }

  input.addEventListener("input", suggest);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) suggest(); else move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") close();
    else if (event.key === "Enter") {
      event.preventDefault();
      var pick = active >= 0 ? options[active] : options.length === 1 ? options[0] : null;
      if (pick) get("index.json").then(function (index) { choose(index, pick); });
    }
  });
  input.addEventListener("blur", close);
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  var query = new URLSearchParams(location.search);
  var asked = query.get("commune") || query.get("epci");
  if (asked) {
    get("index.json").then(function (index) {
      return byCode(asked).then(function (p) {
        if (!p) {
          state.textContent = espaces("Le code « " + asked + " » ne correspond à aucune commune " +
            "ni intercommunalité : écrivez son nom.");
          return;
        }
        input.value = p.nom;
        results(index, p);
      });
    });
  }
})();
