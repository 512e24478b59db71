// « Proposer une expérience » : où est le territoire. Chargé par proposer.js au premier besoin.
// - Un code INSEE ou un SIREN reconnu pendant la saisie, dans les fichiers de « Près de chez
//   moi » (hooks/territoires/pres.py les écrit ; leur adresse vient de hooks/urls.py) : aucune
//   seconde copie des communes. Un code absent de ces fichiers est inconnu.
// - La liste des territoires déjà présents (territoires.json de la page), filtrée par nom.
// Tout texte venu des données est écrit avec textContent.

// Un nom comparé : sans casse ni accents, tirets et apostrophes comme des espaces
// (name_key de schemas/geo.py).
export function cle(texte) {
  return texte.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[-'’]/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

const memoire = new Map();
function lire(adresse) {
  if (!memoire.has(adresse)) {
    const promesse = fetch(new URL(adresse, document.baseURI)).then((r) => {
      if (r.status === 404) return null; // pas de fichier : aucun code de ce début
      if (!r.ok) throw new Error(`${adresse} : ${r.status}`);
      return r.json();
    });
    promesse.catch(() => memoire.delete(adresse)); // un nouvel essai relira
    memoire.set(adresse, promesse);
  }
  return memoire.get(adresse);
}

// Le fichier de « Près de chez moi » où chercher un code (_code_file de pres.py) : une
// commune dans celui de son département, une intercommunalité selon son dernier chiffre.
function fichierDuCode(code, sorte) {
  if (sorte === 'siren') return `e${code.slice(-1)}`;
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

const SORTES = { c: 'commune', i: 'intercommunalite', m: 'metropole' };

// { code, nom, departement, population, type } ou null si le code est inconnu ; une erreur
// si les fichiers ne se lisent pas (la vérification de la forge jugera alors).
export async function reconnaitre(code, sorte, reglages) {
  const [lignes, index] = await Promise.all([
    lire(`${reglages.codes}${fichierDuCode(code, sorte)}.json`), lire(reglages.lieux)]);
  // Une ligne : [code, nom, département, population, lat, lon, sorte, EPCI ou taille]
  const ligne = (lignes || []).find((l) => l[0] === code);
  if (!ligne || (sorte === 'siren') !== (ligne[6] !== 'c')) return null;
  const departement = index && index.departements[ligne[2]];
  return { code, nom: ligne[1], departement: departement ? departement[0] : '',
    population: ligne[3], type: SORTES[ligne[6]] || 'autre' };
}

// Ce que la page du territoire dira sous son nom, après sa sorte (« Commune ») :
// « Commune · Haut-Rhin · 2 449 habitants ».
export function ligne(lieu, sorte) {
  return [sorte, lieu.departement, lieu.population == null ? ''
    : `${lieu.population.toLocaleString('fr-FR')}\u00a0habitants`].filter(Boolean).join(' · ');
}

// Les mots qui ne distinguent pas un lieu d'un autre.
const VIDES = new Set(['de', 'des', 'du', 'd', 'la', 'le', 'les', 'l', 'et', 'en', 'sur', 'ville',
  'commune', 'communes', 'communaute', 'cc', 'ca', 'cu', 'agglomeration', 'metropole', 'pays',
  'urbaine']);

// Le nom saisi est-il celui du lieu du code ? Chaque mot qui compte du nom officiel doit s'y
// trouver : « Ville d'Ungersheim » va avec Ungersheim, « Loos-en-Gohelle » non.
export function memeNom(saisi, officiel) {
  const mots = new Set(cle(saisi).split(' '));
  const utiles = cle(officiel).split(' ').filter((m) => !VIDES.has(m));
  return utiles.every((m) => mots.has(m));
}

// Les territoires déjà présents : [{ id, nom, lieu, experiences, code, cle }], par nom.
export async function territoires(adresse) {
  const lignes = await lire(adresse);
  return (lignes || []).map(([id, nom, lieu, experiences, code]) => ({
    id, nom, lieu, experiences: new Set(experiences), code, cle: cle(nom) }));
}

// La liste déroulante réduite aux territoires dont un mot du nom commence par ce qui est tapé.
export function filtrer(select, liste, tape, garde) {
  const q = cle(tape);
  const retenus = q ? liste.filter((t) => t.cle.startsWith(q) || t.cle.includes(` ${q}`)) : liste;
  const options = retenus.map((t) => {
    const option = document.createElement('option');
    option.value = t.id;
    option.textContent = `${t.nom} — ${t.lieu}`;
    option.selected = t.id === garde;
    return option;
  });
  select.replaceChildren(...options);
  return retenus.length;
}
