/* « Où en est notre territoire ? » : la grille d'atelier (hooks/atelier/grille.py), une page par
   enjeu (hooks/atelier/grille-enjeu.md.j2) et un sommaire (grille.md.j2).

   La page d'un enjeu est déjà un formulaire complet, qui se remplit et s'imprime sans ce
   script. Il ajoute : les réponses gardées dans ce navigateur (localStorage, rien n'est envoyé
   nulle part), sous une seule clé pour toutes les pages de la grille, et retrouvées au retour
   sur une page ; le bilan de chaque enjeu (nombre de balises à chaque niveau, dans une région
   aria-live) ; « Imprimer ». Sur le sommaire : combien de balises de chaque enjeu ont une
   réponse, le bilan de chacun et de toute la grille, « Exporter (CSV) » et « Importer (CSV) »
   de toutes les réponses, et « Tout effacer ». Les balises, leurs titres et les niveaux sont
   lus dans le JSON de la page (#rv-gr-donnees). Aucun texte ne devient du HTML : tout est
   écrit par textContent. */
(() => {
  "use strict";
  const donnees = document.getElementById("rv-gr-donnees");
  const outils = document.querySelector(".rv-gr-outils");
  if (!donnees || !outils) return;

  const { cle: CLE, niveaux, balises: liste } = JSON.parse(donnees.textContent);
  const COLONNES = ["balise", "titre", "niveau", "notes"];
  const TAILLE_MAX = 1000000; // un fichier de la grille pèse quelques Ko
  // La règle de hooks/core/opendata.py (spreadsheet_safe) : une cellule qu'un tableur lirait comme
  // une formule reçoit une apostrophe devant elle ; les espaces sont ceux de \s en Python.
  const FORMULE = /^(?:[\t\r\n]|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
  const statut = document.querySelector(".rv-gr-statut");
  const erreurs = document.querySelector(".rv-gr-erreurs"); // sur le sommaire seulement
  const fichier = document.getElementById("rv-gr-fichier");
  // Toutes les balises de la grille, dans l'ordre ; « champ » : leurs cases sur cette page
  const balises = liste.map(([id, titre, enjeu]) => ({ id, titre, enjeu }));
  const parId = new Map(balises.map((b) => [b.id, b]));
  for (const champ of document.querySelectorAll("fieldset[data-balise]")) {
    parId.get(champ.dataset.balise).champ = {
      radios: [...champ.querySelectorAll("input[type=radio]")],
      notes: champ.querySelector("textarea"),
    };
  }
  const ici = balises.filter((b) => b.champ);
  // Les niveaux : valeur (pas-encore) → libellé (pas encore).
  const NIVEAUX = new Map(niveaux);

  let stockage = null;
  try {
    stockage = window.localStorage;
    stockage.getItem(CLE);
  } catch {
    stockage = null;
  }

  // Les réponses de toute la grille : { id: { niveau, notes } }, celles des autres pages
  // comprises, relues avant chaque écriture (un autre onglet a pu en changer).
  let reponses = {};
  function lire() {
    if (!stockage) return reponses; // sans stockage : ce qui est en mémoire
    try {
      const lues = JSON.parse(stockage.getItem(CLE) || "{}").reponses;
      return lues && typeof lues === "object" ? lues : {};
    } catch {
      return {}; // un contenu illisible : la grille repart vide
    }
  }

  function ecrire() {
    if (!stockage) return;
    try {
      if (Object.keys(reponses).length) stockage.setItem(CLE, JSON.stringify({ version: 1, reponses }));
      else stockage.removeItem(CLE);
    } catch {
      dire("Vos réponses n'ont pas pu être gardées dans ce navigateur : exportez-les en CSV depuis la page de la grille avant de quitter la page.");
    }
  }

  // Ce que montrent les cases de cette page → les réponses, puis le stockage.
  function enregistrer() {
    reponses = lire();
    for (const b of ici) {
      const niveau = b.champ.radios.find((r) => r.checked)?.value || "";
      if (niveau || b.champ.notes.value) reponses[b.id] = { niveau, notes: b.champ.notes.value };
      else delete reponses[b.id];
    }
    ecrire();
  }

  // Les réponses → les cases de cette page, les comptes et les bilans.
  function afficher() {
    for (const b of ici) {
      const r = reponses[b.id] || {};
      for (const radio of b.champ.radios) radio.checked = radio.value === r.niveau;
      b.champ.notes.value = r.notes || "";
    }
    bilan();
  }

  const niveauDe = (b) => (NIVEAUX.has(reponses[b.id]?.niveau) ? reponses[b.id].niveau : "");

  function bilan() {
    for (const p of document.querySelectorAll(".rv-gr-bilan")) {
      const miennes = balises.filter((b) => !p.dataset.enjeu || b.enjeu === p.dataset.enjeu);
      const compte = new Map([...NIVEAUX.keys()].map((n) => [n, 0]));
      for (const b of miennes) if (niveauDe(b)) compte.set(niveauDe(b), compte.get(niveauDe(b)) + 1);
      const sans = miennes.length - [...compte.values()].reduce((a, n) => a + n, 0);
      const parties = [...NIVEAUX].map(([n, libelle]) => `${libelle} : ${compte.get(n)}`);
      const debut = p.dataset.enjeu ? "Bilan" : "Bilan de toute la grille";
      const texte = `${debut} : ${parties.join(" · ")} · sans réponse : ${sans} (sur ${miennes.length} balises).`;
      if (p.textContent !== texte) p.textContent = texte; // n'annonce que ce qui change
      p.hidden = false;
    }
    for (const c of document.querySelectorAll(".rv-gr-compte")) {
      const miennes = balises.filter((b) => b.enjeu === c.dataset.enjeu);
      const n = miennes.filter(niveauDe).length;
      c.textContent = `(${miennes.length} balises, ${n} avec une réponse)`;
    }
  }

  function dire(message, liste = []) {
    statut.textContent = message;
    if (!erreurs) return;
    erreurs.replaceChildren(...liste.map((texte) => {
      const li = document.createElement("li");
      li.textContent = texte;
      return li;
    }));
    erreurs.hidden = !liste.length;
  }

  // --- CSV : écrit et relu ici, pour notre seul format (quatre colonnes) ; une bibliothèque
  // complète pèserait plus que tout ce script pour lire ce que ce script écrit.
  function proteger(texte) {
    return FORMULE.test(texte) || texte.startsWith("'") ? `'${texte}` : texte;
  }

  function deproteger(texte) {
    const reste = texte.slice(1);
    return texte.startsWith("'") && (FORMULE.test(reste) || reste.startsWith("'")) ? reste : texte;
  }

  function exporter() {
    reponses = lire();
    const rangees = balises.map((b) => {
      const r = reponses[b.id] || {};
      return [b.id, b.titre, NIVEAUX.get(r.niveau) || "", r.notes || ""];
    });
    const texte = [COLONNES, ...rangees]
      .map((rangee) => rangee.map((c) => `"${proteger(c).replaceAll('"', '""')}"`).join(","))
      .join("\r\n");
    const lien = document.createElement("a");
    lien.href = URL.createObjectURL(new Blob(["\ufeff", texte, "\r\n"], { type: "text/csv;charset=utf-8" }));
    lien.download = `grille-territoire-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(lien);
    lien.click();
    lien.remove();
    setTimeout(() => URL.revokeObjectURL(lien.href), 60000);
    const n = balises.filter((b) => reponses[b.id]).length;
    dire(`Fichier CSV téléchargé : ${balises.length} balises, dont ${n} avec une réponse ou des notes.`);
  }

  /* Lit un CSV (RFC 4180 : guillemets doublés, retours à la ligne entre guillemets), séparé
     par des virgules ou, s'il a été réenregistré par un tableur français, des points-virgules.
     Rend [[numéro de ligne, cellules], …] ; lève une Error au texte français s'il est mal formé. */
  function lireCsv(texte) {
    texte = texte.replace(/^\ufeff/, "");
    const premiere = texte.split(/\r?\n/, 1)[0];
    const sep = premiere.split(";").length > premiere.split(",").length ? ";" : ",";
    const rangees = [];
    let cellules = [];
    let cellule = "";
    let cite = false; // la cellule en cours a commencé par un guillemet
    let ligne = 1;
    let debut = 1;
    let i = 0;
    const finDeRangee = () => {
      cellules.push(cellule);
      if (cellules.some((x) => x.trim() !== "")) rangees.push([debut, cellules]);
      cellules = [];
      cellule = "";
      cite = false;
    };
    while (i < texte.length) {
      const c = texte[i];
      if (c === '"' && cellule === "" && !cite) {
        const depart = ligne;
        cite = true;
        for (i++; ; i++) {
          if (i >= texte.length) throw new Error(`ligne ${depart} : guillemet jamais refermé.`);
          if (texte[i] === '"' && texte[i + 1] === '"') i++;
          else if (texte[i] === '"') break;
          else if (texte[i] === "\n") ligne++;
          cellule += texte[i];
        }
        i++;
      } else if (c === sep) {
        cellules.push(cellule);
        cellule = "";
        cite = false;
        i++;
      } else if (c === "\r" || c === "\n") {
        finDeRangee();
        i += c === "\r" && texte[i + 1] === "\n" ? 2 : 1;
        debut = ++ligne;
      } else {
        cellule += c;
        i++;
      }
    }
    if (cellule !== "" || cellules.length || cite) finDeRangee();
    return rangees;
  }

  const simple = (texte) => texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();

  function importer(texte) {
    let rangees;
    try {
      rangees = lireCsv(texte);
    } catch (erreur) {
      dire("Ce fichier n'a pas pu être lu ; la grille n'a pas changé.", [`Fichier CSV mal formé, ${erreur.message}`]);
      return;
    }
    const entete = (rangees.shift()?.[1] || []).map((x) => simple(deproteger(x)));
    const colonne = Object.fromEntries(COLONNES.map((nom) => [nom, entete.indexOf(nom)]));
    const manquantes = ["balise", "niveau"].filter((nom) => colonne[nom] < 0);
    if (manquantes.length) {
      dire("Ce fichier n'est pas une grille exportée par cette page ; la grille n'a pas changé.", [
        `Il lui manque la colonne ${manquantes.map((n) => `« ${n} »`).join(" et la colonne ")} sur sa première ligne (attendu : ${COLONNES.join(", ")}).`,
      ]);
      return;
    }
    const niveauDe = new Map();
    for (const [valeur, libelle] of NIVEAUX) {
      niveauDe.set(simple(valeur), valeur).set(simple(libelle), valeur);
    }
    niveauDe.set("", "");
    const problemes = [];
    const lues = new Map();
    for (const [ligne, cellules] of rangees) {
      const cell = (nom) => (colonne[nom] >= 0 ? deproteger(cellules[colonne[nom]] || "") : "");
      const id = cell("balise").trim();
      const niveau = niveauDe.get(simple(cell("niveau")));
      if (!parId.has(id)) {
        problemes.push(`Ligne ${ligne} : « ${id} » n'est pas une balise de la grille ; ligne ignorée.`);
      } else if (niveau === undefined) {
        const attendus = [...NIVEAUX.values()].join(", ");
        problemes.push(`Ligne ${ligne} : niveau « ${cell("niveau").trim()} » inconnu (attendu : ${attendus}, ou rien) ; ligne ignorée.`);
      } else {
        if (lues.has(id)) problemes.push(`Ligne ${ligne} : la balise « ${id} » est déjà plus haut ; c'est cette ligne-ci qui compte.`);
        lues.set(id, { niveau, notes: cell("notes") });
      }
    }
    reponses = lire();
    for (const [id, reponse] of lues) {
      if (reponse.niveau || reponse.notes) reponses[id] = reponse;
      else delete reponses[id];
    }
    ecrire();
    afficher();
    const lu = `${lues.size} balise${lues.size > 1 ? "s" : ""} importée${lues.size > 1 ? "s" : ""}`;
    dire(problemes.length ? `${lu} ; ${problemes.length} remarque${problemes.length > 1 ? "s" : ""} :` : `${lu}.`, problemes);
  }

  // --- Les boutons ---------------------------------------------------------------------
  const actions = {
    imprimer: () => window.print(),
    exporter,
    importer: () => fichier.click(),
    effacer: () => {
      if (!window.confirm("Effacer toutes les réponses et toutes les notes de la grille, de tous les enjeux ? Exportez-les d'abord en CSV pour les garder.")) return;
      reponses = {};
      ecrire();
      afficher();
      dire("Toutes les réponses et les notes ont été effacées.");
    },
  };
  outils.addEventListener("click", (e) => {
    const bouton = e.target.closest("button[data-action]");
    if (bouton) actions[bouton.dataset.action]();
  });
  fichier?.addEventListener("change", () => {
    const choisi = fichier.files[0];
    fichier.value = ""; // le même fichier pourra être importé de nouveau
    if (!choisi) return;
    if (choisi.size > TAILLE_MAX) {
      dire("Ce fichier est trop gros pour être une grille (plus de 1 Mo) ; la grille n'a pas changé.");
      return;
    }
    choisi.text().then(importer, () => dire("Ce fichier n'a pas pu être lu ; la grille n'a pas changé."));
  });
  const formulaire = document.getElementById("rv-grille"); // la page d'un enjeu
  formulaire?.addEventListener("submit", (e) => e.preventDefault()); // Entrée sur un bouton radio
  formulaire?.addEventListener("change", (e) => {
    enregistrer();
    if (e.target.type === "radio") bilan();
  });
  formulaire?.addEventListener("input", (e) => {
    if (e.target.tagName === "TEXTAREA") enregistrer();
  });
  window.addEventListener("storage", (e) => { // la grille, ouverte dans un autre onglet
    if (e.key === CLE || e.key === null) { reponses = lire(); afficher(); }
  });

  reponses = lire();
  afficher();
  outils.hidden = false;
  if (!stockage) dire("Ce navigateur ne permet pas de garder vos réponses : exportez-les en CSV avant de quitter la page.");
})();
