// « Proposer une expérience » (hooks/contribuer/proposer.py) : chargé par cette seule page, en module.
// Le formulaire est écrit par la construction à partir des modèles ; ce script ajoute et
// retire les expériences et les sources, vérifie la saisie contre le schéma JSON de la page
// (territoire.schema.json, validé par @cfworker/json-schema, sans eval), écrit le fichier
// YAML (js-yaml : tout texte reste une chaîne, jamais une ancre, un alias ou une étiquette)
// et l'ouvre sur GitHub, le copie ou le télécharge. Rien ne part tant que la personne ne
// clique pas sur « Proposer sur GitHub ».
// Sobriété : la page ne charge que ce script et sa feuille de style. Le validateur, js-yaml,
// le schéma et la liste des territoires existants (dix fichiers) viennent au premier clic sur
// « Vérifier et préparer le fichier » ; les cases des modes de faire et des dispositifs, et
// les champs « Ni code INSEE ni SIREN », sont écrits dans la page (<template data-differe>)
// et posés à la première ouverture de leur volet ; le message d'erreur d'un champ, s'il y en
// a un.

const form = document.getElementById('rv-proposer');
if (form) start(form);

// Le nom d'un fichier, comme `slugify` de build.py : « Le Mené » → « le-mene ».
export function slugify(name) {
  return name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).join('-');
}

// Un identifiant tiré d'un titre, coupé entre deux mots à `max` caractères.
function shortSlug(text, max) {
  const slug = slugify(text);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : max);
}

// Les messages des règles du schéma qui ne dépendent pas du champ ; ceux d'un motif viennent
// du champ (data-motif), écrits par la construction.
const ORDRE_DES_REGLES = ['required', 'minItems', 'maxLength', 'type', 'minimum', 'maximum',
  'pattern', 'enum', 'uniqueItems', 'anyOf'];
const AU_MOINS_UN = {
  balises: 'Cochez au moins une balise.',
  experiences: 'Ajoutez au moins une expérience.',
};

async function start(form) {
  const reglages = JSON.parse(form.dataset.reglages);
  const statut = document.getElementById('rv-pr-statut');
  const resultat = document.getElementById('rv-pr-resultat');
  const listeExperiences = form.querySelector('[data-liste="experiences"]');
  const modeleExperience = document.getElementById('rv-pr-modele-experience');
  const modeleSource = document.getElementById('rv-pr-modele-source');
  const nomFichier = document.getElementById('rv-pr-nom-fichier');
  const nom = document.getElementById('rv-pr-t-nom');
  let compteur = 0;
  let outils = null; // { dump, validateur, existants } une fois chargés (au premier envoi)
  let chargement = null;
  let fichier = null; // { id, yaml, adresse, long } une fois le fichier prêt
  let verifie = false; // après un premier envoi : les erreurs corrigées s'effacent en direct

  // Le validateur, js-yaml, le schéma et les territoires existants : au premier envoi.
  function charger() {
    const lire = (chemin) => fetch(new URL(chemin, document.baseURI)).then((r) => {
      if (!r.ok) throw new Error(`${chemin} : ${r.status}`);
      return r.json();
    });
    chargement ??= Promise.all([import('./vendor/js-yaml/js-yaml.js'),
      import('./vendor/json-schema/validator.js'), lire(form.dataset.schema),
      lire(form.dataset.territoires)]).then(([yaml, json, schema, existants]) => {
      outils = { dump: yaml.dump, validateur: new json.Validator(schema, '2020-12', false),
        existants: new Set(existants) };
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
      modele.replaceWith(modele.content.cloneNode(true));
    }
  }, true);

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

  function ajouterExperience() {
    const bloc = copie(modeleExperience);
    const titre = champ(bloc, 'titre');
    const id = champ(bloc, 'id');
    titre.addEventListener('input', () => {
      if (!id.dataset.modifie) id.value = shortSlug(titre.value, reglages.maxId);
    });
    id.addEventListener('input', () => {
      if (id.value.trim()) id.dataset.modifie = '1';
      else delete id.dataset.modifie;
    });
    listeExperiences.append(bloc);
    numeroter();
    return bloc;
  }

  function ajouterSource(liste) {
    const bloc = copie(modeleSource);
    liste.append(bloc);
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
    } else if (action === 'github') {
      if (fichier && fichier.long) copier(fichier.yaml, 'Le fichier est copié : collez-le dans '
        + 'la page de GitHub qui vient de s’ouvrir (Ctrl+V, ou Cmd+V sur Mac).');
    } else if (action === 'copier') {
      if (fichier) copier(fichier.yaml, 'Le fichier est copié dans le presse-papiers.');
    } else if (action === 'telecharger') {
      if (fichier) telecharger(fichier);
    }
  });

  function retirer(bloc, message, suivant) {
    bloc.remove();
    numeroter();
    perime();
    suivant.focus();
    annoncer(message);
  }

  // --- Lire la saisie ---------------------------------------------------------------------
  // L'objet du fichier, dans l'ordre des champs du modèle, et l'élément de chaque chemin du
  // schéma (« #/experiences/0/titre »), pour y écrire l'erreur.
  function lireFormulaire() {
    const elements = new Map();
    const territoire = {};
    for (const el of form.querySelectorAll('[id^="rv-pr-t-"][data-champ]')) {
      poser(territoire, el, '#', elements);
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
            const pourquoi = c.closest('label').nextElementSibling;
            if (!pourquoi || !pourquoi.classList.contains('rv-pr-pourquoi')) return c.value;
            const champ = pourquoi.querySelector('input');
            elements.set(`${chemin}/${cle}/${j}`, champ);
            const phrase = champ.value.trim();
            return phrase ? { id: c.value, pourquoi: phrase } : c.value;
          },
        );
        elements.set(`${chemin}/${cle}`, groupe);
        if (valeurs.length || cle === 'balises') experience[cle] = valeurs;
      }
      lireSources(bloc.querySelector(':scope > .rv-pr-sources'), experience, chemin, elements);
      return ordonner(experience, reglages.ordre.experience);
    });
    elements.set('#/experiences', form.querySelector('[data-action="ajouter-experience"]'));
    lireSources(form.querySelector('.rv-pr-sources'), territoire, '#', elements);
    return { territoire: ordonner(territoire, reglages.ordre.territoire), elements };
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

  // Un champ : vide et facultatif, il n'est pas écrit ; obligatoire, il est écrit vide et le
  // schéma le refuse (motif ou longueur) ; un nombre devient un nombre s'il en est un.
  function poser(objet, el, chemin, elements) {
    const cle = el.dataset.champ;
    let valeur = el.value.replace(/\r\n?/g, '\n').trim();
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
  function erreurs(territoire, elements) {
    const trouvees = new Map(); // élément → message
    const resultat = outils.validateur.validate(territoire);
    const triees = resultat.errors
      .filter((e) => ORDRE_DES_REGLES.includes(e.keyword))
      .sort((a, b) => ORDRE_DES_REGLES.indexOf(a.keyword) - ORDRE_DES_REGLES.indexOf(b.keyword));
    for (const e of triees) {
      const el = elementDe(e.instanceLocation, elements);
      if (el && !trouvees.has(el)) trouvees.set(el, message(e, el));
    }
    // Ce que le schéma ne peut pas dire : le nom du fichier, des identifiants en double.
    const id = slugify(territoire.nom || '');
    if (territoire.nom && !trouvees.has(nom)) {
      if (!id) {
        trouvees.set(nom, 'Ce nom ne donne aucun nom de fichier : écrivez-le en lettres.');
      } else if (id.length > reglages.maxId) {
        trouvees.set(nom, `Le nom de fichier tiré de ce nom dépasserait ${reglages.maxId} `
          + 'caractères : écrivez un nom plus court.');
      } else if (outils.existants.has(id)) {
        trouvees.set(nom, `Le territoire « ${id} » a déjà sa fiche (territoires/${id}.yml) : `
          + 'pour y ajouter une expérience, modifiez ce fichier (voir « Contribuer »).');
      }
    }
    const vus = new Set();
    territoire.experiences.forEach((exp, i) => {
      const el = elements.get(`#/experiences/${i}/id`);
      if (exp.id && vus.has(exp.id) && !trouvees.has(el)) {
        trouvees.set(el, `Une autre expérience a déjà l’identifiant « ${exp.id} » : changez-le.`);
      }
      vus.add(exp.id);
    });
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
      case 'required':
        return 'Ce champ est obligatoire.';
      case 'minItems':
        return AU_MOINS_UN[cle] || 'Choisissez au moins une valeur.';
      case 'maxLength':
        return `${el.dataset.longueur} caractères au plus : ce texte en a ${[...valeur].length}.`;
      case 'type':
      case 'minimum':
      case 'maximum':
        return `Un nombre entier, de ${Number(el.dataset.min).toLocaleString('fr-FR')} à `
          + `${Number(el.dataset.max).toLocaleString('fr-FR')}, sans espace.`;
      case 'pattern':
        if (!valeur) return 'Ce champ est obligatoire.';
        return el.dataset.motif || 'Cette valeur n’a pas la forme attendue.';
      case 'anyOf':
        return 'Choisissez un document de la bibliographie ou écrivez le titre du document.';
      default:
        return 'Cette valeur n’existe pas dans le référentiel.';
    }
  }

  function montrer(trouvees) {
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) effacer(el);
    for (const [el, texte] of trouvees) {
      const aide = document.getElementById(`${el.id}-aide`);
      if (!aide) continue;
      const erreur = document.createElement('p');
      erreur.className = 'rv-pr-erreur';
      erreur.id = `${el.id}-erreur`;
      erreur.textContent = texte;
      aide.after(erreur);
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', `${el.id}-aide ${el.id}-erreur`);
      const details = el.closest('details');
      if (details) details.open = true;
    }
  }

  function effacer(el) {
    document.getElementById(`${el.id}-erreur`)?.remove();
    el.removeAttribute('aria-invalid');
    el.setAttribute('aria-describedby', `${el.id}-aide`);
  }

  // Le premier élément fautif dans l'ordre de la page ; d'un groupe, sa première case.
  function premier(trouvees) {
    const els = [...trouvees.keys()].sort((a, b) =>
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const el = els[0];
    return el && el.matches('fieldset') ? el.querySelector('input') : el;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!outils) {
      clearTimeout(minuteur); // une annonce en attente (« le formulaire a changé ») tombe
      statut.textContent = ''; // ce qui sera dit vient après le chargement
      try {
        await charger();
      } catch (erreur) {
        annoncer('La vérification n’a pas pu se charger '
          + `(${erreur.message}). Réessayez, ou suivez les autres façons de contribuer.`);
        return;
      }
    }
    verifie = true;
    const { territoire, elements } = lireFormulaire();
    const trouvees = erreurs(territoire, elements);
    montrer(trouvees);
    if (trouvees.size) {
      perime();
      const n = trouvees.size;
      annoncer(n === 1 ? 'Une erreur : corrigez le champ signalé, puis vérifiez à nouveau.'
        : `${n} erreurs : corrigez les champs signalés, puis vérifiez à nouveau.`);
      premier(trouvees).focus();
      return;
    }
    preparer(territoire);
  });

  // Après un premier envoi, une erreur corrigée s'efface pendant la saisie (aucune nouvelle
  // n'apparaît avant le prochain envoi) ; un fichier déjà prêt n'est plus à jour.
  function enDirect(event) {
    if (event.target.closest('.rv-pr-resultat')) return;
    perime();
    if (event.target === nom) montrerNomDeFichier();
    if (!verifie) return;
    const { territoire, elements } = lireFormulaire();
    const trouvees = erreurs(territoire, elements);
    for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
      if (!trouvees.has(el)) effacer(el);
    }
  }
  form.addEventListener('input', enDirect);
  form.addEventListener('change', enDirect);

  // Cocher une balise ajoute, sous elle, « Pourquoi ? » (une phrase, facultative) ; la
  // décocher l'enlève. Le champ n'existe que pour les balises cochées : la page reste légère.
  form.addEventListener('change', (event) => {
    const boite = event.target;
    if (boite.type !== 'checkbox' || boite.name !== 'balises') return;
    const label = boite.closest('label');
    const suivant = label.nextElementSibling;
    const present = suivant && suivant.classList.contains('rv-pr-pourquoi');
    if (boite.checked && !present) {
      const bloc = document.createElement('label');
      bloc.className = 'rv-pr-pourquoi';
      bloc.append('Pourquoi cette balise ? (facultatif, une phrase) ');
      const champ = document.createElement('input');
      champ.type = 'text';
      champ.maxLength = 300;
      champ.dataset.champ = 'pourquoi';
      bloc.append(champ);
      label.after(bloc);
    } else if (!boite.checked && present) {
      suivant.remove();
    }
  });

  function montrerNomDeFichier() {
    nomFichier.textContent = `territoires/${slugify(nom.value) || '…'}.yml`;
  }

  // --- Le fichier ---------------------------------------------------------------------------
  function preparer(territoire) {
    const id = slugify(territoire.nom);
    const texte = outils.dump(territoire, { noRefs: true, lineWidth: -1 });
    const yaml = `${reglages.ligneSchema}\n${texte}`;
    const nomDuFichier = `${id}.yml`;
    const message = `Ajouter le territoire ${territoire.nom}`;
    const sans = `${reglages.github}?filename=${encodeURIComponent(nomDuFichier)}`
      + `&message=${encodeURIComponent(message)}`;
    const avec = `${sans}&value=${encodeURIComponent(yaml)}`;
    const long = avec.length > reglages.maxUrl;
    fichier = { id, yaml, long, adresse: long ? sans : avec };
    resultat.querySelector('[data-nom-fichier]').textContent = `territoires/${nomDuFichier}`;
    resultat.querySelector('pre').textContent = yaml;
    resultat.querySelector('[data-action="github"]').href = fichier.adresse;
    document.getElementById('rv-pr-long').hidden = !long;
    resultat.hidden = false;
    annoncer(`Le fichier territoires/${nomDuFichier} est prêt : relisez-le, puis proposez-le `
      + 'sur GitHub.');
    // Le titre du fichier prend le focus ; la page défile une fois le message écrit (au-dessus).
    document.getElementById('rv-pr-resultat-titre').focus({ preventScroll: true });
    setTimeout(() => resultat.scrollIntoView({ block: 'start' }), 80);
  }

  function perime() {
    if (!fichier) return;
    fichier = null;
    resultat.hidden = true;
    annoncer('Le formulaire a changé : vérifiez-le à nouveau pour mettre le fichier à jour.');
  }

  function copier(texte, dit) {
    const choisir = () => {
      const selection = getSelection();
      selection.selectAllChildren(resultat.querySelector('pre'));
      annoncer('Copie impossible ici : le texte du fichier est sélectionné, copiez-le avec '
        + 'Ctrl+C (Cmd+C sur Mac).');
    };
    if (!navigator.clipboard) return choisir();
    navigator.clipboard.writeText(texte).then(() => annoncer(dit), choisir);
  }

  function telecharger({ id, yaml }) {
    const lien = document.createElement('a');
    lien.href = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    lien.download = `${id}.yml`;
    lien.hidden = true;
    document.body.append(lien);
    lien.click();
    lien.remove();
    setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
    annoncer(`Le fichier ${id}.yml est téléchargé.`);
  }

  // Vider, puis écrire un instant après : les lecteurs d'écran annoncent le même texte deux
  // fois de suite. Une annonce en attente est remplacée par la suivante (ou par un envoi).
  let minuteur = null;
  function annoncer(texte) {
    clearTimeout(minuteur);
    statut.textContent = '';
    minuteur = setTimeout(() => { statut.textContent = texte; }, 50);
  }

  // --- Départ -----------------------------------------------------------------------------
  ajouterExperience();
  montrerNomDeFichier();
  form.hidden = false;
  document.querySelector('.rv-pr-sansjs').hidden = true;
}

function champ(bloc, cle) {
  return bloc.querySelector(`.rv-pr-champ > [data-champ="${cle}"]`);
}

function blocs(liste, sorte) {
  return [...liste.children].filter((el) => el.dataset.bloc === sorte);
}
