// « / » ou « s » place le curseur dans le champ de recherche de l'en-tête (comme le faisait
// la recherche de Material), sauf pendant la saisie dans un autre champ.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" && event.key !== "s") return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
  const field = document.getElementById("rv-q") || document.getElementById("rv-entete-q");
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.select();
});
