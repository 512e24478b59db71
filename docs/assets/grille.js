/* « Où en est notre territoire ? » : la grille d'atelier (hooks/templates/grille.md.j2).

   La page est déjà un formulaire complet, qui se remplit et s'imprime sans ce script. Il
   ajoute : les réponses gardées dans ce navigateur (localStorage, rien n'est envoyé nulle
   part) et retrouvées au retour sur la page, le bilan de chaque enjeu (nombre de balises à
   chaque niveau, dans une région aria-live), « Imprimer », « Exporter (CSV) », « Importer
   (CSV) » et « Tout effacer ». Aucun texte ne devient du HTML : tout est écrit par
   textContent. */
(() => {
  "use strict";
  const formulaire = document.getElementById("rv-grille");
  if (!formulaire) return;

  const CLE = formulaire.dataset.cle;
  const COLONNES = ["balise", "titre", "niveau", "notes"];
  const TAILLE_MAX = 1000000; // un fichier de la grille pèse quelques Ko
  // La règle de hooks/opendata.py (spreadsheet_safe) : une cellule qu'un tableur lirait comme
  // une formule reçoit une apostrophe devant elle ; les espaces sont ceux de \s en Python.
  const FORMULE = /^(?:[\t\r\n]|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
  const statut = formulaire.querySelector(".rv-gr-statut");
  const erreurs = formulaire.querySelector(".rv-gr-erreurs");
  const fichier = document.getElementById("rv-gr-fichier");
  const balises = [...formulaire.querySelectorAll("fieldset[data-balise]")].map((champ) => ({
    id: champ.dataset.balise,
    titre: champ.dataset.titre,
    enjeu: champ.dataset.enjeu,
    radios: [...champ.querySelectorAll("input[type=radio]")],
    notes: champ.querySelector("textarea"),
  }));
  const parId = new Map(balises.map((b) => [b.id, b]));
  // Les niveaux tels que la page les écrit : valeur (pas-encore) → libellé (pas encore).
  const NIVEAUX = new Map(balises[0].radios.map((r) => [r.value, r.nextElementSibling.textContent.trim()]));

  function etat() {
    const reponses = {};
    for (const b of balises) {
      const niveau = b.radios.find((r) => r.checked)?.value || "";
      if (niveau || b.notes.value) reponses[b.id] = { niveau, notes: b.notes.value };
    }
    return reponses;
  }

  function remplir(b, reponse) {
    for (const r of b.radios) r.checked = r.value === reponse.niveau;
    b.notes.value = reponse.notes || "";
  }

  let stockage = null;
  try {
    stockage = window.localStorage;
    stockage.getItem(CLE);
  } catch {
    stockage = null;
  }

  function enregistrer() {
    if (!stockage) return;
    try {
      const reponses = etat();
      if (Object.keys(reponses).length) stockage.setItem(CLE, JSON.stringify({ version: 1, reponses }));
      else stockage.removeItem(CLE);
    } catch {
      dire("Vos réponses n'ont pas pu être gardées dans ce navigateur : exportez-les en CSV avant de quitter la page.");
    }
  }

  function restaurer() {
    let reponses = {};
    try {
      reponses = JSON.parse(stockage?.getItem(CLE) || "{}").reponses || {};
    } catch {
      reponses = {}; // un contenu illisible : la grille repart vide
    }
    for (const b of balises) remplir(b, reponses[b.id] || {});
  }

  const bilans = [...formulaire.querySelectorAll(".rv-gr-bilan")];
  function bilan() {
    for (const p of bilans) {
      const miennes = balises.filter((b) => b.enjeu === p.dataset.enjeu);
      const compte = new Map([...NIVEAUX.keys()].map((n) => [n, 0]));
      for (const b of miennes) {
        const choisi = b.radios.find((r) => r.checked);
        if (choisi) compte.set(choisi.value, compte.get(choisi.value) + 1);
      }
      const sans = miennes.length - [...compte.values()].reduce((a, n) => a + n, 0);
      const parties = [...NIVEAUX].map(([n, libelle]) => `${libelle} : ${compte.get(n)}`);
      const texte = `Bilan : ${parties.join(" · ")} · sans réponse : ${sans} (sur ${miennes.length} balises).`;
      if (p.textContent !== texte) p.textContent = texte; // n'annonce que ce qui change
      p.hidden = false;
    }
  }

  function dire(message, liste = []) {
    statut.textContent = message;
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
    const reponses = etat();
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
    const n = Object.keys(reponses).length;
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
    for (const [id, reponse] of lues) remplir(parId.get(id), reponse);
    enregistrer();
    bilan();
    const lu = `${lues.size} balise${lues.size > 1 ? "s" : ""} importée${lues.size > 1 ? "s" : ""}`;
    dire(problemes.length ? `${lu} ; ${problemes.length} remarque${problemes.length > 1 ? "s" : ""} :` : `${lu}.`, problemes);
  }

  // --- Les boutons ---------------------------------------------------------------------
  const actions = {
    imprimer: () => window.print(),
    exporter,
    importer: () => fichier.click(),
    effacer: () => {
      if (!window.confirm("Effacer toutes les réponses et toutes les notes de cette grille ? Exportez-les d'abord en CSV pour les garder.")) return;
      for (const b of balises) remplir(b, {});
      enregistrer();
      bilan();
      dire("Toutes les réponses et les notes ont été effacées.");
    },
  };
  formulaire.querySelector(".rv-gr-outils").addEventListener("click", (e) => {
    const bouton = e.target.closest("button[data-action]");
    if (bouton) actions[bouton.dataset.action]();
  });
  fichier.addEventListener("change", () => {
    const choisi = fichier.files[0];
    fichier.value = ""; // le même fichier pourra être importé de nouveau
    if (!choisi) return;
    if (choisi.size > TAILLE_MAX) {
      dire("Ce fichier est trop gros pour être une grille (plus de 1 Mo) ; la grille n'a pas changé.");
      return;
    }
    choisi.text().then(importer, () => dire("Ce fichier n'a pas pu être lu ; la grille n'a pas changé."));
  });
  formulaire.addEventListener("submit", (e) => e.preventDefault()); // Entrée sur un bouton radio
  formulaire.addEventListener("change", (e) => {
    if (e.target.type === "radio") bilan();
    enregistrer();
  });
  formulaire.addEventListener("input", (e) => {
    if (e.target.tagName === "TEXTAREA") enregistrer();
  });
  window.addEventListener("storage", (e) => { // la même grille, ouverte dans un autre onglet
    if (e.key === CLE) { restaurer(); bilan(); }
  });

  restaurer();
  bilan();
  formulaire.querySelector(".rv-gr-outils").hidden = false;
  if (!stockage) dire("Ce navigateur ne permet pas de garder vos réponses : exportez-les en CSV avant de quitter la page.");
})();
