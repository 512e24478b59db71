/* Les espaces insécables de la typographie française dans les textes que les scripts du site
   écrivent (messages, états, aperçus) : la règle de french_spaces (hooks/core/typography.py),
   que la construction applique aux pages. Un module, importé par recherche.js, pres.js et
   proposer.js. */
// Là où un espace a été tapé : insécable
// avant « : » et « » » et après « « », fine avant « ; ? ! », et un nombre gardé avec son unité.
// Aucune ligne ne commence alors par « : » ni par un « » » seul, à 375 px comme ailleurs.
// espaces('Choisi : « Loos » ; ok ?') → 'Choisi\u00a0: «\u00a0Loos\u00a0»\u202f; ok\u202f?'
export function espaces(texte) {
  return texte.replace(/[ \u00a0](:|»)/g, '\u00a0$1').replace(/[ \u00a0]([;?!])/g, '\u202f$1')
    .replace(/(?<=\d) (?=(?:km|%|€)(?![\p{L}\p{N}_]))/gu, '\u00a0').replace(/« /g, '«\u00a0')
    .replaceAll('...', '…');
}
