// « Proposer une expérience » (hooks/contribuer/proposer.py) : chargé par cette seule page, en module.
// Le formulaire est écrit par la construction à partir des modèles ; ce script choisit le
// territoire (nouveau, ou déjà présent : ?territoire=<id> le choisit), ajoute et retire les
// expériences et les sources, compte les caractères, reconnaît le code INSEE ou le SIREN
// pendant la saisie (proposer-lieu.js), vérifie la saisie contre le schéma JSON de la page
// (territoire.schema.json, validé par @cfworker/json-schema, sans eval), puis écrit les
// fichiers et la proposition (proposer-envoi.js, avec js-yaml : tout texte reste une chaîne,
// jamais une ancre, un alias ou une étiquette), en montre l'aperçu, et l'envoie par courriel,
// l'ouvre sur GitHub, la copie ou la télécharge. Rien ne part sans un clic de la personne.
// Sobriété : la page ne charge que ce script (et espaces.js) et sa feuille de style. Le validateur, js-yaml,
// le schéma et la liste des territoires viennent au premier clic sur « Vérifier » (la liste
// plus tôt si l'on choisit un territoire déjà présent) ; les fichiers des codes, à la première
// saisie d'un code ; les cases des modes de faire et des dispositifs, et les champs « Ni code
// INSEE ni SIREN », sont écrits dans la page (<template data-differe>) et posés à la première
// ouverture de leur volet ; le message d'erreur d'un champ, s'il y en a un.

import { espaces } from './espaces.js';

// Les lettres que la décomposition Unicode ne ramène pas à l'ASCII.
const LIGATURES = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ẞ: 'SS', ø: 'o', Ø: 'O',
  đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', ı: 'i' };

// Le nom d'un fichier : « Le Mené » → « le-mene », « Œting » → « oeting ».
export function slugify(name) {
  return name.replace(/[œŒæÆßẞøØđĐłŁþÞðÐı]/g, (c) => LIGATURES[c]).normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).join('-');
}

// Un identifiant tiré d'un titre, coupé entre deux mots à `max` caractères.
export function shortSlug(text, max) {
  const slug = slugify(text);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : max);
}

// Les messages des règles du schéma qui ne dépendent pas du champ ; ceux d'un motif viennent
// du champ (data-motif), écrits par la construction. Chaque message est une phrase, qui suit
// le nom du champ dans la liste des erreurs (« Titre : ce texte a 151 caractères ; … ») : il
// ne commence jamais par un nom propre (sa majuscule y devient minuscule), n'a pas d'autre
// « : » hors des guillemets, et ne redit pas le nom du champ.
const ORDRE_DES_REGLES = ['required', 'minItems', 'maxLength', 'type', 'minimum', 'maximum',
  'pattern', 'enum', 'uniqueItems', 'anyOf'];
const AU_MOINS_UN = {
  balises: 'Cochez au moins une balise.',
  experiences: 'Ajoutez au moins une expérience.',
};
const SANS_DOCUMENT = 'Choisissez un document de la bibliographie, ou écrivez son titre.';
// La fin du message d'un territoire qui a déjà sa page.
const DEJA = 'pour y ajouter vos expériences, choisissez plus haut « Oui : un territoire déjà '
  + 'présent ».';
// Un texte trop long : « Ce texte a 151 caractères ; raccourcissez-le à 150 au plus. »
const trop = (n, max) => `Ce texte a ${n.toLocaleString('fr-FR')} caractères ; raccourcissez-le `
  + `à ${max.toLocaleString('fr-FR')} au plus.`;
// Les codes reconnus pendant la saisie, et ce qui en est dit s'ils sont inconnus.
const CODES = {
  code_insee: { sorte: 'insee', motif: /^(\d{5}|2[AB]\d{3})$/,
    inconnu: (v) => `Aucune commune n'a le code « ${v} » ; vérifiez-le, il diffère du code `
      + 'postal.' },
  siren: { sorte: 'siren', motif: /^\d{9}$/,
    inconnu: (v) => `Aucune intercommunalité n'a le numéro « ${v} » ; vérifiez ses 9 `
      + 'chiffres.' },
};
// Des nombres et des codes où « 2 449 » veut dire 2449.
const SANS_ESPACES = new Set(['code_insee', 'siren', 'population', 'population_annee']);
const ESPACES = /[\s\u00a0\u202f]/g;
const LIBELLES = ['aide', 'erreur', 'reconnu', 'compteur']; // ce qui décrit un champ, dans l'ordre

// Tout message du formulaire passe par espaces() (dire, reconnu, annoncer, l'aperçu).

// Écrire un message dans `el`, avec ses espaces.
function dire(el, texte) {
  el.textContent = espaces(texte);
}

// Les mêmes espaces dans tout le texte sous `racine` (l'aperçu), hors code, comme la page.
const SANS_ESPACER = 'code, pre, kbd, samp, textarea';
function espacer(racine) {
  const textes = document.createTreeWalker(racine, NodeFilter.SHOW_TEXT);
  for (let n = textes.nextNode(); n; n = textes.nextNode()) {
    if (!n.parentElement.closest(SANS_ESPACER)) n.data = espaces(n.data);
  }
}

// Le champ « Pourquoi cette balise ? » d'une case cochée, après son libellé et son lien « À
// propos », ou null.
function pourquoiDe(label) {
  let el = label.nextElementSibling;
  if (el && el.classList.contains('rv-pr-apropos')) el = el.nextElementSibling;
  return el && el.classList.contains('rv-pr-pourquoi') ? el : null;
}

async function start(form) {
  const reglages = JSON.parse(form.dataset.reglages);
  const $ = (id) => document.getElementById(id);
  const statut = $('rv-pr-statut');
  const bilan = $('rv-pr-bilan');
  const resultat = $('rv-pr-resultat');
  const listeExperiences = form.querySelector('[data-liste="experiences"]');
  const modeleExperience = $('rv-pr-modele-experience');
  const modeleSource = $('rv-pr-modele-source');
  const nom = $('rv-pr-t-nom');
  const choixTerritoire = $('rv-pr-territoire');
  const filtre = $('rv-pr-filtre');
  const credit = $('rv-pr-credit');
  let compteur = 0;
  let outils = null; // { dump, validateur, schema, envoi, presents } une fois chargés
  let chargement = null;
  let pret = null; // prête : { saisie, liste, texte, message, nomProposition, courriel }
  let verifie = false; // après un premier envoi : les erreurs corrigées s'effacent en direct
  let lieu = null; // proposer-lieu.js, au premier besoin
  let presents = null; // la promesse de la liste des territoires déjà présents
  const codes = new Map(); // champ de code → { valeur, etat, lieu, ligne, promesse }
  const affichees = new Map(); // champ → message d'erreur affiché

  const moduleLieu = () => (lieu ??= import('./proposer-lieu.js'));
  const chargerPresents = () => (presents ??= moduleLieu().then((m) => m.territoires(
    form.dataset.territoires)).catch((erreur) => { presents = null; throw erreur; }));
  const mode = () => form.querySelector('input[name="mode"]:checked').value;

  // Le validateur, js-yaml, le schéma, l'écriture, les territoires présents et markdown-it (qui
  // se déclare dans globalThis.markdownit, pour l'aperçu) : au premier envoi.
  function charger() {
    const lire = (chemin) => fetch(new URL(chemin, document.baseURI)).then((r) => {
      if (!r.ok) throw new Error(`${chemin} : ${r.status}`);
      return r.json();
    });
    chargement ??= Promise.all([import('./vendor/js-yaml/js-yaml.js'),
      import('./vendor/json-schema/validator.js'), lire(form.dataset.schema),
      import('./proposer-envoi.js'), chargerPresents(),
      import('./vendor/markdown-it/markdown-it.js')]).then(
      ([yaml, json, schema, envoi, liste]) => {
        outils = { dump: yaml.dump, validateur: new json.Validator(schema, '2020-12', false),
          schema, envoi, presents: liste };
      }, (erreur) => {
        chargement = null; // un nouvel envoi réessaie
        throw erreur;
      });
    return chargement;
  }

  // Le contenu d'un volet replié (<template data-differe>) : posé à sa première ouverture.
  form.addEventListener('toggle', (event) => {
    const volet = event.target;
    if (!volet.open) return;
    for (const modele of volet.querySelectorAll('template[data-differe]')) {
      const contenu = modele.content.cloneNode(true);
      modele.replaceWith(contenu);
    }
    compteurs(volet);
  }, true);

  // --- Le territoire : nouveau, ou déjà présent ---------------------------------------------
  // Les champs de code qui vont avec la sorte de territoire choisie (data-types) : le code
  // INSEE pour une commune, le SIREN pour une intercommunalité ou une métropole, aucun pour
  // les autres (un pays, un parc : le département, plus bas). Un champ caché n'est pas écrit.
  function montrerCodes() {
    const sorte = $('rv-pr-t-type').value;
    for (const bloc of form.querySelectorAll('[data-types]')) {
      bloc.hidden = !bloc.dataset.types.split(' ').includes(sorte);
    }
  }
  const visible = (el) => el.isConnected && !el.closest('[hidden]');

  function montrerMode() {
    const m = mode();
    for (const bloc of form.querySelectorAll('[data-mode]')) bloc.hidden = bloc.dataset.mode !== m;
    for (const bloc of blocs(listeExperiences, 'experience')) suivreTitre(bloc);
    if (m === 'existant') remplirListe();
    perime();
    ecrireBilan(); // sans les erreurs des champs qui viennent d'être cachés
  }

  async function remplirListe(garde) {
    const nombre = $('rv-pr-territoire-nombre');
    let liste;
    try {
      liste = await chargerPresents();
    } catch {
      dire(nombre, "La liste des territoires n'a pas pu se charger : rechargez la page.");
      return null;
    }
    const m = await moduleLieu();
    const n = m.filtrer(choixTerritoire, liste, filtre.value, garde ?? choixTerritoire.value);
    direChoix(n);
    return liste;
  }

  // Sous la liste : combien elle en montre, et lequel est choisi.
  function direChoix(n = choixTerritoire.options.length) {
    const choisi = choixTerritoire.selectedOptions[0];
    dire($('rv-pr-territoire-nombre'), [
      choisi ? `Choisi : ${choisi.textContent}.` : '',
      n === 0 ? 'Aucun territoire ne commence ainsi : essayez un autre mot.'
        : `${n === 1 ? 'Un territoire correspond' : `${n} territoires correspondent`}.`,
    ].filter(Boolean).join(' '));
  }
  choixTerritoire.addEventListener('change', () => direChoix());

  // « ?territoire=loos-en-gohelle » (« Ajouter une expérience à ce territoire ») : choisi.
  async function choisirDemande(id) {
    $('rv-pr-mode-existant').checked = true;
    montrerMode();
    const liste = await remplirListe(id);
    if (liste && !liste.some((t) => t.id === id)) {
      montrerUne(choixTerritoire, `Le site n'a pas de territoire « ${id} » ; choisissez-le `
        + 'dans la liste.');
    }
  }

  // --- Les blocs répétés : expériences et sources --------------------------------------
  function copie(modele) {
    const n = String(++compteur);
    const bloc = modele.content.firstElementChild.cloneNode(true);
    for (const el of [bloc, ...bloc.querySelectorAll('*')]) {
      for (const attr of ['id', 'for', 'aria-describedby']) {
        const v = el.getAttribute(attr);
        if (v && v.includes('__N__')) el.setAttribute(attr, v.replaceAll('__N__', n));
      }
    }
    return bloc;
  }

  function numeroter() {
    const experiences = blocs(listeExperiences, 'experience');
    experiences.forEach((bloc, i) => {
      for (const span of bloc.querySelectorAll(':scope > legend [data-numero], '
        + ':scope > .rv-pr-retirer [data-numero]')) span.textContent = String(i + 1);
      bloc.querySelector(':scope > .rv-pr-retirer').hidden = experiences.length === 1;
    });
    for (const liste of form.querySelectorAll('[data-liste="sources"]')) {
      blocs(liste, 'source').forEach((bloc, i) => {
        for (const span of bloc.querySelectorAll('[data-numero]')) span.textContent = String(i + 1);
      });
    }
  }

  // Le nom court suit le titre, tant qu'on ne l'a pas changé ; pour un territoire déjà présent
  // il est le nom du fichier de l'expérience, toujours tiré du titre.
  function suivreTitre(bloc) {
    const titre = champ(bloc, 'titre');
    const id = champ(bloc, 'id');
    id.readOnly = mode() === 'existant';
    if (id.readOnly || !id.dataset.modifie) id.value = shortSlug(titre.value, reglages.maxId);
  }

  function ajouterExperience() {
    const bloc = copie(modeleExperience);
    const titre = champ(bloc, 'titre');
    const id = champ(bloc, 'id');
    titre.addEventListener('input', () => suivreTitre(bloc));
    id.addEventListener('input', () => {
      if (id.value.trim()) id.dataset.modifie = '1';
      else delete id.dataset.modifie;
    });
    listeExperiences.append(bloc);
    suivreTitre(bloc);
    compteurs(bloc);
    numeroter();
    return bloc;
  }

  function ajouterSource(liste) {
    const bloc = copie(modeleSource);
    liste.append(bloc);
    compteurs(bloc);
    numeroter();
    return bloc;
  }

  form.addEventListener('click', (event) => {
    const bouton = event.target.closest('[data-action]');
    if (!bouton || !form.contains(bouton)) return;
    const action = bouton.dataset.action;
    if (action === 'ajouter-experience') {
      const bloc = ajouterExperience();
      champ(bloc, 'titre').focus();
      annoncer(`Expérience ${blocs(listeExperiences, 'experience').length} ajoutée.`);
    } else if (action === 'retirer-experience') {
      retirer(bouton.closest('[data-bloc="experience"]'), 'Expérience retirée.',
        form.querySelector('[data-action="ajouter-experience"]'));
    } else if (action === 'ajouter-source') {
      const liste = bouton.parentElement.querySelector('[data-liste="sources"]');
      ajouterSource(liste).querySelector('select').focus();
      annoncer('Source ajoutée.');
    } else if (action === 'retirer-source') {
      const fieldset = bouton.closest('.rv-pr-sources');
      retirer(bouton.closest('[data-bloc="source"]'), 'Source retirée.',
        fieldset.querySelector('[data-action="ajouter-source"]'));
    } else if (!pret) {
      // le fichier n'est plus à jour : rien à envoyer
    } else if (action === 'github') {
      const fichier = pret.liste[Number(bouton.dataset.fichier)];
      if (fichier.github.long) copier(fichier.texte, 'Le fichier est copié : collez-le dans '
        + "la page de GitHub qui vient de s'ouvrir (Ctrl+V, ou Cmd+V sur Mac).");
    } else if (action === 'courriel') {
      if (pret.courriel.joindre) telecharger();
    } else if (action === 'copier') {
      copier(pret.message, 'La proposition est copiée dans le presse-papiers.');
    } else if (action === 'copier-fichier') {
      copier(pret.liste[Number(bouton.dataset.fichier)].texte,
        'Le fichier est copié : collez-le dans la page de GitHub.');
    } else if (action === 'telecharger') {
      telecharger();
    }
  });

  function retirer(bloc, message, suivant) {
    for (const el of bloc.querySelectorAll('[aria-invalid="true"]')) affichees.delete(el);
    bloc.remove();
    numeroter();
    perime();
    ecrireBilan();
    suivant.focus();
    annoncer(message);
  }

  // --- Lire la saisie ---------------------------------------------------------------------
  // Ce qu'il faut pour écrire la proposition, et l'élément de chaque chemin du schéma
  // (« #/experiences/0/titre »), pour y écrire l'erreur. Pour un territoire déjà présent, le
  // schéma (celui d'un territoire) vérifie les expériences sous un territoire de forme.
  function lireFormulaire() {
    const elements = new Map();
    const m = mode();
    let territoire = { nom: '-', type: 'commune', resume: '-' };
    if (m === 'nouveau') {
      territoire = {};
      for (const el of form.querySelectorAll('[data-mode="nouveau"] [id^="rv-pr-t-"][data-champ]')) {
        if (!el.closest('[data-types][hidden]')) poser(territoire, el, '#', elements);
      }
      lireSources(form.querySelector('[data-mode="nouveau"] .rv-pr-sources'), territoire, '#',
        elements);
    }
    territoire.experiences = blocs(listeExperiences, 'experience').map((bloc, i) => {
      const chemin = `#/experiences/${i}`;
      const experience = {};
      for (const el of bloc.querySelectorAll('.rv-pr-champ > [data-champ]')) {
        if (!el.closest('[data-bloc="source"]')) poser(experience, el, chemin, elements);
      }
      for (const groupe of bloc.querySelectorAll('fieldset.rv-pr-choix')) {
        const cle = groupe.dataset.champ;
        const valeurs = [...groupe.querySelectorAll('input[type="checkbox"]:checked')].map(
          (c, j) => {
            // Une balise cochée peut dire pourquoi l'expérience l'illustre (issue 16).
            const pourquoi = pourquoiDe(c.closest('label'));
            if (!pourquoi) return c.value;
            const saisi = pourquoi.querySelector('input');
            elements.set(`${chemin}/${cle}/${j}`, saisi);
            const phrase = saisi.value.trim();
            return phrase ? { id: c.value, pourquoi: phrase } : c.value;
          },
        );
        elements.set(`${chemin}/${cle}`, groupe);
        if (valeurs.length || cle === 'balises') experience[cle] = valeurs;
      }
      lireSources(bloc.querySelector(':scope > .rv-pr-sources'), experience, chemin, elements);
      // Décrite ce mois-ci : le délai de relecture part de là (issue 26).
      experience.decrite = new Date().toISOString().slice(0, 7);
      return ordonner(experience, reglages.ordre.experience);
    });
    elements.set('#/experiences', form.querySelector('[data-action="ajouter-experience"]'));
    const choisi = choixTerritoire.selectedOptions[0];
    return {
      mode: m,
      territoire: ordonner(territoire, reglages.ordre.territoire),
      elements,
      id: m === 'nouveau' ? slugify(territoire.nom || '') : choixTerritoire.value,
      nomTerritoire: choisi ? choisi.textContent.split(' — ')[0] : '',
      credit: credit.value.replace(/\s+/g, ' ').trim(),
    };
  }

  function lireSources(fieldset, cible, chemin, elements) {
    const liste = fieldset.querySelector('[data-liste="sources"]');
    const sources = [];
    for (const bloc of blocs(liste, 'source')) {
      const source = {};
      const ici = `${chemin}/sources/${sources.length}`;
      for (const el of bloc.querySelectorAll('[data-champ]')) poser(source, el, ici, elements);
      if (!Object.keys(source).length) continue; // une source laissée vide : ignorée
      elements.set(ici, bloc.querySelector('[data-champ="titre"]'));
      sources.push(ordonner(source, reglages.ordre.source));
    }
    if (sources.length) cible.sources = sources;
  }

  // « www.ungersheim.fr » → « https://www.ungersheim.fr » ; une adresse complète, inchangée.
  function adresse(valeur) {
    if (!valeur || /^[a-z][a-z0-9+.-]*:/i.test(valeur) || !/^[^\s/]+\.[^\s/]{2,}/.test(valeur)) {
      return valeur;
    }
    return `https://${valeur.replace(/^\/+/, '')}`;
  }

  // Un champ : vide et facultatif, il n'est pas écrit ; obligatoire, il est écrit vide et le
  // schéma le refuse (motif ou longueur) ; un nombre devient un nombre s'il en est un.
  function poser(objet, el, chemin, elements) {
    const cle = el.dataset.champ;
    let valeur = el.value.replace(/\r\n?/g, '\n').trim();
    if (SANS_ESPACES.has(cle)) valeur = valeur.replace(ESPACES, '');
    if (cle === 'code_insee') valeur = valeur.toUpperCase();
    if (el.type === 'url') valeur = adresse(valeur);
    elements.set(`${chemin}/${cle}`, el);
    if (!valeur && !el.required) return;
    if (el.dataset.min !== undefined && /^\d+$/.test(valeur)) valeur = Number(valeur);
    objet[cle] = valeur;
  }

  function ordonner(objet, ordre) {
    const range = {};
    for (const cle of ordre) if (cle in objet) range[cle] = objet[cle];
    return range;
  }

  // --- Vérifier ---------------------------------------------------------------------------
  function erreurs(saisie) {
    const { territoire, elements } = saisie;
    const trouvees = new Map(); // élément → message
    const resultat = outils.validateur.validate(territoire);
    const triees = resultat.errors
      .filter((e) => ORDRE_DES_REGLES.includes(e.keyword))
      .sort((a, b) => ORDRE_DES_REGLES.indexOf(a.keyword) - ORDRE_DES_REGLES.indexOf(b.keyword));
    for (const e of triees) {
      const el = elementDe(e.instanceLocation, elements);
      const texte = el && !trouvees.has(el) && message(e, el);
      if (texte) trouvees.set(el, texte);
    }
    const ajouter = (el, texte) => { if (el && !trouvees.has(el)) trouvees.set(el, texte); };
    // Un nom court tiré du titre : son erreur est celle du titre.
    territoire.experiences.forEach((exp, i) => {
      const titre = elements.get(`#/experiences/${i}/titre`);
      const id = elements.get(`#/experiences/${i}/id`);
      if (!id || (id.dataset.modifie && !id.readOnly) || !trouvees.has(id)) return;
      trouvees.delete(id);
      if (exp.titre) {
        ajouter(titre, 'Écrivez-le avec des lettres, sans quoi il ne donne aucun nom court.');
      }
    });
    const parId = new Map(outils.presents.map((t) => [t.id, t]));
    if (saisie.mode === 'nouveau') {
      const id = saisie.id;
      if (territoire.nom && !id) {
        ajouter(nom, 'Écrivez-le avec des lettres, sans quoi il ne donne aucun nom de fichier.');
      } else if (id.length > reglages.maxId) {
        ajouter(nom, 'Raccourcissez-le ; le nom de fichier qui en est tiré dépasserait '
          + `${reglages.maxId} caractères.`);
      } else if (parId.has(id)) {
        ajouter(nom, `La page de ${parId.get(id).nom} existe déjà sur le site ; ${DEJA}`);
      }
      for (const [el, etat] of codes) {
        if (!visible(el)) continue;
        if (etat.etat === 'inconnu') ajouter(el, CODES[el.dataset.champ].inconnu(etat.valeur));
        const deja = outils.presents.find((t) => t.code && t.code === etat.valeur);
        if (deja) {
          ajouter(el, `Ce code est celui de ${deja.nom}, dont la page existe déjà sur le site ; `
            + DEJA);
        }
      }
    } else if (!parId.has(saisie.id)) {
      ajouter(choixTerritoire, 'Choisissez-le dans la liste.');
    }
    // Des identifiants en double, dans la proposition ou dans le territoire choisi.
    const vus = new Set();
    const existantes = saisie.mode === 'existant' && parId.get(saisie.id);
    territoire.experiences.forEach((exp, i) => {
      const ici = elements.get(`#/experiences/${i}/${saisie.mode === 'existant' ? 'titre' : 'id'}`);
      if (exp.id && vus.has(exp.id)) {
        ajouter(ici, saisie.mode === 'existant'
          ? "Une autre de vos expériences a presque le même titre ; changez l'un des deux."
          : 'Déjà pris par une autre expérience ; changez-le.');
      } else if (exp.id && existantes && existantes.experiences.has(exp.id)) {
        ajouter(ici, `Une expérience de ${existantes.nom} porte déjà ce titre ; si c'est la `
          + "même, inutile de la proposer, sinon changez-le un peu.");
      }
      vus.add(exp.id);
    });
    const motif = new RegExp(outils.schema.properties.nom.pattern, 'u');
    const longueur = [...saisie.credit].length;
    if (longueur > Number(credit.dataset.longueur)) {
      ajouter(credit, trop(longueur, Number(credit.dataset.longueur)));
    } else if (saisie.credit && !motif.test(saisie.credit)) {
      ajouter(credit, credit.dataset.motif);
    }
    return trouvees;
  }

  function elementDe(chemin, elements) {
    for (let c = chemin; c; c = c.slice(0, Math.max(c.lastIndexOf('/'), 0))) {
      if (elements.has(c)) return elements.get(c);
    }
    return null;
  }

  function message(erreur, el) {
    const valeur = el.value === undefined ? '' : el.value.trim();
    const cle = el.dataset.champ;
    switch (erreur.keyword) {
      case 'required': // une source sans document ni titre : l'un des deux (anyOf)
        return el.closest('[data-bloc="source"]') ? SANS_DOCUMENT : 'Ce champ est obligatoire.';
      case 'minItems':
        return AU_MOINS_UN[cle] || 'Choisissez au moins une valeur.';
      case 'maxLength':
        return trop([...valeur].length, Number(el.dataset.longueur));
      case 'type':
      case 'minimum':
      case 'maximum':
        // Une phrase n'est pas l'identifiant seul (l'autre forme d'une balise citée) : rien
        // à en dire, l'erreur suivante parlera.
        if (el.dataset.min === undefined) return null;
        if (cle.endsWith('_annee')) {
          return `De ${el.dataset.min} à ${el.dataset.max}, en chiffres.`;
        }
        return `Écrivez un nombre entier de ${Number(el.dataset.min).toLocaleString('fr-FR')} à `
          + `${Number(el.dataset.max).toLocaleString('fr-FR')}.`;
      case 'pattern':
        if (!valeur) return 'Ce champ est obligatoire.';
        return el.dataset.motif || "Cette valeur n'a pas la forme attendue.";
      case 'anyOf':
        return SANS_DOCUMENT;
      default:
        return "Cette valeur n'existe pas dans le référentiel.";
    }
  }

  // --- Ce qui décrit un champ : aide, erreur, code reconnu, compteur ------------------------
  function decrire(el) {
    const ids = LIBELLES.map((s) => `${el.id}-${s}`).filter((id) => $(id));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  }

  function montrerUne(el, texte) {
    const aide = $(`${el.id}-aide`);
    if (!aide) return;
    let erreur = $(`${el.id}-erreur`);
    if (!erreur) {
      erreur = document.createElement('p');
      erreur.className = 'rv-pr-erreur';
      erreur.id = `${el.id}-erreur`;
      aide.after(erreur);
    }
    dire(erreur, texte);
    el.setAttribute('aria-invalid', 'true');
    affichees.set(el, texte);
    decrire(el);
    for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  }

  function montrer(trouvees) {
    for (const el of [...affichees.keys()]) if (!trouvees.has(el)) effacer(el);
    for (const [el, texte] of trouvees) montrerUne(el, texte);
    ecrireBilan();
  }

  function effacer(el) {
    $(`${el.id}-erreur`)?.remove();
    el.removeAttribute('aria-invalid');
    affichees.delete(el);
    decrire(el);
  }

  // Le nom d'un champ dans la liste des erreurs, début de la phrase que son message finit :
  // « Code INSEE de la commune », « Expérience 2, titre », « Expérience 1, source 2, pages »,
  // « Expérience 1, pourquoi « Construire le récit » » ; sans ce que son étiquette précise
  // entre parenthèses (« (5 caractères) » : le message le dit s'il le faut).
  function nomDuChamp(el) {
    const numero = (bloc) => bloc.querySelector(':scope > legend [data-numero]').textContent;
    const experience = el.closest('[data-bloc="experience"]');
    const source = el.closest('[data-bloc="source"]');
    const pourquoi = el.closest('.rv-pr-pourquoi');
    const etiquette = el.matches('fieldset') ? el.querySelector(':scope > legend')
      : document.querySelector(`label[for="${el.id}"]`);
    let texte = etiquette ? etiquette.textContent.trim().replace(/\s*\([^)]*\)$/, '') : 'champ';
    if (pourquoi) {
      let balise = pourquoi.previousElementSibling; // la case, ou son lien « À propos »
      if (balise.classList.contains('rv-pr-apropos')) balise = balise.previousElementSibling;
      texte = `pourquoi « ${balise.textContent.trim()} »`;
    }
    const parties = [
      ...(experience ? [`Expérience ${numero(experience)}`] : []),
      ...(source ? [`source ${numero(source)}`] : []),
      experience ? texte.replace(/ de l'expérience$/, '') : texte,
    ];
    const nom = parties.map(minuscule).join(', ');
    return nom.charAt(0).toUpperCase() + nom.slice(1);
  }

  // La liste des erreurs, sous le bouton « Vérifier » : chacune mène à son champ.
  function ecrireBilan() {
    const cache = '[data-mode][hidden], [data-types][hidden]'; // ses champs ne comptent pas
    const montre = (el) => el.isConnected && !el.closest(cache);
    const els = [...affichees.keys()].filter(montre).sort((a, b) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    bilan.hidden = !verifie || !els.length;
    dire(bilan.querySelector('.rv-pr-bilan-titre'), els.length === 1
      ? 'Une erreur à corriger :' : `${els.length} erreurs à corriger :`);
    bilan.querySelector('ul').replaceChildren(...els.map((el) => {
      const li = document.createElement('li');
      const lien = document.createElement('a');
      lien.href = `#${el.id}`;
      dire(lien, `${nomDuChamp(el)} : ${minuscule(affichees.get(el))}`);
      li.append(lien);
      return li;
    }));
  }

  bilan.addEventListener('click', (event) => {
    const lien = event.target.closest('a[href^="#"]');
    if (!lien) return;
    event.preventDefault();
    const el = $(lien.getAttribute('href').slice(1));
    if (!el) return;
    for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    const cible = el.matches('fieldset') ? el.querySelector('input') ?? el : el;
    cible.focus({ preventScroll: true });
    cible.scrollIntoView({ block: 'center' });
  });

  // « 12 / 150 caractères », sous chaque champ qui a une limite ; au-delà, combien de trop
  // (le texte n'est jamais coupé).
  function compter(el) {
    const max = Number(el.dataset.longueur);
    if (!max || !el.id) return;
    let sortie = $(`${el.id}-compteur`);
    if (!sortie) {
      sortie = document.createElement('p');
      sortie.className = 'rv-pr-compteur';
      sortie.id = `${el.id}-compteur`;
      el.after(sortie);
      decrire(el);
    }
    const n = [...el.value.replace(/\r\n?/g, '\n').trim()].length;
    const trop = n - max;
    dire(sortie, `${n.toLocaleString('fr-FR')} / ${max.toLocaleString('fr-FR')} `
      + `caractères${trop > 0 ? ` : ${trop.toLocaleString('fr-FR')} de trop` : ''}`);
    sortie.classList.toggle('rv-pr-trop', trop > 0);
  }

  function compteurs(racine) {
    for (const el of racine.querySelectorAll('[data-longueur]')) compter(el);
  }

  // --- Le code INSEE ou le SIREN, reconnu pendant la saisie --------------------------------
  function reconnu(el, texte, attention = '') {
    let sortie = $(`${el.id}-reconnu`);
    if (!texte) {
      sortie?.remove();
      decrire(el);
      return;
    }
    if (!sortie) {
      sortie = document.createElement('p');
      sortie.className = 'rv-pr-reconnu';
      sortie.id = `${el.id}-reconnu`;
      sortie.setAttribute('aria-live', 'polite');
      el.after(sortie);
      decrire(el);
    }
    const fort = document.createElement('strong');
    dire(fort, attention);
    sortie.replaceChildren(espaces(texte), ...(attention ? [' ', fort] : []));
  }

  function verifierCode(el) {
    const regle = CODES[el.dataset.champ];
    const valeur = el.value.replace(ESPACES, '').toUpperCase();
    if (el.dataset.erreurCode) {
      effacer(el);
      delete el.dataset.erreurCode;
    }
    codes.delete(el);
    reconnu(el, '');
    if (!regle.motif.test(valeur)) return;
    const etat = { el, valeur, etat: 'attente' };
    codes.set(el, etat);
    etat.promesse = moduleLieu().then(async (m) => [m, await m.reconnaitre(valeur, regle.sorte,
      reglages)]).then(([m, trouve]) => {
        if (codes.get(el) !== etat) return;
        if (!trouve) {
          etat.etat = 'inconnu';
          el.dataset.erreurCode = '1';
          montrerUne(el, regle.inconnu(valeur));
          ecrireBilan();
          return;
        }
        Object.assign(etat, { etat: 'reconnu', lieu: trouve, ligne: m.ligne });
        const type = $('rv-pr-t-type');
        if (!nom.value.trim()) {
          nom.value = trouve.nom;
          compter(nom);
        }
        if ([...type.options].some((o) => o.value === trouve.type)) type.value = trouve.type;
        montrerCodes();
        avertir();
      }, () => { etat.etat = 'illisible'; }); // la vérification de la forge jugera
  }

  // Sous chaque code reconnu : ce qu'il désigne, et si le nom saisi n'est pas le sien.
  function avertir() {
    for (const [el, etat] of codes) {
      if (etat.etat !== 'reconnu') continue;
      lieu.then((m) => {
        const saisi = nom.value.trim();
        const autre = saisi && !m.memeNom(saisi, etat.lieu.nom);
        // « Ungersheim · Commune · Haut-Rhin · 2 449 habitants », comme la page le dira.
        const sorte = [...$('rv-pr-t-type').options].find((o) => o.value === etat.lieu.type);
        const dit = `${etat.lieu.nom} · ${m.ligne(etat.lieu, sorte && sorte.textContent.trim())}`;
        reconnu(el, autre ? `${dit}.` : dit, autre ? `Ce code est celui de ${etat.lieu.nom}, `
          + `pas de « ${saisi} » : vérifiez le nom ou le code.` : '');
      });
    }
  }

  // --- Envoyer (« Vérifier ») --------------------------------------------------------------
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!outils) {
      clearTimeout(minuteur); // une annonce en attente (« le formulaire a changé ») tombe
      statut.textContent = ''; // ce qui sera dit vient après le chargement
      try {
        await charger();
      } catch (erreur) {
        annoncer("La vérification n'a pas pu se charger "
          + `(${erreur.message}). Réessayez, ou suivez les autres façons de contribuer.`);
        return;
      }
    }
    await Promise.all([...codes.values()].map((e) => e.promesse));
    verifie = true;
    const saisie = lireFormulaire();
    const trouvees = erreurs(saisie);
    montrer(trouvees);
    if (trouvees.size) {
      perime();
      taire(); // la liste des erreurs, qui prend le focus, les dit : une fois
      bilan.focus();
      return;
    }
    preparer(saisie);
  });

  // Une touche Entrée dans un champ d'une ligne n'envoie pas le formulaire.
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !event.target.matches('input')) return;
    event.preventDefault();
    if (event.target === filtre) choixTerritoire.focus();
  });

  // Pendant la saisie : compteurs, codes, nom du fichier ; après un premier envoi, une erreur
  // corrigée s'efface (aucune nouvelle n'apparaît avant le prochain envoi) ; une proposition
  // déjà prête n'est plus à jour.
  function enDirect(event) {
    const el = event.target;
    if (el.closest('.rv-pr-resultat') || el === filtre || el.name === 'mode') return;
    if (el.dataset.longueur) compter(el);
    if (event.type === 'input' && CODES[el.dataset.champ]) verifierCode(el);
    if (el === nom) avertir();
    if (event.type === 'change' && el.type === 'url') el.value = adresse(el.value.trim());
    perime();
    if (!verifie || !outils) return;
    const trouvees = erreurs(lireFormulaire());
    for (const champ of [...affichees.keys()]) {
      if (!trouvees.has(champ) && !champ.dataset.erreurCode) effacer(champ);
    }
    ecrireBilan();
  }
  form.addEventListener('input', enDirect);
  form.addEventListener('change', enDirect);
  form.addEventListener('change', (event) => { if (event.target.name === 'mode') montrerMode(); });
  $('rv-pr-t-type').addEventListener('change', () => {
    montrerCodes();
    ecrireBilan(); // sans les erreurs d'un champ de code qui vient d'être caché
  });
  montrerCodes();
  filtre.addEventListener('input', () => remplirListe());

  // Cocher une balise ajoute, sous elle, « Pourquoi cette balise ? » (une phrase, facultative) ;
  // la décocher l'enlève. Le champ n'existe que pour les balises cochées : la page reste légère.
  form.addEventListener('change', (event) => {
    const boite = event.target;
    if (boite.type !== 'checkbox' || boite.name !== 'balises') return;
    const label = boite.closest('label');
    const suivant = pourquoiDe(label);
    const present = Boolean(suivant);
    if (boite.checked && !present) {
      const id = `rv-pr-pourquoi-${++compteur}`;
      const bloc = document.createElement('div');
      bloc.className = 'rv-pr-pourquoi';
      const etiquette = document.createElement('label');
      etiquette.htmlFor = id;
      dire(etiquette, 'Pourquoi cette balise ? (facultatif, une phrase)');
      const aide = document.createElement('p');
      aide.className = 'rv-pr-aide';
      aide.id = `${id}-aide`;
      dire(aide, "Ce que l'expérience montre de cette balise. 300 caractères au plus.");
      const saisie = document.createElement('input');
      Object.assign(saisie, { type: 'text', id });
      Object.assign(saisie.dataset, { champ: 'pourquoi', longueur: '300',
        motif: credit.dataset.motif });
      bloc.append(etiquette, aide, saisie);
      const lien = label.nextElementSibling;
      (lien && lien.classList.contains('rv-pr-apropos') ? lien : label).after(bloc);
      compter(saisie);
    } else if (!boite.checked && present) {
      affichees.delete(suivant.querySelector('input'));
      suivant.remove();
      ecrireBilan();
    }
  });

  // --- La proposition ------------------------------------------------------------------------
  // Identifiant → titre, des balises, modes de faire, dispositifs et sources offerts.
  function noms() {
    const trouves = new Map();
    const lire = (racine) => {
      for (const boite of racine.querySelectorAll('input[type="checkbox"]')) {
        trouves.set(boite.value, boite.closest('label').textContent.trim());
      }
      for (const option of racine.querySelectorAll('option[value]')) {
        if (option.value) trouves.set(option.value, option.textContent.trim());
      }
      for (const modele of racine.querySelectorAll('template')) lire(modele.content);
    };
    lire(modeleExperience.content);
    lire(modeleSource.content);
    return trouves;
  }

  function preparer(saisie) {
    const { envoi, dump } = outils;
    const liste = envoi.fichiers(saisie, reglages, dump);
    const texte = envoi.proposition(saisie, liste, reglages, dump);
    const nomProposition = envoi.nomDeProposition(saisie);
    const message = envoi.message(saisie, liste, dump); // sans la commande de l'en-tête
    const courriel = envoi.courriel(saisie, message, reglages);
    for (const fichier of liste) fichier.github = envoi.github(fichier, saisie, reglages);
    pret = { saisie, liste, texte, message, nomProposition, courriel };
    // Sous le nom, ce que la page en dira : « Commune · Haut-Rhin · 2 449 habitants ».
    const etat = [...codes.values()].find((e) => visible(e.el) && e.etat === 'reconnu');
    envoi.apercu($('rv-pr-vue'), saisie, noms(), etat
      ? etat.ligne(etat.lieu, $('rv-pr-t-type').selectedOptions[0].textContent) : '');
    espacer($('rv-pr-vue'));
    resultat.querySelector('pre').textContent = texte;
    for (const el of resultat.querySelectorAll('[data-nom-proposition]')) {
      el.textContent = nomProposition;
    }
    resultat.querySelector('[data-action="courriel"]').href = courriel.adresse;
    $('rv-pr-piece-jointe').hidden = !courriel.joindre;
    $('rv-pr-long').hidden = !liste.some((f) => f.github.long);
    resultat.querySelector('[data-liste="github"]').replaceChildren(...liste.map((f, i) => {
      const li = document.createElement('li');
      const lien = document.createElement('a');
      lien.className = 'md-button';
      Object.assign(lien, { href: f.github.adresse, target: '_blank', rel: 'noopener' });
      lien.dataset.action = 'github';
      lien.dataset.fichier = String(i);
      lien.textContent = 'Proposer sur GitHub';
      const copie = document.createElement('button');
      copie.type = 'button';
      copie.className = 'md-button';
      copie.dataset.action = 'copier-fichier';
      copie.dataset.fichier = String(i);
      copie.textContent = 'Copier le fichier';
      const chemin = document.createElement('code');
      chemin.textContent = `${f.dossier}/${f.nom}`;
      li.append(chemin, document.createElement('br'), lien, copie);
      return li;
    }));
    resultat.hidden = false;
    annoncer('Votre proposition est prête : relisez-la, puis envoyez-la.');
    // Le titre prend le focus ; la page défile une fois le message écrit (au-dessus).
    $('rv-pr-resultat-titre').focus({ preventScroll: true });
    setTimeout(() => resultat.scrollIntoView({ block: 'start' }), 80);
  }

  function perime() {
    if (!pret) return;
    pret = null;
    resultat.hidden = true;
    annoncer('Le formulaire a changé : vérifiez-le à nouveau pour mettre la proposition à jour.');
  }

  function copier(texte, dit) {
    const choisir = () => {
      const pre = resultat.querySelector('pre');
      pre.closest('details').open = true;
      getSelection().selectAllChildren(pre);
      annoncer('Copie impossible ici : le texte du fichier est sélectionné, copiez-le avec '
        + 'Ctrl+C (Cmd+C sur Mac).');
    };
    if (!navigator.clipboard) return choisir();
    navigator.clipboard.writeText(texte).then(() => annoncer(dit), choisir);
  }

  function telecharger() {
    const lien = document.createElement('a');
    lien.href = URL.createObjectURL(new Blob([pret.texte], { type: 'application/yaml' }));
    lien.download = pret.nomProposition;
    lien.hidden = true;
    document.body.append(lien);
    lien.click();
    lien.remove();
    setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
    annoncer(`Le fichier ${pret.nomProposition} est téléchargé.`);
  }

  // Vider, puis écrire un instant après : les lecteurs d'écran annoncent le même texte deux
  // fois de suite. Une annonce en attente est remplacée par la suivante (ou par un envoi).
  let minuteur = null;
  function annoncer(texte) {
    taire();
    minuteur = setTimeout(() => { dire(statut, texte); }, 50);
  }

  function taire() {
    clearTimeout(minuteur);
    statut.textContent = '';
  }

  // --- Départ -----------------------------------------------------------------------------
  ajouterExperience();
  compteurs(form.querySelector('[data-mode="nouveau"]'));
  compteurs($('rv-pr-credit').parentElement);
  form.hidden = false;
  document.querySelector('.rv-pr-sansjs').hidden = true;
  const demande = new URLSearchParams(location.search).get('territoire');
  if (demande) choisirDemande(demande);
}

// « Cochez au moins une balise. » → « cochez au moins une balise. », après un nom et « : ».
function minuscule(texte) {
  return texte.charAt(0).toLowerCase() + texte.slice(1);
}

function champ(bloc, cle) {
  return bloc.querySelector(`.rv-pr-champ > [data-champ="${cle}"]`);
}

function blocs(liste, sorte) {
  return [...liste.children].filter((el) => el.dataset.bloc === sorte);
}

// Après les constantes du module, qu'il lit.
const form = document.getElementById('rv-proposer');
if (form) start(form);
