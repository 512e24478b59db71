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

// Le clavier sur les autres éléments de Material (dans un bloc : aucun nom global).
{
  // Sur un écran étroit (ou un zoom à 200 %), le bouton « Menu » de l'en-tête est l'étiquette
  // d'une case à cocher cachée : seule la souris l'ouvrait. Il entre dans l'ordre de
  // tabulation, avec un nom : Entrée ou Espace ouvre le menu et y place le focus, Échap le
  // referme et rend le focus au bouton. (Une étiquette liée à une case ne peut pas porter
  // d'attribut ARIA : le nom est un texte caché.)
  const menu = document.querySelector('.md-header label[for="__drawer"]');
  const tiroir = document.getElementById("__drawer");
  const barre = document.querySelector(".md-sidebar--primary");
  const nommer = (etiquette, texte) => {
    const nom = document.createElement("span");
    nom.className = "rv-invisible";
    nom.textContent = texte;
    etiquette.prepend(nom);
    etiquette.setAttribute("tabindex", "0");
  };
  if (menu && tiroir && barre) {
    nommer(menu, "Menu");
    // Le premier élément du niveau de menu affiché, une fois le glissement fini (0,25 s).
    const premier = () => [...barre.querySelectorAll("a[href], label[tabindex]")]
      .find((element) => getComputedStyle(element).visibility === "visible");
    const plusTard = (action) => setTimeout(action, 260);
    tiroir.addEventListener("change", () => {
      if (tiroir.checked && document.activeElement === menu) plusTard(() => premier()?.focus());
    });
    // Dans le menu, une rubrique s'ouvre en sous-menu, dont le titre « ← Rubrique » ramène au
    // niveau précédent : ce titre (et l'ouverture de la table des matières) entre dans l'ordre
    // de tabulation, et le focus suit le niveau affiché.
    for (const bascule of barre.querySelectorAll(".md-nav__toggle")) {
      const item = bascule.parentElement;
      const titre = item.querySelector(`:scope > .md-nav > .md-nav__title[for="${bascule.id}"]`);
      const ouvrir = item.querySelector(`label.md-nav__link[for="${bascule.id}"]`);
      if (!titre || !ouvrir) continue;
      const rubrique = titre.textContent.trim();
      nommer(titre, "Fermer le sous-menu ");
      if (!ouvrir.textContent.trim()) nommer(ouvrir, `Sous-menu ${rubrique}`);
      else if (!ouvrir.hasAttribute("tabindex")) nommer(ouvrir, "Table des matières de la page ");
      bascule.addEventListener("change", () => {
        if (bascule.checked && document.activeElement === ouvrir) plusTard(() => premier()?.focus());
        if (!bascule.checked && document.activeElement === titre) plusTard(() => ouvrir.focus());
      });
    }
    // Entrée : Material clique déjà l'étiquette qui a le focus ; Espace fait de même.
    document.addEventListener("keydown", (event) => {
      const cible = event.target;
      if (event.key !== " " || !(cible instanceof HTMLLabelElement)) return;
      if (!cible.hasAttribute("tabindex")) return;
      event.preventDefault();
      cible.click();
    });
    const fermer = () => {
      tiroir.checked = false;
      tiroir.dispatchEvent(new Event("change"));
    };
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !tiroir.checked) return;
      fermer();
      menu.focus();
    });
    // Le focus qui quitte le menu ouvert le referme : il irait sinon sous le voile.
    barre.addEventListener("focusout", (event) => {
      const vers = event.relatedTarget;
      if (tiroir.checked && vers && vers !== menu && !barre.contains(vers)) fermer();
    });
  }

  // Les tableaux plus larges que l'écran. Sur un écran étroit (un téléphone, ou un zoom à
  // 200 %), un tableau simple s'empile : chaque ligne devient un bloc, chaque case précédée du
  // titre de sa colonne (écrit par la feuille de style, data-rv-colonne) ; les rôles ARIA
  // gardent le tableau pour les lecteurs d'écran. Sinon, et pour la matrice des expériences,
  // le tableau défile dans son cadre : ce cadre devient atteignable au clavier (Tab, puis les
  // flèches), nommé par le titre qui le précède, et dit au-dessus du tableau qu'il défile
  // (rv-deborde).
  const etroit = window.matchMedia("(max-width: 44.984375em)");
  const preparer = (table) => {
    if (table.hasAttribute("role")) return;
    const entetes = [...table.querySelectorAll(":scope > thead > tr > th")]
      .map((th) => th.textContent.trim());
    table.setAttribute("role", "table");
    for (const groupe of table.querySelectorAll(":scope > thead, :scope > tbody")) {
      groupe.setAttribute("role", "rowgroup");
    }
    for (const ligne of table.querySelectorAll(":scope > thead > tr, :scope > tbody > tr")) {
      ligne.setAttribute("role", "row");
      [...ligne.children].forEach((cellule, i) => {
        const entete = ligne.parentElement.tagName === "THEAD";
        const role = entete ? "columnheader" : cellule.tagName === "TH" ? "rowheader" : "cell";
        cellule.setAttribute("role", role);
        if (!entete && entetes[i]) cellule.setAttribute("data-rv-colonne", entetes[i]);
      });
    }
  };
  const tableauxLarges = () => {
    for (const table of document.querySelectorAll(".md-typeset table:not([class])")) {
      table.removeAttribute("data-rv-empile");
      if (!etroit.matches || !table.tHead) continue;
      const cadre = table.closest(".md-typeset__scrollwrap") || table;
      if (cadre.scrollWidth > cadre.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1) {
        preparer(table);
        table.setAttribute("data-rv-empile", "");
      }
    }
    for (const cadre of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .rv-matrice")) {
      const deborde = cadre.scrollWidth > cadre.clientWidth + 1;
      cadre.classList.toggle("rv-deborde", deborde);
      if (cadre.classList.contains("rv-matrice")) continue; // named and focusable in its HTML
      if (deborde) {
        let titre = cadre.previousElementSibling;
        while (titre && !/^H[1-6]$/.test(titre.tagName)) titre = titre.previousElementSibling;
        const nom = titre ? titre.textContent.replace("¶", "").trim() : "";
        cadre.setAttribute("tabindex", "0");
        cadre.setAttribute("role", "region");
        cadre.setAttribute("aria-label", nom ? `Tableau : ${nom}` : "Tableau");
      } else {
        for (const nom of ["tabindex", "role", "aria-label"]) cadre.removeAttribute(nom);
      }
    }
  };
  tableauxLarges(); // before the first paint, without waiting for Material's script
  if (window.document$) window.document$.subscribe(tableauxLarges);
  let attente = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(attente);
    attente = requestAnimationFrame(tableauxLarges);
  });
}

// Les panneaux de Material (menu, recherche) s'ouvrent par des cases à cocher cachées. Le
// thème leur mettait autocomplete="off", que la norme HTML n'autorise pas sur une case à
// cocher (RGAA 8.2), pour qu'un navigateur ne rouvre pas un panneau quand on revient sur la
// page par « Précédent » : l'attribut est retiré à la construction
// (hooks/engine/mkdocs_hooks.py), et ce réglage est fait ici. À chaque affichage de la page,
// y compris depuis l'historique, chaque case reprend l'état écrit dans la page (celui qu'aurait
// donné autocomplete="off") : panneaux fermés, rubrique de la page courante ouverte dans le menu.
window.addEventListener("pageshow", () => {
  for (const bascule of document.querySelectorAll("input.md-toggle[type=checkbox]")) {
    if (bascule.checked === bascule.defaultChecked) continue;
    bascule.checked = bascule.defaultChecked;
    bascule.dispatchEvent(new Event("change"));
  }
});

// Le bouton « Copier » des blocs de code, que le script de Material ajoute dans le bloc pre,
// est rangé dans un élément nav, que la norme HTML n'autorise pas dans pre : l'élément devient
// un span de même classe (même apparence), et le bouton reste le même bouton.
{
  const boutonsCopier = () => {
    for (const nav of document.querySelectorAll("pre > nav.md-code__nav")) {
      const span = document.createElement("span");
      span.className = nav.className;
      span.append(...nav.childNodes);
      nav.replaceWith(span);
    }
  };
  if (window.document$) window.document$.subscribe(() => setTimeout(boutonsCopier));
}
