/* « Explorer les expériences » : des filtres instantanés sur toutes les expériences.

   La page (hooks/territoires/explorer.md.j2) contient déjà le formulaire, caché sans JavaScript,
   et la première page de la liste. Ce script montre le formulaire, replié : ses cases sont
   dans un <template>, écrites dans la page à l'ouverture de « Filtres » seulement (quelques
   centaines d'éléments de moins pour la plupart des visites). Dès qu'on s'en approche (ou tout
   de suite si l'adresse porte des filtres : ?balise=construire-le-recit&type=commune, les cases
   sont alors écrites et cochées), il charge facettes.json (hooks/territoires/explorer.py : chaque expérience en quelques entiers), puis, à
   chaque choix, compte les expériences retenues et celles de chaque valeur, affiche les
   premières (titres chargés par fichiers de 100, titres/<n>.json) et garde les filtres dans
   l'adresse. « Télécharger la sélection (CSV) » construit le fichier dans le navigateur.
   Aucun texte de contributeur ne devient du HTML : tout est écrit par textContent. */
(() => {
  "use strict";
  const formulaire = document.getElementById("rv-explorer");
  const resultats = document.getElementById("rv-ex-resultats");
  if (!formulaire || !resultats || !window.fetch || !window.URLSearchParams) return;

  const PAR_AFFICHAGE = 50;
  const COLONNES = ["territoire", "type", "région", "taille", "expérience", "période",
    "enjeux", "balises", "adresse"];
  // La règle de hooks/core/opendata.py (spreadsheet_safe) : une cellule qu'un tableur lirait comme
  // une formule reçoit une apostrophe devant elle ; les espaces sont ceux de \s en Python.
  const FORMULE = /^(?:[\t\r\n]|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
  const nombre = new Intl.NumberFormat("fr-FR");
  const statut = formulaire.querySelector("[role=status]");
  const choisis = formulaire.querySelector(".rv-ex-choisis");
  const details = formulaire.querySelector("details");
  // Les cases ne sont dans la page qu'une fois le modèle écrit (ecrire) : avant, aucune.
  const cases = () => [...formulaire.querySelectorAll("input[type=checkbox]")];
  const statiques = [document.getElementById("rv-ex-liste"), document.querySelector(".rv-ex-pages")];
  const fichiers = new Map(); // numéro → promesse d'un fichier de titres
  let donnees = null; // promesse des données préparées
  let retenues = null; // positions des expériences retenues, une fois les filtres appliqués
  let affichees = PAR_AFFICHAGE;
  let tour = 0; // le dernier affichage demandé : un affichage plus ancien n'écrit rien
  let comptes = null; // les derniers comptes, pour des cases écrites après eux

  function ecrire() {
    const modele = document.getElementById("rv-ex-modele");
    if (modele) modele.replaceWith(modele.content.cloneNode(true));
  }

  const pluriel = (n, mot) => `${nombre.format(n)} ${mot}${n > 1 ? "s" : ""}`;
  const element = (nom, texte, classe) => {
    const e = document.createElement(nom);
    if (texte !== undefined) e.textContent = texte;
    if (classe) e.className = classe;
    return e;
  };
  const lire = (adresse) => fetch(adresse).then((r) => {
    if (!r.ok) throw new Error(`${adresse} : ${r.status}`);
    return r.json();
  });

  function preparer(d) {
    // Pour chaque filtre, les positions de ses valeurs pour chaque expérience.
    const filtres = d.filtres.map((f) => ({
      cle: f.cle,
      valeurs: f.valeurs,
      position: new Map(f.valeurs.map((v, i) => [v[0], i])),
      de: [],
    }));
    const par = Object.fromEntries(filtres.map((f) => [f.cle, f]));
    const t = d.territoires;
    const x = d.experiences;
    let j = 0;
    for (let i = 0; i < t.length; i += 4) {
      // Une région négative, -1 - n : le territoire s'étend sur les régions de regions_multiples[n].
      const region = t[i + 1] < 0 ? d.regions_multiples[-1 - t[i + 1]] : [t[i + 1]];
      const [type, taille] = [[t[i]], [t[i + 2]]];
      for (let n = 0; n < t[i + 3]; n++) {
        const balises = x.slice(j + 2, j + 2 + x[j + 1]);
        par.periode.de.push([x[j]]);
        par.balise.de.push(balises);
        par.enjeu.de.push([...new Set(balises.map((b) => d.enjeu_des_balises[b]))]);
        par.type.de.push(type);
        par.region.de.push(region);
        par.taille.de.push(taille);
        j += 2 + balises.length;
      }
    }
    return { filtres, par, total: par.type.de.length, lot: d.experiences_par_fichier };
  }

  function charger() {
    donnees ??= lire(formulaire.dataset.facettes).then(preparer);
    return donnees;
  }

  function appliquer(d) {
    const voulu = d.filtres.map((f) => new Set(
      cases().filter((c) => c.name === f.cle && c.checked && f.position.has(c.value))
        .map((c) => f.position.get(c.value))));
    const parValeur = d.filtres.map((f) => new Array(f.valeurs.length).fill(0));
    retenues = [];
    // Une valeur compte les expériences qui passent tous les autres filtres que le sien.
    for (let i = 0; i < d.total; i++) {
      let echecs = 0;
      let seul = 0;
      for (let f = 0; f < d.filtres.length && echecs < 2; f++) {
        if (voulu[f].size && !d.filtres[f].de[i].some((v) => voulu[f].has(v))) {
          echecs += 1;
          seul = f;
        }
      }
      if (echecs === 0) {
        retenues.push(i);
        d.filtres.forEach((f, n) => { for (const v of f.de[i]) parValeur[n][v] += 1; });
      } else if (echecs === 1) {
        for (const v of d.filtres[seul].de[i]) parValeur[seul][v] += 1;
      }
    }
    comptes = { d, parValeur };
    compter();
    const actifs = voulu.reduce((s, v) => s + v.size, 0);
    choisis.textContent = actifs ? `(${nombre.format(actifs)} choix)` : "";
    statut.textContent = annonce(retenues.length, d.total, actifs);
    const requete = `${new URLSearchParams(cases().filter((c) => c.checked).map((c) => [c.name, c.value]))}`;
    history.replaceState(history.state, "", requete ? `?${requete}` : location.pathname);
    affichees = PAR_AFFICHAGE;
    return afficher(d);
  }

  function compter() {
    // Les comptes de chaque case écrite (le modèle porte ceux de la liste sans filtre).
    if (!comptes) return;
    const { d, parValeur } = comptes;
    for (const c of cases()) {
      const f = d.par[c.name];
      const n = f && f.position.has(c.value) ? parValeur[d.filtres.indexOf(f)][f.position.get(c.value)] : 0;
      c.parentElement.querySelector(".rv-ex-compte").textContent = `(${nombre.format(n)})`;
      c.parentElement.classList.toggle("rv-ex-vide", n === 0);
    }
  }

  function annonce(n, total, actifs) {
    if (!actifs) return `${pluriel(total, "expérience")}.`;
    if (!n) return `Aucune expérience ne correspond à ces filtres (sur ${nombre.format(total)}).`;
    const verbe = n > 1 ? "correspondent" : "correspond";
    return `${pluriel(n, "expérience")} sur ${nombre.format(total)} ${verbe} à ces filtres.`;
  }

  function fichier(n) {
    if (!fichiers.has(n)) {
      fichiers.set(n, lire(`${formulaire.dataset.titres}${n}.json`).catch((erreur) => {
        fichiers.delete(n); // une autre tentative pourra réussir
        throw erreur;
      }));
    }
    return fichiers.get(n);
  }

  // [adresse, titre, territoire, période] de chaque expérience demandée.
  const titres = (d, positions) =>
    Promise.all(positions.map((i) => fichier(Math.floor(i / d.lot)).then((f) => f[i % d.lot])));
  const libelles = (d, cle, i) => d.par[cle].de[i].map((v) => d.par[cle].valeurs[v][1]);
  const connue = (d, cle, i) => d.par[cle].valeurs[d.par[cle].de[i][0]][0] !== "non-renseignee";

  async function afficher(d, depuis = -1) {
    const demande = ++tour;
    const montrees = retenues.slice(0, affichees);
    const lignes = await titres(d, montrees);
    if (demande !== tour) return;
    const blocs = [];
    if (montrees.length) {
      const liste = element("ol", undefined, "rv-ex-liste");
      montrees.forEach((i, n) => {
        const [adresse, titre, territoire, periode] = lignes[n];
        const lien = element("a", titre);
        lien.href = adresse;
        const details = [territoire, ...libelles(d, "type", i)];
        if (connue(d, "region", i)) details.push(...libelles(d, "region", i));
        if (periode) details.push(periode);
        const item = element("li");
        item.append(lien, element("br"), element("span", details.join(" · "), "rv-ex-details"));
        liste.append(item);
      });
      blocs.push(liste);
    } else {
      blocs.push(element("p", "Aucune expérience ne correspond à ces filtres\u00a0: retirez-en un."));
    }
    const reste = retenues.length - montrees.length;
    if (reste > 0) {
      const plus = element("button", `Afficher ${pluriel(Math.min(reste, PAR_AFFICHAGE), "expérience")} de plus`, "md-button");
      plus.type = "button";
      plus.addEventListener("click", () => {
        const avant = affichees;
        affichees += PAR_AFFICHAGE;
        afficher(d, avant).catch(echec);
      });
      blocs.push(plus);
    }
    resultats.replaceChildren(...blocs);
    for (const e of statiques) if (e) e.hidden = true;
    if (depuis >= 0) resultats.querySelectorAll("li a")[depuis]?.focus();
  }

  function cellule(texte) {
    const sure = FORMULE.test(texte) ? `'${texte}` : texte;
    return `"${sure.replaceAll('"', '""')}"`;
  }

  async function telecharger(d) {
    statut.textContent = "Préparation du fichier CSV…";
    const lignes = await titres(d, retenues);
    const rangees = lignes.map(([adresse, titre, territoire, periode], n) => {
      const i = retenues[n];
      const [type, region, taille, enjeux, balises] = ["type", "region", "taille", "enjeu", "balise"]
        .map((cle) => libelles(d, cle, i).join(" | "));
      const lien = new URL(adresse, location.href).href;
      return [territoire, type, region, taille, titre, periode, enjeux, balises, lien];
    });
    const texte = [COLONNES, ...rangees].map((r) => r.map(cellule).join(",")).join("\r\n");
    const lien = element("a");
    lien.href = URL.createObjectURL(new Blob(["\ufeff", texte, "\r\n"], { type: "text/csv;charset=utf-8" }));
    lien.download = "experiences-selection.csv";
    document.body.append(lien);
    lien.click();
    lien.remove();
    setTimeout(() => URL.revokeObjectURL(lien.href), 60000);
    statut.textContent = `Fichier CSV téléchargé\u00a0: ${pluriel(retenues.length, "expérience")}.`;
  }

  function echec() {
    statut.textContent = "Les filtres n'ont pas pu être chargés\u00a0: la liste complète reste disponible page par page.";
    for (const e of statiques) if (e) e.hidden = false;
    resultats.replaceChildren();
  }

  const lancer = () => charger().then(appliquer).catch(echec);

  // Le formulaire, replié ; si l'adresse porte des filtres, les cases écrites et cochées
  // comme elle le dit, et les filtres ouverts sur les grands écrans.
  const demande = new URLSearchParams(location.search);
  const voulue = (c) => demande.getAll(c.name).includes(c.value);
  const modele = document.getElementById("rv-ex-modele");
  formulaire.hidden = false;
  // Un filtre de l'adresse qu'aucune case ne porte (?region=centre-val-de-loire quand la
  // région n'a pas encore d'expérience) : la page le dit et ne montre rien, plutôt que tout.
  const modeles = modele ? [...modele.content.querySelectorAll("input[type=checkbox]")] : [];
  const cles = new Set(modeles.map((c) => c.name));
  const inconnus = [...demande].filter(([cle, valeur]) =>
    cles.has(cle) && !modeles.some((c) => c.name === cle && c.value === valeur));
  if (inconnus.length) {
    const legende = (cle) => modele.content.querySelector(`.rv-ex-facette--${cle} legend`)?.textContent ?? cle;
    const demandes = inconnus.map(([cle, valeur]) => `${legende(cle)} : « ${valeur} »`).join(", ");
    ecrire();
    for (const c of cases()) c.checked = voulue(c);
    statut.textContent = `L'adresse de la page demande ${demandes}, mais aucune expérience du `
      + "référentiel n'y correspond encore\u00a0: aucune n'est affichée.";
    const tout = element("a", "Voir toutes les expériences");
    tout.href = location.pathname;
    const note = element("p", "Aucune expérience ne correspond à l'adresse de la page. ", "rv-ex-inconnu");
    note.append(tout, ".");
    resultats.replaceChildren(note);
    for (const e of statiques) if (e) e.hidden = true;
  } else if (modeles.some(voulue)) {
    ecrire();
    for (const c of cases()) c.checked = voulue(c);
    if (window.matchMedia("(min-width: 60em)").matches) details.open = true;
    lancer();
  }

  details.addEventListener("toggle", () => {
    if (!details.open) return;
    ecrire();
    compter();
    charger().catch(() => {});
  });

  formulaire.addEventListener("submit", (e) => e.preventDefault());
  formulaire.addEventListener("change", lancer);
  for (const evenement of ["focusin", "pointerover"]) {
    formulaire.addEventListener(evenement, () => charger().catch(() => {}), { once: true });
  }
  formulaire.querySelector("[data-action=effacer]").addEventListener("click", () => {
    for (const c of cases()) c.checked = false;
    lancer();
  });
  formulaire.querySelector("[data-action=csv]").addEventListener("click", () => {
    charger()
      .then((d) => (retenues ? d : appliquer(d).then(() => d)))
      .then(telecharger)
      .catch(() => {
        statut.textContent = "Le fichier CSV n'a pas pu être préparé\u00a0: réessayez dans un instant.";
      });
  });
})();
