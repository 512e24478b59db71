// « Proposer une expérience » : ce que le formulaire produit, une fois la saisie vérifiée.
// Chargé par proposer.js au premier envoi.
// - Les fichiers du dépôt : le fichier d'un nouveau territoire (territoires/<id>.yml, ses
//   expériences dedans), ou un fichier par expérience ajoutée à un territoire déjà présent
//   (territoires/<territoire>/<expérience>.yml, premier champ « territoire »).
// - La proposition : ce que l'on télécharge, et que lit « python build.py recevoir » : un
//   court en-tête en commentaires, le nom à créditer s'il y en a un (« proposition: {credit:
//   …} »), puis chaque fichier, séparés par « --- ». Le courriel (et « Copier ») commence
//   par une phrase pour la personne qui l'envoie, sans commande ni commentaire : recevoir
//   met de côté les lignes avant la proposition.
// - L'aperçu : les expériences telles que la page les montrera, écrites avec textContent
//   (jamais un texte saisi ne devient du HTML).
// - Les adresses : la page « nouveau fichier » de GitHub et le lien mailto:.

// { dossier, nom, objet, texte } pour chaque fichier du dépôt.
export function fichiers(saisie, reglages, dump) {
  const ecrire = (ligne, objet) => `${ligne}\n${dump(objet, { noRefs: true, lineWidth: -1 })}`;
  if (saisie.mode === 'nouveau') {
    const t = saisie.territoire;
    return [{ dossier: 'territoires', nom: `${saisie.id}.yml`, objet: t, titre: t.nom,
      texte: ecrire(reglages.ligneSchema, t) }];
  }
  return saisie.territoire.experiences.map((experience) => {
    const objet = { territoire: saisie.id };
    for (const cle of reglages.ordre.fichier_experience) {
      if (cle in experience && cle !== 'territoire') objet[cle] = experience[cle];
    }
    return { dossier: `territoires/${saisie.id}`, nom: `${experience.id}.yml`, objet,
      titre: experience.titre, texte: ecrire(reglages.ligneSchemaExperience, objet) };
  });
}

// Le texte de la proposition (voir plus haut).
export function proposition(saisie, liste, reglages, dump) {
  const n = liste.length;
  const quoi = saisie.mode === 'nouveau'
    ? `un nouveau territoire, ${saisie.id} (fichier territoires/${saisie.id}.yml)`
    : `${n === 1 ? 'une expérience' : `${n} expériences`} pour le territoire ${saisie.id} `
      + `(dossier territoires/${saisie.id}/)`;
  const entete = [
    '# Bonjour, voici une proposition pour le Référentiel vivant, écrite par le formulaire',
    `# « Proposer une expérience » : ${quoi}.`,
    `# Pour l'envoyer sans compte : joignez ce fichier à un courriel à ${reglages.courriel}.`,
    '# Pour l\'équipe éditoriale : python build.py recevoir CE-FICHIER',
  ];
  return `${entete.join('\n')}\n${documents(saisie, liste, dump)}`;
}

// Le nom à créditer, puis chaque fichier, séparés par « --- ».
function documents(saisie, liste, dump) {
  const textes = liste.map((f) => dump(f.objet, { noRefs: true, lineWidth: -1 }));
  if (saisie.credit) {
    textes.unshift(dump({ proposition: { credit: saisie.credit } }, { lineWidth: -1 }));
  }
  return textes.join('---\n');
}

export const INTRODUCTION = "Bonjour, voici ma proposition pour le Référentiel vivant ; merci "
  + "de ne pas modifier le texte ci-dessous, il est lu tel quel par l'équipe.";

// Le corps du courriel (ou le texte copié) : la phrase d'introduction, puis la proposition
// sans son en-tête.
export function message(saisie, liste, dump) {
  return `${INTRODUCTION}\n\n${documents(saisie, liste, dump)}`;
}

// Le nom du fichier de la proposition : « proposition-loos-en-gohelle.yml ».
export function nomDeProposition(saisie) {
  return `proposition-${saisie.id}.yml`;
}

// La page « nouveau fichier » de GitHub dans le dossier des territoires, le nom du fichier
// précédé de celui du dossier de son territoire (« loos-en-gohelle/jardins.yml » : GitHub crée
// le dossier s'il n'existe pas encore), préremplie quand l'adresse n'est pas trop longue ;
// sinon vide (le fichier passe par le presse-papiers).
export function github(fichier, saisie, reglages) {
  const message = saisie.mode === 'nouveau' ? `Ajouter le territoire ${saisie.territoire.nom}`
    : `Ajouter l'expérience « ${fichier.titre} » à ${saisie.nomTerritoire}`;
  const chemin = [...fichier.dossier.split('/').slice(1), fichier.nom].join('/');
  const sans = `${reglages.github}?filename=${encodeURIComponent(chemin)}`
    + `&message=${encodeURIComponent(message)}`;
  const avec = `${sans}&value=${encodeURIComponent(fichier.texte)}`;
  const long = avec.length > reglages.maxUrl;
  return { adresse: long ? sans : avec, long };
}

// Le lien mailto: (RFC 6068 : fins de ligne %0D%0A) avec `texte` (message()) pour corps ; au-delà
// de reglages.maxCourriel caractères, un corps qui dit de joindre le fichier téléchargé.
export function courriel(saisie, texte, reglages) {
  const sujet = saisie.mode === 'nouveau'
    ? `Proposition pour le Référentiel vivant : ${saisie.territoire.nom}`
    : `Proposition d'expérience pour ${saisie.nomTerritoire}`;
  const lien = (corps) => `mailto:${reglages.courriel}?subject=${encodeURIComponent(sujet)}`
    + `&body=${encodeURIComponent(corps.replace(/\n/g, '\r\n'))}`;
  const complet = lien(texte);
  if (complet.length <= reglages.maxCourriel) return { adresse: complet, joindre: false };
  return { adresse: lien(`Bonjour,\n\nMa proposition est dans le fichier joint, `
    + `${nomDeProposition(saisie)}.\n`), joindre: true };
}

// --- L'aperçu ------------------------------------------------------------------------------
function element(nom, texte, classe) {
  const el = document.createElement(nom);
  if (texte) el.textContent = texte;
  if (classe) el.className = classe;
  return el;
}

// Le texte d'un résumé comme la page le lira : markdown-it, réglé comme markdown-it-py l'est
// pour le site (hooks/core/sanitize.py) — CommonMark sans HTML, tableaux et texte barré — et
// sans images (le site n'en publie pas, et l'aperçu ne charge rien d'ailleurs). Sans HTML,
// markdown-it échappe tout ce qui en ressemble et refuse les liens javascript: ; les liens
// gardés (http, https, mailto seulement) s'ouvrent dans un autre onglet, le formulaire reste.
let rendu = null;
function paragraphes(texte) {
  if (!globalThis.markdownit) return [element('p', texte)];
  rendu ??= globalThis.markdownit('commonmark', { html: false })
    .enable(['table', 'strikethrough']).disable(['image']);
  const bloc = element('div', '', 'rv-pr-resume');
  bloc.innerHTML = rendu.render(texte);
  for (const a of bloc.querySelectorAll('a')) {
    if (!/^(https?:|mailto:)/i.test(a.getAttribute('href') || '')) a.removeAttribute('href');
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
  }
  for (const h of bloc.querySelectorAll('h1')) h.replaceWith(element('p', h.textContent));
  return [bloc];
}

function ligneDeLiens(titre, ids, noms) {
  if (!ids || !ids.length) return null;
  const p = element('p');
  p.append(element('strong', titre), ` : ${ids.map((id) => noms.get(id) || id).join(', ')}`);
  return p;
}

function sources(liste, noms) {
  if (!liste || !liste.length) return [];
  const ul = element('ul');
  for (const s of liste) {
    const nom = s.source ? noms.get(s.source) || s.source : s.titre;
    ul.append(element('li', [nom, s.pages ? `p. ${s.pages}` : '', s.url || '']
      .filter(Boolean).join(', ')));
  }
  return [element('p', 'Sources :', 'rv-pr-vue-titre'), ul];
}

function uneExperience(x, noms) {
  const article = element('article', '', 'rv-pr-fiche');
  article.append(element('h5', x.titre));
  if (x.periode) article.append(element('p', `Période : ${x.periode}`, 'rv-pr-periode'));
  article.append(...paragraphes(x.resume || ''));
  const balises = x.balises || [];
  if (balises.length) {
    article.append(element('p', 'Balises illustrées :', 'rv-pr-vue-titre'));
    const ul = element('ul');
    for (const b of balises) {
      const id = typeof b === 'string' ? b : b.id;
      ul.append(element('li', `${noms.get(id) || id}${b.pourquoi ? ` : ${b.pourquoi}` : ''}`));
    }
    article.append(ul);
  }
  for (const [cle, titre] of [['modes_de_faire', 'Modes de faire'], ['dispositifs', 'Dispositifs']]) {
    const ligne = ligneDeLiens(titre, x[cle], noms);
    if (ligne) article.append(ligne);
  }
  article.append(...sources(x.sources, noms));
  return article;
}

// L'aperçu de la proposition dans `conteneur` ; `noms` : identifiant → titre (balises…).
export function apercu(conteneur, saisie, noms, reconnu) {
  const t = saisie.territoire;
  const parties = [];
  if (saisie.mode === 'nouveau') {
    parties.push(element('h4', t.nom));
    if (reconnu) parties.push(element('p', reconnu, 'rv-pr-periode'));
    parties.push(...paragraphes(t.resume || ''));
    if (t.site_web) parties.push(element('p', `Site web : ${t.site_web}`));
    parties.push(element('p', 'Expériences :', 'rv-pr-vue-titre'));
  } else {
    parties.push(element('p', `Sur la page de ${saisie.nomTerritoire}, après ses `
      + 'expériences :', 'rv-pr-vue-titre'));
  }
  parties.push(...t.experiences.map((x) => uneExperience(x, noms)));
  conteneur.replaceChildren(...parties);
}
